import { describe, expect, it } from 'vitest';
import { aLicence, run } from '../licence-builder.test-helpers.js';
import { issuerRegion } from './issuer-region.js';

describe('issuer-region', () => {
  it.each([
    ['an issuer of another province', '京B2-20180910', '浙江省通信管理局', 'error'],
    ['MIIT on a provincial number', '京B2-20180910', '工业和信息化部', 'error'],
    ['a province on a national number', 'B2-20233776', '上海市通信管理局', 'error'],
    ['a province on a foreign-invested number', '合字B2-20160011', '北京市通信管理局', 'error'],
    ['an issuer that is no telecom authority', '京B2-20180910', '北京市通讯管理局', 'warning'],
    ['a market-regulation bureau as issuer', '沪B2-20200731', '上海市市场监督管理局', 'warning'],
  ])('reports %s', (_name, number, issuer, severity) => {
    const findings = run(issuerRegion, aLicence({ number, issuer }));
    expect(findings.map((f) => f.severity)).toEqual([severity]);
    expect(findings[0]?.message).toContain(issuer);
    expect(findings[0]?.fields).toEqual(['issuer', 'number']);
  });

  it.each([
    ['the province of the prefix', '沪B2-20200731', '上海市通信管理局'],
    ['the province written short', '沪B2-20200731', '上海通信管理局'],
    ['the province with its seal caption', '京B2-20180910', '北京市通信管理局（盖章）'],
    ['MIIT on a cross-regional number', 'B1.B2-20233345', '中华人民共和国工业和信息化部'],
    ['MIIT on a foreign-invested number', '合字B2-20160011', '工业和信息化部'],
    ['the former ministry on an old national number', 'B2-20060558', '中华人民共和国信息产业部'],
    ['Guizhou (黔)', '黔B2-20160068', '贵州省通信管理局'],
    ['Guizhou written with the variant 贵', '贵B2-20110282', '贵州省通信管理局'],
    ['Yunnan (滇)', '滇B2-20160011', '云南省通信管理局'],
  ])('accepts %s', (_name, number, issuer) => {
    expect(run(issuerRegion, aLicence({ number, issuer }))).toEqual([]);
  });

  it.each([
    ['no printed issuer (发证机关(盖章) alone)', '京B2-20180910', null],
    ['a malformed number (number-format reports it)', '泸B2-20200731', '浙江省通信管理局'],
  ])('says nothing with %s', (_name, number, issuer) => {
    expect(run(issuerRegion, aLicence({ number, issuer }))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  aLicence,
  aProvision,
  aService,
  aSignature,
  aWebsite,
} from './checks/licence-builder.test-helpers.js';
import type { Licence } from './licence.js';
import { describeRegressions, findRegressions, furnitureIn, isCut } from './regressions.js';

const held: Licence = aLicence({
  services: [
    aService({ excludes: ['新闻', '出版', '教育', '医疗保健', '药品和医疗器械', '电子公告服务'] }),
    aService({
      code: 'B21',
      name: '在线数据处理与交易处理业务',
      qualifier: null,
      coverage: ['全国'],
    }),
  ],
  websites: [aWebsite()],
  provisions: [
    aProvision('1', '你公司应当按照许可的业务种类和业务覆盖范围，依法开展业务经营活动。'),
    aProvision('2', '你公司应当在每年第一季度参加电信主管部门组织的经营许可证年检。'),
  ],
  signatures: [aSignature({ name: '王明', date: '2025-07-31' })],
});

function kinds(after: Licence): [string, string][] {
  return findRegressions(held, after).map((r) => [r.field, r.kind]);
}

describe('a new reading compared with the held version', () => {
  it('finds nothing in the same record, nor in one that only gained values', () => {
    expect(findRegressions(held, held)).toEqual([]);
    const more = {
      ...held,
      holder: { ...held.holder, address: `${held.holder.address ?? ''}（A座）` },
      facilities: ['上海市'],
    };
    expect(findRegressions(held, more)).toEqual([]);
  });

  it('finds a value that became empty: lost, named in words, with its old value', () => {
    const r = findRegressions(held, { ...held, expiresOn: null, services: [] });
    expect(r).toEqual([
      expect.objectContaining({
        field: 'services',
        fieldName: '业务种类',
        fieldNameEn: 'Services',
        kind: 'lost',
        after: '',
      }),
      {
        field: 'expiresOn',
        fieldName: '有效期至',
        fieldNameEn: 'Expires on',
        kind: 'lost',
        before: held.expiresOn,
        after: '',
      },
    ]);
  });

  it('finds a qualifier wrapped across lines and cut, and the exclusions dropped after it', () => {
    const first = held.services[0];
    if (first === undefined) throw new Error('no service');
    const after = {
      ...held,
      services: [
        { ...first, qualifier: '仅限互联网信息服', excludes: [] },
        ...held.services.slice(1),
      ],
    };
    const r = findRegressions(held, after);
    expect(r.map((x) => [x.field, x.kind, x.fieldName])).toEqual([
      ['services[0].qualifier', 'shrunk', '第 1 项业务的限定说明'],
      ['services[0].excludes', 'lost', '第 1 项业务的不含'],
    ]);
    expect(r[0]).toMatchObject({ before: '仅限互联网信息服务', after: '仅限互联网信息服' });
  });

  it('finds fewer items in a list, and pairs services by code whatever their order', () => {
    const [a, b] = held.services;
    if (a === undefined || b === undefined) throw new Error('no services');
    expect(kinds({ ...held, services: [b] })).toEqual([['services', 'shrunk']]);
    expect(kinds({ ...held, services: [b, a] })).toEqual([]);
    expect(kinds({ ...held, services: [b, { ...a, excludes: a.excludes.slice(0, 2) }] })).toEqual([
      ['services[1].excludes', 'shrunk'],
    ]);
  });

  it('finds page furniture a provision gained, and not the same text already held', () => {
    const [p1, p2] = held.provisions;
    if (p1 === undefined || p2 === undefined) throw new Error('no provisions');
    const stamped = {
      ...held,
      provisions: [{ ...p1, text: `${p1.text} 11/28/26, 9:09 AM 1/8` }, p2],
    };
    expect(kinds(stamped)).toEqual([['provisions[0].text', 'furniture']]);
    expect(findRegressions(stamped, stamped)).toEqual([]);
    const url = {
      ...held,
      provisions: [p1, { ...p2, text: `${p2.text}https://tsm.miit.gov.cn/x` }],
    };
    expect(kinds(url)).toEqual([['provisions[1].text', 'furniture']]);
    const header = {
      ...held,
      provisions: [p1, { ...p2, text: `${p2.text}经营许可证编号：沪B2-20250731` }],
    };
    expect(kinds(header)).toEqual([['provisions[1].text', 'furniture']]);
  });

  it('does not take a renamed value, a new date or reordered whitespace for a regression', () => {
    expect(kinds({ ...held, expiresOn: '2031-07-31' })).toEqual([]);
    expect(
      kinds({ ...held, holder: { ...held.holder, name: '上海青禾数字科技有限公司' } }),
    ).toEqual([]);
    const spaced = { ...held, holder: { ...held.holder, name: '上海青禾 网络科技有限公司' } };
    expect(kinds(spaced)).toEqual([]);
  });

  it('finds a name cut short and a signature that lost its date', () => {
    const after = {
      ...held,
      holder: { ...held.holder, name: '上海青禾网络科技' },
      signatures: [aSignature({ name: '王明', date: null })],
    };
    expect(kinds(after)).toEqual([
      ['holder.name', 'shrunk'],
      ['signatures[0].date', 'lost'],
    ]);
  });

  it('describes regressions in words for a note', () => {
    const r = findRegressions(held, { ...held, expiresOn: null });
    expect(describeRegressions(r, 'zh')).toBe(`有效期至（丢失：${held.expiresOn ?? ''}）`);
    expect(describeRegressions(r, 'en')).toBe(`Expires on (lost: ${held.expiresOn ?? ''})`);
  });
});

describe('cuts and furniture', () => {
  it.each([
    ['仅限互联网信息服务', '仅限互联网信息服', true],
    ['不含新闻、出版、教育', '不含新闻教育', true],
    ['不含新闻、出版、教育', '不含新闻、出版、教育', false],
    ['不含新闻、出版、教育', '不 含新闻、出版、教育', false],
    ['云智联网络科技（北京）有限公司', '云智联网络科技(北京)有限公司', false],
    ['abc', '', false],
  ])('%s → %s is a cut: %s', (before, after, cut) => {
    expect(isCut(before, after)).toBe(cut);
  });

  it.each([
    ['11/28/26, 9:09 AM', ['11/28/26, 9:09 AM']],
    ['打印于 2026/11/28 09:09', ['2026/11/28 09:09']],
    ['…规定。 1/8', ['1/8']],
    ['第 3 页 共 8 页', ['第 3 页', '共 8 页']],
    ['Page 2 of 8', ['Page 2 of 8']],
    ['https://example.test/licence?id=1', ['https://example.test/licence?id=1']],
    ['经营许可证编号：京B2-20180910', ['经营许可证编号：京B2-20180910']],
    ['增值电信业务经营许可证', ['增值电信业务经营许可证']],
    ['特颁发增值电信业务经营许可证。', []],
    ['不含新闻、出版、教育、医疗保健', []],
    ['9/3', []],
    ['2023年05月3日', []],
  ])('finds in %j the furniture %j', (value, expected) => {
    expect(furnitureIn(value)).toEqual(expected);
  });
});

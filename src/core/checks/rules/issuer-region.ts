import type { Finding } from '../finding.js';
import { numberOf, regionOfNumber } from '../facts.js';
import { findRegionByAuthority, isMiitName } from '../../regions.js';
import { RuleId, makeFinding, type Rule } from '../rule.js';

/**
 * A printed issuer must be the authority the number implies: a province prefix → that province's
 * 通信管理局; no prefix, or `合字` → 工业和信息化部. An issuer xuke does not recognise at all is a
 * warning (a misspelt authority is a forgery signal, but also an OCR slip). When the issuer is not
 * printed (`发证机关(盖章)` alone) or the number is unreadable, there is nothing to compare.
 */
export const issuerRegion: Rule = {
  id: RuleId.issuerRegion,
  severities: ['error', 'warning'],
  title: '发证机关与编号',
  titleEn: 'Issuer and number',
  basis:
    '《中华人民共和国电信条例》第九条、《电信业务经营许可管理办法》（工业和信息化部令第42号）第九条：' +
    '省、自治区、直辖市范围内的《增值电信业务经营许可证》由该省通信管理局审批，《跨地区增值电信业务经营许可证》' +
    '和《基础电信业务经营许可证》由工业和信息化部审批；外商投资（合字）许可证由部签发' +
    '（2001 年令第19号第十四条）',
  basisEn:
    '《中华人民共和国电信条例》 (Telecommunications Regulations of the People’s Republic of ' +
    'China) art. 9 and 《电信业务经营许可管理办法》 (Measures for the Administration of ' +
    'Telecommunications Business Licences, MIIT Order No. 42) art. 9: a ' +
    '《增值电信业务经营许可证》 (Value-Added Telecommunications Business Operating Licence) ' +
    'within a province, autonomous region or municipality directly under the central ' +
    'government is approved by that province’s communications administration; the ' +
    '《跨地区增值电信业务经营许可证》 (Cross-Regional Value-Added Telecommunications Business ' +
    'Operating Licence) and the 《基础电信业务经营许可证》 (Basic Telecommunications Business ' +
    'Operating Licence) are approved by MIIT; foreign-invested (“合字”) licences are signed ' +
    'and issued by the Ministry (Order No. 19 of 2001, art. 14)',
  check(input): Finding[] {
    const { issuer } = input.licence;
    const number = numberOf(input.licence);
    if (issuer === null || issuer.trim() === '' || number === undefined) return [];
    const fields = ['issuer', 'number'];
    const expected = regionOfNumber(number);
    const issuerIsMiit = isMiitName(issuer);
    const issuerRegionFound = issuerIsMiit ? undefined : findRegionByAuthority(issuer);

    if (!issuerIsMiit && issuerRegionFound === undefined) {
      return [
        makeFinding(issuerRegion, input, {
          severity: 'warning',
          message: `发证机关“${issuer}”不是可识别的电信管理机构（工业和信息化部或省级通信管理局）`,
          messageEn: `Issuer "${issuer}" is not a recognised telecom authority (MIIT or a provincial communications administration)`,
          fields,
        }),
      ];
    }
    if (expected === undefined) {
      // National number (no prefix, or 合字): only MIIT issues it.
      if (issuerIsMiit) return [];
      const why = number.foreignInvested ? '外商投资（合字）' : '无省份简称的';
      const whyEn = number.foreignInvested
        ? 'foreign-invested (合字)'
        : 'national (no province prefix)';
      return [
        makeFinding(issuerRegion, input, {
          severity: 'error',
          message: `编号 ${number.text} 为${why}许可证，应由工业和信息化部颁发，但发证机关为“${issuer}”`,
          messageEn: `Number ${number.text} is a ${whyEn} licence, issued by MIIT, but the issuer is "${issuer}"`,
          fields,
        }),
      ];
    }
    if (issuerRegionFound?.code === expected.code) return [];
    return [
      makeFinding(issuerRegion, input, {
        severity: 'error',
        message: `编号 ${number.text} 的省份简称“${expected.abbr}”对应${expected.authority}，但发证机关为“${issuer}”`,
        messageEn: `Number ${number.text} has the prefix "${expected.abbr}" of ${expected.authority}, but the issuer is "${issuer}"`,
        fields,
      }),
    ];
  },
};

import type { Finding } from '../finding.js';
import { parseNumberOf } from '../facts.js';
import { RuleId, makeFinding, type Rule } from '../rule.js';

/**
 * The licence number must follow the grammar seen on real licences, with a known province
 * abbreviation and known category codes. A legacy form (`B2-2004-0851`) is only info: it is
 * attested once and may be real (licensing.md §3.1).
 */
export const numberFormat: Rule = {
  id: RuleId.numberFormat,
  severities: ['error', 'info'],
  title: '经营许可证编号格式',
  titleEn: 'Licence number format',
  basis:
    '经营许可证编号格式（实践，无官方格式文本）：省级证为“省简称＋B1/B2＋-＋4 位年份＋4 位序号”，' +
    '工业和信息化部颁发的跨地区证无省简称，外商投资证以“合字”开头，多类别以“.”连接（如 B1.B2）',
  basisEn:
    'Licence number format (practice, no official format text): a provincial licence is ' +
    '“province abbreviation + B1/B2 + - + 4-digit year + 4-digit serial number”; a ' +
    'cross-regional licence issued by MIIT has no province abbreviation; a foreign-invested ' +
    'licence begins with “合字”; several categories are joined with “.” (e.g. B1.B2)',
  check(input): Finding[] {
    const parsed = parseNumberOf(input.licence);
    // No number at all is the parser's note to make, not a finding: a missing field is not a
    // wrong one, and a registry record may simply not carry it.
    if (parsed === undefined) return [];
    if (!parsed.ok) {
      return [
        makeFinding(numberFormat, input, {
          severity: 'error',
          // The parser's message already names the number and what is wrong with it.
          message: parsed.message,
          messageEn: parsed.messageEn,
          fields: ['number'],
        }),
      ];
    }
    const findings: Finding[] = [];
    const { number } = parsed;
    if (number.regionVariant !== null && number.region !== null) {
      // 贵 for 黔 is attested once in a footer (licensing.md §3.1); which form the authority
      // printed is UNCONFIRMED, so this is worth a look, not a fault.
      findings.push(
        makeFinding(numberFormat, input, {
          severity: 'info',
          message: `经营许可证编号使用省份简称“${number.regionVariant}”，编号通常用“${number.region}”`,
          messageEn: `The licence number uses the abbreviation "${number.regionVariant}"; numbers usually use "${number.region}"`,
          fields: ['number'],
        }),
      );
    }
    if (number.legacyFormat) {
      findings.push(
        makeFinding(numberFormat, input, {
          severity: 'info',
          message: `经营许可证编号“${number.text}”为旧式格式，请核实`,
          messageEn: `Licence number "${number.text}" is in a legacy format; verify it`,
          fields: ['number'],
        }),
      );
    }
    return findings;
  },
};

import type { Finding } from '../finding.js';
import { isoOrUndefined, numberOf, yearOf } from '../facts.js';
import { RuleId, makeFinding, type Rule } from '../rule.js';

/**
 * The year in the number is the year of first issue; numbers are kept on renewal (licensing.md
 * §3.1, inferred from numbers displayed long after their year). So a year before the issue date is
 * normal for a renewed licence (info), but a year after it cannot be (error).
 */
export const numberYear: Rule = {
  id: RuleId.numberYear,
  severities: ['error', 'info'],
  title: '编号年份与发证日期',
  titleEn: 'Number year and issue date',
  basis:
    '实践：经营许可证编号中的 4 位年份为首次发证年份，延续时编号保留不变（licensing.md §3.1，推断）；' +
    '编号年份不可能晚于发证日期',
  basisEn:
    'Practice: the 4-digit year in the licence number is the year of first issue, and the ' +
    'number stays unchanged on renewal (licensing.md §3.1, inference); the number year cannot ' +
    'be later than the issue date',
  check(input): Finding[] {
    const number = numberOf(input.licence);
    const issuedOn = isoOrUndefined(input.licence.issuedOn);
    if (number === undefined || issuedOn === undefined) return [];
    const issueYear = yearOf(issuedOn);
    if (number.year > issueYear) {
      return [
        makeFinding(numberYear, input, {
          severity: 'error',
          message: `编号年份 ${number.year} 晚于发证日期 ${issuedOn}`,
          messageEn: `The number's year ${number.year} is after the issue date ${issuedOn}`,
          fields: ['number', 'issuedOn'],
        }),
      ];
    }
    if (number.year < issueYear) {
      return [
        makeFinding(numberYear, input, {
          severity: 'info',
          message: `编号年份 ${number.year} 早于发证日期 ${issuedOn}：编号在延续时保留，此证可能为延续换发`,
          messageEn: `The number's year ${number.year} is before the issue date ${issuedOn}: numbers are kept on renewal, so this is likely a renewed licence`,
          fields: ['number', 'issuedOn'],
        }),
      ];
    }
    return [];
  },
};

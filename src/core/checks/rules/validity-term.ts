import { daysBetween } from '../../dates.js';
import type { Finding } from '../finding.js';
import { addYears, classOf, isoOrUndefined, startOf } from '../facts.js';
import { RuleId, makeFinding, type Rule } from '../rule.js';

/**
 * One day either way: documents print the last day of validity either as the anniversary
 * (2025-07-31 → 2030-07-31) or as the day before it (→ 2030-07-30); both are the 5 years.
 */
const TOLERANCE_DAYS = 1;

/**
 * A value-added licence runs 5 years; a basic one 5 or 10 by service type. A licence of unknown
 * class (no kind, no readable number) is not judged: guessing would cry wolf.
 */
export const validityTerm: Rule = {
  id: RuleId.validityTerm,
  severities: ['error'],
  title: '有效期限',
  titleEn: 'Validity term',
  basis:
    '《电信业务经营许可证管理办法》（2001 年信息产业部令第19号）第十三条：《跨地区增值电信业务经营许可证》和' +
    '省、自治区、直辖市范围内的《增值电信业务经营许可证》的有效期限为 5 年，《基础电信业务经营许可证》为 5 年或 10 年；' +
    '《电信业务经营许可管理办法》（工业和信息化部令第42号）施行后实践相同（5 年）',
  basisEn:
    '《电信业务经营许可证管理办法》 (Measures for the Administration of Telecommunications ' +
    'Business Operating Licences, Ministry of Information Industry (MII) Order No. 19 of 2001) ' +
    'art. 13: the 《跨地区增值电信业务经营许可证》 (Cross-Regional Value-Added ' +
    'Telecommunications Business Operating Licence) and the 《增值电信业务经营许可证》 ' +
    '(Value-Added Telecommunications Business Operating Licence) within a province, autonomous ' +
    'region or municipality directly under the central government are valid for 5 years, the ' +
    '《基础电信业务经营许可证》 (Basic Telecommunications Business Operating Licence) for 5 or ' +
    '10 years; since 《电信业务经营许可管理办法》 (Measures for the Administration of ' +
    'Telecommunications Business Licences, MIIT Order No. 42) took effect, practice has been ' +
    'the same (5 years)',
  check(input): Finding[] {
    const { licence } = input;
    const licenceClass = classOf(licence);
    const start = startOf(licence);
    const expiresOn = isoOrUndefined(licence.expiresOn);
    if (licenceClass === 'unknown' || start === undefined || expiresOn === undefined) return [];
    const fields = [start.field, 'expiresOn'];
    const days = daysBetween(start.date, expiresOn);
    if (days < 0) {
      return [
        makeFinding(validityTerm, input, {
          severity: 'error',
          message: `有效期至 ${expiresOn} 早于${start.field === 'validFrom' ? '有效期起始日' : '发证日期'} ${start.date}`,
          messageEn: `The expiry date ${expiresOn} is before the ${start.field === 'validFrom' ? 'start of validity' : 'issue date'} ${start.date}`,
          fields,
        }),
      ];
    }
    const allowedYears = licenceClass === 'basic' ? [5, 10] : [5];
    const fits = allowedYears.some(
      (years) => Math.abs(daysBetween(addYears(start.date, years), expiresOn)) <= TOLERANCE_DAYS,
    );
    if (fits) return [];
    return [
      makeFinding(validityTerm, input, {
        severity: 'error',
        message:
          licenceClass === 'basic'
            ? `有效期 ${days} 天，基础电信业务经营许可证有效期为 5 年或 10 年`
            : `有效期 ${days} 天，增值电信业务经营许可证有效期为 5 年`,
        messageEn:
          licenceClass === 'basic'
            ? `Validity is ${days} days; a basic telecom licence runs 5 or 10 years`
            : `Validity is ${days} days; a value-added telecom licence runs 5 years`,
        fields,
      }),
    ];
  },
};

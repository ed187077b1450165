import { daysBetween } from '../../dates.js';
import type { Finding } from '../finding.js';
import { isoOrUndefined } from '../facts.js';
import { RuleId, makeFinding, type Rule } from '../rule.js';

/** The expiry date is the last day of validity: a licence expiring today is still in force. */
export const expired: Rule = {
  id: RuleId.expired,
  severities: ['error'],
  title: '许可证已过期',
  titleEn: 'Licence expired',
  basis:
    '《中华人民共和国电信条例》第七条：经营电信业务须取得电信业务经营许可证；' +
    '《电信业务经营许可管理办法》（工业和信息化部令第42号）第二十七条：有效期届满未获延续的，不得继续经营',
  basisEn:
    '《中华人民共和国电信条例》 (Telecommunications Regulations of the People’s Republic of ' +
    'China) art. 7: operating a telecommunications business requires a telecommunications ' +
    'business operating licence; 《电信业务经营许可管理办法》 (Measures for the Administration ' +
    'of Telecommunications Business Licences, MIIT Order No. 42) art. 27: where the term has ' +
    'expired without a renewal being granted, the business may not continue to operate',
  check(input): Finding[] {
    const expiresOn = isoOrUndefined(input.licence.expiresOn);
    if (expiresOn === undefined || expiresOn >= input.today) return [];
    const days = daysBetween(expiresOn, input.today);
    return [
      makeFinding(expired, input, {
        severity: 'error',
        message: `经营许可证已于 ${expiresOn} 到期，至 ${input.today} 已过期 ${days} 天`,
        messageEn: `The licence expired on ${expiresOn}, ${days} days before ${input.today}`,
        fields: ['expiresOn'],
      }),
    ];
  },
};

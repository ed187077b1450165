import { addDays, daysBetween } from '../../dates.js';
import type { Finding } from '../finding.js';
import { isoOrUndefined } from '../facts.js';
import { RuleId, makeFinding, type Rule } from '../rule.js';

/** 提前 90 日 (Order 42 art. 27): inside this window the renewal deadline has come. */
export const RENEWAL_NOTICE_DAYS = 90;

/**
 * Expiry within 90 days: the renewal application was due at expiry − 90 days (calendar days, not
 * working days: deadlines.md), so it is due today or overdue.
 */
export const expiring: Rule = {
  id: RuleId.expiring,
  severities: ['warning'],
  title: '许可证即将到期',
  titleEn: 'Licence expiring',
  basis:
    '《电信业务经营许可管理办法》（工业和信息化部令第42号）第二十七条：有效期届满需要继续经营的，' +
    '应当提前 90 日向原发证机关提出延续申请；未按期申请的，有效期届满不予延续',
  basisEn:
    '《电信业务经营许可管理办法》 (Measures for the Administration of Telecommunications ' +
    'Business Licences, MIIT Order No. 42) art. 27: a holder that needs to continue operating ' +
    'after the term expires shall apply to the original issuing authority for renewal 90 days ' +
    'in advance; where it does not apply on time, the licence is not renewed when the term ' +
    'expires',
  check(input): Finding[] {
    const expiresOn = isoOrUndefined(input.licence.expiresOn);
    if (expiresOn === undefined) return [];
    const daysLeft = daysBetween(input.today, expiresOn);
    if (daysLeft < 0 || daysLeft > RENEWAL_NOTICE_DAYS) return [];
    const renewBy = addDays(expiresOn, -RENEWAL_NOTICE_DAYS);
    return [
      makeFinding(expiring, input, {
        severity: 'warning',
        message: `经营许可证将于 ${expiresOn} 到期（剩 ${daysLeft} 天），延续申请应不晚于 ${renewBy} 提出`,
        messageEn: `The licence expires on ${expiresOn} (${daysLeft} days left); renewal was due by ${renewBy}`,
        fields: ['expiresOn'],
      }),
    ];
  },
};

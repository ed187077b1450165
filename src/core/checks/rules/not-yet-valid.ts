import { daysBetween } from '../../dates.js';
import type { Finding } from '../finding.js';
import { startOf } from '../facts.js';
import { RuleId, makeFinding, type Rule } from '../rule.js';

/**
 * The licence's first day (printed range start, else issue date) is after today. Error, like
 * `expired`: on this day the document authorises nothing. A renewal issued ahead of time shows
 * here too, and the message says when it starts.
 */
export const notYetValid: Rule = {
  id: RuleId.notYetValid,
  severities: ['error'],
  title: '许可证尚未生效',
  titleEn: 'Licence not yet valid',
  basis:
    '《中华人民共和国电信条例》第七条：经营电信业务须取得电信业务经营许可证；许可证自证载日期起生效' +
    '（以证载有效期为准，licensing.md §1.4）',
  basisEn:
    '《中华人民共和国电信条例》 (Telecommunications Regulations of the People’s Republic of ' +
    'China) art. 7: operating a telecommunications business requires a telecommunications ' +
    'business operating licence; a licence takes effect from the date stated on it (the ' +
    'validity period stated on the licence governs, licensing.md §1.4)',
  check(input): Finding[] {
    const start = startOf(input.licence);
    if (start === undefined || start.date <= input.today) return [];
    const days = daysBetween(input.today, start.date);
    const what = start.field === 'validFrom' ? '有效期起始日' : '发证日期';
    const whatEn = start.field === 'validFrom' ? 'validity starts' : 'issue date is';
    return [
      makeFinding(notYetValid, input, {
        severity: 'error',
        message: `${what} ${start.date} 晚于 ${input.today}（尚有 ${days} 天）`,
        messageEn: `The ${whatEn} ${start.date}, ${days} days after ${input.today}`,
        fields: [start.field],
      }),
    ];
  },
};

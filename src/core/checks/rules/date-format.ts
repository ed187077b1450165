import { findDates } from '../../dates.js';
import type { Finding } from '../finding.js';
import { RuleId, makeFinding, type Rule } from '../rule.js';

/** The evidence keys that hold printed dates: the three dates, and the signature blocks. */
const DATE_FIELD = /^(?:issuedOn|expiresOn|validFrom|signatures\[\d+\](?:\.date)?)$/u;

/**
 * A printed date in an irregular form (`2023年05月3日`: the month padded, the day not). An
 * authority's template prints dates one way; a hand-edited date often breaks the pattern. Only
 * info: real licences have typos too. Needs the parser's evidence lines; a bare record has none.
 */
export const dateFormat: Rule = {
  id: RuleId.dateFormat,
  severities: ['info'],
  title: '日期书写不规范',
  titleEn: 'Irregular printed date',
  basis:
    '实践：发证机关模板以统一格式印制日期（如 2023年05月03日）；同一证件中不规范的日期书写提示该处可能被改动，需人工核对',
  basisEn:
    'Practice: the issuing authority’s template prints dates in one uniform format (e.g. ' +
    '“2023年05月03日”); an irregularly written date in the same licence suggests that the ' +
    'place may have been altered and needs checking by hand',
  check(input): Finding[] {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    const dated = Object.entries(input.evidence)
      .filter(([field]) => DATE_FIELD.test(field))
      .sort(([, a], [, b]) => a.line - b.line);
    for (const [field, evidence] of dated) {
      // The evidence text is the whole line (`有效期至：2023年05月3日`): cut each date out of it.
      for (const { raw, parse: parsed } of findDates(evidence.text)) {
        const key = `${evidence.line}\u0000${raw}`;
        if (seen.has(key)) continue;
        seen.add(key);
        // Blank slots (年 月 日) and unreadable dates are the parser's notes, not this rule's.
        if (!parsed.ok || !parsed.irregular) continue;
        findings.push(
          makeFinding(dateFormat, input, {
            severity: 'info',
            message: `日期书写不规范：“${raw}”（即 ${parsed.date}）`,
            messageEn: `Irregular printed date "${raw}" (read as ${parsed.date})`,
            fields: [field],
          }),
        );
      }
    }
    return findings;
  },
};

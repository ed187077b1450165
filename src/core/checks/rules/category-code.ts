import { categoryOf } from '../../catalogue.js';
import type { Finding } from '../finding.js';
import { numberOf } from '../facts.js';
import { RuleId, makeFinding, type Rule } from '../rule.js';

/**
 * Each service's catalogue category (B11 → B1, B25 → B2, A23-1 → A2) must be one of the
 * categories the number lists (`B1.B2-…` lists both). Services without a catalogue code, and
 * unreadable numbers, are not judged.
 */
export const categoryCode: Rule = {
  id: RuleId.categoryCode,
  severities: ['error'],
  title: '业务类别与编号',
  titleEn: 'Service category and number',
  basis:
    '《电信业务分类目录（2015年版）》：第一类增值电信业务 B1 含 B11–B14，第二类增值电信业务 B2 含 B21–B26；' +
    '经营许可证编号所列类别（如 B1.B2）须涵盖证载各项业务',
  basisEn:
    '《电信业务分类目录（2015年版）》 (Catalogue of Telecommunications Services, 2015 ' +
    'edition): Category I value-added telecommunications services (B1) comprise B11–B14, ' +
    'Category II value-added telecommunications services (B2) comprise B21–B26; the categories ' +
    'listed in the licence number (e.g. B1.B2) must cover every service stated on the licence',
  check(input): Finding[] {
    const number = numberOf(input.licence);
    if (number === undefined) return [];
    const findings: Finding[] = [];
    input.licence.services.forEach((service, index) => {
      if (service.code === null) return;
      const category = categoryOf(service.code);
      if (category === undefined || number.categories.includes(category)) return;
      findings.push(
        makeFinding(categoryCode, input, {
          severity: 'error',
          message: `“${service.name}”（${service.code}）属于 ${category} 类，编号 ${number.text} 仅含 ${number.categories.join('.')}`,
          messageEn: `"${service.name}" (${service.code}) is in category ${category}, but number ${number.text} lists only ${number.categories.join('.')}`,
          fields: [`services[${index}].code`, 'number'],
        }),
      );
    });
    return findings;
  },
};

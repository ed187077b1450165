import type { Finding } from '../finding.js';
import { RuleId, makeFinding, type Rule } from '../rule.js';

/**
 * A provision marked （适用于…服务） binds only holders licensed for that service. When the licence
 * excludes the service (不含…), the provision is inert: worth knowing when reading obligations, not
 * a defect. The seed's provisions 15.12 and 15.14 are such (deadlines.md).
 */
export const provisionNotApplicable: Rule = {
  id: RuleId.provisionNotApplicable,
  severities: ['info'],
  title: '特别规定事项不适用',
  titleEn: 'Provision does not apply',
  basis:
    '特别规定事项中标注“（适用于…服务）”的条款仅约束经营该服务的持证人；证载业务不含该服务时，该条款不适用' +
    '（deadlines.md，依种子许可证第十五项）',
  basisEn:
    'A clause of the special provisions marked “（适用于…服务）” (“applies to … services”) ' +
    'binds only a holder that operates that service; when the services on the licence do not ' +
    'include it, the provision does not apply (deadlines.md, from item 15 of the seed licence)',
  check(input): Finding[] {
    const { services } = input.licence;
    const findings: Finding[] = [];
    input.licence.provisions.forEach((provision, index) => {
      if (provision.appliesTo === null) return;
      const target = normalise(provision.appliesTo);
      if (target === '') return;
      const excludedBy = services.findIndex((s) => s.excludes.some((e) => sameService(e, target)));
      if (excludedBy < 0) return;
      // Another service that names it among its inclusions makes the provision bind after all.
      if (services.some((s) => s.includes.some((i) => sameService(i, target)))) return;
      const excluding = services[excludedBy]?.name ?? '';
      findings.push(
        makeFinding(provisionNotApplicable, input, {
          severity: 'info',
          message: `第 ${provision.id} 项特别规定事项适用于${provision.appliesTo}，而“${excluding}”不含该服务，故不适用`,
          messageEn: `Special provision ${provision.id} applies to ${provision.appliesTo}, which "${excluding}" excludes; it does not apply`,
          fields: [`provisions[${index}]`, `services[${excludedBy}].excludes`],
        }),
      );
    });
    return findings;
  },
};

function normalise(text: string): string {
  return text.replace(/[\s\u3000（）()]/gu, '');
}

/** Shorter names than this are too vague to match by prefix (`信息` would match everything). */
const MIN_PREFIX_MATCH = 4;

/** `信息搜索查询服务` matches itself, and a longer or shorter spelling (`信息搜索查询服务业务`). */
function sameService(written: string, target: string): boolean {
  const w = normalise(written);
  if (w === target) return true;
  if (Math.min(w.length, target.length) < MIN_PREFIX_MATCH) return false;
  return w.startsWith(target) || target.startsWith(w);
}

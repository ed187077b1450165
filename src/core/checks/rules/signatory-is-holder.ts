import type { Finding } from '../finding.js';
import { RuleId, makeFinding, type Rule } from '../rule.js';

/**
 * The issuing official (司(局)负责人, 签发人) signs for the authority; the holder's legal
 * representative signs, if at all, as 公司代表. The same name in both places means the holder's
 * name was put where the authority's belongs: a forgery signal (the seed shows it).
 */
export const signatoryIsHolder: Rule = {
  id: RuleId.signatoryIsHolder,
  severities: ['warning'],
  title: '签发人与法定代表人相同',
  titleEn: 'Issuing official is the holder',
  basis:
    '《电信业务经营许可证管理办法》（2001 年信息产业部令第19号）第十二条、第十四条：经营许可证载明签发人，' +
    '由发证机关负责人签发；持证公司的法定代表人不能是签发人',
  basisEn:
    '《电信业务经营许可证管理办法》 (Measures for the Administration of Telecommunications ' +
    'Business Operating Licences, Ministry of Information Industry (MII) Order No. 19 of 2001) ' +
    'arts. 12 and 14: the operating licence states its issuing official and is signed and ' +
    'issued by the head of the issuing authority; the legal representative of the licensed ' +
    'company cannot be the issuing official',
  check(input): Finding[] {
    const representative = normaliseName(input.licence.holder.legalRepresentative);
    if (representative === '') return [];
    const findings: Finding[] = [];
    input.licence.signatures.forEach((signature, index) => {
      if (!isIssuingOfficialRole(signature.role)) return;
      if (normaliseName(signature.name) !== representative) return;
      findings.push(
        makeFinding(signatoryIsHolder, input, {
          severity: 'warning',
          message: `签署栏“${signature.role}”的签署人 ${signature.name ?? ''} 即持证公司法定代表人`,
          messageEn: `The "${signature.role}" signatory ${signature.name ?? ''} is the holder's legal representative`,
          fields: [`signatures[${index}].name`, 'holder.legalRepresentative'],
        }),
      );
    });
    return findings;
  },
};

/**
 * The authority's side of a signature block: 司(局)负责人, 局负责人, 签发人, 部长… — not 公司代表
 * (which also contains 司, hence the explicit exclusion).
 */
export function isIssuingOfficialRole(role: string): boolean {
  if (role.includes('公司') || role.includes('企业')) return false;
  return /[司局部]|签发|发证/u.test(role);
}

function normaliseName(name: string | null): string {
  // Names print with spaces between characters (李 国 杰) on some templates.
  return (name ?? '').replace(/[\s\u3000·•]/gu, '');
}

import { checkCreditCode, normaliseCreditCode } from '../../credit-code.js';
import type { Finding } from '../finding.js';
import { RuleId, makeFinding, type Rule } from '../rule.js';

/**
 * A printed 统一社会信用代码 must follow GB 32100 (the table of positions 1–2, digits in 3–8) and pass
 * both check characters; an unprinted one is not judged.
 */
export const creditCode: Rule = {
  id: RuleId.creditCode,
  severities: ['error'],
  title: '统一社会信用代码校验',
  titleEn: 'Unified social credit code',
  basis:
    'GB 32100-2015《法人和其他组织统一社会信用代码编码规则》：第 1 位为登记管理部门代码、第 2 位为' +
    '机构类别代码（按该标准的代码表）；第 3–8 位为登记管理机关行政区划码（GB/T 2260，数字）；' +
    '第 9–17 位为组织机构代码，其第 9 位校验码按 GB 11714-1997《全国组织机构代码编制规则》（模 11）；' +
    '第 18 位为校验码（模 31）',
  basisEn:
    'GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》 (Coding Rule of the Unified ' +
    'Social Credit Code for Legal Persons and Other Organizations): the 1st character is the ' +
    'registration authority and the 2nd the organization type (from the standard’s table); ' +
    'characters 3–8 are the registering authority’s administrative division code (GB/T 2260, ' +
    'digits); characters 9–17 are the organization code, whose 9th character is a check ' +
    'character under GB 11714-1997 《全国组织机构代码编制规则》 (Rules of Coding for the ' +
    'National Organization Code) (mod 11); the 18th character is the check character (mod 31)',
  check(input): Finding[] {
    const code = input.licence.holder.creditCode;
    if (code === null || code.trim() === '') return [];
    // Full-width or spaced-out characters are print, not a wrong code.
    const result = checkCreditCode(normaliseCreditCode(code));
    if (result.ok) return [];
    return [
      makeFinding(creditCode, input, {
        severity: 'error',
        // The checker's message names the code, the position and the expected character.
        message: result.message,
        messageEn: result.messageEn,
        fields: ['holder.creditCode'],
      }),
    ];
  },
};

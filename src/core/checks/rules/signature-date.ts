import type { Finding } from '../finding.js';
import { isoOrUndefined } from '../facts.js';
import { RuleId, makeFinding, type Rule } from '../rule.js';

/**
 * A signature block dated otherwise than the issue date. The seed's 公司代表 block reads 2018-06-06
 * on a licence issued 2022-09-05: a block copied from another document is a forgery signal. An
 * undated block (年 月 日 left blank) is not judged.
 */
export const signatureDate: Rule = {
  id: RuleId.signatureDate,
  severities: ['warning'],
  title: '签署日期与发证日期',
  titleEn: 'Signature date and issue date',
  basis:
    '《电信业务经营许可证管理办法》（2001 年信息产业部令第19号）第十二条：正文载明发证机关、发证日期和签发人；' +
    '各页签署栏的日期应与发证日期一致（实践）',
  basisEn:
    '《电信业务经营许可证管理办法》 (Measures for the Administration of Telecommunications ' +
    'Business Operating Licences, Ministry of Information Industry (MII) Order No. 19 of 2001) ' +
    'art. 12: the main text states the issuing authority, the issue date and the issuing ' +
    'official; the date in the signature block of each page should match the issue date ' +
    '(practice)',
  check(input): Finding[] {
    const issuedOn = isoOrUndefined(input.licence.issuedOn);
    if (issuedOn === undefined) return [];
    const findings: Finding[] = [];
    input.licence.signatures.forEach((signature, index) => {
      const date = isoOrUndefined(signature.date);
      if (date === undefined || date === issuedOn) return;
      findings.push(
        makeFinding(signatureDate, input, {
          severity: 'warning',
          message: `签署栏“${signature.role}”的日期 ${date} 与发证日期 ${issuedOn} 不一致`,
          messageEn: `The "${signature.role}" signature is dated ${date}, not the issue date ${issuedOn}`,
          fields: [`signatures[${index}].date`, 'issuedOn'],
        }),
      );
    });
    return findings;
  },
};

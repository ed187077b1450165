/**
 * The title of each rule a finding can name, Chinese then English, as the core's rules carry them
 * (`title`/`titleEn` of src/core/checks/rules/* and of the register's rules in
 * src/core/trust/assess.ts; the API's findings carry only the `ruleId`). Pages show the title; the
 * id stays available for support in the title's tooltip. rule-titles.test.ts fails when a rule of
 * the core has no title here, or a different one.
 */
import type { Lang } from '../../i18n';

export const RULE_TITLES: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  unreadable: ['未能读出', 'Could not read'],
  'number-format': ['经营许可证编号格式', 'Licence number format'],
  'number-year': ['编号年份与发证日期', 'Number year and issue date'],
  'validity-term': ['有效期限', 'Validity term'],
  expired: ['许可证已过期', 'Licence expired'],
  expiring: ['许可证即将到期', 'Licence expiring'],
  'not-yet-valid': ['许可证尚未生效', 'Licence not yet valid'],
  'issuer-region': ['发证机关与编号', 'Issuer and number'],
  'coverage-missing': ['未载明业务覆盖范围', 'Coverage not stated'],
  'coverage-scope': ['业务覆盖范围与许可证级别', 'Coverage and licence level'],
  'category-code': ['业务类别与编号', 'Service category and number'],
  'credit-code': ['统一社会信用代码校验', 'Unified social credit code'],
  'domain-format': ['网站域名格式', 'Website domain format'],
  'signature-date': ['签署日期与发证日期', 'Signature date and issue date'],
  'signatory-is-holder': ['签发人与法定代表人相同', 'Issuing official is the holder'],
  'page-sequence': ['页码连续性', 'Page sequence'],
  'regime-anachronism': ['年检制度已废止', 'Annual inspection after its abolition'],
  'inspection-gap': ['年检记录缺失', 'Missing annual inspection'],
  'provision-not-applicable': ['特别规定事项不适用', 'Provision does not apply'],
  'date-format': ['日期书写不规范', 'Irregular printed date'],
  'register-mismatch': ['与发证机关登记不符', 'Differs from the issuer’s register'],
  'not-in-register': ['发证机关登记簿中无此许可证', 'Not in the issuer’s register'],
  'register-unavailable': ['未与发证机关登记核对', 'Not checked against the issuer’s register'],
};

/** `validity-term` → 有效期限 / Validity term; an id the UI does not know, as it is. */
export function ruleTitle(id: string, lang: Lang): string {
  return RULE_TITLES[id]?.[lang === 'zh' ? 0 : 1] ?? id;
}

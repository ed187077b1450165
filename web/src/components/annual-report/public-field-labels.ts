/**
 * The labels of the published fields of an annual report, for the public verification page: the
 * public answer (`annualReports[].items[].fields`) is keyed by the field and names only the withheld
 * ones (in Chinese). One `[zh, en]` pair per field, as the core's items name them
 * (src/core/annual-report/items.ts; public-field-labels.test.ts holds the two together), so the
 * public page does not load the whole definition of the report (its hints and legal bases).
 */
import type { Lang } from '../../i18n';

export const PUBLIC_FIELD_LABELS: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  revenue: ['电信业务收入（万元）', 'Telecommunications business revenue (10,000 yuan)'],
  usersByService: ['各项业务用户数', 'Users by service'],
  operations: ['经营情况说明', 'Account of operations'],
  staff: ['年末从业人员数', 'Staff at the year end'],
  network: ['网络建设与业务发展', 'Network build-out and business development'],
  changes: ['人员及机构变动', 'Staff and organisational changes'],
  complaints: ['用户投诉数', 'Users’ complaints received'],
  complaintsResolved: ['已处理投诉数', 'Complaints resolved'],
  quality: ['服务质量保障措施', 'Service quality measures'],
  measures: ['安全保障制度和措施', 'Security rules and measures'],
  incidents: ['安全事件数', 'Security incidents'],
  incidentAccount: ['安全事件及处置', 'Incidents and how they were handled'],
  compliance: ['执行情况', 'Compliance'],
  other: ['其他信息', 'Other information'],
};

/** A field's label by its key; a key the table lacks as it is. */
export function fieldLabel(key: string, lang: Lang): string {
  const pair = PUBLIC_FIELD_LABELS[key];
  return pair === undefined ? key : pair[lang === 'zh' ? 0 : 1];
}

/** A withheld field, which the API names by its Chinese label, in the page's language. */
export function withheldLabel(zh: string, lang: Lang): string {
  if (lang === 'zh') return zh;
  return Object.values(PUBLIC_FIELD_LABELS).find(([label]) => label === zh)?.[1] ?? zh;
}

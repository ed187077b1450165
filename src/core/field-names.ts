/**
 * The licence record's fields in words (docs/glossary.md), the one table of them: the web UI's
 * review form, reading notes, saved corrections, version history and record view
 * (web/src/components/licence/field-names.ts reads it), and the API's validation problems. A field
 * path (`services[0].qualifier`, read by field-path.ts) becomes 第 1 项业务的限定说明 / "Service 1:
 * qualifier"; `holder.name` 公司名称 / "Company name". Imports nothing but field-path.ts, so the web
 * UI can import it.
 */
import { parseFieldPath } from './field-path.js';

export type FieldLang = 'zh' | 'en';

const WORDS: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  number: ['经营许可证编号', 'Licence number'],
  kind: ['许可证类别', 'Licence kind'],
  holder: ['持证单位', 'Holder'],
  'holder.name': ['公司名称', 'Company name'],
  'holder.legalRepresentative': ['法定代表人', 'Legal representative'],
  'holder.creditCode': ['统一社会信用代码', 'Unified social credit code'],
  'holder.address': ['注册住所', 'Registered address'],
  issuer: ['发证机关', 'Issuing authority'],
  issuedOn: ['发证日期', 'Issued on'],
  validFrom: ['有效期起', 'Valid from'],
  expiresOn: ['有效期至', 'Expires on'],
  status: ['状态', 'Status'],
  services: ['业务种类', 'Services'],
  websites: ['网站', 'Websites'],
  apps: ['移动应用', 'Mobile apps'],
  facilities: ['机房所在地', 'Machine-room locations'],
  provisions: ['特别规定事项', 'Special provisions'],
  inspections: ['年检记录', 'Annual inspections'],
  signatures: ['签署', 'Signatures'],
  // one item of a list; n counts from 1
  'services[]': ['第 {n} 项业务', 'Service {n}'],
  'websites[]': ['第 {n} 个网站', 'Website {n}'],
  'apps[]': ['第 {n} 个应用', 'App {n}'],
  'facilities[]': ['第 {n} 处机房', 'Machine room {n}'],
  'provisions[]': ['第 {n} 项特别规定事项', 'Special provision {n}'],
  'inspections[]': ['第 {n} 条年检记录', 'Annual inspection {n}'],
  'signatures[]': ['第 {n} 处签署', 'Signature {n}'],
  // a field of an item
  name: ['名称', 'Name'],
  code: ['业务代码', 'Service code'],
  qualifier: ['限定说明', 'Qualifier'],
  includes: ['含', 'Includes'],
  excludes: ['不含', 'Excludes'],
  coverage: ['覆盖范围', 'Coverage'],
  domains: ['域名', 'Domains'],
  serverLocation: ['服务器放置地', 'Server location'],
  accessProvider: ['接入服务提供单位', 'Access provider'],
  stores: ['应用商店', 'App stores'],
  id: ['序号', 'Number'],
  text: ['内容', 'Text'],
  appliesTo: ['适用范围', 'Applies to'],
  year: ['年度', 'Year'],
  result: ['结果', 'Result'],
  stampedOn: ['盖章日期', 'Stamped on'],
  role: ['身份', 'Role'],
  date: ['日期', 'Date'],
};

/** How an item's field is named: 第 1 项业务的限定说明 / Service 1: qualifier. */
const OF = { zh: '{item}的{field}', en: '{item}: {field}' } as const;

function fill(text: string, vars: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/gu, (whole, name: string) =>
    Object.hasOwn(vars, name) ? String(vars[name]) : whole,
  );
}

function word(key: string, lang: FieldLang, n?: number): string | null {
  const pair = Object.hasOwn(WORDS, key) ? WORDS[key] : undefined;
  return pair === undefined ? null : fill(pair[lang === 'zh' ? 0 : 1], { n: n ?? '' });
}

/**
 * A field path in words, or null when a part of it is not in the table: `expiresOn` → 有效期至,
 * `holder.name` → 公司名称, `services[0]` → 第 1 项业务, `services[0].qualifier` → 第 1 项业务的限定说明 /
 * "Service 1: qualifier" (a further index, `domains[1]`, names the same field).
 */
export function findFieldLabel(path: string, lang: FieldLang): string | null {
  const parts = parseFieldPath(path);
  if (parts === null) return null;
  const [top, index, leaf] = parts;
  const whole = word(path, lang);
  if (whole !== null) return whole;
  const item = typeof index === 'number' ? word(`${String(top)}[]`, lang, index + 1) : null;
  if (item === null) return null;
  if (typeof leaf !== 'string') return item;
  const field = word(leaf, lang);
  if (field === null) return null;
  return fill(OF[lang], {
    item,
    field: lang === 'en' ? field.charAt(0).toLowerCase() + field.slice(1) : field,
  });
}

/**
 * A field path in words (as {@link findFieldLabel}); a path with a part the table does not know is
 * returned as it is, never hidden.
 */
export function fieldLabel(path: string, lang: FieldLang): string {
  return findFieldLabel(path, lang) ?? path;
}

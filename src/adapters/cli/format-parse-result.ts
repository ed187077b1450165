/** The readable summary of a ParseResult that `xuke parse` prints without --json. */
import { findServiceByCode } from '../../core/catalogue.js';
import type { LicenceKind, ParseResult } from '../../core/licence.js';
import type { Lang } from './lang.js';

const KIND: Record<Lang, Record<LicenceKind, string>> = {
  zh: {
    vats: '增值电信业务经营许可证',
    'vats-cross-regional': '跨地区增值电信业务经营许可证',
    basic: '基础电信业务经营许可证',
  },
  en: {
    vats: 'Value-added telecom business licence (provincial)',
    'vats-cross-regional': 'Cross-regional value-added telecom business licence',
    basic: 'Basic telecom business licence',
  },
};

const WORDS = {
  zh: {
    unknownKind: '许可证类别未知',
    noNumber: '（无编号）',
    holder: '公司名称',
    legalRep: '法定代表人',
    creditCode: '统一社会信用代码',
    address: '注册住所',
    services: '业务种类',
    includes: '含',
    excludes: '不含',
    coverage: '覆盖范围',
    issuer: '发证机关',
    issuedOn: '发证日期',
    validFrom: '有效期自',
    expiresOn: '有效期至',
    websites: '网站',
    apps: '移动应用',
    facilities: '机房',
    provisions: '特别规定事项',
    items: '条',
    inspections: '年检记录',
    signatures: '签署',
    pages: '页码',
    notes: '解析提示',
    line: '第 {n} 行',
    none: '未载明',
    source: '来源',
    sep: '；',
    colon: '：',
    open: '（',
    close: '）',
  },
  en: {
    unknownKind: 'kind of licence unknown',
    noNumber: '(no number)',
    holder: 'Holder',
    legalRep: 'Legal representative',
    creditCode: 'Credit code',
    address: 'Registered address',
    services: 'Services',
    includes: 'includes',
    excludes: 'excludes',
    coverage: 'coverage',
    issuer: 'Issuer',
    issuedOn: 'Issued on',
    validFrom: 'Valid from',
    expiresOn: 'Expires on',
    websites: 'Websites',
    apps: 'Apps',
    facilities: 'Facilities',
    provisions: 'Special provisions',
    items: 'items',
    inspections: 'Annual inspections',
    signatures: 'Signatures',
    pages: 'Page labels',
    notes: 'Parser notes',
    line: 'line {n}',
    none: 'not stated',
    source: 'Source',
    sep: '; ',
    colon: ': ',
    open: ' (',
    close: ')',
  },
} as const;

/** Render a ParseResult as a few readable lines. */
export function formatParseResult(result: ParseResult, lang: Lang): string {
  const w = WORDS[lang];
  const l = result.licence;
  const orNone = (v: string | null): string => v ?? w.none;
  const out: string[] = [];
  const field = (label: string, value: string): void => {
    out.push(`${label}${w.colon}${value}`);
  };

  out.push(`${l.number ?? w.noNumber}  ${l.kind ? KIND[lang][l.kind] : w.unknownKind}`);
  field(w.holder, orNone(l.holder.name));
  field(w.legalRep, orNone(l.holder.legalRepresentative));
  if (l.holder.creditCode) field(w.creditCode, l.holder.creditCode);
  if (l.holder.address) field(w.address, l.holder.address);
  out.push(`${w.services}${w.colon}`.trimEnd());
  for (const s of l.services) {
    const entry = s.code ? findServiceByCode(s.code) : undefined;
    const name = lang === 'en' && entry ? `${s.name} (${entry.nameEn})` : s.name;
    const parts = [`${s.code ?? '—'} ${name}${s.qualifier ? `（${s.qualifier}）` : ''}`];
    if (s.includes.length > 0) parts.push(`${w.includes} ${s.includes.join('、')}`);
    if (s.excludes.length > 0) parts.push(`${w.excludes} ${s.excludes.join('、')}`);
    parts.push(`${w.coverage} ${s.coverage.length > 0 ? s.coverage.join('、') : w.none}`);
    out.push(`  ${parts.join(w.sep)}`);
  }
  field(w.issuer, orNone(l.issuer));
  field(w.issuedOn, orNone(l.issuedOn));
  if (l.validFrom) field(w.validFrom, l.validFrom);
  field(w.expiresOn, orNone(l.expiresOn));
  if (l.websites.length > 0) {
    out.push(`${w.websites}${w.colon}`.trimEnd());
    for (const site of l.websites) {
      const extra = [site.serverLocation, site.accessProvider]
        .filter((x) => x !== null)
        .join(w.sep);
      out.push(
        `  ${site.domains.join('、') || w.none}${site.name ? `${w.open}${site.name}${w.close}` : ''}${extra ? `  ${extra}` : ''}`,
      );
    }
  }
  if (l.apps.length > 0) {
    out.push(`${w.apps}${w.colon}`.trimEnd());
    for (const app of l.apps)
      out.push(
        `  ${app.name ?? w.none}${app.stores.length > 0 ? `${w.colon}${app.stores.join('、')}` : ''}`,
      );
  }
  if (l.facilities.length > 0) {
    out.push(`${w.facilities}${w.colon}`.trimEnd());
    for (const f of l.facilities) out.push(`  ${f}`);
  }
  const scoped = l.provisions.filter((p) => p.appliesTo !== null).length;
  field(
    w.provisions,
    `${l.provisions.length} ${w.items}${scoped > 0 ? `${w.open}${scoped} × 适用于…${w.close}` : ''}`,
  );
  field(
    w.inspections,
    l.inspections.length === 0 ? '0' : l.inspections.map((i) => `${i.year}`).join('、'),
  );
  if (l.signatures.length > 0) {
    field(
      w.signatures,
      l.signatures.map((s) => `${s.role} ${s.name ?? '—'} ${s.date ?? '—'}`).join(w.sep),
    );
  }
  if (result.source.pageLabels.length > 0) field(w.pages, result.source.pageLabels.join(' '));
  field(
    w.source,
    `${result.source.format}${result.source.encoding ? ` ${result.source.encoding}` : ''} sha256 ${result.source.sha256.slice(0, 12)}…`,
  );
  if (result.notes.length > 0) {
    out.push(`${w.notes}${w.open}${result.notes.length}${w.close}${w.colon}`.trimEnd());
    for (const n of result.notes) {
      const where = n.line === null ? '' : `${w.line.replace('{n}', String(n.line))} `;
      out.push(`  ${where}${n.field}${w.colon}${lang === 'en' ? n.messageEn : n.message}`);
    }
  }
  return out.join('\n');
}

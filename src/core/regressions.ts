/**
 * Regressions: what a new reading of a licence loses against the version the registry holds, so a
 * worse reading never silently becomes the current version (docs/trust.md, "Never a silent step
 * backwards"). Pure: two records in, the regressions out.
 *
 * A field of the new record regresses when, compared with the same field of the held record:
 *
 * - `lost`: it had a value and has none (null, blank text, an empty list);
 * - `shrunk`: a list has fewer items; or a text (not a date, code or number) reads differently and
 *   every character of it stands, in order, in the old text: the new one is the old with characters
 *   deleted (a cut qualifier, a dropped clause; a strict prefix or substring is a case of it).
 *   Whitespace does not count either way. An item of a list of texts (an exclusion, a domain) that
 *   shrank this way while the list kept its length is reported at the item (`excludes[1]`);
 * - `furniture`: it now holds page furniture the old value did not: a URL, a page counter (`1/8`,
 *   第 2 页, 共 8 页, Page 2 of 8), a browser's date stamp (`11/28/26, 9:09 AM`), a page header line
 *   (`经营许可证编号：…`, the certificate's title standing as a line of its own).
 *
 * Items of lists of records are paired by what names them (a service by its code, else its name; a
 * website by a shared domain; a provision by its number; a signature by its role; an app by its
 * name; an inspection by its year), and by position where nothing does; a regression inside one is
 * named by its index in the new record (`services[0].excludes`). A value that changed otherwise
 * (a new date, a renamed holder that is not a cut of the old name) is a change, not a regression.
 */
import { fieldLabel } from './field-names.js';
import type { Licence } from './licence.js';

export const RegressionKind = {
  lost: 'lost',
  shrunk: 'shrunk',
  furniture: 'furniture',
} as const;
export type RegressionKind = (typeof RegressionKind)[keyof typeof RegressionKind];

/** One field the new reading is worse in. */
export interface Regression {
  /** the field's path in the new record (`services[0].excludes`, `holder.name`) */
  readonly field: string;
  /** the field in words, zh-CN (第 1 项业务的不含) */
  readonly fieldName: string;
  readonly fieldNameEn: string;
  readonly kind: RegressionKind;
  /** the held value as text (a list's items joined with 、); '' for none */
  readonly before: string;
  /** the new value as text; '' for none */
  readonly after: string;
}

/** Longest value text a regression quotes: a provision runs to a few hundred characters. */
const MAX_VALUE_CHARS = 1000;

/** The regressions of `after` against `before`, in the record's field order. */
export function findRegressions(before: Licence, after: Licence): Regression[] {
  const out: Regression[] = [];
  const add = (field: string, kind: RegressionKind, b: string, a: string) => {
    out.push({
      field,
      fieldName: fieldLabel(field, 'zh'),
      fieldNameEn: fieldLabel(field, 'en'),
      kind,
      before: clip(b),
      after: clip(a),
    });
  };
  const cx: Cx = { add };
  exact(cx, 'kind', before.kind, after.kind);
  exact(cx, 'number', before.number, after.number);
  text(cx, 'holder.name', before.holder.name, after.holder.name);
  text(
    cx,
    'holder.legalRepresentative',
    before.holder.legalRepresentative,
    after.holder.legalRepresentative,
  );
  exact(cx, 'holder.creditCode', before.holder.creditCode, after.holder.creditCode);
  text(cx, 'holder.address', before.holder.address, after.holder.address);
  records(cx, 'services', before.services, after.services, {
    key: (s) => s.code ?? s.name,
    summary: (s) => s.name + (s.qualifier === null ? '' : `（${s.qualifier}）`),
    compare: (path, b, a) => {
      exact(cx, `${path}.code`, b.code, a.code);
      text(cx, `${path}.name`, b.name, a.name);
      text(cx, `${path}.qualifier`, b.qualifier, a.qualifier);
      texts(cx, `${path}.includes`, b.includes, a.includes);
      texts(cx, `${path}.excludes`, b.excludes, a.excludes);
      texts(cx, `${path}.coverage`, b.coverage, a.coverage);
    },
  });
  text(cx, 'issuer', before.issuer, after.issuer);
  exact(cx, 'issuedOn', before.issuedOn, after.issuedOn);
  exact(cx, 'validFrom', before.validFrom, after.validFrom);
  exact(cx, 'expiresOn', before.expiresOn, after.expiresOn);
  records(cx, 'websites', before.websites, after.websites, {
    key: (w) => w.domains[0] ?? w.name,
    match: (b, a) => b.domains.some((d) => a.domains.includes(d)),
    summary: (w) => w.domains.join(' ') || (w.name ?? ''),
    compare: (path, b, a) => {
      text(cx, `${path}.name`, b.name, a.name);
      texts(cx, `${path}.domains`, b.domains, a.domains, false);
      text(cx, `${path}.serverLocation`, b.serverLocation, a.serverLocation);
      text(cx, `${path}.accessProvider`, b.accessProvider, a.accessProvider);
    },
  });
  records(cx, 'apps', before.apps, after.apps, {
    key: (p) => p.name,
    summary: (p) => p.name ?? '',
    compare: (path, b, a) => {
      text(cx, `${path}.name`, b.name, a.name);
      texts(cx, `${path}.stores`, b.stores, a.stores);
    },
  });
  texts(cx, 'facilities', before.facilities, after.facilities);
  records(cx, 'provisions', before.provisions, after.provisions, {
    key: (p) => p.id,
    summary: (p) => p.id,
    compare: (path, b, a) => {
      text(cx, `${path}.text`, b.text, a.text);
      text(cx, `${path}.appliesTo`, b.appliesTo, a.appliesTo);
    },
  });
  records(cx, 'inspections', before.inspections, after.inspections, {
    key: (i) => String(i.year),
    summary: (i) => String(i.year),
    compare: (path, b, a) => {
      exact(cx, `${path}.stampedOn`, b.stampedOn, a.stampedOn);
    },
  });
  records(cx, 'signatures', before.signatures, after.signatures, {
    key: (s) => s.role,
    summary: (s) => `${s.role}${s.name === null ? '' : ` ${s.name}`}`,
    compare: (path, b, a) => {
      text(cx, `${path}.name`, b.name, a.name);
      exact(cx, `${path}.date`, b.date, a.date);
    },
  });
  return out;
}

/** The regressions as one line of text: 第 1 项业务的不含（变短：…→…）；… (for a note, a message). */
export function describeRegressions(regressions: readonly Regression[], lang: 'zh' | 'en'): string {
  return regressions
    .map((r) => {
      const name = lang === 'zh' ? r.fieldName : r.fieldNameEn;
      const kind = KIND_WORDS[r.kind][lang === 'zh' ? 0 : 1];
      const values =
        r.kind === 'lost' ? short(r.before) : `${short(r.before)} → ${short(r.after) || '∅'}`;
      return lang === 'zh' ? `${name}（${kind}：${values}）` : `${name} (${kind}: ${values})`;
    })
    .join(lang === 'zh' ? '；' : '; ');
}

const KIND_WORDS: Readonly<Record<RegressionKind, readonly [string, string]>> = {
  lost: ['丢失', 'lost'],
  shrunk: ['变短', 'shrunk'],
  furniture: ['混入页眉页脚', 'page furniture'],
};

// ---- the comparisons ----------------------------------------------------------------------------

interface Cx {
  add(field: string, kind: RegressionKind, before: string, after: string): void;
}

function blank(v: string | null | undefined): boolean {
  return v === null || v === undefined || v.trim() === '';
}

/** A value compared only for being lost: a date, a code, a number. */
function exact(cx: Cx, field: string, before: string | null, after: string | null): void {
  if (!blank(before) && blank(after)) cx.add(field, 'lost', before ?? '', '');
}

/** A text: lost, cut, or with page furniture it did not have. */
function text(cx: Cx, field: string, before: string | null, after: string | null): void {
  if (blank(before)) {
    if (!blank(after) && gainedFurniture('', after ?? ''))
      cx.add(field, 'furniture', '', after ?? '');
    return;
  }
  const b = before ?? '';
  const a = after ?? '';
  if (blank(after)) cx.add(field, 'lost', b, '');
  else if (gainedFurniture(b, a)) cx.add(field, 'furniture', b, a);
  else if (isCut(b, a)) cx.add(field, 'shrunk', b, a);
}

/** A list of texts: lost, fewer items, an item cut, or an item that is page furniture. */
function texts(
  cx: Cx,
  field: string,
  before: readonly string[],
  after: readonly string[],
  furniture = true,
): void {
  const b = before.join('、');
  const a = after.join('、');
  if (before.length > 0 && after.length === 0) {
    cx.add(field, 'lost', b, '');
    return;
  }
  if (after.length < before.length) {
    cx.add(field, 'shrunk', b, a);
    return;
  }
  after.forEach((item, i) => {
    const old = before[i];
    const path = `${field}[${i}]`;
    if (furniture && gainedFurniture(before.join('\n'), item)) {
      cx.add(path, 'furniture', old ?? '', item);
    } else if (old !== undefined && after.length === before.length && isCut(old, item)) {
      cx.add(path, 'shrunk', old, item);
    }
  });
}

interface RecordsOf<T> {
  /** what names an item (null: nothing does) */
  key(item: T): string | null;
  /** whether two items are the same one, beyond their keys */
  readonly match?: (before: T, after: T) => boolean;
  summary(item: T): string;
  compare(path: string, before: T, after: T): void;
}

/** A list of records: lost, fewer items, and each item paired with its old self and compared. */
function records<T>(
  cx: Cx,
  field: string,
  before: readonly T[],
  after: readonly T[],
  of: RecordsOf<T>,
): void {
  const b = before.map((x) => of.summary(x)).join('；');
  const a = after.map((x) => of.summary(x)).join('；');
  if (before.length > 0 && after.length === 0) {
    cx.add(field, 'lost', b, '');
    return;
  }
  if (after.length < before.length) cx.add(field, 'shrunk', b, a);
  const pairs = pairItems(before, after, of);
  after.forEach((item, i) => {
    const old = pairs.get(i);
    const path = `${field}[${i}]`;
    if (old !== undefined) of.compare(path, old, item);
  });
}

/** Each new item's old self: by key, then by `match`, then by position among the rest. */
function pairItems<T>(before: readonly T[], after: readonly T[], of: RecordsOf<T>): Map<number, T> {
  const out = new Map<number, T>();
  const taken = new Set<number>();
  const pairBy = (same: (b: T, a: T) => boolean) => {
    after.forEach((a, i) => {
      if (out.has(i)) return;
      const j = before.findIndex((b, k) => !taken.has(k) && same(b, a));
      const old = before[j];
      if (j < 0 || old === undefined) return;
      out.set(i, old);
      taken.add(j);
    });
  };
  pairBy((b, a) => {
    const kb = of.key(b);
    return kb !== null && kb !== '' && kb === of.key(a);
  });
  const { match } = of;
  if (match !== undefined) pairBy((b, a) => match(b, a));
  after.forEach((a, i) => {
    if (out.has(i)) return;
    const old = before[i];
    if (old !== undefined && !taken.has(i)) {
      out.set(i, old);
      taken.add(i);
    }
  });
  return out;
}

// ---- cuts ----------------------------------------------------------------------------------------

function squeeze(s: string): string {
  return s.replace(/\s+/gu, '');
}

/**
 * Whether `after` is `before` with characters deleted and nothing else: shorter (whitespace aside),
 * and each of its characters found in `before`, in order.
 */
export function isCut(before: string, after: string): boolean {
  const b = Array.from(squeeze(before));
  const a = Array.from(squeeze(after));
  if (a.length === 0 || a.length >= b.length) return false;
  let j = 0;
  for (const ch of b) {
    if (j < a.length && ch === a[j]) j++;
  }
  return j === a.length;
}

// ---- page furniture -----------------------------------------------------------------------------

const CN_DIGITS = '[0-9０-９一二三四五六七八九十百]+';

/** The page furniture that shows through in values read from printed or scanned pages. */
const FURNITURE: readonly { readonly re: RegExp; readonly is?: (piece: string) => boolean }[] = [
  // a URL: a browser's footer prints the page's address
  { re: /\b(?:https?|file):\/\/[^\s，。；]+/giu },
  // a browser's date stamp: 11/28/26, 9:09 AM; 2026/11/28 09:09; 2026-11-28 下午3:05
  {
    re: /\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s*(?:上午|下午)?\s*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?/gu,
  },
  // a page counter: 1/8 standing alone, 第 2 页, 共 8 页, Page 2 of 8
  { re: /(?<![\d/.:-])\d{1,3}\s*\/\s*\d{1,3}(?![\d/.:-])/gu, is: isPageCounter },
  { re: new RegExp(`第\\s*${CN_DIGITS}\\s*页`, 'gu') },
  { re: new RegExp(`共\\s*${CN_DIGITS}\\s*页`, 'gu') },
  { re: /\bpage\s+\d+(?:\s+of\s+\d+)?\b/giu },
  // a page header: the number's label (a field label inside a value), the certificate's title on
  // a line of its own
  { re: /经营许可证编号\s*[:：]\s*\S*/gu },
  { re: /(?:^|\s)(?:中华人民共和国)?(?:跨地区)?(?:增值|基础)电信业务经营许可证(?=\s|$)/gu },
];

/** The furniture in a text, each piece as it reads. */
export function furnitureIn(value: string): string[] {
  const out: string[] = [];
  for (const { re, is } of FURNITURE) {
    for (const m of value.matchAll(re)) {
      const piece = m[0].trim();
      if (is === undefined || is(piece)) out.push(piece);
    }
  }
  return out;
}

/** `2/8` is a page counter; `9/3` (a later page than there are) is not. */
function isPageCounter(piece: string): boolean {
  const [n, of] = piece.split('/').map((p) => Number(p.trim()));
  return n !== undefined && of !== undefined && n >= 1 && n <= of;
}

/** Whether `after` holds furniture that `before` does not. */
function gainedFurniture(before: string, after: string): boolean {
  const old = squeeze(before);
  return furnitureIn(after).some((piece) => !old.includes(squeeze(piece)));
}

function clip(s: string): string {
  const chars = Array.from(s);
  return chars.length <= MAX_VALUE_CHARS ? s : `${chars.slice(0, MAX_VALUE_CHARS).join('')}…`;
}

/** A value shortened for a one-line description. */
function short(s: string): string {
  const chars = Array.from(s);
  return chars.length <= 40 ? s : `${chars.slice(0, 40).join('')}…`;
}

/**
 * A document against what its issuer recorded: the register's record, or what a person saw in the
 * official query. Tolerant of FORM, strict on CONTENT. A document passes through OCR, PDF extraction
 * and retyping, so full-width characters, spaces, bracket shapes, a trailing full stop and the order
 * of a list say nothing about its authenticity; one changed character of a company name, one more
 * coverage region, a later expiry or one more domain are exactly what a forger changes, so each is a
 * difference.
 *
 * Only what both sides state is compared: a field one side leaves unstated (null, an empty list) is
 * not evidence either way (licence-record.md: unstated is `null`, never guessed).
 */
import type { Licence, LicensedService } from '../licence.js';
import { normaliseNumberText, parseLicenceNumber } from '../licence-number.js';
import { foldChar } from '../text.js';
import type { OfficialConfirmation, RegisterDifference } from './types.js';

/** The value of a side that does not state it, for people. */
export const NONE_VALUE = '（无）';
export const NONE_VALUE_EN = '(none)';

/** Opening and closing brackets as documents print them; every shape counts as one. */
const OPENERS = new Set(['(', '[', '【', '〔', '〖', '{']);
const CLOSERS = new Set([')', ']', '】', '〕', '〗', '}']);
/** Punctuation that ends a value without being part of it. */
const TRAILING = /[。；;，,.]+$/u;
/** What separates the items of a list written as one text (北京、上海; 含文化，教育). */
const LIST_SEPARATOR = new Set(['、', ',', ';']);

/** Fold one character for comparison: foldChar, no white space, every bracket one shape. */
function foldForComparison(ch: string): string {
  let out = '';
  for (const c of foldChar(ch)) {
    if (/^\s$/u.test(c)) continue;
    out += OPENERS.has(c) ? '(' : CLOSERS.has(c) ? ')' : c;
  }
  return out;
}

/**
 * The comparable form of a text: full-width → ASCII and dashes folded (foldChar), all white space
 * removed, （）()【】[] one bracket shape, trailing 。；; dropped. Two texts with the same form say the
 * same thing; any other difference is content.
 */
export function comparableText(text: string): string {
  let out = '';
  for (const ch of text) out += foldForComparison(ch);
  return out.replace(TRAILING, '');
}

/**
 * The comparable items of a list: each item folded, an item that is itself a list (北京、上海) split at
 * its top-level separators (not inside brackets: 广东（广州、深圳） stays one), empty items dropped.
 * Each comes with how to print it: the item as written when it was not split (folded when asked,
 * as domains are: lower-case is how a host name is read).
 */
function comparableItems(
  items: readonly string[],
  fold: (text: string) => string,
  printFolded: boolean,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of items) {
    const parts = splitTopLevel(item);
    for (const part of parts) {
      const key = fold(part);
      if (key === '' || out.has(key)) continue;
      out.set(key, printFolded || parts.length > 1 ? key : item.trim());
    }
  }
  return out;
}

function splitTopLevel(item: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of item) {
    const f = foldForComparison(ch);
    if (f === '(') depth++;
    else if (f === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && LIST_SEPARATOR.has(f)) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

/** A domain as a set member: folded, lower-case, no trailing dot; `www.` is part of the name. */
function comparableDomain(domain: string): string {
  return comparableText(domain).toLowerCase().replace(/\.+$/u, '');
}

function comparableCode(code: string): string {
  return comparableText(code).toUpperCase();
}

/** A number in canonical form (filing suffix dropped, 贵 → 黔), or folded when it does not parse. */
function canonicalNumber(number: string): string {
  const parsed = parseLicenceNumber(number);
  return parsed.ok ? parsed.number.text : normaliseNumberText(number);
}

/**
 * An issuer, strictly: only the seal caption after the name is form. 北京通信管理局 for
 * 北京市通信管理局, or a one-character slip (通信答理局), is how the authority does not sign, and so a
 * difference.
 */
function comparableIssuer(issuer: string): string {
  return comparableText(issuer).replace(/\((?:盖章|印章|章)\)$/u, '');
}

/** Collects differences in the order fields are read. */
class Differences {
  readonly list: RegisterDifference[] = [];

  /** A text both sides state, compared in its comparable form. */
  text(
    field: string,
    label: string,
    labelEn: string,
    documentValue: string | null,
    registerValue: string | null,
    fold: (text: string) => string = comparableText,
  ): void {
    if (documentValue === null || registerValue === null) return;
    const d = fold(documentValue);
    const r = fold(registerValue);
    if (d === '' || r === '' || d === r) return;
    this.list.push({
      field,
      label,
      labelEn,
      documentValue: documentValue.trim(),
      registerValue: registerValue.trim(),
    });
  }

  /** A date both sides state: records hold ISO dates, so only the same value is the same date. */
  date(
    field: string,
    label: string,
    labelEn: string,
    documentValue: string | null,
    registerValue: string | null,
  ): void {
    if (documentValue === null || registerValue === null) return;
    const d = documentValue.trim();
    const r = registerValue.trim();
    if (d === '' || r === '' || d === r) return;
    this.list.push({ field, label, labelEn, documentValue: d, registerValue: r });
  }

  /** A list both sides state, compared as a set: order and repetition are form. */
  set(
    field: string,
    label: string,
    labelEn: string,
    documentValues: readonly string[],
    registerValues: readonly string[],
    fold: (text: string) => string = comparableText,
    printFolded = false,
  ): void {
    const d = comparableItems(documentValues, fold, printFolded);
    const r = comparableItems(registerValues, fold, printFolded);
    if (d.size === 0 || r.size === 0) return;
    const documentOnly = [...d].filter(([k]) => !r.has(k)).map(([, v]) => v);
    const registerOnly = [...r].filter(([k]) => !d.has(k)).map(([, v]) => v);
    if (documentOnly.length === 0 && registerOnly.length === 0) return;
    this.list.push({
      field,
      label,
      labelEn,
      documentValue: [...d.values()].join('、'),
      registerValue: [...r.values()].join('、'),
      documentOnly,
      registerOnly,
    });
  }

  add(difference: RegisterDifference): void {
    this.list.push(difference);
  }
}

/** `B25 信息服务业务`, or the name alone without a code. */
function serviceTitle(service: { readonly code?: string | null; readonly name: string }): string {
  const code = service.code ?? null;
  return code === null || code.trim() === ''
    ? service.name.trim()
    : `${code} ${service.name.trim()}`;
}

/** A service for people: `B25 信息服务业务（仅限互联网信息服务）`. */
function describeService(service: {
  readonly code?: string | null;
  readonly name: string;
  readonly qualifier?: string | null;
}): string {
  const qualifier = service.qualifier ?? null;
  const title = serviceTitle(service);
  return qualifier === null || qualifier.trim() === '' ? title : `${title}（${qualifier.trim()}）`;
}

/**
 * Pairs each document service with at most one of `others`: first those `sameByCode` pairs (both
 * sides carry a catalogue code), then by folded name among what remains where not both carry a code.
 * Returns the pairs in document order and the unpaired indexes of each side.
 */
function pairServices(
  document: readonly LicensedService[],
  others: readonly { readonly name: string; readonly code?: string | null }[],
): { pairs: Map<number, number>; otherOnly: number[] } {
  const pairs = new Map<number, number>();
  const taken = new Set<number>();
  const codeOf = (s: { readonly code?: string | null }): string | undefined => {
    const code = s.code ?? null;
    return code === null || code.trim() === '' ? undefined : comparableCode(code);
  };
  document.forEach((d, i) => {
    const code = codeOf(d);
    if (code === undefined) return;
    const j = others.findIndex((o, k) => !taken.has(k) && codeOf(o) === code);
    if (j >= 0) {
      pairs.set(i, j);
      taken.add(j);
    }
  });
  document.forEach((d, i) => {
    if (pairs.has(i)) return;
    const name = comparableText(d.name);
    const j = others.findIndex(
      (o, k) =>
        !taken.has(k) &&
        (codeOf(d) === undefined || codeOf(o) === undefined) &&
        comparableText(o.name) === name,
    );
    if (j >= 0) {
      pairs.set(i, j);
      taken.add(j);
    }
  });
  const otherOnly = others.map((_, k) => k).filter((k) => !taken.has(k));
  return { pairs, otherOnly };
}

/**
 * The services of both sides: a document service with no counterpart is a difference at
 * `services[i]`, a counterpart's service the document lacks one at `services`; paired services are
 * compared by `comparePair`. Skipped when either side lists none.
 */
function compareServices<T extends { readonly name: string; readonly code?: string | null }>(
  out: Differences,
  document: readonly LicensedService[],
  others: readonly T[],
  comparePair: (d: LicensedService, o: T, field: string, title: string) => void,
): void {
  if (document.length === 0 || others.length === 0) return;
  const { pairs, otherOnly } = pairServices(document, others);
  document.forEach((d, i) => {
    const j = pairs.get(i);
    const other = j === undefined ? undefined : others[j];
    const title = serviceTitle(d);
    if (other === undefined) {
      out.add({
        field: `services[${i}]`,
        label: `业务种类（${title}）`,
        labelEn: `Business type (${title})`,
        documentValue: describeService(d),
        registerValue: NONE_VALUE,
      });
    } else {
      comparePair(d, other, `services[${i}]`, title);
    }
  });
  for (const k of otherOnly) {
    const other = others[k];
    if (other === undefined) continue;
    const title = serviceTitle(other);
    out.add({
      field: 'services',
      label: `业务种类（${title}）`,
      labelEn: `Business type (${title})`,
      documentValue: NONE_VALUE,
      registerValue: describeService(other),
    });
  }
}

function compareCoverage(
  out: Differences,
  field: string,
  title: string,
  document: readonly string[],
  other: readonly string[],
): void {
  out.set(`${field}.coverage`, `业务覆盖范围（${title}）`, `Coverage (${title})`, document, other);
}

function domainsOf(licence: Licence): string[] {
  return licence.websites.flatMap((w) => w.domains);
}

/**
 * Every content difference between a document's record and the register's record of its number.
 * Holder, number, issuer and dates field by field; services paired by catalogue code (by name
 * without one) and compared on qualifier, 含, 不含 and coverage as sets; websites by the union of
 * their domains. Empty when the document says nothing the register contradicts.
 */
export function compareWithRegister(document: Licence, register: Licence): RegisterDifference[] {
  const out = new Differences();
  const d = document.holder;
  const r = register.holder;
  out.text('holder.name', '公司名称', 'Company name', d.name, r.name);
  out.text(
    'holder.legalRepresentative',
    '法定代表人',
    'Legal representative',
    d.legalRepresentative,
    r.legalRepresentative,
  );
  out.text(
    'holder.creditCode',
    '统一社会信用代码',
    'Unified social credit code',
    d.creditCode,
    r.creditCode,
    comparableCode,
  );
  out.text(
    'number',
    '经营许可证编号',
    'Licence number',
    document.number,
    register.number,
    canonicalNumber,
  );
  out.text('issuer', '发证机关', 'Issuer', document.issuer, register.issuer, comparableIssuer);
  out.date('issuedOn', '发证日期', 'Issue date', document.issuedOn, register.issuedOn);
  out.date('validFrom', '有效期起始日', 'Valid from', document.validFrom, register.validFrom);
  out.date('expiresOn', '有效期至', 'Valid until', document.expiresOn, register.expiresOn);
  compareServices(out, document.services, register.services, (ds, rs, field, title) => {
    out.text(
      `${field}.qualifier`,
      `业务限制（${title}）`,
      `Restriction (${title})`,
      ds.qualifier,
      rs.qualifier,
    );
    out.set(`${field}.includes`, `含（${title}）`, `Includes (${title})`, ds.includes, rs.includes);
    out.set(
      `${field}.excludes`,
      `不含（${title}）`,
      `Excludes (${title})`,
      ds.excludes,
      rs.excludes,
    );
    compareCoverage(out, field, title, ds.coverage, rs.coverage);
  });
  out.set(
    'websites',
    '网站域名',
    'Website domains',
    domainsOf(document),
    domainsOf(register),
    comparableDomain,
    true,
  );
  return out.list;
}

/**
 * Every content difference between a document and what a person recorded from the official query:
 * holder name, services (by name; coverage as sets where the query's coverage was recorded), and
 * the validity dates. The query shows no more than that (trust.md), so nothing else is compared.
 */
export function compareWithConfirmation(
  document: Licence,
  confirmation: OfficialConfirmation,
): RegisterDifference[] {
  const out = new Differences();
  out.text(
    'holder.name',
    '公司名称',
    'Company name',
    document.holder.name,
    confirmation.holderName,
  );
  compareServices(out, document.services, confirmation.services, (ds, cs, field, title) => {
    compareCoverage(out, field, title, ds.coverage, cs.coverage);
  });
  out.date('validFrom', '有效期起始日', 'Valid from', document.validFrom, confirmation.validFrom);
  out.date('expiresOn', '有效期至', 'Valid until', document.expiresOn, confirmation.expiresOn);
  return out.list;
}

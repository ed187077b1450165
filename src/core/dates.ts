/**
 * Dates as documents print them (spec `licence-record.md`, "Dates in documents"): 2022年09月05日,
 * 2023年05月3日, 2022-09-05, 2022.9.5, 2022/9/5, full-width digits, 二〇二二年九月五日, characters
 * spaced out by PDF extraction, OCR junk inside (2030年07月31]日), and blank slots (年 月 日) on forms
 * nobody filled in. All results are ISO `YYYY-MM-DD` calendar dates; arithmetic is Date.UTC only, so
 * nothing here depends on the machine's time zone or clock.
 */
import { chineseNumeral } from './chinese-numeral.js';
import { DomainError } from './errors.js';
import { compactText, foldText, sourceSpan } from './text.js';

/** Why a text is not a date. */
export const DateParseFailure = {
  /** an unfilled slot: 年 月 日, or nothing at all */
  blank: 'blank',
  /** not shaped like a date, or incomplete (2022年 月 日) */
  syntax: 'syntax',
  /** shaped like a date but not on the calendar (2023年02月30日) */
  impossible: 'impossible',
} as const;
export type DateParseFailure = (typeof DateParseFailure)[keyof typeof DateParseFailure];

export type DateParse =
  | {
      ok: true;
      /** YYYY-MM-DD */
      date: string;
      raw: string;
      /** OCR junk inside the date was dropped to read it */
      corrected: boolean;
      /** printed other than as YYYY年MM月DD日 with two-digit month and day ('2023年05月3日', '2022.9.5') */
      irregular: boolean;
    }
  | { ok: false; reason: DateParseFailure; raw: string; message: string; messageEn: string };

const CN = '〇零○一二三四五六七八九';

/**
 * Characters OCR scatters through dates (brackets, bars, quotes, stray punctuation). Dropped only
 * inside a date that reads cleanly without them, and reported as `corrected`. Letters are never
 * guessed into digits.
 */
const JUNK = `\\]\\[|丨'"\`‘’“”,、:;!】【`;
const JUNK_RE = new RegExp(`[${JUNK}]`, 'gu');

const YEAR = `(?:[1-9]\\d{3}|[一二][${CN}]{3})`;
const MONTH = `(?:\\d{1,2}|十[一二]?|[〇零]?[一二三四五六七八九])`;
const DAY = `(?:\\d{1,2}|[二三]?十[一二三四五六七八九]?|[〇零]?[一二三四五六七八九])`;

/** A whole (compact) text that is a Chinese-style date; groups: year, month, day, marker. */
const CJK_DATE = new RegExp(`^(${YEAR})年(${MONTH})月(${DAY})(日|号)?$`, 'u');
/** A whole (compact) text that is a numeric date; groups: year, sep, month, sep, day. */
const NUM_DATE = /^([1-9]\d{3})([-./])(\d{1,2})([-./])(\d{1,2})$/u;
/**
 * A numeric date whose two separators differ, or are a comma or colon: OCR misreads a `.` or `-`
 * under a seal. Read as a corrected date; the scan below finds one only beside a proper separator.
 */
const MIXED_NUM_DATE = /^([1-9]\d{3})[-./,:·](\d{1,2})[-./,:·](\d{1,2})$/u;
/** A letter O or a zero standing for 〇 beside a Chinese numeral. */
const CN_ZERO = /(?<=[〇零○一二三四五六七八九十])[O0oОо]|[O0oОо](?=[〇零○一二三四五六七八九十])/gu;
/** An unfilled slot. */
const BLANK = /^_*年_*月_*日$/u;
/** Surrounding punctuation that is not part of a date. */
const EDGE = /^[,，。;；:：、()（）【】[\]"'“”‘’]+|[,，。;；:：、()（）【】[\]"'“”‘’]+$/gu;

type Failure = Extract<DateParse, { ok: false }>;

function fail(reason: DateParseFailure, raw: string, message: string, messageEn: string): Failure {
  return { ok: false, reason, raw, message, messageEn };
}

/** Value of a Chinese or Arabic number field: '05' → 5, '二十一' → 21, '十' → 10, '〇九' → 9. */
function fieldValue(s: string): number {
  return chineseNumeral(s) ?? 0;
}

/** Proleptic Gregorian month length (plain arithmetic: Date.UTC maps years 0–99 to 1900–1999). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

interface Fields {
  year: string;
  month: string;
  day: string;
  /** the YYYY年MM月DD日 form, two-digit Arabic month and day */
  regular: boolean;
}

function readFields(t: string): Fields | undefined {
  const c = CJK_DATE.exec(t);
  if (c) {
    const [, year = '', month = '', day = '', marker] = c;
    const regular =
      /^\d{4}$/u.test(year) && /^\d\d$/u.test(month) && /^\d\d$/u.test(day) && marker === '日';
    return { year, month, day, regular };
  }
  const n = NUM_DATE.exec(t);
  if (n && n[2] === n[4]) {
    const [, year = '', , month = '', , day = ''] = n;
    return { year, month, day, regular: false };
  }
  return undefined;
}

/**
 * Parse a text that is (mostly) just a date. Surrounding punctuation is ignored; whitespace anywhere
 * is ignored; OCR junk inside is dropped when what remains reads as a date (`corrected: true`); a
 * caption around a single date (有效期至：…) is skipped. `raw` is always the whole input. Never throws.
 */
export function parseDocumentDate(text: string): DateParse {
  // 〇 read as a letter O or a zero in a date written in Chinese numerals (二O二九年, 二0二五年)
  const zeros = text.replace(CN_ZERO, '〇');
  if (zeros !== text) {
    const fixed = parseDocumentDate(zeros);
    return fixed.ok ? { ...fixed, raw: text, corrected: true } : { ...fixed, raw: text };
  }
  const direct = parseDate(text);
  if (direct.ok || direct.reason !== 'syntax') return direct;
  // A caption or note around the date (有效期至：2023年05月3日): use the one date in the text, when
  // nothing else in it looks like a number.
  const found = findDates(text);
  const only = found.length === 1 ? found[0] : undefined;
  if (!only) return direct;
  const outside = text.slice(0, only.index) + text.slice(only.index + only.raw.length);
  if (/[\d０-９]/u.test(outside)) return direct;
  return { ...only.parse, raw: text };
}

/** Parse a text that is only the date (no caption fallback). */
function parseDate(text: string): DateParse {
  const raw = text;
  const t = compactText(text).replace(EDGE, '');
  if (t === '' || BLANK.test(t)) {
    return fail('blank', raw, '日期未填写', 'The date is not filled in');
  }
  let fields = readFields(t);
  let corrected = false;
  if (!fields) {
    const cleaned = t.replace(JUNK_RE, '');
    if (cleaned !== t) {
      fields = readFields(cleaned);
      corrected = fields !== undefined;
    }
  }
  if (!fields) {
    // a numeric date with one separator misread (2029.04-24, 2029,01.24, 2028:03.19)
    const m = MIXED_NUM_DATE.exec(t);
    if (m) {
      const [, year = '', month = '', day = ''] = m;
      fields = { year, month, day, regular: false };
      corrected = true;
    }
  }
  if (!fields) {
    if (/年.*月/u.test(t)) {
      return fail(
        'syntax',
        raw,
        `日期"${text.trim()}"不完整或无法识别（应如 2022年09月05日）`,
        `The date "${text.trim()}" is incomplete or unreadable (expected e.g. 2022年09月05日)`,
      );
    }
    return fail(
      'syntax',
      raw,
      `"${text.trim()}"不是日期（应如 2022年09月05日 或 2022-09-05）`,
      `"${text.trim()}" is not a date (expected e.g. 2022年09月05日 or 2022-09-05)`,
    );
  }
  const year = fieldValue(fields.year);
  const month = fieldValue(fields.month);
  const day = fieldValue(fields.day);
  if (month < 1 || month > 12) {
    return fail(
      'impossible',
      raw,
      `日期"${text.trim()}"的月份 ${month} 不存在`,
      `The date "${text.trim()}" has month ${month}, which does not exist`,
    );
  }
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    return fail(
      'impossible',
      raw,
      `日期"${text.trim()}"不存在：${year}年${month}月只有 ${last} 天，没有 ${day} 日`,
      `The date "${text.trim()}" does not exist: ${year}-${pad(month)} has ${last} days, not ${day}`,
    );
  }
  return {
    ok: true,
    date: `${pad(year, 4)}-${pad(month)}-${pad(day)}`,
    raw,
    corrected,
    irregular: !fields.regular,
  };
}

/** Spaces and OCR junk the scanner allows between the parts of a Chinese-style date. */
const J = `[ ${JUNK}]{0,3}`;
/** Fill of a blank slot: spaces or underlines. */
const F = '[ _]{0,8}';

/**
 * Date-like spans in folded text. Three shapes: Chinese-style with a year (month and day may be
 * blank, which parses as incomplete), numeric with - . / separators, and the fully blank slot
 * 年 月 日. Bounded quantifiers only, so the scan is linear.
 */
const SCAN = new RegExp(
  [
    `(?<![\\d${CN}十])${YEAR}${J}年${J}(?:${MONTH})?${J}月${J}(?:${DAY}(?:${J}[日号]|(?![\\d${CN}十]))|日)`,
    `(?<![\\d./])[1-9]\\d{3} {0,2}[-./] {0,2}\\d{1,2} {0,2}[-./,:] {0,2}\\d{1,2}(?!\\d)`,
    `(?<![\\d./])[1-9]\\d{3} {0,2}[,:] {0,2}\\d{1,2} {0,2}[-./] {0,2}\\d{1,2}(?!\\d)`,
    `(?<![\\d${CN}十_] {0,3})_*年${F}月${F}日`,
  ].join('|'),
  'gu',
);

/**
 * Every date in a line, in order, including blank slots ('年 月 日') and dates that do not parse
 * (they come back with `ok: false`). `index` and `raw` locate each in `text`.
 */
export function findDates(text: string): { index: number; raw: string; parse: DateParse }[] {
  const folded = foldText(text);
  const out: { index: number; raw: string; parse: DateParse }[] = [];
  for (const m of folded.text.matchAll(SCAN)) {
    const [start, end] = sourceSpan(folded, m.index, m.index + m[0].length);
    const raw = text.slice(start, end);
    out.push({ index: start, raw, parse: parseDate(raw) });
  }
  return out;
}

/** What may stand between the two dates of a range: 至, 到, ~, a dash; 自A起至B止 too. */
const RANGE_SEPARATOR = /^起?(?:至|到|~|-)$/u;

/**
 * A range 'A至B', 'A—B', 'A到B', 'A~B' (also 自A起至B止): the first two consecutive dates in `text`
 * joined by a range separator. Either side may be a failed parse (a blank slot, an impossible date).
 */
export function parseDateRange(text: string): { from: DateParse; to: DateParse } | undefined {
  const dates = findDates(text);
  for (let i = 0; i + 1 < dates.length; i++) {
    const a = dates[i];
    const b = dates[i + 1];
    if (!a || !b) break;
    const between = compactText(text.slice(a.index + a.raw.length, b.index));
    if (RANGE_SEPARATOR.test(between)) return { from: a.parse, to: b.parse };
  }
  return undefined;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** Whether `s` is `YYYY-MM-DD` and a real calendar date. */
export function isIsoDate(s: string): boolean {
  const m = ISO.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function utcOf(iso: string): number {
  if (!isIsoDate(iso)) {
    throw new DomainError(
      'INVALID_INPUT',
      `"${iso}"不是有效的 YYYY-MM-DD 日期`,
      `"${iso}" is not a valid YYYY-MM-DD date`,
    );
  }
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear does not.
  const date = new Date(Date.UTC(2000, 0, 1));
  date.setUTCFullYear(y, m - 1, d);
  return date.getTime();
}

function isoOf(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

const DAY_MS = 86_400_000;

/** '2022-09-05' → '2022年09月05日'. Throws DomainError INVALID_INPUT for a non-date. */
export function formatDocumentDate(iso: string): string {
  utcOf(iso);
  const [y, m, d] = iso.split('-');
  return `${y ?? ''}年${m ?? ''}月${d ?? ''}日`;
}

/** `iso` plus `n` calendar days (n may be negative). Throws DomainError INVALID_INPUT for a non-date or non-integer n. */
export function addDays(iso: string, n: number): string {
  if (!Number.isInteger(n)) {
    throw new DomainError(
      'INVALID_INPUT',
      `天数"${n}"不是整数`,
      `The day count "${n}" is not an integer`,
    );
  }
  return isoOf(utcOf(iso) + n * DAY_MS);
}

/** `to` − `from` in calendar days: daysBetween('2022-09-05', '2022-09-06') = 1. Throws for a non-date. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcOf(to) - utcOf(from)) / DAY_MS);
}

/**
 * The calendar day of an ISO instant in Asia/Shanghai (UTC+8 all year: China has kept no daylight
 * saving since 1991). Anything that is not an instant is returned as it is.
 */
export function shanghaiDayOf(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

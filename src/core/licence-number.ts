/**
 * The grammar of licence numbers (经营许可证编号), `shared/domain/licensing.md` §3.1:
 *
 *   number   = [region | "合字"] categories "-" year serial [ "-" filing ]
 *   region   = one-character provincial abbreviation (京, 沪, 黔 …; variants 贵→黔, 云→滇 accepted)
 *   categories = category *("." category), each of A1 A2 B1 B2, no repeats, in that order
 *   year serial = 4 + 4 digits ("20180910"); the legacy MII form "2004-0851" keeps its dash
 *   filing   = 1–4 digits: a website filing reference some provinces append (黔B2-20090050-4); it is
 *              kept apart and is never part of the number
 *
 * No regulation defines the format (UNCONFIRMED); it is inferred from real numbers in public footers
 * and notices. The year is the first-issue year and numbers are kept on renewal, so nothing here
 * derives a validity from the year (licensing.md §0.1).
 */
import { SERVICE_CATEGORIES, type ServiceCategory } from './catalogue.js';
import { findRegionByAbbr } from './regions.js';
import { compactText, foldChar, foldText, sourceSpan } from './text.js';

/** A licence number, parsed. */
export interface LicenceNumber {
  /** canonical, without the filing suffix: '黔B2-20110282' */
  text: string;
  /** canonical region abbreviation, or null for a national (MIIT) number */
  region: string | null;
  /** the abbreviation as written when it was a variant ('贵' for 黔), else null */
  regionVariant: string | null;
  /** 合字: a foreign-invested licence */
  foreignInvested: boolean;
  categories: readonly ServiceCategory[];
  year: number;
  /** '0910' */
  serial: string;
  /** the trailing filing reference as written ('4' in 黔B2-20090050-4), else null */
  filingSuffix: string | null;
  /** the 2004 MII form with a dash after the year (B2-2004-0851), kept as written */
  legacyFormat: boolean;
}

/** Why a text is not a licence number. */
export const NumberParseFailure = {
  empty: 'empty',
  syntax: 'syntax',
  unknownRegion: 'unknown-region',
  unknownCategory: 'unknown-category',
} as const;
export type NumberParseFailure = (typeof NumberParseFailure)[keyof typeof NumberParseFailure];

export type NumberParse =
  | { ok: true; number: LicenceNumber; normalised: string }
  | {
      ok: false;
      reason: NumberParseFailure;
      /** zh-CN, names what is wrong */
      message: string;
      messageEn: string;
      normalised: string;
      /** with 'unknown-region': the prefix character, e.g. '泸' */
      unknownPrefix?: string;
      /** with 'unknown-region': the rest ('B2-20200731'), so a caller can retry with a trusted region */
      tail?: string;
    };

/** Inputs longer than this are not "a number": refuse before any regex work. */
const MAX_INPUT = 200;

/** Years a number can carry: licences date from the late 1990s (沪B2-2003…, 黔B2-2001…). */
const MIN_YEAR = 1990;
const MAX_YEAR = 2099;

/**
 * Fold a written number to the form the grammar reads: full-width → ASCII (NFKC), every dash `-`,
 * every middle dot `.`, upper case, no whitespace. Captions and `号` are left for the parser.
 */
export function normaliseNumberText(input: string): string {
  return compactText(input).toUpperCase();
}

/** The number body at the end of the (caption-stripped) text; digits are checked after matching. */
const BODY = /(合字)?([A-Z]\d(?:\.[A-Z]\d)*)-(\d+)(?:-(\d+))?(?:-(\d+))?$/u;

/** Closing punctuation and 号 after a number: 京B2-20180910号, （B2-20233776）。 */
const TRAILER = /号?[。.,，;；:!?)\]）】」』"'”’]*$/u;

/** Opening brackets and quotes before a caption or number. */
const OPENER = /^[([（【「『"'“‘]+/u;

/**
 * A caption before the number: 经营许可证编号：, 增值电信业务经营许可证：, ICP证, 许可证号, 黔ICP证：.
 * Any Han/Latin run that ends like a caption word, with an optional colon.
 */
const CAPTION = /^(?:[\p{Script=Han}A-Z]*(?:证|编号|号|码|许可))?:?$/u;

const HAN = /^\p{Script=Han}$/u;

type Failure = Extract<NumberParse, { ok: false }>;

function fail(
  reason: NumberParseFailure,
  normalised: string,
  message: string,
  messageEn: string,
): Failure {
  return { ok: false, reason, message, messageEn, normalised };
}

/**
 * Parse a licence number as written, with or without a caption: '京B2-20180910',
 * '经营许可证编号：京Ｂ２－２０１８０９１０', 'ICP证：合字B2-20070004号', '黔B2-20090050-4'.
 * Never throws; a failure says what is wrong, in Chinese and English.
 */
export function parseLicenceNumber(input: string): NumberParse {
  const normalised = normaliseNumberText(input);
  if (normalised === '') {
    return fail('empty', normalised, '经营许可证编号为空', 'The licence number is empty');
  }
  if (normalised.length > MAX_INPUT) {
    return fail(
      'syntax',
      normalised,
      `经营许可证编号过长（${normalised.length} 个字符），不是单个编号`,
      `The text is too long (${normalised.length} characters) to be one licence number`,
    );
  }
  const s = normalised.replace(TRAILER, '').replace(OPENER, '');
  const m = BODY.exec(s);
  if (!m) return notANumber(normalised);
  const [, foreign, catText = '', digits = '', second, third] = m;

  // Digits: 8 (year + serial) then an optional filing suffix, or the legacy 4-4.
  let year: string;
  let serial: string;
  let suffix: string | undefined;
  let legacyFormat = false;
  if (digits.length === 8 && third === undefined) {
    year = digits.slice(0, 4);
    serial = digits.slice(4);
    suffix = second;
  } else if (digits.length === 4 && second?.length === 4) {
    year = digits;
    serial = second;
    suffix = third;
    legacyFormat = true;
  } else {
    const written = [digits, second, third].filter((d) => d !== undefined).join('-');
    return fail(
      'syntax',
      normalised,
      `经营许可证编号"${normalised}"中类别后的数字"${written}"不符合格式：应为 8 位数字（4 位年份 + 4 位序号），如 B2-20180910`,
      `In "${normalised}" the digits after the category, "${written}", should be 8 digits (4-digit year + 4-digit serial), as in B2-20180910`,
    );
  }
  if (suffix !== undefined && suffix.length > 4) {
    return fail(
      'syntax',
      normalised,
      `经营许可证编号"${normalised}"末尾的"-${suffix}"不是 1–4 位的备案序号`,
      `In "${normalised}" the trailing "-${suffix}" is not a 1–4 digit filing suffix`,
    );
  }
  const yearNumber = Number(year);
  if (yearNumber < MIN_YEAR || yearNumber > MAX_YEAR) {
    return fail(
      'syntax',
      normalised,
      `经营许可证编号"${normalised}"中的年份"${year}"不在 ${MIN_YEAR}–${MAX_YEAR} 之间`,
      `In "${normalised}" the year "${year}" is not between ${MIN_YEAR} and ${MAX_YEAR}`,
    );
  }

  const categories = readCategories(catText, normalised);
  if (!Array.isArray(categories)) return categories;

  const foreignInvested = foreign !== undefined;
  const rest =
    (foreignInvested ? '合字' : '') +
    categories.join('.') +
    '-' +
    (legacyFormat ? `${year}-${serial}` : `${year}${serial}`);
  const withSuffix = suffix === undefined ? rest : `${rest}-${suffix}`;

  // What precedes the body: nothing or a caption (national), a region abbreviation after an optional
  // caption (provincial), or something else.
  const prefix = s.slice(0, m.index);
  const last = lastChar(prefix);
  const beforeLast = prefix.slice(0, prefix.length - last.length);
  let region: string | null = null;
  let regionVariant: string | null = null;
  const found = last === '' ? undefined : findRegionByAbbr(last);
  if (found && CAPTION.test(beforeLast)) {
    region = found.region.abbr;
    regionVariant = found.variant ? last : null;
  } else if (!CAPTION.test(prefix)) {
    if (HAN.test(last) && CAPTION.test(beforeLast)) {
      return {
        ...fail(
          'unknown-region',
          normalised,
          `经营许可证编号"${normalised}"的前缀"${last}"不是省级行政区简称`,
          `In "${normalised}" the prefix "${last}" is not a provincial abbreviation`,
        ),
        unknownPrefix: last,
        tail: withSuffix,
      };
    }
    return fail(
      'syntax',
      normalised,
      `经营许可证编号"${normalised}"前有无法识别的文字"${prefix}"`,
      `"${normalised}" has unrecognised text "${prefix}" before the number`,
    );
  }

  const number: LicenceNumber = {
    text: (region ?? '') + rest,
    region,
    regionVariant,
    foreignInvested,
    categories,
    year: yearNumber,
    serial,
    filingSuffix: suffix ?? null,
    legacyFormat,
  };
  return { ok: true, number, normalised };
}

function lastChar(s: string): string {
  const chars = Array.from(s);
  return chars[chars.length - 1] ?? '';
}

function isCategory(c: string): c is ServiceCategory {
  return (SERVICE_CATEGORIES as readonly string[]).includes(c);
}

/** The categories of `B1.B2`, or the failure that names the bad one. */
function readCategories(catText: string, normalised: string): ServiceCategory[] | Failure {
  const out: ServiceCategory[] = [];
  for (const c of catText.split('.')) {
    if (!isCategory(c)) {
      return fail(
        'unknown-category',
        normalised,
        `经营许可证编号"${normalised}"中的业务类别"${c}"不是 A1、A2、B1、B2 之一`,
        `In "${normalised}" the category "${c}" is not one of A1, A2, B1, B2`,
      );
    }
    if (out.includes(c)) {
      return fail(
        'syntax',
        normalised,
        `经营许可证编号"${normalised}"中的业务类别"${c}"重复`,
        `In "${normalised}" the category "${c}" is repeated`,
      );
    }
    const prev = out[out.length - 1];
    if (prev !== undefined && SERVICE_CATEGORIES.indexOf(prev) > SERVICE_CATEGORIES.indexOf(c)) {
      return fail(
        'syntax',
        normalised,
        `经营许可证编号"${normalised}"中的业务类别应按 A1、A2、B1、B2 的顺序书写，"${c}"不应在"${prev}"之后`,
        `In "${normalised}" categories must be written in the order A1, A2, B1, B2; "${c}" cannot follow "${prev}"`,
      );
    }
    out.push(c);
  }
  return out;
}

/** The failure for a text with no number body, naming the look-alikes people paste. */
function notANumber(normalised: string): Failure {
  if (normalised.includes('ICP备')) {
    return fail(
      'syntax',
      normalised,
      `"${normalised}"是 ICP 备案号，不是经营许可证编号`,
      `"${normalised}" is an ICP filing number, not a licence number`,
    );
  }
  if (/ICP证\d/u.test(normalised)) {
    return fail(
      'syntax',
      normalised,
      `"${normalised}"是"ICP证"编号，不是"京B2-20180910"格式的经营许可证编号`,
      `"${normalised}" is an "ICP证" number, not a licence number in the form 京B2-20180910`,
    );
  }
  return fail(
    'syntax',
    normalised,
    `"${normalised}"不是经营许可证编号（应如 京B2-20180910、B2-20233776、B1.B2-20202637）`,
    `"${normalised}" is not a licence number (expected e.g. 京B2-20180910, B2-20233776, B1.B2-20202637)`,
  );
}

/** Spaces the scanner allows between tokens (PDF extraction spaces characters out). */
const SP = ' {0,3}';

/**
 * Number-like candidates in folded, upper-cased text. Every quantifier is bounded or unambiguous, so
 * the scan is linear: a candidate starts at `合字` or `A`/`B` + digit not preceded by a letter, digit
 * or dot; the digits are 4+4 (optionally spaced or dashed) or, failing that, any run of 5 or more
 * (reported as a syntax failure); the filing suffix takes 1–4 digits only when no digit follows.
 */
const SCAN = new RegExp(
  `(?<![A-Z0-9.])(?:合${SP}字${SP})?[AB]${SP}\\d(?:${SP}\\.${SP}[A-Z]${SP}\\d)*${SP}-${SP}` +
    `(?:\\d{4}${SP}(?:-${SP})?\\d{4}(?!\\d)|\\d{5,})(?:-\\d{1,4}(?!\\d))?`,
  'gu',
);

/**
 * Characters that end a caption, so a Han character before a national number that is one of these
 * is a caption, not a mistyped region (许可证B2-…, 编号B2-…).
 */
const CAPTION_END = new Set(['证', '号', '码', '可', '为', '是', '的', '有', '持']);

/**
 * Scan free text (a web page footer, a document line) for licence-number candidates, in order. Each
 * candidate carries its index and the raw text in `text` and its parse; candidates that fail to parse
 * are reported too, so a caller can flag a mistyped number. Linear time: no backtracking blow-up.
 *
 * A Han character directly before a candidate is taken as its region prefix when it is a region
 * abbreviation; otherwise, when it stands alone (not inside a Chinese word) it is reported as an
 * unknown region ('泸B2-…'), and inside a word (许可证B2-…) it is treated as caption.
 */
export function findLicenceNumbers(
  text: string,
): { index: number; raw: string; parse: NumberParse }[] {
  const folded = foldText(text, (ch) => foldChar(ch).toUpperCase());
  const out: { index: number; raw: string; parse: NumberParse }[] = [];
  for (const m of folded.text.matchAll(SCAN)) {
    let from = m.index;
    const to = from + m[0].length;
    // Look back over up to three spaces for a region character.
    let k = from;
    while (k > 0 && from - k < 3 && folded.text[k - 1] === ' ') k--;
    const prev = k > 0 ? (folded.text[k - 1] ?? '') : '';
    const prevPrev = k > 1 ? (folded.text[k - 2] ?? '') : '';
    if (prev !== '' && HAN.test(prev)) {
      const isRegion = findRegionByAbbr(prev) !== undefined;
      const standsAlone = !HAN.test(prevPrev) || CAPTION_END.has(prevPrev);
      if (isRegion || (standsAlone && !CAPTION_END.has(prev))) from = k - 1;
    }
    const [start, end] = sourceSpan(folded, from, to);
    const raw = text.slice(start, end);
    out.push({ index: start, raw, parse: parseLicenceNumber(raw) });
  }
  return out;
}

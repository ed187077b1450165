/**
 * Lines of an extracted document: each keeps its 1-based number and its text as printed (for
 * evidence) beside a normalised form that the parser matches against.
 */

export interface Line {
  /** 1-based line number in the extracted text */
  readonly no: number;
  /** as printed, without the line break */
  readonly raw: string;
  /** normalised for matching: see {@link normaliseLine} */
  readonly text: string;
}

/**
 * Characters between which a space carries no meaning in a Chinese document: CJK ideographs, CJK
 * and full-width punctuation, and the ASCII brackets and colon that documents mix with them. OCR and
 * some PDF extractors put spaces between every character (`公 司 名 称`); letter-spaced labels in
 * aligned columns do the same.
 */
const CJKISH = '\\u2e80-\\u9fff\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uffef():\\[\\]';
const SPACE_BETWEEN_CJK = new RegExp(`([${CJKISH}])[ \\u00a0\\u3000]+(?=[${CJKISH}])`, 'gu');
const WIDE_SPACES = /[\u00a0\u3000\u2000-\u200b\u202f\u205f\ufeff]/gu;
/** Colon look-alikes: full-width, ratio, presentation forms. */
const COLONS = /[∶︰﹕]/gu;

/** Anything {@link normaliseLine} would change; most lines of a licence have none of it. */
const NEEDS_NORMALISING = /[\s\u00a0\u3000\u2000-\u200b\u202f\u205f\ufeff∶︰﹕]/u;

/** Normalise one line for matching. Tabs survive: they separate table cells. */
export function normaliseLine(raw: string): string {
  if (!NEEDS_NORMALISING.test(raw)) return raw;
  return raw
    .replace(WIDE_SPACES, ' ')
    .replace(COLONS, '：')
    .replace(SPACE_BETWEEN_CJK, '$1')
    .trim();
}

const ANY_BREAK = /\r\n|[\n\r\f\u2028\u2029\u0085\v]/u;
const OTHER_BREAKS = /[\r\f\u2028\u2029\u0085\v]/u;

/** Split extracted text into lines. `\r\n`, `\r`, form feeds and Unicode line separators all count. */
export function splitLines(text: string): Line[] {
  // Most documents break lines with \n alone: a plain split is twice as fast as the full pattern.
  const parts = OTHER_BREAKS.test(text) ? text.split(ANY_BREAK) : text.split('\n');
  const lines: Line[] = new Array<Line>(parts.length);
  for (let i = 0; i < parts.length; i++) {
    const raw = parts[i] ?? '';
    lines[i] = { no: i + 1, raw, text: normaliseLine(raw) };
  }
  return lines;
}

function isAsciiWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /^[A-Za-z0-9]$/u.test(ch);
}

/**
 * Join two pieces of running text that a line or page break separated: Chinese text joins with
 * nothing between; two ASCII words keep one space.
 */
export function joinText(a: string, b: string): string {
  if (a === '') return b;
  if (b === '') return a;
  // Only the characters at the seam are looked at: constant time however long `a` has grown.
  return isAsciiWordChar(a.at(-1)) && isAsciiWordChar(b[0]) ? `${a} ${b}` : a + b;
}

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
const NEEDS_NORMALISING = /[\s\u00a0\u3000\u2000-\u200b\u202f\u205f\ufeff∶︰﹕\u2e80-\u2fdf]/u;

/**
 * Radical code points that render as the ideograph (OCR and some PDF fonts give them): the Kangxi
 * radicals fold to the ideograph by NFKC; the supplement's simplified forms by Unicode's
 * EquivalentUnifiedIdeograph. Only forms that stand as characters of their own are mapped.
 */
const RADICAL_SUPPLEMENT: Readonly<Record<string, string>> = {
  '\u2e8c': '小',
  '\u2e8d': '小',
  '\u2e97': '心',
  '\u2e9d': '月',
  '\u2ea0': '民',
  '\u2ea7': '牛',
  '\u2ea9': '王',
  '\u2eab': '目',
  '\u2eac': '示',
  '\u2eae': '竹',
  '\u2eb4': '网',
  '\u2eb6': '羊',
  '\u2eb7': '羊',
  '\u2ebb': '聿',
  '\u2ebc': '肉',
  '\u2ebd': '臼',
  '\u2ec1': '虎',
  '\u2ec4': '西',
  '\u2ec5': '见',
  '\u2ec6': '角',
  '\u2ec7': '角',
  '\u2ec9': '贝',
  '\u2eca': '足',
  '\u2ecb': '车',
  '\u2ed1': '長',
  '\u2ed3': '长',
  '\u2ed4': '门',
  '\u2ed7': '雨',
  '\u2ed8': '青',
  '\u2ed9': '韦',
  '\u2eda': '页',
  '\u2edb': '风',
  '\u2edc': '飞',
  '\u2edd': '食',
  '\u2ee2': '马',
  '\u2ee3': '骨',
  '\u2ee4': '鬼',
  '\u2ee5': '鱼',
  '\u2ee6': '鸟',
  '\u2ee7': '卤',
  '\u2ee8': '麦',
  '\u2ee9': '黄',
  '\u2eea': '黾',
  '\u2eec': '齐',
  '\u2eee': '齿',
  '\u2ef0': '龙',
};
const RADICALS = /[\u2e80-\u2fdf]/gu;

function unifyRadical(ch: string): string {
  const mapped = RADICAL_SUPPLEMENT[ch];
  if (mapped !== undefined) return mapped;
  const n = ch.normalize('NFKC');
  return n.length === 1 && n !== ch ? n : ch;
}

/** Normalise one line for matching. Tabs survive: they separate table cells. */
export function normaliseLine(raw: string): string {
  if (!NEEDS_NORMALISING.test(raw)) return raw;
  return raw
    .replace(RADICALS, unifyRadical)
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

/** The extracted text's lines as {@link splitLines} numbers them, at most so many bytes of them. */
export interface BoundedLines {
  /** line N of the text (an evidence line number) is `lines[N - 1]`, as printed */
  readonly lines: readonly string[];
  /** the lines of the whole text */
  readonly lineCount: number;
  /** true when lines were left out to stay within the bound */
  readonly truncated: boolean;
}

/** {@link splitLines}'s line breaks, searched for one at a time. */
const EVERY_BREAK = new RegExp(ANY_BREAK.source, 'gu');

/** UTF-8 length of a string, without an encoder (the core has none). */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/**
 * The text's lines, numbered as {@link splitLines} numbers them (so evidence line numbers index
 * them), whole lines only, until the next would take their UTF-8 size (a byte for each line break
 * included) past `maxBytes`; the rest are counted, not copied.
 */
export function boundedLines(text: string, maxBytes: number): BoundedLines {
  const lines: string[] = [];
  let bytes = 0;
  let count = 0;
  let truncated = false;
  let start = 0;
  EVERY_BREAK.lastIndex = 0;
  for (;;) {
    const m = EVERY_BREAK.exec(text);
    const end = m === null ? text.length : m.index;
    count += 1;
    if (!truncated) {
      const line = text.slice(start, end);
      const size = utf8Length(line) + 1;
      if (bytes + size > maxBytes) truncated = true;
      else {
        lines.push(line);
        bytes += size;
      }
    }
    if (m === null) break;
    start = EVERY_BREAK.lastIndex;
  }
  return { lines, lineCount: count, truncated };
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

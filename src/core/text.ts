/**
 * Character-level folding shared by the core's parsers (licence numbers, dates, catalogue names).
 *
 * Documents arrive full-width (`京Ｂ２－２０１８０９１０`), spaced by PDF extraction (`京 B2 - 2018`)
 * or OCR-damaged, so every parser folds text first. Folding is done one character at a time and keeps
 * a map back to the source, so a match in the folded text can be reported at its place in the source.
 */

/** A folded text and, for each of its UTF-16 units, the index in the source it came from. */
export interface FoldedText {
  text: string;
  /** `origin[i]` = index in the source of `text[i]`; `origin[text.length]` = source length */
  origin: readonly number[];
}

/**
 * Dashes that documents use where the licence grammar has `-`: hyphen, non-breaking hyphen, figure
 * dash, en/em dash, horizontal bar, minus, small and full-width hyphen-minus.
 */
const DASHES = new Set([
  '\u2010',
  '\u2011',
  '\u2012',
  '\u2013',
  '\u2014',
  '\u2015',
  '\u2212',
  '\ufe63',
  '\uff0d',
  '\u2043',
]);

/** Dots used where the grammar has `.`: middle dot, katakana middle dot, full-width full stop, bullet. */
const DOTS = new Set(['\u00b7', '\u30fb', '\uff65', '\uff0e', '\u2022', '\u2027']);

/**
 * Fold one character: NFKC (full-width letters, digits and punctuation become ASCII), every dash
 * becomes `-`, every middle dot `.`, every whitespace character a plain space.
 */
export function foldChar(ch: string): string {
  // Fast path for what documents are mostly made of: ASCII and CJK unified ideographs are both
  // stable under NFKC, so only ASCII whitespace changes.
  if (ch.length === 1) {
    const c = ch.charCodeAt(0);
    if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d) ? ' ' : ch;
    if (c >= 0x4e00 && c <= 0x9fff) return ch;
  }
  if (/^\s$/u.test(ch)) return ' ';
  if (DASHES.has(ch)) return '-';
  if (DOTS.has(ch)) return '.';
  const n = ch.normalize('NFKC');
  if (DASHES.has(n)) return '-';
  if (DOTS.has(n)) return '.';
  return n;
}

/**
 * Fold `source` character by character with `map` (default {@link foldChar}), keeping the origin of
 * every output unit. A character may fold to several units (NFKC of `㈠` is `(一)`) or to none.
 */
export function foldText(source: string, map: (ch: string) => string = foldChar): FoldedText {
  let text = '';
  const origin: number[] = [];
  let index = 0;
  for (const ch of source) {
    const folded = map(ch);
    text += folded;
    for (let k = 0; k < folded.length; k++) origin.push(index);
    index += ch.length;
  }
  origin.push(source.length);
  return { text, origin };
}

/** The source span `[start, end)` of the folded span `[from, to)`. */
export function sourceSpan(folded: FoldedText, from: number, to: number): [number, number] {
  const start = folded.origin[from] ?? folded.origin[folded.origin.length - 1] ?? 0;
  // The end is the origin of the last folded unit plus that source character's length: take the
  // origin of the next unit that comes from a later source character.
  let end = folded.origin[to] ?? start;
  if (to > from) {
    const last = folded.origin[to - 1] ?? start;
    if (end <= last) {
      let k = to;
      while (k < folded.origin.length && (folded.origin[k] ?? 0) <= last) k++;
      end = folded.origin[k] ?? last + 1;
    }
  }
  return [start, end];
}

/** Fold and drop all whitespace: the form parsers compare against. */
export function compactText(source: string): string {
  return foldText(source, (ch) => (/^\s$/u.test(ch) ? '' : foldChar(ch))).text;
}

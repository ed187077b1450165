/**
 * Tesseract's TSV output (`tesseract IMAGE stdout tsv`) → text and confidence. TSV is the one
 * output that carries both the words and their confidences, so one OCR run gives both. Pure.
 */
import { meanConfidence } from './confidence.js';
import { cleanExtractedText, removeSpacesBetweenCjk } from './cjk-text.js';
import { otsuThreshold, type GreyImage } from './page-image.js';
import { pageSlope, type PixelBox } from './paddle-rec.js';
import { displayWidth } from './text-layout.js';

/** Where a line of OCR text sits on its page image, in pixels. */
export interface OcrLineGeometry {
  /** the box around the line's words: left, top, width, height */
  readonly box: PixelBox;
  /** each word's box, in reading order (Tesseract gives Chinese one character or run a word) */
  readonly words: readonly PixelBox[];
  /**
   * Where the line crosses a column gap (a table's cells): the index in `words` of each cell's
   * first word after the first cell. Absent on a line of one cell. The line's text has the same
   * cells, two or more blanks apart.
   */
  readonly cells?: readonly number[];
}

export interface OcrPageText {
  /** the page's text, lines in reading order, paragraphs separated by a blank line */
  readonly text: string;
  /** 0–1, Tesseract's character-weighted mean word confidence */
  readonly confidence: number;
  /**
   * One entry per line of `text`: the 0–1 confidence of each of the line's non-blank characters,
   * in order (a character has its word's confidence). Empty for a blank line.
   */
  readonly characterConfidence: readonly (readonly number[])[];
  /** the page image's size in pixels, as Tesseract saw it (0 when it did not say) */
  readonly width: number;
  readonly height: number;
  /** one entry per line of `text`: where it is on the page; null for a blank line */
  readonly lines: readonly (OcrLineGeometry | null)[];
}

interface Word {
  readonly text: string;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly height: number;
  /** 0–100 */
  readonly confidence: number;
}

interface PageWords {
  readonly lines: Map<string, Word[]>;
  readonly order: string[];
  width: number;
  height: number;
}

/**
 * Lines whose centres are further apart than this many character heights have a paragraph break
 * between them: text-layout.ts's 2.2 font sizes, a CJK character's ink being about 0.88 of its
 * font size. A table's rows, a cell's padding and rule apart, stay one block.
 */
const PARAGRAPH_GAP = 2.5;

/** A line's centre height on the page turned level (y − slope·x). */
function levelCentre(words: readonly Word[], slope: number): number {
  let sum = 0;
  for (const w of words) sum += w.top + w.height / 2 - slope * ((w.left + w.right) / 2);
  return sum / Math.max(1, words.length);
}

/**
 * Tesseract's lines in order down the page turned level, the lines of one row joined. On a page
 * scanned at a slant Tesseract takes a table row's cells, printed a little higher or lower, for
 * lines of their own (`网站名称 网站域名`, then `服务器放置地 网站接入服务提供单位`), and may break a
 * long line in two, reading the words at the break twice and filing the second piece in a block of
 * its own at the end of the page. Lines whose centres are within half a character height join;
 * a word whose centre falls inside a word the row already has (within a third of a character) is
 * read twice and dropped.
 */
function sameRows(lines: readonly (readonly Word[])[], page: PageColumns): Word[][] {
  const placed = lines
    .filter((words) => words.length > 0)
    .map((words) => ({ words: [...words], centre: levelCentre(words, page.slope) }))
    .sort((a, b) => a.centre - b.centre);
  const rows: { words: Word[]; centre: number }[] = [];
  const margin = page.unit / 3;
  for (const line of placed) {
    const row = rows[rows.length - 1];
    if (row === undefined || line.centre - row.centre >= 0.5 * page.unit) {
      rows.push(line);
      continue;
    }
    const fresh = line.words.filter((w) => {
      const c = (w.left + w.right) / 2;
      return !row.words.some((o) => o.left - margin <= c && c <= o.right + margin);
    });
    if (fresh.length === 0) continue;
    row.words.push(...fresh);
    row.words.sort((a, b) => a.left - b.left);
    row.centre = levelCentre(row.words, page.slope);
  }
  return rows.map((r) => r.words);
}

function boxOf(w: Word): PixelBox {
  return [w.left, w.top, w.right - w.left, w.height];
}

/** The words' boxes and the box around them all, and where its cells start. */
function lineGeometry(words: readonly Word[], cells: readonly number[]): OcrLineGeometry {
  const boxes = words.map((w): PixelBox => [w.left, w.top, w.right - w.left, w.height]);
  const left = Math.min(...words.map((w) => w.left));
  const top = Math.min(...words.map((w) => w.top));
  const right = Math.max(...words.map((w) => w.right));
  const bottom = Math.max(...words.map((w) => w.top + w.height));
  const box: PixelBox = [left, top, right - left, bottom - top];
  return cells.length > 0 ? { box, words: boxes, cells } : { box, words: boxes };
}

/** A horizontal gap wider than this share of the line's height between two words is a space. */
const WORD_GAP = 0.45;
/**
 * A gap wider than this many of the page's character heights between two words separates columns
 * (a table's cells, with their rules taken off by rules.ts): the next word is put at its column,
 * as text-layout.ts does for a PDF's text layer. Full-width punctuation inks only part of its box,
 * so a gap beside `：` or `，` can reach about 0.7; two cells' text is about 1 apart at the
 * narrowest (a cell's padding on both sides of its rule).
 */
const COLUMN_GAP = 0.85;
/** A label's colon: the gap after it is the one between a label and its value, not a column. */
const LABEL_END = /[：:;；]$/u;

/** A blank stretch of a line, left edge to right edge (exclusive), in the page's pixels. */
export type Gap = readonly [number, number];

/**
 * The column gaps of one line, found on the page image: the stretches at least `COLUMN_GAP` × `unit`
 * wide, between the line's first and last ink, where no pixel of the line's band is ink (at
 * `threshold`). The band follows the line's words along the page's slope and is 1.1 `unit` tall.
 * Tesseract's box of a CJK word is only roughly where its ink is (`代码` 5 px wide, 55 px right of
 * where it is printed), so a gap between two words' boxes is not evidence of a gap on the page.
 */
export function lineGaps(
  image: GreyImage,
  threshold: number,
  words: readonly PixelBox[],
  slope: number,
  unit: number,
): Gap[] {
  if (words.length < 2) return [];
  const { width, height, pixels } = image;
  const cx = words.reduce((n, w) => n + w[0] + w[2] / 2, 0) / words.length;
  const cy = words.reduce((n, w) => n + w[1] + w[3] / 2, 0) / words.length;
  const half = 0.55 * unit;
  const from = Math.max(0, Math.min(...words.map((w) => w[0])));
  const to = Math.min(width, Math.max(...words.map((w) => w[0] + w[2])));
  const gaps: Gap[] = [];
  let start = -1;
  let seenInk = false;
  for (let x = from; x < to; x++) {
    const centre = cy + slope * (x - cx);
    const y0 = Math.max(0, Math.round(centre - half));
    const y1 = Math.min(height, Math.round(centre + half));
    let ink = false;
    for (let y = y0; y < y1 && !ink; y++) ink = (pixels[y * width + x] ?? 255) <= threshold;
    if (!ink) {
      if (start < 0) start = x;
      continue;
    }
    if (start >= 0 && seenInk && x - start >= COLUMN_GAP * unit) gaps.push([start, x]);
    start = -1;
    seenInk = true;
  }
  return gaps;
}

/**
 * What no cell starts with: commas, stops, colons, closing quotes and brackets, and the corner
 * brackets a rule is misread as (a licence prints “” and 《》, never 「」 or 『』).
 */
const CLOSING_MARKS = /^[，,、。．.;；:：”’"'」』）)】\]「『|｜丨]+/u;

/**
 * A cell's (or line's) text without the commas, stops and closing marks it starts with: no cell
 * starts with one, so one there is noise an engine read in the gap before it. Returns the text
 * and how many characters were dropped.
 */
export function trimCellStart(text: string): { text: string; dropped: number } {
  const kept = text.replace(CLOSING_MARKS, '');
  return { text: kept, dropped: nonBlankLength(text) - nonBlankLength(kept) };
}
/** The blank stretch of the page between two words (their centres), if there is one. */
function gapBetween(gaps: readonly Gap[], a: Word, b: Word): Gap | undefined {
  const from = (a.left + a.right) / 2;
  const to = (b.left + b.right) / 2;
  return gaps.find(([x0, x1]) => from < (x0 + x1) / 2 && (x0 + x1) / 2 < to);
}

/** A word of punctuation and symbols only. */
const MARKS = /^[\p{P}\p{S}]+$/u;
/** A word of nothing but these is a cell's rule Tesseract read as text: it separates columns. */
const RULE_GLYPHS = /^[|｜丨「」『』【】[\]]+$/u;

/** How a page places its lines' text in columns: its character height, skew and left edge. */
interface PageColumns {
  /** the median height of the page's one-ideograph words: a CJK character is two columns */
  readonly unit: number;
  /** dy/dx of the page's lines (paddle-rec.ts `pageSlope`) */
  readonly slope: number;
  /** the left edge of the page's text, on the page turned level */
  readonly left: number;
}

/** A word's left edge on the page turned level (x + slope·y undoes a rotation by atan(slope)). */
function levelX(w: Word, slope: number): number {
  return w.left + slope * (w.top + w.height / 2);
}

const IDEOGRAPH_WORD = /^[\u3400-\u4dbf\u4e00-\u9fff]$/u;

function pageColumns(lines: readonly (readonly Word[])[]): PageColumns {
  const words = lines.flat();
  const ideographs = words.filter((w) => IDEOGRAPH_WORD.test(w.text)).map((w) => w.height);
  const unit = Math.max(4, median(ideographs.length > 0 ? ideographs : words.map((w) => w.height)));
  const slope = pageSlope(
    lines.map((ws) => ws.map((w): PixelBox => [w.left, w.top, w.right - w.left, w.height])),
  );
  let left = Number.POSITIVE_INFINITY;
  for (const w of words) left = Math.min(left, levelX(w, slope));
  return { unit, slope, left: Number.isFinite(left) ? left : 0 };
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * A line's words as text: touching words join, a word gap is a space, and a column gap puts the
 * next word at its column, two or more blanks on, as text-layout.ts does for a PDF's text layer;
 * the line's first word is indented to its column the same way. A column gap is a blank stretch
 * of the page (`gaps`, {@link lineGaps}) when the page image is at hand, else a wide gap between
 * two words' boxes; a rule read as `|` is one too, and is dropped, as is punctuation read inside a
 * blank stretch (`。` or `”` in the space between two cells). No gap after a label's colon is a
 * column. Returns the text, the words kept and where each cell after the first starts among them.
 */
function joinWords(
  all: readonly Word[],
  page: PageColumns,
  gaps: readonly Gap[] | undefined,
): { text: string; words: Word[]; cells: number[] } {
  const height = Math.max(1, ...all.map((w) => w.height));
  const columnAt = (x: number, w: Word): number =>
    Math.max(
      0,
      Math.round((2 * (x + page.slope * (w.top + w.height / 2) - page.left)) / page.unit),
    );
  const centre = (w: Word): number => (w.left + w.right) / 2;
  const inGap = (x: number): Gap | undefined => gaps?.find(([a, b]) => a <= x && x < b);
  const words: Word[] = [];
  const cells: number[] = [];
  let text = '';
  let end = Number.NEGATIVE_INFINITY;
  let last: Word | undefined;
  let rule = false;
  for (let w of all) {
    if (RULE_GLYPHS.test(w.text)) {
      rule = words.length > 0;
      continue;
    }
    if (MARKS.test(w.text) && inGap(centre(w))) continue;
    const gap = last === undefined || gaps === undefined ? undefined : gapBetween(gaps, last, w);
    const cellStart =
      last === undefined ||
      rule ||
      (!LABEL_END.test(text) &&
        (gaps === undefined ? w.left - end > COLUMN_GAP * page.unit : gap !== undefined));
    // A cell does not start with a comma, stop or closing mark: one there is noise from the gap.
    if (cellStart) {
      const kept = trimCellStart(w.text).text;
      if (kept === '') continue;
      if (kept !== w.text) w = { ...w, text: kept };
    }
    if (last === undefined) {
      const indent = columnAt(w.left, w);
      text = indent >= 2 ? ' '.repeat(indent) : '';
    } else if (cellStart) {
      const before = text.trimEnd();
      const x = gap === undefined ? w.left : gap[1];
      // the width the text will have once a space between two CJK characters is dropped
      const width = displayWidth(removeSpacesBetweenCjk(before));
      text = before + ' '.repeat(Math.max(2, columnAt(x, w) - width));
      cells.push(words.length);
    } else if (w.left - end > WORD_GAP * height) {
      text += ' ';
    }
    rule = false;
    text += w.text;
    end = w.right;
    last = w;
    words.push(w);
  }
  return { text, words, cells };
}

const BLANK = /\s/u;

/** How many non-blank characters (code points) a line holds. */
export function nonBlankLength(text: string): number {
  let n = 0;
  for (const ch of text) if (!BLANK.test(ch)) n++;
  return n;
}

/** Each non-blank character of the words, in order, with its word's confidence as 0–1. */
function wordCharacterConfidence(words: readonly Word[]): number[] {
  const out: number[] = [];
  for (const w of words) {
    const c = Math.max(0, Math.min(100, w.confidence)) / 100;
    for (let n = nonBlankLength(w.text); n > 0; n--) out.push(c);
  }
  return out;
}

/**
 * Parse TSV of one or more pages (a multi-page TIFF yields several). Columns: level page_num
 * block_num par_num line_num word_num left top width height conf text. Tesseract splits Chinese
 * into one "word" per character or run, so words of a line join with nothing unless their boxes
 * are clearly apart; lines join with `\n`, paragraphs and blocks with a blank line, as Tesseract's
 * own text renderer does.
 */
export function parseTesseractTsv(tsv: string, image?: GreyImage): OcrPageText[] {
  const pages = new Map<number, PageWords>();
  for (const row of tsv.split('\n')) {
    const cols = row.split('\t');
    if (cols.length < 12 || !/^\d+$/u.test(cols[0] ?? '')) continue;
    const page = Number(cols[1]);
    let p = pages.get(page);
    if (!p) {
      p = { lines: new Map(), order: [], width: 0, height: 0 };
      pages.set(page, p);
    }
    if (cols[0] === '1') {
      p.width = Number(cols[8]) || 0;
      p.height = Number(cols[9]) || 0;
    }
    // Level 1 rows announce a page (so an empty page still counts); level 5 rows are words.
    if (cols[0] !== '5') continue;
    const text = cols.slice(11).join('\t').replace(/\r$/u, '').trim();
    if (text === '') continue;
    const key = `${cols[2]}.${cols[3]}.${cols[4]}`;
    let words = p.lines.get(key);
    if (!words) {
      words = [];
      p.lines.set(key, words);
      p.order.push(key);
    }
    const left = Number(cols[6]);
    const confidence = Number(cols[10]);
    words.push({
      text,
      left,
      right: left + Number(cols[8]),
      top: Number(cols[7]),
      height: Number(cols[9]),
      confidence,
    });
  }
  const out: OcrPageText[] = [];
  for (const page of [...pages.keys()].sort((a, b) => a - b)) {
    const p = pages.get(page);
    if (!p) continue;
    const lines: string[] = [];
    const characterConfidence: number[][] = [];
    const geometry: (OcrLineGeometry | null)[] = [];
    let previous = Number.POSITIVE_INFINITY;
    let previousCells = false;
    const columns = pageColumns(p.order.map((key) => p.lines.get(key) ?? []));
    // The pixels are the page's only when the TSV is of one page of their size.
    const fits = image && pages.size === 1 && image.width === p.width && image.height === p.height;
    const threshold = fits ? otsuThreshold(image.pixels) : 0;
    const rows = sameRows(
      p.order.map((key) => p.lines.get(key) ?? []),
      columns,
    );
    for (const lineWords of rows) {
      const gaps = fits
        ? lineGaps(image, threshold, lineWords.map(boxOf), columns.slope, columns.unit)
        : undefined;
      const joined = joinWords(lineWords, columns, gaps);
      if (joined.words.length === 0) continue;
      // A paragraph break where the lines are far apart, as text-layout.ts puts one in a PDF's
      // text: Tesseract's own paragraphs split a table's rows (a blank line between each). Between
      // two rows of a table (lines of several cells) none: a blank line between some rows and not
      // others would tell the parser that two rows are one.
      const level = levelCentre(joined.words, columns.slope);
      const tableRows = previousCells && joined.cells.length > 0;
      if (lines.length > 0 && level - previous > PARAGRAPH_GAP * columns.unit && !tableRows) {
        lines.push('');
        characterConfidence.push([]);
        geometry.push(null);
      }
      previousCells = joined.cells.length > 0;
      previous = level;
      lines.push(joined.text);
      characterConfidence.push(wordCharacterConfidence(joined.words));
      geometry.push(lineGeometry(joined.words, joined.cells));
    }
    const text = cleanExtractedText(lines.join('\n'));
    // Cleaning drops only blanks and maps a character to one character, so the non-blank characters
    // of each line still line up with their confidences; a line that does not is left unscored.
    text.split('\n').forEach((line, i) => {
      if (nonBlankLength(line) !== characterConfidence[i]?.length) characterConfidence[i] = [];
    });
    out.push({
      text,
      confidence: meanConfidence([...p.lines.values()].flat()),
      characterConfidence,
      width: p.width,
      height: p.height,
      lines: geometry,
    });
  }
  return out;
}

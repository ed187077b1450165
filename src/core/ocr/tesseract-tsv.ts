/**
 * Tesseract's TSV output (`tesseract IMAGE stdout tsv`) → text and confidence. TSV is the one
 * output that carries both the words and their confidences, so one OCR run gives both. Pure.
 */
import { meanConfidence } from './confidence.js';
import { cleanExtractedText } from './cjk-text.js';
import type { PixelBox } from './paddle-rec.js';

/** Where a line of OCR text sits on its page image, in pixels. */
export interface OcrLineGeometry {
  /** the box around the line's words: left, top, width, height */
  readonly box: PixelBox;
  /** each word's box, in reading order (Tesseract gives Chinese one character or run a word) */
  readonly words: readonly PixelBox[];
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

/** The words' boxes and the box around them all. */
function lineGeometry(words: readonly Word[]): OcrLineGeometry {
  const boxes = words.map((w): PixelBox => [w.left, w.top, w.right - w.left, w.height]);
  const left = Math.min(...words.map((w) => w.left));
  const top = Math.min(...words.map((w) => w.top));
  const right = Math.max(...words.map((w) => w.right));
  const bottom = Math.max(...words.map((w) => w.top + w.height));
  return { box: [left, top, right - left, bottom - top], words: boxes };
}

/** A horizontal gap wider than this share of the line's height between two words is a space. */
const WORD_GAP = 0.45;

function joinWords(words: readonly Word[]): string {
  const height = Math.max(1, ...words.map((w) => w.height));
  let text = '';
  let end = Number.NEGATIVE_INFINITY;
  for (const w of words) {
    if (text !== '' && w.left - end > WORD_GAP * height) text += ' ';
    text += w.text;
    end = w.right;
  }
  return text;
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
export function parseTesseractTsv(tsv: string): OcrPageText[] {
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
    let lastPar = '';
    for (const key of p.order) {
      const par = key.slice(0, key.lastIndexOf('.'));
      if (lines.length > 0 && par !== lastPar) {
        lines.push('');
        characterConfidence.push([]);
        geometry.push(null);
      }
      lastPar = par;
      const words = p.lines.get(key) ?? [];
      lines.push(joinWords(words));
      characterConfidence.push(wordCharacterConfidence(words));
      geometry.push(lineGeometry(words));
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

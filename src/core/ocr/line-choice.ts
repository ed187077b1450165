/**
 * Choosing between two engines' readings of one text line: Tesseract's and PaddleOCR's
 * (src/adapters/documents/ocr-combined.ts). A reading that makes a licence number, credit code or
 * date valid where the other makes it invalid wins outright; otherwise the engine more sure of its
 * characters. Pure.
 */
import { checkCreditCode } from '../credit-code.js';
import { findLicenceNumbers } from '../licence-number.js';
import { nonBlankLength } from './tesseract-tsv.js';

/** One engine's reading of a line: its text and its mean character confidence (0–1). */
export interface LineReading {
  readonly text: string;
  readonly confidence: number;
}

/** A credit-code-shaped run: 18 letters or digits (after NFKC and upper-casing). */
const CREDIT_CODE_SHAPE = /(?<![0-9A-Z])[0-9A-Z]{18}(?![0-9A-Z])/gu;
const DATE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*(日?)/gu;

function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/**
 * How well a line keeps the licence's grammars: +1 for each licence number, credit code and date
 * in it that is valid, −1 for each one shaped like one but invalid (a number with an unknown region
 * such as `各B2-…`, a credit code failing its check character, `2030年07月31]`).
 */
export function grammarScore(line: string): number {
  const text = line.normalize('NFKC').toUpperCase();
  let score = 0;
  for (const found of findLicenceNumbers(text)) score += found.parse.ok ? 1 : -1;
  for (const m of text.matchAll(CREDIT_CODE_SHAPE)) score += checkCreditCode(m[0]).ok ? 1 : -1;
  for (const m of text.matchAll(DATE)) {
    const ok = m[4] === '日' && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
    score += ok ? 1 : -1;
  }
  return score;
}

/** PaddleOCR's reading is taken on confidence alone only when at least this sure. */
export const MIN_PADDLE_CONFIDENCE = 0.8;

/**
 * Which reading of a line to keep. The grammars decide first; then a Paddle reading that lost
 * more than half the characters (a crop gone wrong) is refused; then the more confident engine,
 * Paddle only when it is at least {@link MIN_PADDLE_CONFIDENCE}.
 */
export function chooseLine(tesseract: LineReading, paddle: LineReading): 'tesseract' | 'paddle' {
  const p = nonBlankLength(paddle.text);
  if (p === 0) return 'tesseract';
  const t = nonBlankLength(tesseract.text);
  const gp = grammarScore(paddle.text);
  const gt = grammarScore(tesseract.text);
  if (gp !== gt) return gp > gt ? 'paddle' : 'tesseract';
  if (2 * p < t) return 'tesseract';
  if (paddle.confidence < MIN_PADDLE_CONFIDENCE) return 'tesseract';
  return paddle.confidence > tesseract.confidence ? 'paddle' : 'tesseract';
}

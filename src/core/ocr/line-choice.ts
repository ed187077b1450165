/**
 * Choosing between two engines' readings of one text line: Tesseract's and PaddleOCR's
 * (src/adapters/documents/ocr-combined.ts). A reading that makes a licence number, credit code or
 * date valid where the other makes it invalid wins outright; otherwise the engine more sure of its
 * characters. Pure.
 */
import { checkCreditCode } from '../credit-code.js';
import { parseDocumentDate } from '../dates.js';
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

/** A credit code's label and the letters and digits after it. */
const CREDIT_CODE_FIELD = /信用代码\s*[:;：；]?\s*([0-9A-Z]{12,24})(?![0-9A-Z])/u;
/** A date's label and what follows it, up to the end of the line or the next label. */
const DATE_FIELD =
  /(?:发证日期|签发日期|有效期至|有效期限至|有效期截止日期)\s*[:;：；]?\s*([^:：]{6,20})$/u;

/**
 * How well a line keeps the licence's grammars: +1 for each licence number, credit code and date
 * in it that is valid, −1 for each one shaped like one but invalid (a number with an unknown region
 * such as `各B2-…`, a credit code failing its check character, `2030年07月31]`). A credit code or
 * date after its label is judged as that field, whatever its shape: one that lost a character
 * under a seal (`91213571MATDNYW2X`, `二〇三年十二月九日`) counts against; a date read only by
 * mending it (`2029,01.24`, `2030年07月31]`) counts neither way.
 */
export function grammarScore(line: string): number {
  const text = line.normalize('NFKC').toUpperCase();
  let score = 0;
  for (const found of findLicenceNumbers(text)) score += found.parse.ok ? 1 : -1;
  // a labelled credit code or date is judged as a field; an unlabelled one by its shape
  const code = CREDIT_CODE_FIELD.exec(text);
  if (code) {
    score += checkCreditCode(code[1] ?? '').ok ? 1 : -1;
  } else {
    for (const m of text.matchAll(CREDIT_CODE_SHAPE)) score += checkCreditCode(m[0]).ok ? 1 : -1;
  }
  const date = DATE_FIELD.exec(text);
  if (date) {
    const value = date[1] ?? '';
    const parsed = parseDocumentDate(value);
    // read, but only by mending it: a separator, or the 日 of a date in 年月日
    const mended =
      parsed.ok && (parsed.corrected || (/年/u.test(value) && !/[日号]\s*$/u.test(value)));
    score += parsed.ok ? (mended ? 0 : 1) : -1;
  } else {
    for (const m of text.matchAll(DATE)) {
      const ok = m[4] === '日' && validDate(Number(m[1]), Number(m[2]), Number(m[3]));
      score += ok ? 1 : -1;
    }
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

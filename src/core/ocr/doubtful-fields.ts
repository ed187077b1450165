/**
 * Fields whose OCR reading is doubtful. Tesseract scores every word it reads; a field with a
 * character scored below {@link DOUBTFUL_CHARACTER} is marked: its evidence confidence drops to
 * that character's, and a note quotes the doubtful characters. A review screen then points at the
 * few fields to check against the document (a seal over a domain, a smudged name) instead of
 * giving every field of a scan the page's confidence. Pure.
 */
import type { Evidence, Licence, Note } from '../licence.js';
import { matchLabel } from '../parse/labels.js';
import { normaliseLine, splitLines } from '../parse/lines.js';
import { nonBlankLength } from './tesseract-tsv.js';

/**
 * Per line of an extracted text, numbered as `splitLines` numbers them: the 0–1 confidence of each
 * of the line's non-blank characters in order, or null for a line not read by OCR (a text layer).
 */
export type TextConfidence = readonly (readonly number[] | null)[];

/**
 * A character read with less confidence than this makes its field doubtful. Chosen on the fixture
 * scans, clean and sealed (docs/reading-documents.md): every misread character Tesseract scored low
 * scored at most 0.25 (`汪` for `漕`), while correct characters mostly scored 0.38 or more; a few
 * correct ones score lower (`登` 0.27 under a seal, `溪` 0.00 beside the misread `汪`). A misread
 * character scored high (`大必` for `人民` under a seal, 0.7+) or a character OCR dropped is not
 * caught by any threshold.
 */
export const DOUBTFUL_CHARACTER = 0.3;

/** A doubtful run is quoted up to this many characters. */
const MAX_QUOTE = 24;

/** One page of extracted text, with its characters' confidences when OCR read it. */
export interface PageText {
  readonly text: string;
  /** one entry per `\n`-separated line of `text`; absent for a text layer */
  readonly characterConfidence?: readonly (readonly number[])[] | undefined;
}

/**
 * The confidence of a document's lines when its pages are joined with form feeds. A page whose
 * confidences do not match its lines (the engine split lines differently) counts as unscored.
 */
export function documentTextConfidence(pages: readonly PageText[]): TextConfidence {
  const out: (readonly number[] | null)[] = [];
  for (const page of pages) {
    const count = splitLines(page.text).length;
    const scored = page.characterConfidence;
    if (scored?.length === count) out.push(...scored);
    else for (let i = 0; i < count; i++) out.push(null);
  }
  return out;
}

/** Evidence and notes after marking the doubtful fields. */
export interface MarkedFields {
  readonly evidence: Record<string, Evidence>;
  readonly notes: Note[];
}

/** What the parser made of the text: the fields to mark and where they were read. */
export interface ParsedFields {
  readonly licence: Licence;
  readonly evidence: Readonly<Record<string, Evidence>>;
  /** further lines a field was read from (a provision over several lines) */
  readonly continuedOn: Readonly<Record<string, readonly number[]>>;
}

/**
 * Mark the fields whose value has a doubtful character. Only the value counts: on a labelled line
 * (`网站域名：…`) the characters after the label, then every line the value continues on. A credit
 * code the parser kept passed its check character, which catches any single misread, so it is not
 * marked.
 */
export function markDoubtfulFields(
  parsed: ParsedFields,
  text: string,
  confidence: TextConfidence,
): MarkedFields {
  const lines = splitLines(text);
  const marked: Record<string, Evidence> = {};
  const notes: Note[] = [];
  for (const [field, e] of Object.entries(parsed.evidence)) {
    marked[field] = e;
    if (field === 'holder.creditCode' && parsed.licence.holder.creditCode !== null) continue;
    const runs: string[] = [];
    let lowest = 1;
    for (const no of [e.line, ...(parsed.continuedOn[field] ?? [])]) {
      const raw = lines[no - 1]?.raw ?? '';
      const label = no === e.line ? matchLabel(normaliseLine(raw)) : undefined;
      const doubt = doubtfulRuns(raw, label ? nonBlankLength(label.label) : 0, confidence[no - 1]);
      runs.push(...doubt.runs);
      lowest = Math.min(lowest, doubt.lowest);
    }
    if (runs.length === 0) continue;
    marked[field] = { ...e, confidence: Math.min(e.confidence, lowest) };
    const pct = Math.round(lowest * 100);
    notes.push({
      field,
      message: `文字识别存疑：「${runs.join('」「')}」置信度 ${pct}%，请对照原件核对`,
      messageEn: `OCR is unsure of “${runs.join('”, “')}” (confidence ${pct}%): check it against the document`,
      line: e.line,
    });
  }
  return { evidence: marked, notes };
}

/**
 * The runs of doubtful characters in a line from its `start`-th non-blank character on, and the
 * lowest confidence among them (1 when none). Nothing for an unscored line, or one whose characters
 * do not match its scores.
 */
function doubtfulRuns(
  line: string,
  start: number,
  scores: readonly number[] | null | undefined,
): { runs: string[]; lowest: number } {
  const runs: string[] = [];
  let lowest = 1;
  if (!scores || scores.length === 0) return { runs, lowest };
  const chars = Array.from(line).filter((ch) => nonBlankLength(ch) === 1);
  if (chars.length !== scores.length) return { runs, lowest };
  let run = '';
  for (let i = start; i < chars.length; i++) {
    const score = scores[i] ?? 1;
    if (score < DOUBTFUL_CHARACTER) {
      run += chars[i] ?? '';
      lowest = Math.min(lowest, score);
    } else if (run !== '') {
      runs.push(quote(run));
      run = '';
    }
  }
  if (run !== '') runs.push(quote(run));
  return { runs, lowest: Math.round(lowest * 1000) / 1000 };
}

function quote(run: string): string {
  const chars = Array.from(run);
  return chars.length <= MAX_QUOTE ? run : `${chars.slice(0, MAX_QUOTE).join('')}…`;
}

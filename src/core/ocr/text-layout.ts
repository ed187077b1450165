/**
 * Positioned text runs of a PDF page (pdf.js `getTextContent` items) → lines in reading order.
 * Runs are grouped into lines by baseline, ordered top to bottom and left to right; a wide
 * horizontal gap becomes a space, and a wide vertical gap (a paragraph break) a blank line, as in
 * the text documents the parser is tuned on. Pure.
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
  const out: string[] = [];
  let previous: Line | undefined;
  for (const line of lines) {
    if (previous && previous.y - line.y > PARAGRAPH_GAP * Math.max(previous.size, line.size)) {
      out.push('');
    }
    previous = line;
    const ordered = [...line.runs].sort((a, b) => a.x - b.x);
    let text = '';
    let end = Number.NEGATIVE_INFINITY;
    for (const run of ordered) {
      if (text !== '' && run.x - end > WORD_GAP * line.size) text += ' ';
      text += run.text;
      end = Math.max(end, run.x + run.width);
    }
    out.push(text.trimEnd());
  }
  return out.join('\n');
}

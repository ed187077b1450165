/**
 * The lines the source pane shows: the text the server read from the document (`text` of
 * `POST /api/v1/documents`, for every format: a text file as decoded, a PDF's text layer, a scan's
 * OCR), numbered as the evidence is. The server sends at most 2 MiB of it; past that, the lines the
 * fields and findings rest on are added after the text, with the gap marked: the pane never
 * pretends to show what it does not have.
 */
import type { DocumentText, ParseResult, Report } from './review-api';

export interface SourceLine {
  readonly no: number;
  readonly text: string;
}

export interface SourceText {
  readonly lines: readonly SourceLine[];
  /** true: every line of the document */
  readonly complete: boolean;
  /** the document's lines, shown or not */
  readonly lineCount: number;
  /** how many of its first lines are all shown (the text the server sent) */
  readonly leading: number;
}

export function buildSourceText(
  parse: ParseResult,
  report: Report | null,
  text: DocumentText,
): SourceText {
  const lines: SourceLine[] = text.lines.map((t, i) => ({ no: i + 1, text: t }));
  const leading = lines.length;
  if (!text.truncated) return { lines, complete: true, lineCount: text.lineCount, leading };
  // the evidence beyond the text sent, in line order after it
  const beyond = new Map<number, string>();
  const add = (e: { readonly line: number; readonly text: string }) => {
    if (e.line > lines.length && !beyond.has(e.line)) beyond.set(e.line, e.text);
  };
  for (const e of Object.values(parse.evidence)) add(e);
  for (const f of report?.findings ?? []) for (const e of f.evidence) add(e);
  const rest = [...beyond].sort(([a], [b]) => a - b).map(([no, t]) => ({ no, text: t }));
  return { lines: [...lines, ...rest], complete: false, lineCount: text.lineCount, leading };
}

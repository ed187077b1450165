/**
 * The lines the source pane shows. The ParseResult carries each field's evidence line (number and
 * text), not the whole extracted text. For a text file the browser still holds the file, so it decodes
 * it with the encoding the server detected and splits it as the parser does
 * (`src/core/parse/lines.ts`); when every evidence line matches, the pane shows the whole document.
 * Otherwise (PDF, scans, or a mismatch) it shows only the lines the fields and findings rest on,
 * with the gaps marked: it never pretends to show what it does not have.
 */
import type { ParseResult, Report } from './review-api';

export interface SourceLine {
  readonly no: number;
  readonly text: string;
}

export interface SourceText {
  readonly lines: readonly SourceLine[];
  /** true: every line of the document; false: only the evidence lines */
  readonly complete: boolean;
}

const ANY_BREAK = /\r\n|[\n\r\f\u2028\u2029\u0085\v]/u;

/** Decode a text file as the server did; null when the browser cannot decode that encoding. */
export function decodeText(bytes: ArrayBuffer, encoding: string | null): string | null {
  try {
    return new TextDecoder(encoding ?? 'utf-8').decode(bytes);
  } catch {
    return null;
  }
}

export function splitSourceLines(text: string): SourceLine[] {
  return text.split(ANY_BREAK).map((t, i) => ({ no: i + 1, text: t }));
}

function sameLine(a: string, b: string): boolean {
  return a.trim() === b.trim();
}

export function buildSourceText(
  parse: ParseResult,
  report: Report | null,
  fileText: string | null,
): SourceText {
  const evidence = Object.values(parse.evidence);
  if (fileText !== null) {
    const lines = splitSourceLines(fileText);
    const matches = evidence.every((e) => {
      const line = lines[e.line - 1];
      return line !== undefined && sameLine(line.text, e.text);
    });
    if (matches) return { lines, complete: true };
  }
  const byLine = new Map<number, string>();
  for (const e of evidence) byLine.set(e.line, e.text);
  for (const f of report?.findings ?? []) {
    for (const e of f.evidence) if (!byLine.has(e.line)) byLine.set(e.line, e.text);
  }
  const lines = [...byLine.entries()].sort(([a], [b]) => a - b).map(([no, text]) => ({ no, text }));
  return { lines, complete: false };
}

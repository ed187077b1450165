/**
 * Use case: a submitted document → its ParseResult and CheckReport, checked as of `today`. With a
 * record corrected by hand (the review screen), the document is still parsed, and the corrected
 * record is what is checked.
 */
import {
  checkInputFromParseResult,
  checkLicence,
  type CheckReport,
} from '../../core/checks/index.js';
import type { IsoDate, Licence, ParseResult } from '../../core/licence.js';
import { boundedLines, type BoundedLines } from '../../core/parse/lines.js';
import { readDocument, type ParseDocumentDeps, type ReadOptions } from './parse-document.js';

/**
 * How much of the extracted text a check answers with: 2 MiB of UTF-8. A licence runs to a few
 * thousand lines at most (the seed is 16 KB); a 32 MiB text upload is not worth sending back whole.
 */
export const DOCUMENT_TEXT_MAX_BYTES = 2 * 1024 * 1024;

export interface CheckedDocument {
  readonly parse: ParseResult;
  readonly report: CheckReport;
  /** with a corrected record: the top-level fields it changed (`holder`, `services` …), else null */
  readonly corrected: readonly string[] | null;
  /** the text the parser read, by line, at most DOCUMENT_TEXT_MAX_BYTES of it */
  readonly text: BoundedLines;
}

export async function checkDocument(
  bytes: Uint8Array,
  name: string,
  today: IsoDate,
  deps: ParseDocumentDeps,
  correctedRecord?: Licence,
  options: ReadOptions = {},
): Promise<CheckedDocument> {
  const read = await readDocument(bytes, name, deps, options);
  const { parse } = read;
  const text = boundedLines(read.text, DOCUMENT_TEXT_MAX_BYTES);
  if (correctedRecord === undefined) {
    return {
      parse,
      report: checkLicence(checkInputFromParseResult(parse, today)),
      corrected: null,
      text,
    };
  }
  const corrected = changedFields(parse.licence, correctedRecord);
  // The document's lines still stand behind the fields left alone; a changed field's line no
  // longer says what the record does, so neither its evidence nor its notes come along.
  const stale = (path: string) =>
    corrected.some((f) => path === f || path.startsWith(`${f}.`) || path.startsWith(`${f}[`));
  const input = checkInputFromParseResult(parse, today);
  return {
    parse,
    report: checkLicence({
      ...input,
      licence: correctedRecord,
      evidence: Object.fromEntries(Object.entries(parse.evidence).filter(([k]) => !stale(k))),
      notes: parse.notes.filter((n) => !stale(n.field)),
    }),
    corrected,
    text,
  };
}

/** The top-level fields of `after` that differ from `before`, in `after`'s order. */
export function changedFields(before: Licence, after: Licence): string[] {
  return (Object.keys(after) as (keyof Licence)[]).filter((k) => !sameValue(before[k], after[k]));
}

/** Deep equality of JSON values, whatever order their objects' keys were written in. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((x, i) => sameValue(x, b[i]))
    );
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  return (
    keys.length === Object.keys(y).length &&
    keys.every((k) => Object.hasOwn(y, k) && sameValue(x[k], y[k]))
  );
}

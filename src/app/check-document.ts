/**
 * Use case: a submitted document → its ParseResult and CheckReport, checked as of `today`. With a
 * record corrected by hand (the review screen), the document is still parsed, and the corrected
 * record is what is checked.
 */
import { checkInputFromParseResult, checkLicence, type CheckReport } from '../core/checks/index.js';
import type { IsoDate, Licence, ParseResult } from '../core/licence.js';
import { parseDocument, type ParseDocumentDeps } from './parse-document.js';

export interface CheckedDocument {
  readonly parse: ParseResult;
  readonly report: CheckReport;
  /** with a corrected record: the top-level fields it changed (`holder`, `services` …), else null */
  readonly corrected: readonly string[] | null;
}

export async function checkDocument(
  bytes: Uint8Array,
  name: string,
  today: IsoDate,
  deps: ParseDocumentDeps,
  correctedRecord?: Licence,
): Promise<CheckedDocument> {
  const parse = await parseDocument(bytes, name, deps);
  if (correctedRecord === undefined) {
    return {
      parse,
      report: checkLicence(checkInputFromParseResult(parse, today)),
      corrected: null,
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

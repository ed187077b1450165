/**
 * Use case: a submitted document → its ParseResult and CheckReport, checked as of `today`.
 */
import { checkInputFromParseResult, checkLicence, type CheckReport } from '../core/checks/index.js';
import type { IsoDate, ParseResult } from '../core/licence.js';
import { parseDocument, type ParseDocumentDeps } from './parse-document.js';

export interface CheckedDocument {
  readonly parse: ParseResult;
  readonly report: CheckReport;
}

export async function checkDocument(
  bytes: Uint8Array,
  name: string,
  today: IsoDate,
  deps: ParseDocumentDeps,
): Promise<CheckedDocument> {
  const parse = await parseDocument(bytes, name, deps);
  return { parse, report: checkLicence(checkInputFromParseResult(parse, today)) };
}

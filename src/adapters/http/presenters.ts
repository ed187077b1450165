/**
 * The API's views of what the use cases answer: each builds a response body field by field from a
 * use case's value, so what a route sends is written once and shared by every route that sends it.
 */
import type { AssessedDocument } from '../../app/documents/ingest-document.js';
import type { FoundLicence } from '../../app/registry/find-licences.js';
import type { OfficialConfirmation } from '../../core/trust/types.js';

/** The stored licence as the API shows it (the organisation is the caller's own: left out). */
export function licenceView(l: FoundLicence) {
  return {
    number: l.number,
    status: l.status,
    currentStatus: l.currentStatus,
    provenance: l.provenance,
    version: l.version,
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
    licence: l.licence,
  };
}

/** An official-query confirmation, marked with its provenance. */
export function confirmationView(c: OfficialConfirmation) {
  return { ...c, provenance: 'confirmed' as const };
}

/** A checked (and assessed) document: what `POST /documents` answers, besides `saved`. */
export function documentView(d: AssessedDocument) {
  return {
    parse: d.parse,
    report: d.report,
    text: { lines: d.text.lines, lineCount: d.text.lineCount, truncated: d.text.truncated },
    ...(d.corrected === null ? {} : { corrected: d.corrected }),
  };
}

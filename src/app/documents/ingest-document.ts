/**
 * Use case: take a licence document into the organisation's registry as its declared copy
 * (provenance `declared`, docs/trust.md). The one path for `POST /documents?save=true` and for each
 * document `xuke import` reads, in this order:
 *
 * 1. Duplicate detection: a document whose bytes the organisation already holds (same sha256) is
 *    not taken again, and nothing is written: the import counts it as already imported (skipped);
 *    the API answers `unchanged` with the licence as stored. A record corrected by hand (the review
 *    screen) is a person's statement, not the document's reading: it is never a duplicate.
 * 2. Check: the document read, parsed and checked, and assessed against the registers (the caller's
 *    reading: `ingestDocument` for an upload, the import with its optional assessment).
 * 3. Acknowledgement: a document whose verdict is `mismatch` or `suspect` is saved only with a
 *    reason a person gives (ACKNOWLEDGEMENT_REQUIRED without one); the reason and the verdict go
 *    into the version's note, which the audit chain records, after the fields corrected by hand.
 * 4. Registration (register-licence.ts): a new licence, a new version, or unchanged; the duplicate
 *    check runs again with the store that writes, since another writer may have taken it meanwhile.
 * 5. Comparison, within step 4: a new version of a licence the organisation holds is compared with
 *    the version it replaces, read in the store that writes (core/regressions.ts): a reading that
 *    loses a value, cuts one short or gains page furniture is refused (REGRESSION, listing them)
 *    unless the request forces it; a forced save's note names what it lost, after the
 *    acknowledgement, so the audit chain records it. Never a silent step backwards.
 *
 * Steps 1–3 write nothing (`prepareIngest`), steps 4–5 write with the store they are given
 * (`commitIngest`): an import reads and assesses every file outside its transactions.
 */
import { DomainError } from '../../core/errors.js';
import type { Licence, SourceFormat } from '../../core/licence.js';
import { parseLicenceNumber } from '../../core/licence-number.js';
import { describeRegressions, findRegressions, type Regression } from '../../core/regressions.js';
import type { StoredLicence } from '../../ports/licence-store.js';
import { VERDICT_NAMES } from '../../core/trust/names.js';
import type { Verdict } from '../../core/trust/types.js';
import { withCurrentStatus, type FoundLicence } from '../registry/find-licences.js';
import {
  refuseRegisterOrganisation,
  registerLicence,
  type RegisterOutcome,
} from '../registry/register-licence.js';
import { validLicenceRecord, type Actor, type TrustDeps } from '../registry/registry-deps.js';
import { assessReport, type AssessedReport } from '../trust/assess-report.js';
import { checkDocument, type CheckedDocument } from './check-document.js';
import { DEFAULT_MAX_DOCUMENT_BYTES, type ParseDocumentDeps } from './parse-document.js';

/**
 * The largest original stored (the documents table holds its bytes, deduplicated by sha256): the
 * limit every document is read within (parse-document.ts), uploads and `xuke import` alike, so a
 * document that could be read can be stored, and nothing larger is.
 */
export const MAX_STORED_DOCUMENT_BYTES = DEFAULT_MAX_DOCUMENT_BYTES;

/** A document's verdict as the acknowledgement needs it: the verdict and why (its first error). */
export interface IngestAssessment {
  readonly verdict: Verdict;
  readonly message: string;
  readonly messageEn: string;
}

/** What checking a document found: the record to store and the registers' word on it. */
export interface DocumentReading {
  readonly licence: Licence;
  readonly format: SourceFormat;
  /** the top-level fields corrected by hand, for the note (empty: none) */
  readonly corrected: readonly string[];
  /** null: not assessed (an import without the registers) */
  readonly assessment: IngestAssessment | null;
}

export interface IngestRequest {
  /** how messages name the document (a path, an upload's file name) */
  readonly name: string;
  readonly sha256: string;
  /** whether a record corrected by hand is stored in place of the document's reading */
  readonly corrected: boolean;
  /** why a mismatch or suspect document is saved anyway */
  readonly acknowledge?: string | undefined;
  /** save a new version even when it loses what the held version has (REGRESSION otherwise) */
  readonly force?: boolean | undefined;
}

/** A document checked and admitted (or found held already), ready to be written. */
export type PreparedIngest =
  | { readonly kind: 'duplicate'; readonly request: IngestRequest }
  | {
      readonly kind: 'document';
      readonly request: IngestRequest;
      readonly licence: Licence;
      readonly format: SourceFormat;
      readonly note: string | null;
    };

export type IngestOutcome =
  | { readonly outcome: 'duplicate' }
  | { readonly outcome: RegisterOutcome; readonly licence: FoundLicence };

/** Whether saving a document with this verdict needs a stated reason. */
export function needsAcknowledgement(report: { readonly verdict: Verdict }): boolean {
  return report.verdict === 'mismatch' || report.verdict === 'suspect';
}

/** An assessed report's verdict and its why: the first error, else the verdict's reason. */
export function assessmentOf(report: AssessedReport): IngestAssessment {
  const firstError = report.findings.find((f) => f.severity === 'error');
  return {
    verdict: report.verdict,
    message: firstError?.message ?? report.verdictReason,
    messageEn: firstError?.messageEn ?? report.verdictReasonEn,
  };
}

/**
 * Steps 1–3, writing nothing: a duplicate is found before the document is read (`read` is not
 * called); otherwise the reading, with the note its version will carry. ACKNOWLEDGEMENT_REQUIRED
 * for a mismatch or suspect document without a reason.
 */
export async function prepareIngest(
  request: IngestRequest,
  read: () => Promise<DocumentReading>,
  who: Actor,
  deps: TrustDeps,
): Promise<PreparedIngest> {
  if (await isDuplicate(request, who, deps)) return { kind: 'duplicate', request };
  const reading = await read();
  const notes: string[] = [];
  if (reading.corrected.length > 0) {
    notes.push(`人工更正 corrected by hand: ${reading.corrected.join(', ')}`);
  }
  const acknowledged =
    reading.assessment === null ? null : acknowledgement(reading.assessment, request);
  if (acknowledged !== null) notes.push(acknowledged);
  return {
    kind: 'document',
    request,
    licence: reading.licence,
    format: reading.format,
    note: notes.length === 0 ? null : notes.join('；'),
  };
}

/**
 * Step 4, with the store it is given (a transaction when the caller opened one): the duplicate
 * check again, then the registration. `bytes` is asked for only when the document is written.
 */
export async function commitIngest(
  prepared: PreparedIngest,
  bytes: () => Promise<Uint8Array>,
  who: Actor,
  deps: TrustDeps,
): Promise<IngestOutcome> {
  if (prepared.kind === 'duplicate' || (await isDuplicate(prepared.request, who, deps))) {
    return { outcome: 'duplicate' };
  }
  const { sha256, name } = prepared.request;
  const original = await bytes();
  if (original.length > MAX_STORED_DOCUMENT_BYTES) {
    throw new DomainError(
      'INPUT_TOO_LARGE',
      `${name}：文件 ${original.length} 字节，超过可保存原件的上限 ${MAX_STORED_DOCUMENT_BYTES} 字节；未写入任何内容`,
      `${name}: ${original.length} bytes exceeds the limit of ${MAX_STORED_DOCUMENT_BYTES} for a stored original; nothing was written`,
    );
  }
  const r = await registerLicence(
    {
      licence: prepared.licence,
      document: { sha256, format: prepared.format, bytes: original },
      ...(prepared.note === null ? {} : { note: prepared.note }),
      beforeChange: (held) => regressionNote(held, prepared.licence, prepared.request),
    },
    who,
    deps,
  );
  return { outcome: r.outcome, licence: withCurrentStatus(r.licence, deps.clock.today()) };
}

/** An uploaded document: its bytes, its name, and what to do with it. */
export interface IngestInput {
  /** how messages name it (the upload's file name) */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** a record corrected by hand: checked and stored in place of the parsed record */
  readonly record?: Licence | undefined;
  /** store it; otherwise it is only checked and assessed */
  readonly save: boolean;
  /** why a mismatch or suspect document is saved anyway */
  readonly acknowledge?: string | undefined;
  /** save a new version even when it loses what the held version has */
  readonly force?: boolean | undefined;
  /** the client disconnected, the job was cancelled: reading the document stops */
  readonly signal?: AbortSignal | undefined;
}

export interface IngestDeps extends TrustDeps {
  readonly documents: ParseDocumentDeps;
}

/** A checked document whose report carries the registers' word (verdict, validity, register). */
export interface AssessedDocument extends Omit<CheckedDocument, 'report'> {
  readonly report: AssessedReport;
}

export interface IngestResult {
  readonly document: AssessedDocument;
  /** with `save`: how the registry took it (a document held already: `unchanged`); else null */
  readonly saved: { readonly outcome: RegisterOutcome; readonly licence: FoundLicence } | null;
  /**
   * what the reading loses against the version of its licence the organisation holds (as it was
   * before a save); null when it holds no licence of that number (or the reading has none)
   */
  readonly regressions: readonly Regression[] | null;
}

/**
 * The whole path for one uploaded document: checked and assessed as of today (answered even when
 * it is not saved), then, with `save`, steps 1, 3 and 4. A document the organisation holds already
 * is answered `unchanged` with the licence as stored, as `xuke import` skips it.
 */
export async function ingestDocument(
  input: IngestInput,
  who: Actor,
  deps: IngestDeps,
): Promise<IngestResult> {
  const today = deps.clock.today();
  const checked = await checkDocument(
    input.bytes,
    input.name,
    today,
    deps.documents,
    input.record,
    { signal: input.signal, organisation: who.organisation },
  );
  const report = await assessReport(
    checked.report,
    today,
    who.organisation,
    deps,
    checked.corrected === null ? checked.parse.evidence : undefined,
  );
  const document: AssessedDocument = { ...checked, report };
  const regressions = await regressionsAgainstHeld(
    input.record ?? checked.parse.licence,
    who,
    deps,
  );
  if (!input.save) return { document, saved: null, regressions };
  const request: IngestRequest = {
    name: input.name,
    sha256: checked.parse.source.sha256,
    corrected: input.record !== undefined,
    acknowledge: input.acknowledge,
    force: input.force,
  };
  const reading: DocumentReading = {
    licence: input.record ?? checked.parse.licence,
    format: checked.parse.source.format,
    corrected: checked.corrected ?? [],
    assessment: assessmentOf(report),
  };
  const prepared = await prepareIngest(request, () => Promise.resolve(reading), who, deps);
  const r = await commitIngest(prepared, () => Promise.resolve(input.bytes), who, deps);
  if (r.outcome !== 'duplicate') return { document, saved: r, regressions };
  return {
    document,
    saved: { outcome: 'unchanged', licence: await heldCopy(reading, request, who, deps) },
    regressions,
  };
}

/**
 * What a reading loses against the held version of the licence its number names, for the review
 * screen (a save compares again, in its transaction); null when the organisation holds none.
 */
async function regressionsAgainstHeld(
  licence: Licence,
  who: Actor,
  deps: TrustDeps,
): Promise<Regression[] | null> {
  if (licence.number === null) return null;
  const parsed = parseLicenceNumber(licence.number);
  if (!parsed.ok) return null;
  const held = await deps.store.findLicence(who.organisation, parsed.number.text);
  return held === undefined ? null : findRegressions(held.licence, licence);
}

/**
 * Step 5: the note a new version adds for what it loses against `held` (null: it loses nothing);
 * REGRESSION, listing the regressions, when it loses something and the request does not force it.
 */
function regressionNote(
  held: StoredLicence,
  licence: Licence,
  request: IngestRequest,
): string | null {
  const regressions = findRegressions(held.licence, licence);
  if (regressions.length === 0) return null;
  if (request.force !== true) {
    throw new DomainError(
      'REGRESSION',
      `${request.name}：与已保存的许可证 ${held.number} 第 ${held.version} 版相比，这份文件的读取结果有退步：${describeRegressions(regressions, 'zh')}；未写入任何内容。请对照原件核对；确认无误时可强制保存（force）`,
      `${request.name}: against the saved version ${held.version} of licence ${held.number}, this document's reading is worse: ${describeRegressions(regressions, 'en')}; nothing was written. Check it against the original; to save it anyway, force the save`,
      { regressions },
    );
  }
  return `强制保存 forced despite regressions against v${held.version}: ${describeRegressions(regressions, 'zh')}`;
}

/** Whether the organisation holds the document already (a record corrected by hand never is). */
async function isDuplicate(request: IngestRequest, who: Actor, deps: TrustDeps): Promise<boolean> {
  if (request.corrected) return false;
  return deps.store.hasDocument(who.organisation, request.sha256);
}

/**
 * The licence a document held already was saved as, found by the number it reads: refused as any
 * save would be (an authority's organisation, a record without a valid number); CONFLICT when the
 * organisation holds the document under another number.
 */
async function heldCopy(
  reading: DocumentReading,
  request: IngestRequest,
  who: Actor,
  deps: TrustDeps,
): Promise<FoundLicence> {
  await refuseRegisterOrganisation(who, deps);
  const { number } = validLicenceRecord(reading.licence);
  const held = await deps.store.findLicence(who.organisation, number);
  if (held === undefined) {
    throw new DomainError(
      'CONFLICT',
      `${request.name}：这份文件已导入过，但不是许可证 ${number} 的来源；未写入任何内容`,
      `${request.name}: this document was already imported, though not as licence ${number}; nothing was written`,
    );
  }
  return withCurrentStatus(held, deps.clock.today());
}

/**
 * The note for a document whose verdict needs acknowledging, or null when it does not;
 * ACKNOWLEDGEMENT_REQUIRED when it does and no reason was given.
 */
function acknowledgement(a: IngestAssessment, request: IngestRequest): string | null {
  if (!needsAcknowledgement(a)) return null;
  const reason = request.acknowledge?.trim() ?? '';
  if (reason === '') {
    const verdict = VERDICT_NAMES[a.verdict];
    throw new DomainError(
      'ACKNOWLEDGEMENT_REQUIRED',
      `${request.name}：核验结论为“${verdict.zh}”（${a.verdict}）：${a.message}；须说明理由确认后才能保存`,
      `${request.name}: the verdict is "${verdict.en}" (${a.verdict}): ${a.messageEn}; saving it needs an acknowledgement with a reason`,
    );
  }
  return `已确认保存（核验结论 ${a.verdict}）：${reason}`;
}

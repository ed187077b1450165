/**
 * Use case: save a checked document as the organisation's declared copy (provenance `declared`,
 * docs/trust.md). A document whose verdict is `mismatch` (it differs from the register) or
 * `suspect` (an error finding and nothing to compare with) is saved only with a reason a person
 * gives; the reason and the verdict go into the event's note, which the audit chain records.
 */
import { DomainError } from '../../core/errors.js';
import type { Licence } from '../../core/licence.js';
import type { SourceDocument } from '../../ports/licence-store.js';
import type { AssessedReport } from '../trust/assess-report.js';
import { registerLicence, type RegisterOutcome } from '../registry/register-licence.js';
import type { Actor, TrustDeps } from '../registry/registry-deps.js';
import type { StoredLicence } from '../../ports/licence-store.js';

export interface SaveRequest {
  readonly licence: Licence;
  readonly report: AssessedReport;
  readonly document: SourceDocument;
  /** top-level fields corrected by hand, for the note */
  readonly corrected: readonly string[];
  /** why a mismatch or suspect document is saved anyway */
  readonly acknowledge?: string | undefined;
}

/** Whether saving a document with this verdict needs a stated reason. */
export function needsAcknowledgement(report: Pick<AssessedReport, 'verdict'>): boolean {
  return report.verdict === 'mismatch' || report.verdict === 'suspect';
}

export async function saveCheckedDocument(
  request: SaveRequest,
  who: Actor,
  deps: TrustDeps,
): Promise<{ outcome: RegisterOutcome; licence: StoredLicence }> {
  const { report } = request;
  const reason = request.acknowledge?.trim() ?? '';
  const notes: string[] = [];
  if (request.corrected.length > 0) {
    notes.push(`人工更正 corrected by hand: ${request.corrected.join(', ')}`);
  }
  if (needsAcknowledgement(report)) {
    if (reason === '') {
      const first = report.findings.find((f) => f.severity === 'error');
      throw new DomainError(
        'ACKNOWLEDGEMENT_REQUIRED',
        `核验结论为「${report.verdictReason}」${first === undefined ? '' : `（${first.message}）`}：如仍要保存，请说明理由`,
        `The verdict is ${report.verdict} (${report.verdictReasonEn})${first === undefined ? '' : `: ${first.messageEn}`}; to save it anyway, give a reason`,
      );
    }
    notes.push(`已确认保存（核验结论 ${report.verdict}）：${reason}`);
  }
  return registerLicence(
    {
      licence: request.licence,
      document: request.document,
      ...(notes.length === 0 ? {} : { note: notes.join('；') }),
    },
    who,
    deps,
  );
}

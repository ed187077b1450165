/**
 * Use case: the evidence file stored with a completion, to download. Read like the completion it
 * belongs to (the licence must be the organisation's: NOT_FOUND otherwise, as for another
 * organisation's licence), and NOT_FOUND when the occurrence was not marked done with a file.
 */
import { DomainError } from '../../core/errors.js';
import type { EvidenceFileContent } from '../../ports/completion-store.js';
import { getLicence } from '../registry/get-licence.js';
import type { Actor } from '../registry/registry-deps.js';
import type { DeadlineDeps } from './deadline-deps.js';

export async function getCompletionEvidence(
  numberInput: string,
  occurrenceId: string,
  who: Actor,
  deps: DeadlineDeps,
): Promise<EvidenceFileContent> {
  const licence = await getLicence(numberInput, who, deps);
  const file = await deps.completions.findEvidenceFile(
    who.organisation,
    licence.number,
    occurrenceId,
  );
  if (file === undefined) {
    throw new DomainError(
      'NOT_FOUND',
      `${licence.number} 的期限事项 ${occurrenceId} 没有上传凭证文件`,
      `${occurrenceId} of ${licence.number} has no evidence file`,
    );
  }
  return file;
}

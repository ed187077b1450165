/**
 * Use case: mark an occurrence of a stored licence done, with its evidence (docs/deadlines.md): the
 * holder's note and, optionally, the sha256 of a document kept as proof. The occurrence must be one
 * the licence has as of today (NOT_FOUND otherwise) and not done yet (CONFLICT); the day it was done
 * defaults to today and cannot lie ahead of it. Returns the occurrence as it now stands.
 */
import { isIsoDate } from '../../core/dates.js';
import { DomainError } from '../../core/errors.js';
import type { StoredCompletion } from '../../ports/completion-store.js';
import {
  storedLicenceDeadlines,
  type DeadlineDeps,
  type LicenceOccurrence,
} from './deadline-deps.js';
import { getLicence } from '../registry/get-licence.js';
import type { Actor } from '../registry/registry-deps.js';

export interface MarkDoneInput {
  /** the day it was done (default today, Asia/Shanghai) */
  readonly on?: string;
  readonly note: string;
  /** sha256 (hex) of a document kept as evidence */
  readonly documentSha256?: string | null;
}

export const MAX_COMPLETION_NOTE = 2000;

export function occurrenceNotFound(number: string, occurrenceId: string): DomainError {
  return new DomainError(
    'NOT_FOUND',
    `许可证 ${number} 没有期限事项 ${occurrenceId}`,
    `Licence ${number} has no occurrence ${occurrenceId}`,
  );
}

function invalid(zh: string, en: string): DomainError {
  return new DomainError('INVALID_INPUT', zh, en);
}

export async function markOccurrenceDone(
  numberInput: string,
  occurrenceId: string,
  input: MarkDoneInput,
  who: Actor,
  deps: DeadlineDeps,
): Promise<LicenceOccurrence> {
  const today = deps.clock.today();
  const on = input.on ?? today;
  if (!isIsoDate(on)) throw invalid(`日期 ${on} 不存在`, `${on} is not a calendar date`);
  if (on > today) {
    throw invalid(
      `完成日期 ${on} 晚于今天 ${today}`,
      `The day done, ${on}, is after today (${today})`,
    );
  }
  const note = input.note.trim();
  if (note === '' || note.length > MAX_COMPLETION_NOTE) {
    throw invalid(
      `说明须为 1 到 ${MAX_COMPLETION_NOTE} 个字符`,
      `The note must be 1 to ${MAX_COMPLETION_NOTE} characters`,
    );
  }
  const sha = input.documentSha256 ?? null;
  if (sha !== null && !/^[0-9a-f]{64}$/iu.test(sha)) {
    throw invalid(
      `documentSha256 应为 64 位十六进制 sha256`,
      'documentSha256 must be a sha256 of 64 hex digits',
    );
  }

  const licence = await getLicence(numberInput, who, deps);
  const before = await storedLicenceDeadlines(
    who.organisation,
    licence.number,
    licence.licence,
    today,
    deps,
  );
  const occurrence = before.occurrences.find((o) => o.id === occurrenceId);
  if (occurrence === undefined) throw occurrenceNotFound(licence.number, occurrenceId);
  if (occurrence.done !== null) {
    throw new DomainError(
      'CONFLICT',
      `${licence.number} 的期限事项 ${occurrenceId} 已于 ${occurrence.done.on} 标记完成`,
      `${occurrenceId} of ${licence.number} was already marked done on ${occurrence.done.on}`,
    );
  }
  const completion: StoredCompletion = {
    number: licence.number,
    occurrenceId,
    on,
    note,
    documentSha256: sha?.toLowerCase() ?? null,
    actor: who.actor,
    recordedAt: deps.clock.now().toISOString(),
  };
  await deps.completions.addCompletion(who.organisation, completion);

  const after = await storedLicenceDeadlines(
    who.organisation,
    licence.number,
    licence.licence,
    today,
    deps,
  );
  const updated = after.occurrences.find((o) => o.id === occurrenceId);
  if (updated === undefined) throw occurrenceNotFound(licence.number, occurrenceId);
  return { licence: licence.number, ...updated };
}

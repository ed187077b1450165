/**
 * Use case: mark an occurrence of a stored licence done, with its evidence (docs/deadlines.md): the
 * holder's note and, optionally, a file kept as proof (stored with the completion: its name, type,
 * size and sha256 are recorded, the sha256 in the audit entry too) or, without a file, the sha256
 * of a document kept elsewhere. The occurrence must be one the licence has as of today (NOT_FOUND
 * otherwise) and not done yet (CONFLICT); the day it was done defaults to today and cannot lie
 * ahead of it. Returns the occurrence as it now stands.
 */
import { isIsoDate } from '../../core/dates.js';
import { DomainError } from '../../core/errors.js';
import {
  EVIDENCE_MAX_BYTES,
  evidenceFileName,
  evidenceMediaType,
} from '../../core/obligations/evidence-file.js';
import type { EvidenceFileContent, NewCompletion } from '../../ports/completion-store.js';
import type { Hasher } from '../../ports/document-text-source.js';
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
  /**
   * sha256 (hex) of a document kept as evidence; with a file, the file's own (a check of the upload:
   * INVALID_INPUT when they differ)
   */
  readonly documentSha256?: string | null;
  /** a file kept as evidence, stored with the completion */
  readonly file?: {
    /** as uploaded: directories and control characters are dropped */
    readonly name?: string;
    /** as the uploader declared it: the content decides where it can (evidence-file.ts) */
    readonly declaredType?: string;
    readonly bytes: Uint8Array;
  };
}

/** What marking done needs: the deadlines', and a hasher when a file is stored. */
export interface MarkDoneDeps extends DeadlineDeps {
  readonly hasher?: Hasher;
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

/** The file as it is stored: its name made safe, its type told by its content, its digest. */
function evidenceFile(
  file: NonNullable<MarkDoneInput['file']>,
  hasher: Hasher | undefined,
): EvidenceFileContent {
  if (file.bytes.byteLength === 0) {
    throw invalid(
      '凭证文件是空的，请选择有内容的文件',
      'The evidence file is empty; choose a file with content',
    );
  }
  if (file.bytes.byteLength > EVIDENCE_MAX_BYTES) {
    throw new DomainError(
      'INPUT_TOO_LARGE',
      `凭证文件过大：最大 ${EVIDENCE_MAX_BYTES / 1024 / 1024} MiB`,
      `The evidence file is too large: ${EVIDENCE_MAX_BYTES / 1024 / 1024} MiB at most`,
    );
  }
  // a composition root that passes files passes a hasher: without one, this is a bug
  if (hasher === undefined) throw new Error('markOccurrenceDone: a file needs deps.hasher');
  return {
    name: evidenceFileName(file.name),
    mediaType: evidenceMediaType(file.bytes, file.declaredType),
    size: file.bytes.byteLength,
    sha256: hasher.sha256(file.bytes).toLowerCase(),
    bytes: file.bytes,
  };
}

export async function markOccurrenceDone(
  numberInput: string,
  occurrenceId: string,
  input: MarkDoneInput,
  who: Actor,
  deps: MarkDoneDeps,
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
  const sha = input.documentSha256?.toLowerCase() ?? null;
  if (sha !== null && !/^[0-9a-f]{64}$/u.test(sha)) {
    throw invalid(
      '凭证文件的 SHA-256 应为 64 位十六进制字符（0–9、a–f）',
      'The evidence document’s SHA-256 must be 64 hexadecimal characters (0–9, a–f)',
    );
  }
  const file = input.file === undefined ? null : evidenceFile(input.file, deps.hasher);
  if (file !== null && sha !== null && sha !== file.sha256) {
    throw invalid(
      '上传的凭证文件与填写的 SHA-256 不一致：文件可能在传输中损坏，或选错了文件；请重新选择文件',
      'The uploaded evidence file does not match the SHA-256 given: it may have been damaged on the way, or it is another file; choose the file again',
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
  const completion: NewCompletion = {
    number: licence.number,
    occurrenceId,
    on,
    note,
    documentSha256: file?.sha256 ?? sha,
    evidenceFile: file,
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

/**
 * Occurrences marked done (docs/deadlines.md): which occurrence of which licence, the day it was
 * done, the evidence (the holder's note, optionally the sha256 of a document, and optionally a file
 * uploaded with it and stored with the completion), who recorded it and when. One per
 * (organisation, licence, occurrence); every write is audit-logged with it, in one transaction.
 */
import type { IsoDate } from '../core/licence.js';
import type { EvidenceFile } from '../core/obligations/events.js';

export type { EvidenceFile };

/** An evidence file with its bytes. */
export interface EvidenceFileContent extends EvidenceFile {
  readonly bytes: Uint8Array;
}

export interface StoredCompletion {
  /** canonical licence number */
  readonly number: string;
  /** `illegal-content-report@2022-09-27`, `annual-report@2022` … */
  readonly occurrenceId: string;
  /** the day it was done, Asia/Shanghai */
  readonly on: IsoDate;
  readonly note: string;
  /** sha256 (hex, lower case) of a document kept as evidence: the evidence file's, when there is one */
  readonly documentSha256: string | null;
  /** the file stored with the completion, without its bytes (findEvidenceFile reads them) */
  readonly evidenceFile: EvidenceFile | null;
  readonly actor: string;
  /** ISO instant */
  readonly recordedAt: string;
}

/** A completion to record: its evidence file, if any, with the bytes to store. */
export interface NewCompletion extends Omit<StoredCompletion, 'evidenceFile'> {
  readonly evidenceFile: EvidenceFileContent | null;
}

export interface CompletionStore {
  /**
   * Record a completion, its evidence file and its audit entry (the file's name, type, size and
   * sha256), all or nothing. CONFLICT when the occurrence is already done.
   */
  addCompletion(org: string, completion: NewCompletion): Promise<void>;
  /**
   * Remove a completion and its evidence file, audit-logged as undone by `actor` at `at`; the
   * removed completion, or undefined when the occurrence was not marked done.
   */
  removeCompletion(
    org: string,
    number: string,
    occurrenceId: string,
    who: { readonly actor: string; readonly at: string },
  ): Promise<StoredCompletion | undefined>;
  /** The licence's completions, or (without a number) the organisation's, by occurrence id. */
  listCompletions(org: string, number?: string): Promise<StoredCompletion[]>;
  /** The evidence file stored with a completion of the organisation's, with its bytes. */
  findEvidenceFile(
    org: string,
    number: string,
    occurrenceId: string,
  ): Promise<EvidenceFileContent | undefined>;
}

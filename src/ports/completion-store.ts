/**
 * Occurrences marked done (docs/deadlines.md): which occurrence of which licence, the day it was
 * done, the evidence (the holder's note and, optionally, the sha256 of a stored document), who
 * recorded it and when. One per (organisation, licence, occurrence); every write is audit-logged
 * with it, in one transaction.
 */
import type { IsoDate } from '../core/licence.js';

export interface StoredCompletion {
  /** canonical licence number */
  readonly number: string;
  /** `illegal-content-report@2022-09-27`, `annual-report@2022` … */
  readonly occurrenceId: string;
  /** the day it was done, Asia/Shanghai */
  readonly on: IsoDate;
  readonly note: string;
  /** sha256 (hex, lower case) of a document kept as evidence */
  readonly documentSha256: string | null;
  readonly actor: string;
  /** ISO instant */
  readonly recordedAt: string;
}

export interface CompletionStore {
  /** Record a completion and its audit entry. CONFLICT when the occurrence is already done. */
  addCompletion(org: string, completion: StoredCompletion): Promise<void>;
  /**
   * Remove a completion, audit-logged as undone by `actor` at `at`; the removed completion, or
   * undefined when the occurrence was not marked done.
   */
  removeCompletion(
    org: string,
    number: string,
    occurrenceId: string,
    who: { readonly actor: string; readonly at: string },
  ): Promise<StoredCompletion | undefined>;
  /** The licence's completions, or (without a number) the organisation's, by occurrence id. */
  listCompletions(org: string, number?: string): Promise<StoredCompletion[]>;
}

/**
 * Official-query confirmations (provenance `confirmed`): what a person saw in the authority's
 * system for a number, on a day, with a screenshot or saved page. Organisation-scoped: a platform
 * compares its customers' documents with its own reviewers' confirmations only.
 */
import type { OfficialConfirmation } from '../core/trust/types.js';
import type { SourceDocument } from './licence-store.js';

export interface ConfirmationStore {
  /** Store a confirmation and its attachment (audited as `confirmation.recorded`). */
  recordConfirmation(
    org: string,
    confirmation: OfficialConfirmation,
    attachment: SourceDocument | null,
  ): Promise<void>;
  /** The latest confirmation of a number (by the day checked, then recorded), or undefined. */
  latestConfirmation(org: string, number: string): Promise<OfficialConfirmation | undefined>;
  /** Every confirmation of a number, newest first. */
  listConfirmations(org: string, number: string): Promise<OfficialConfirmation[]>;
}

/**
 * The obligation events holders record against a licence (docs/deadlines.md: `entity-change-decided`,
 * `illegal-content-disposed` …): what starts an obligation's period. Not lifecycle events, which the
 * LicenceStore keeps with the licence's versions.
 */
import type { EventKind } from '../core/obligations/events.js';

export interface RecordedObligationEvent {
  readonly id: string;
  readonly number: string;
  readonly kind: EventKind;
  /** the day it happened, Asia/Shanghai */
  readonly date: string;
  readonly note: string | null;
  readonly actor: string;
  readonly recordedAt: string;
}

export interface ObligationEventStore {
  addObligationEvent(org: string, event: RecordedObligationEvent): Promise<void>;
  /** the licence's events, oldest first */
  listObligationEvents(org: string, number: string): Promise<RecordedObligationEvent[]>;
  /**
   * the organisation's latest events across its licences: by the day they happened, newest first;
   * on the same day, the last recorded first
   */
  listRecentObligationEvents(org: string, limit: number): Promise<RecordedObligationEvent[]>;
}

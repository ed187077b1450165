/**
 * Use case: what happened lately in the organisation, or to one of its licences: the lifecycle
 * events (issued, renewed, changed …) and the obligation events holders recorded
 * (entity-change-decided …), in one list ordered by the day each happened, newest first, and on
 * the same day by when it was recorded, last recorded first. (Ordered by recording alone, a list
 * reads 2026, 2025, 2026, 2024 as soon as someone records an old event today.)
 */
import type { LicenceEvent } from '../../ports/licence-store.js';
import type {
  ObligationEventStore,
  RecordedObligationEvent,
} from '../../ports/obligation-event-store.js';
import { getLicence } from './get-licence.js';
import type { Actor, RegistryDeps } from './registry-deps.js';

export interface RecentEvent {
  readonly number: string;
  /** a lifecycle event kind or an obligation event kind (the two sets do not overlap) */
  readonly kind: string;
  readonly category: 'lifecycle' | 'obligation';
  /** the day it happened */
  readonly on: string;
  readonly note: string | null;
  readonly actor: string;
  /** when it was recorded (ISO instant) */
  readonly recordedAt: string;
}

export interface RecentEventDeps extends RegistryDeps {
  readonly events: ObligationEventStore;
}

export interface RecentEventsQuery {
  readonly limit: number;
  /** only this licence's events, any written form of its number; NOT_FOUND when not held */
  readonly number?: string;
}

export async function listRecentEvents(
  query: RecentEventsQuery,
  who: Actor,
  deps: RecentEventDeps,
): Promise<RecentEvent[]> {
  const { limit } = query;
  let lifecycle: readonly LicenceEvent[];
  let obligations: readonly RecordedObligationEvent[];
  if (query.number === undefined) {
    // each store gives its newest `limit` in this order, and those hold the newest `limit` of both
    [lifecycle, obligations] = await Promise.all([
      deps.store.listRecentEvents(who.organisation, limit),
      deps.events.listRecentObligationEvents(who.organisation, limit),
    ]);
  } else {
    // one licence's events are few: all of them, ordered below
    const { number } = await getLicence(query.number, who, deps);
    const [l, o] = await Promise.all([
      deps.store.listEvents(who.organisation, number),
      deps.events.listObligationEvents(who.organisation, number),
    ]);
    // last recorded first, so that the stable sort below keeps that order within a day and instant
    lifecycle = [...l].reverse();
    obligations = [...o].sort((a, b) => compareDesc(a.recordedAt, b.recordedAt));
  }
  const merged: RecentEvent[] = [
    ...lifecycle.map((e) => ({
      number: e.number,
      kind: e.kind,
      category: 'lifecycle' as const,
      on: e.on,
      note: e.note,
      actor: e.actor,
      recordedAt: e.recordedAt,
    })),
    ...obligations.map((e) => ({
      number: e.number,
      kind: e.kind,
      category: 'obligation' as const,
      on: e.date,
      note: e.note,
      actor: e.actor,
      recordedAt: e.recordedAt,
    })),
  ];
  return merged.sort(newestFirst).slice(0, limit);
}

/**
 * By the day it happened, newest first; on the same day the last recorded first. The sort is stable:
 * within one day and instant each store's own order (newest first) is kept.
 */
export function newestFirst(
  a: Pick<RecentEvent, 'on' | 'recordedAt'>,
  b: Pick<RecentEvent, 'on' | 'recordedAt'>,
): number {
  return compareDesc(a.on, b.on) || compareDesc(a.recordedAt, b.recordedAt);
}

function compareDesc(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

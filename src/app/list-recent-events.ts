/**
 * Use case: what happened lately in the organisation: its licences' lifecycle events (issued,
 * renewed, changed …) and the obligation events holders recorded (entity-change-decided …), newest
 * recorded first, in one list.
 */
import type { ObligationEventStore } from '../ports/obligation-event-store.js';
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

export async function listRecentEvents(
  limit: number,
  who: Actor,
  deps: RecentEventDeps,
): Promise<RecentEvent[]> {
  // the newest `limit` of each kind hold the newest `limit` of both
  const [lifecycle, obligations] = await Promise.all([
    deps.store.listRecentEvents(who.organisation, limit),
    deps.events.listRecentObligationEvents(who.organisation, limit),
  ]);
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
  // stable sort: within one instant each store's own order (newest first) is kept
  return merged
    .sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : a.recordedAt > b.recordedAt ? -1 : 0))
    .slice(0, limit);
}

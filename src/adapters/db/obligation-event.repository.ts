/** Obligation events on Kysely (SQLite and PostgreSQL); rows mapped here and never leave. */
import type { Kysely } from 'kysely';
import { EVENT_KINDS, type EventKind } from '../../core/obligations/events.js';
import type {
  ObligationEventStore,
  RecordedObligationEvent,
} from '../../ports/obligation-event-store.js';
import type { ObligationEventTable } from './tables/api-access.table.js';
import type { Database } from './tables/database.js';

export class KyselyObligationEventStore implements ObligationEventStore {
  constructor(private readonly db: Kysely<Database>) {}

  async addObligationEvent(org: string, e: RecordedObligationEvent): Promise<void> {
    await this.db
      .insertInto('obligation_events')
      .values({
        id: e.id,
        organisation_id: org,
        licence_number: e.number,
        kind: e.kind,
        date: e.date,
        note: e.note,
        actor: e.actor,
        recorded_at: e.recordedAt,
      })
      .execute();
  }

  async listObligationEvents(org: string, number: string): Promise<RecordedObligationEvent[]> {
    const rows = await this.db
      .selectFrom('obligation_events')
      .selectAll()
      .where('organisation_id', '=', org)
      .where('licence_number', '=', number)
      .orderBy('date')
      .orderBy('recorded_at')
      .execute();
    return eventsFromRows(rows);
  }

  async listRecentObligationEvents(org: string, limit: number): Promise<RecordedObligationEvent[]> {
    const rows = await this.db
      .selectFrom('obligation_events')
      .selectAll()
      .where('organisation_id', '=', org)
      .orderBy('date', 'desc')
      .orderBy('recorded_at', 'desc')
      .orderBy('id', 'desc')
      .limit(Math.max(1, Math.min(1000, Math.trunc(limit))))
      .execute();
    return eventsFromRows(rows);
  }
}

/** Rows of a kind this version knows (a newer one may have written others), mapped. */
function eventsFromRows(rows: readonly ObligationEventTable[]): RecordedObligationEvent[] {
  return rows
    .filter((r) => (EVENT_KINDS as readonly string[]).includes(r.kind))
    .map((r) => ({
      id: r.id,
      number: r.licence_number,
      kind: r.kind as EventKind,
      date: r.date,
      note: r.note,
      actor: r.actor,
      recordedAt: r.recorded_at,
    }));
}

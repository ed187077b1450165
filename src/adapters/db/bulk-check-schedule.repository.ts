/**
 * Scheduled re-checks on Kysely (SQLite and PostgreSQL; ports/bulk-check-schedule-store.ts). A
 * put is one INSERT … ON CONFLICT DO UPDATE; the sweep's claim is one conditional UPDATE (`next_due`
 * still what the sweep read), so of two instances claiming a schedule at once, one moves it.
 */
import type { Kysely, Selectable } from 'kysely';
import type {
  BulkCheckSchedule,
  BulkCheckScheduleStore,
} from '../../ports/bulk-check-schedule-store.js';
import type { BulkCheckScheduleTable } from './tables/bulk-check-schedule.table.js';
import type { Database } from './tables/database.js';

function schedule(r: Selectable<BulkCheckScheduleTable>): BulkCheckSchedule {
  return {
    organisation: r.organisation_id,
    bulkCheck: r.bulk_check_id,
    follows: r.follows_job_id,
    lastRun: r.last_run_job_id,
    everyDays: r.every_days,
    nextDue: r.next_due,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export class KyselyBulkCheckScheduleStore implements BulkCheckScheduleStore {
  constructor(private readonly db: Kysely<Database>) {}

  async put(s: BulkCheckSchedule): Promise<BulkCheckSchedule> {
    const row = await this.db
      .insertInto('bulk_check_schedules')
      .values({
        organisation_id: s.organisation,
        bulk_check_id: s.bulkCheck,
        follows_job_id: s.follows,
        last_run_job_id: s.lastRun,
        every_days: s.everyDays,
        next_due: s.nextDue,
        created_by: s.createdBy,
        created_at: s.createdAt,
      })
      .onConflict((oc) =>
        oc
          .columns(['organisation_id', 'bulk_check_id'])
          .doUpdateSet({ every_days: s.everyDays, next_due: s.nextDue }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    return schedule(row);
  }

  async get(organisation: string, bulkCheck: string): Promise<BulkCheckSchedule | undefined> {
    const row = await this.db
      .selectFrom('bulk_check_schedules')
      .selectAll()
      .where('organisation_id', '=', organisation)
      .where('bulk_check_id', '=', bulkCheck)
      .executeTakeFirst();
    return row === undefined ? undefined : schedule(row);
  }

  async delete(organisation: string, bulkCheck: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('bulk_check_schedules')
      .where('organisation_id', '=', organisation)
      .where('bulk_check_id', '=', bulkCheck)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async due(now: string, limit: number): Promise<readonly BulkCheckSchedule[]> {
    const rows = await this.db
      .selectFrom('bulk_check_schedules')
      .selectAll()
      .where('next_due', '<=', now)
      .orderBy('next_due')
      .orderBy('organisation_id')
      .orderBy('bulk_check_id')
      .limit(limit)
      .execute();
    return rows.map(schedule);
  }

  async moveDue(
    organisation: string,
    bulkCheck: string,
    from: string,
    to: string,
  ): Promise<boolean> {
    const r = await this.db
      .updateTable('bulk_check_schedules')
      .set({ next_due: to })
      .where('organisation_id', '=', organisation)
      .where('bulk_check_id', '=', bulkCheck)
      .where('next_due', '=', from)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async recordRun(
    organisation: string,
    bulkCheck: string,
    follows: string,
    lastRun: string,
  ): Promise<void> {
    await this.db
      .updateTable('bulk_check_schedules')
      .set({ follows_job_id: follows, last_run_job_id: lastRun })
      .where('organisation_id', '=', organisation)
      .where('bulk_check_id', '=', bulkCheck)
      .execute();
  }
}

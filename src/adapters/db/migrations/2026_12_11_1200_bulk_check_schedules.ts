/**
 * Scheduled re-checks of bulk checks (issue 19; docs/bulk-check.md): one row per organisation and
 * bulk check, with its period, next due instant and latest runs. Frozen once landed.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations take Kysely<any>: frozen code must not follow today's table types */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('bulk_check_schedules')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('bulk_check_id', 'text', (c) => c.notNull())
    .addColumn('follows_job_id', 'text', (c) => c.notNull())
    .addColumn('last_run_job_id', 'text')
    .addColumn('every_days', 'integer', (c) => c.notNull())
    // ISO instant (UTC)
    .addColumn('next_due', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('bulk_check_schedules_pk', ['organisation_id', 'bulk_check_id'])
    .execute();
  await db.schema
    .createIndex('bulk_check_schedules_due')
    .on('bulk_check_schedules')
    .column('next_due')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('bulk_check_schedules').execute();
}

/**
 * The job queue's public record (docs/jobs.md): one row per job with its owner, state, progress,
 * attempts, input, the uploaded bytes it reads (until it finishes), result and error. On SQLite
 * the in-process runner claims rows from here; on PostgreSQL pg-boss (schema `pgboss`) carries the
 * dispatch and this table what clients see. Frozen once landed.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations take Kysely<any>: frozen code must not follow today's table types */
import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../dialect-of.js';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    // queued | running | done | failed | cancelled
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('progress_done', 'integer')
    .addColumn('progress_total', 'integer')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('timeout_seconds', 'integer', (c) => c.notNull())
    .addColumn('singleton_key', 'text')
    // JSON
    .addColumn('input', 'text', (c) => c.notNull())
    .addColumn('blob', pg ? 'bytea' : 'blob')
    // JSON
    .addColumn('result', 'text')
    // JSON: { code, message, messageZh? }
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('run_after', 'text', (c) => c.notNull())
    .addColumn('heartbeat_at', 'text')
    .addColumn('worker', 'text')
    // PostgreSQL: the pg-boss job carrying the current dispatch (a handed-back job gets a new one)
    .addColumn('dispatch_id', 'text')
    .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('keep_until', 'text')
    .execute();
  // claiming: the oldest due queued job of a kind
  await db.schema
    .createIndex('jobs_claim')
    .on('jobs')
    .columns(['state', 'kind', 'run_after', 'created_at'])
    .execute();
  // an organisation's list, newest first
  await db.schema
    .createIndex('jobs_organisation')
    .on('jobs')
    .columns(['organisation_id', 'created_at desc', 'id'])
    .execute();
  // at most one queued or running job per singleton key (both engines have partial indexes)
  await db.schema
    .createIndex('jobs_singleton')
    .on('jobs')
    .column('singleton_key')
    .unique()
    .where(sql<boolean>`state in ('queued', 'running')`)
    .execute();
  // the cleanup of finished jobs
  await db.schema.createIndex('jobs_keep_until').on('jobs').column('keep_until').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('jobs').execute();
}

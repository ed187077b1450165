/**
 * Each organisation's quota counters (issue 19; src/ports/usage-quota.ts): OCR pages per hour and
 * uploaded bytes per day, one row per organisation, meter and window, counted by one UPSERT so every
 * instance on the database counts together. Frozen once landed.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations take Kysely<any>: frozen code must not follow today's table types */
import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect-of.js';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  await db.schema
    .createTable('usage_counters')
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    // ocr-pages | upload-bytes
    .addColumn('meter', 'text', (c) => c.notNull())
    // the window's start, ISO instant (UTC)
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('amount', pg ? 'bigint' : 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_counters_pk', ['organisation_id', 'meter', 'window_start'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('usage_counters').execute();
}

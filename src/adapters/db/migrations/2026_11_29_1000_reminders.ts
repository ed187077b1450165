/**
 * Deadlines kept by the registry: the occurrences holders marked done (with their evidence), and the
 * reminders' sent-log, so the service sends each reminder to each channel once across restarts and
 * keeps every failure until it is delivered. Frozen once landed.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations take Kysely<any>: frozen code must not follow today's table types */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('obligation_completions')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('licence_number', 'text', (c) => c.notNull())
    // `illegal-content-report@2022-09-27`: the occurrence id of docs/deadlines.md
    .addColumn('occurrence_id', 'text', (c) => c.notNull())
    .addColumn('done_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('document_sha256', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    // one completion per occurrence: a second "done" is a conflict, not a second row
    .addPrimaryKeyConstraint('obligation_completions_pk', [
      'organisation_id',
      'licence_number',
      'occurrence_id',
    ])
    .execute();

  await db.schema
    .createTable('reminder_log')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    // `<licence>/<occurrence>#<lead>`
    .addColumn('reminder_key', 'text', (c) => c.notNull())
    // `webhook:<id>`, `dingtalk` …
    .addColumn('channel', 'text', (c) => c.notNull())
    // sending (claimed, lease running) | sent | failed (retried from next_attempt_at on)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // the claim is an insert of this key: a duplicate is a reminder someone else has
    .addPrimaryKeyConstraint('reminder_log_pk', ['organisation_id', 'reminder_key', 'channel'])
    .execute();
  await db.schema
    .createIndex('reminder_log_status')
    .on('reminder_log')
    .columns(['organisation_id', 'status', 'next_attempt_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reminder_log').execute();
  await db.schema.dropTable('obligation_completions').execute();
}

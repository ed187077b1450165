/**
 * Evidence files of completed obligations (docs/deadlines.md): the file a holder uploads when it
 * marks an occurrence done, stored with the completion (one per completion, removed with it):
 * its name, media type, size, sha256 and bytes (10 MiB at most, bounded by the API). The
 * completion's `document_sha256` is the file's digest, so the audit chain records it. Frozen once
 * landed.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations take Kysely<any>: frozen code must not follow today's table types */
import type { Kysely } from 'kysely';
import { dialectOf } from '../dialect-of.js';

export async function up(db: Kysely<any>): Promise<void> {
  const pg = dialectOf(db) === 'postgres';
  await db.schema
    .createTable('completion_evidence')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('licence_number', 'text', (c) => c.notNull())
    .addColumn('occurrence_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('bytes', pg ? 'bytea' : 'blob', (c) => c.notNull())
    // the completion's key: one file per completion, gone with it
    .addPrimaryKeyConstraint('completion_evidence_pk', [
      'organisation_id',
      'licence_number',
      'occurrence_id',
    ])
    .addForeignKeyConstraint(
      'completion_evidence_completion',
      ['organisation_id', 'licence_number', 'occurrence_id'],
      'obligation_completions',
      ['organisation_id', 'licence_number', 'occurrence_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('completion_evidence').execute();
}

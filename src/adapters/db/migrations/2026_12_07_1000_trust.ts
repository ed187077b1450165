/**
 * Trust (docs/trust.md): organisations get a kind (authority, holder, platform), an authority its
 * jurisdiction, and an opt-in to publish its declared records; every licence and version says where
 * it came from (provenance); official-query confirmations get their table. Existing organisations
 * become holders and their records `declared`; `authority` tokens become `member` tokens (the nearest
 * role: issuing power now comes from being an authority organisation, not from a role). Frozen once
 * landed.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations take Kysely<any>: frozen code must not follow today's table types */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('organisations')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('holder'))
    .execute();
  // comma-separated jurisdiction keys (京,津 or MIIT); null for holders and platforms
  await db.schema.alterTable('organisations').addColumn('jurisdiction', 'text').execute();
  await db.schema
    .alterTable('organisations')
    .addColumn('publish_declared', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .alterTable('licences')
    .addColumn('provenance', 'text', (c) => c.notNull().defaultTo('declared'))
    .execute();
  await db.schema
    .alterTable('licence_versions')
    .addColumn('provenance', 'text', (c) => c.notNull().defaultTo('declared'))
    .execute();
  // public verification and register look-ups go by number across the authority organisations
  await db.schema.createIndex('licences_number').on('licences').column('number').execute();

  await sql`update api_tokens set role = 'member' where role = 'authority'`.execute(db);

  await db.schema
    .createTable('confirmations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('checked_on', 'text', (c) => c.notNull())
    .addColumn('checked_by', 'text', (c) => c.notNull())
    .addColumn('official_status', 'text', (c) => c.notNull())
    .addColumn('holder_name', 'text')
    // JSON: [{ name, coverage: [] }]
    .addColumn('services', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'text')
    .addColumn('expires_on', 'text')
    .addColumn('note', 'text')
    .addColumn('attachment_sha256', 'text', (c) => c.references('documents.sha256'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('confirmations_org_number')
    .on('confirmations')
    .columns(['organisation_id', 'number', 'checked_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('confirmations').execute();
  await db.schema.dropIndex('licences_number').execute();
  await db.schema.alterTable('licence_versions').dropColumn('provenance').execute();
  await db.schema.alterTable('licences').dropColumn('provenance').execute();
  await db.schema.alterTable('organisations').dropColumn('publish_declared').execute();
  await db.schema.alterTable('organisations').dropColumn('jurisdiction').execute();
  await db.schema.alterTable('organisations').dropColumn('kind').execute();
}

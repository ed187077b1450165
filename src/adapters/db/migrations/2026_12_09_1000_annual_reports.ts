/**
 * The annual-report cycle (docs/annual-report.md): holders' reports (answers and pre-filled facts as
 * JSON), their history and attachments (bytes in `documents`, by sha256), authorities' make-up
 * orders, and the credit lists' entries. Frozen once landed.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations take Kysely<any>: frozen code must not follow today's table types */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('annual_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('holder_name', 'text')
    .addColumn('credit_code', 'text')
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('prefill', 'text', (c) => c.notNull())
    .addColumn('authority_id', 'text', (c) => c.references('organisations.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('signed_off_by', 'text')
    .addColumn('signed_off_at', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addUniqueConstraint('annual_reports_org_number_year', ['organisation_id', 'number', 'year'])
    .execute();
  await db.schema
    .createIndex('annual_reports_authority')
    .on('annual_reports')
    .columns(['authority_id', 'year'])
    .execute();
  await db.schema
    .createIndex('annual_reports_number')
    .on('annual_reports')
    .columns(['number', 'year'])
    .execute();

  await db.schema
    .createTable('annual_report_history')
    .addColumn('report_id', 'text', (c) => c.notNull().references('annual_reports.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('annual_report_history_pk', ['report_id', 'seq'])
    .execute();

  await db.schema
    .createTable('annual_report_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('annual_reports.id'))
    .addColumn('item', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull().references('documents.sha256'))
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('annual_report_attachments_report')
    .on('annual_report_attachments')
    .column('report_id')
    .execute();

  await db.schema
    .createTable('make_up_orders')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('authority_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('ordered_on', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('decision_number', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('make_up_orders_once', ['authority_id', 'number', 'year'])
    .execute();
  await db.schema
    .createIndex('make_up_orders_number')
    .on('make_up_orders')
    .column('number')
    .execute();

  await db.schema
    .createTable('credit_list_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('list', 'text', (c) => c.notNull())
    .addColumn('authority_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('listed_by', 'text', (c) => c.notNull())
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('credit_code', 'text')
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('listed_on', 'text', (c) => c.notNull())
    .addColumn('reason_kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('year', 'integer')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('removed_on', 'text')
    .addColumn('removal_reason', 'text')
    .addColumn('removed_by', 'text')
    .execute();
  await db.schema
    .createIndex('credit_list_entries_number')
    .on('credit_list_entries')
    .columns(['number', 'list'])
    .execute();
  await db.schema
    .createIndex('credit_list_entries_authority')
    .on('credit_list_entries')
    .columns(['authority_id', 'listed_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('credit_list_entries').execute();
  await db.schema.dropTable('make_up_orders').execute();
  await db.schema.dropTable('annual_report_attachments').execute();
  await db.schema.dropTable('annual_report_history').execute();
  await db.schema.dropTable('annual_reports').execute();
}

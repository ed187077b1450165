/**
 * Random spot checks (双随机、一公开, docs/spot-checks.md): an authority's draws, each with its seed,
 * inputs and result as JSON (published as recorded, so anyone can recompute the draw), and one row
 * per drawn licence that goes from planned to done with the inspection's outcome. Frozen once
 * landed.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations take Kysely<any>: frozen code must not follow today's table types */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('spot_check_draws')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('drawn_on', 'text', (c) => c.notNull())
    // 32 random bytes, hex
    .addColumn('seed', 'text', (c) => c.notNull())
    // JSON: { count, inspectorsPerCheck, population, inspectors, conflicts }, canonical order
    .addColumn('inputs', 'text', (c) => c.notNull())
    // JSON: { checks: [{ number, inspectors }] }, in the order drawn
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('spot_check_draws_org')
    .on('spot_check_draws')
    .columns(['organisation_id', 'year', 'created_at'])
    .execute();

  await db.schema
    .createTable('spot_check_results')
    .addColumn('draw_id', 'text', (c) => c.notNull().references('spot_check_draws.id'))
    .addColumn('licence_number', 'text', (c) => c.notNull())
    // 1-based, the order drawn
    .addColumn('position', 'integer', (c) => c.notNull())
    // planned | done
    .addColumn('status', 'text', (c) => c.notNull())
    // compliant | issues-found; null while planned
    .addColumn('outcome', 'text')
    .addColumn('note', 'text')
    .addColumn('finding', 'text')
    .addColumn('done_on', 'text')
    .addColumn('recorded_by', 'text')
    .addColumn('recorded_at', 'text')
    .addPrimaryKeyConstraint('spot_check_results_pk', ['draw_id', 'licence_number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('spot_check_results').execute();
  await db.schema.dropTable('spot_check_draws').execute();
}

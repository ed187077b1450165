/**
 * Random spot checks on Kysely (SQLite and PostgreSQL); rows mapped here and never leave. A draw
 * and its planned rows are written with one audit entry (`spot-check.drawn`, subject the draw's
 * id, the payload carrying the seed and the sha256 of the inputs and result as stored), a result
 * with another (`spot-check.result`), each in one transaction: the authority's chain commits to
 * every draw it made, redraws included. The register's signed log takes only `licence.*` entries,
 * so these never enter it.
 */
import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { DomainError } from '../../core/errors.js';
import {
  SPOT_CHECK_OUTCOMES,
  SPOT_CHECK_STATUSES,
  type DrawInputs,
  type DrawResult,
  type SpotCheckOutcome,
  type SpotCheckStatus,
} from '../../core/spot-check/types.js';
import type {
  SpotCheckDraw,
  SpotCheckResult,
  SpotCheckResultRecord,
  SpotCheckStore,
  SpotCheckSummary,
  StoredSpotCheck,
} from '../../ports/spot-check-store.js';
import { appendAuditEntries } from './append-audit.js';
import type { Database } from './tables/database.js';
import type { SpotCheckDrawTable, SpotCheckResultTable } from './tables/spot-check.table.js';
import { inWriteTransaction } from './write-transaction.js';

function corrupt(what: string, id: string, value: string): DomainError {
  return new DomainError(
    'STORAGE_FAILURE',
    `抽查 ${id} 的 ${what} 无效：${value}`,
    `Spot check ${id} has an invalid ${what}: ${value}`,
  );
}

function rowToResult(r: Selectable<SpotCheckResultTable>): SpotCheckResult {
  const status = r.status as SpotCheckStatus;
  if (!SPOT_CHECK_STATUSES.includes(status)) throw corrupt('status', r.draw_id, r.status);
  const outcome = r.outcome as SpotCheckOutcome | null;
  if (outcome !== null && !SPOT_CHECK_OUTCOMES.includes(outcome)) {
    throw corrupt('outcome', r.draw_id, r.outcome ?? '');
  }
  return {
    number: r.licence_number,
    position: r.position,
    status,
    outcome,
    note: r.note,
    finding: r.finding,
    doneOn: r.done_on,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  };
}

function rowToDraw(r: Selectable<SpotCheckDrawTable>): SpotCheckDraw {
  return {
    id: r.id,
    authority: r.organisation_id,
    year: r.year,
    drawnOn: r.drawn_on,
    seed: r.seed,
    inputs: JSON.parse(r.inputs) as DrawInputs,
    result: JSON.parse(r.result) as DrawResult,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export class KyselySpotCheckStore implements SpotCheckStore {
  constructor(private readonly db: Kysely<Database>) {}

  async createDraw(draw: SpotCheckDraw): Promise<StoredSpotCheck> {
    const inputs = JSON.stringify(draw.inputs);
    const result = JSON.stringify(draw.result);
    await inWriteTransaction(this.db, async (trx) => {
      const inserted = await trx
        .insertInto('spot_check_draws')
        .values({
          id: draw.id,
          organisation_id: draw.authority,
          year: draw.year,
          drawn_on: draw.drawnOn,
          seed: draw.seed,
          inputs,
          result,
          created_by: draw.createdBy,
          created_at: draw.createdAt,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (inserted === undefined) {
        throw new DomainError('CONFLICT', `抽查 ${draw.id} 已存在`, `Spot check ${draw.id} exists`);
      }
      const rows = draw.result.checks.map((c, i) => ({
        draw_id: draw.id,
        licence_number: c.number,
        position: i + 1,
        status: 'planned',
        outcome: null,
        note: null,
        finding: null,
        done_on: null,
        recorded_by: null,
        recorded_at: null,
      }));
      for (let i = 0; i < rows.length; i += 400) {
        await trx
          .insertInto('spot_check_results')
          .values(rows.slice(i, i + 400))
          .execute();
      }
      await appendAuditEntries(trx, draw.authority, draw.createdAt, [
        {
          actor: draw.createdBy,
          action: 'spot-check.drawn',
          subject: draw.id,
          payload: JSON.stringify({
            year: draw.year,
            drawnOn: draw.drawnOn,
            seed: draw.seed,
            count: draw.inputs.count,
            inspectorsPerCheck: draw.inputs.inspectorsPerCheck,
            population: draw.inputs.population.length,
            inputsSha256: sha256(inputs),
            resultSha256: sha256(result),
          }),
        },
      ]);
    });
    return { ...draw, results: await this.results(this.db, draw.id) };
  }

  async recordResult(
    authority: string,
    drawId: string,
    number: string,
    result: SpotCheckResultRecord,
  ): Promise<StoredSpotCheck> {
    return inWriteTransaction(this.db, async (trx) => {
      const draw = await trx
        .selectFrom('spot_check_draws')
        .selectAll()
        .where('id', '=', drawId)
        .where('organisation_id', '=', authority)
        .executeTakeFirst();
      if (draw === undefined) {
        throw new DomainError('NOT_FOUND', `没有抽查 ${drawId}`, `No spot check ${drawId}`);
      }
      // planned → done, once: the WHERE on the status is the rule, so a second writer finds nothing
      const updated = await trx
        .updateTable('spot_check_results')
        .set({
          status: 'done',
          outcome: result.outcome,
          note: result.note,
          finding: result.finding,
          done_on: result.doneOn,
          recorded_by: result.recordedBy,
          recorded_at: result.recordedAt,
        })
        .where('draw_id', '=', drawId)
        .where('licence_number', '=', number)
        .where('status', '=', 'planned')
        .returning('licence_number')
        .executeTakeFirst();
      if (updated === undefined) {
        const row = await trx
          .selectFrom('spot_check_results')
          .select('status')
          .where('draw_id', '=', drawId)
          .where('licence_number', '=', number)
          .executeTakeFirst();
        throw row === undefined
          ? new DomainError(
              'NOT_FOUND',
              `抽查 ${drawId} 未抽中经营许可证 ${number}`,
              `Spot check ${drawId} did not draw licence ${number}`,
            )
          : new DomainError(
              'CONFLICT',
              `抽查 ${drawId} 中 ${number} 的检查结果已记录`,
              `The result for ${number} in spot check ${drawId} is already recorded`,
            );
      }
      await appendAuditEntries(trx, authority, result.recordedAt, [
        {
          actor: result.recordedBy,
          action: 'spot-check.result',
          subject: drawId,
          payload: JSON.stringify({
            number,
            outcome: result.outcome,
            note: result.note,
            finding: result.finding,
            doneOn: result.doneOn,
          }),
        },
      ]);
      return { ...rowToDraw(draw), results: await this.results(trx, drawId) };
    });
  }

  async findDraw(id: string): Promise<StoredSpotCheck | undefined> {
    const row = await this.db
      .selectFrom('spot_check_draws')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return { ...rowToDraw(row), results: await this.results(this.db, id) };
  }

  async listDraws(
    authority: string,
    filter: { readonly year?: number } = {},
  ): Promise<SpotCheckSummary[]> {
    let query = this.db
      .selectFrom('spot_check_draws as d')
      .leftJoin('spot_check_results as r', 'r.draw_id', 'd.id')
      .select((eb) => [
        'd.id',
        'd.organisation_id',
        'd.year',
        'd.drawn_on',
        'd.seed',
        'd.created_by',
        'd.created_at',
        eb.fn.count<number | string>('r.licence_number').as('checks'),
        eb.fn
          .sum<number | string | null>(
            eb.case().when('r.status', '=', 'done').then(1).else(0).end(),
          )
          .as('done'),
      ])
      .where('d.organisation_id', '=', authority)
      .groupBy([
        'd.id',
        'd.organisation_id',
        'd.year',
        'd.drawn_on',
        'd.seed',
        'd.created_by',
        'd.created_at',
      ]);
    if (filter.year !== undefined) query = query.where('d.year', '=', filter.year);
    const rows = await query.orderBy('d.created_at', 'desc').orderBy('d.id').execute();
    // PostgreSQL answers count and sum as strings
    return rows.map((r) => ({
      id: r.id,
      authority: r.organisation_id,
      year: r.year,
      drawnOn: r.drawn_on,
      seed: r.seed,
      checks: Number(r.checks),
      done: Number(r.done ?? 0),
      createdBy: r.created_by,
      createdAt: r.created_at,
    }));
  }

  private async results(db: Kysely<Database>, drawId: string): Promise<SpotCheckResult[]> {
    const rows = await db
      .selectFrom('spot_check_results')
      .selectAll()
      .where('draw_id', '=', drawId)
      .orderBy('position')
      .execute();
    return rows.map(rowToResult);
  }
}

/**
 * The `jobs` table's queries, shared by both queue backends (docs/jobs.md): the public record
 * (enqueue, get, list, counts, cancel) and the writes of one attempt. Every write an attempt makes
 * is guarded by (state running, attempt number, worker): an attempt that lost its job (cancelled,
 * or handed to another instance after its heartbeat went stale) can never overwrite what a newer
 * attempt wrote.
 */
import { randomUUID } from 'node:crypto';
import { sql, type ExpressionBuilder, type Kysely, type Selectable } from 'kysely';
import { DomainError } from '../../core/errors.js';
import type {
  EnqueueRequest,
  JobError,
  JobKind,
  JobPage,
  JobRecord,
  JobState,
  Json,
} from '../../ports/job-queue.js';
import type { Database } from '../db/tables/database.js';
import type { JobTable } from '../db/tables/job.table.js';
import { inWriteTransaction } from '../db/write-transaction.js';

export type JobRow = Selectable<JobTable>;

/** Finished jobs are kept this long, then deleted by the cleanup. */
export const KEEP_FINISHED_MS = 7 * 24 * 3_600_000;

/** One attempt's identity: the guard of its writes. */
export interface Attempt {
  readonly id: string;
  readonly attempt: number;
  readonly worker: string;
}

export function toRecord(row: JobRow, position: number | null): JobRecord {
  return {
    id: row.id,
    kind: row.kind as JobKind,
    organisation: row.organisation_id,
    owner: row.owner,
    state: row.state as JobState,
    progress:
      row.progress_total === null
        ? null
        : { done: row.progress_done ?? 0, total: row.progress_total },
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    position,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    runAfter: row.run_after,
    input: JSON.parse(row.input) as Json,
    result: row.result === null ? null : (JSON.parse(row.result) as Json),
    error: row.error === null ? null : (JSON.parse(row.error) as JobError),
  };
}

/**
 * What a failure is shown as: a DomainError's code, both messages and the regressions of a refused
 * save (REGRESSION); anything else is INTERNAL
 * with a fixed message (an unexpected error's text may name internals: the log has it).
 */
export function jobErrorOf(e: unknown): JobError {
  if (e instanceof DomainError) {
    return {
      code: e.code,
      message: e.messageEn,
      messageZh: e.message,
      ...(e.regressions === undefined ? {} : { regressions: e.regressions }),
    };
  }
  return { code: 'INTERNAL', message: 'The job failed unexpectedly', messageZh: '任务意外失败' };
}

/** One attempt's limit at most (pg-boss refuses an expiry past 24 hours). */
export const MAX_TIMEOUT_SECONDS = 23 * 3600;

/** A job's input as stored JSON, at most this long. */
export const MAX_INPUT_CHARS = 1_000_000;

function encodeCursor(row: { created_at: string; id: string }): string {
  return Buffer.from(JSON.stringify([row.created_at, row.id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === 2 && key.every((k) => typeof k === 'string')) {
      return [key[0] as string, key[1] as string];
    }
  } catch {
    // below
  }
  throw new DomainError(
    'INVALID_INPUT',
    'cursor 不是此列表的游标',
    'cursor: not a cursor of this list',
  );
}

const ACTIVE = ['queued', 'running'] as const;

/** A job's row as an attempt starts: running, counted, heartbeating, held by `worker`. */
function startedBy(at: string, worker: string) {
  return (eb: ExpressionBuilder<Database, 'jobs'>) => ({
    state: 'running' as const,
    attempts: eb('attempts', '+', 1),
    started_at: at,
    heartbeat_at: at,
    worker,
  });
}

export class JobStore {
  /** the last enqueue's instant, in ms: enqueues in one millisecond still get increasing instants */
  private lastCreated = 0;

  constructor(
    readonly db: Kysely<Database>,
    private readonly now: () => Date,
  ) {}

  /**
   * The enqueue instant: now, or 1 ms after this process's previous enqueue, so the jobs one client
   * queues in a burst list and count their queue positions in the order they were queued (the
   * random id is only the tie-break between instances).
   */
  private createdInstant(): string {
    const t = Math.max(this.now().getTime(), this.lastCreated + 1);
    this.lastCreated = t;
    return new Date(t).toISOString();
  }

  iso(offsetMs = 0): string {
    return new Date(this.now().getTime() + offsetMs).toISOString();
  }

  /**
   * Insert a queued job, or return the queued or running one holding its singleton key (`created`
   * false). `write` runs inside the same transaction after the insert (pg-boss's send).
   */
  async insert(
    request: EnqueueRequest,
    write?: (trx: Kysely<Database>, row: JobRow) => Promise<void>,
  ): Promise<{ row: JobRow; created: boolean }> {
    const input = JSON.stringify(request.input);
    if (input.length > MAX_INPUT_CHARS) {
      throw new DomainError(
        'INPUT_TOO_LARGE',
        `任务输入超过 ${MAX_INPUT_CHARS} 个字符`,
        `The job's input is over ${MAX_INPUT_CHARS} characters`,
      );
    }
    const at = this.createdInstant();
    const id = randomUUID();
    const values = {
      id,
      kind: request.kind,
      organisation_id: request.organisation,
      owner: request.owner,
      state: 'queued',
      progress_done: request.total === undefined ? null : 0,
      progress_total: request.total ?? null,
      attempts: 0,
      max_attempts: Math.max(1, Math.trunc(request.maxAttempts ?? 3)),
      timeout_seconds: Math.min(
        MAX_TIMEOUT_SECONDS,
        Math.max(1, Math.trunc(request.timeoutSeconds)),
      ),
      singleton_key: request.singletonKey ?? null,
      input,
      blob: request.blob ?? null,
      result: null,
      error: null,
      created_at: at,
      started_at: null,
      finished_at: null,
      // now, never the created instant's millisecond ahead: a worker woken at once may claim it
      run_after: this.iso(),
      heartbeat_at: null,
      worker: null,
      // the first dispatch carries the job's own id
      dispatch_id: write === undefined ? null : id,
      cancel_requested: 0,
      keep_until: null,
    };
    // the existing holder may finish between the insert and the look-up: then insert again
    for (let i = 0; i < 3; i++) {
      const outcome = await inWriteTransaction(this.db, async (trx) => {
        const inserted = await trx
          .insertInto('jobs')
          .values(values)
          .onConflict((oc) =>
            oc
              .column('singleton_key')
              .where(sql<boolean>`state in ('queued', 'running')`)
              .doNothing(),
          )
          .returningAll()
          .executeTakeFirst();
        if (inserted !== undefined) {
          if (write !== undefined) await write(trx, inserted);
          return { row: inserted, created: true };
        }
        const holder = await trx
          .selectFrom('jobs')
          .selectAll()
          .where('singleton_key', '=', values.singleton_key)
          .where('state', 'in', ACTIVE)
          .executeTakeFirst();
        return holder === undefined ? undefined : { row: holder, created: false };
      });
      if (outcome !== undefined) return outcome;
    }
    throw new DomainError('CONFLICT', '任务正忙，请重试', 'The job is busy; try again');
  }

  async row(id: string): Promise<JobRow | undefined> {
    return this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** How many queued jobs of its kind are ahead of a queued job. */
  async position(row: JobRow): Promise<number | null> {
    if (row.state !== 'queued') return null;
    const { n } = await this.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('state', '=', 'queued')
      .where('kind', '=', row.kind)
      .where((eb) =>
        eb.or([
          eb('created_at', '<', row.created_at),
          eb.and([eb('created_at', '=', row.created_at), eb('id', '<', row.id)]),
        ]),
      )
      .executeTakeFirstOrThrow();
    return Number(n);
  }

  async record(row: JobRow): Promise<JobRecord> {
    return toRecord(row, await this.position(row));
  }

  async get(organisation: string, id: string): Promise<JobRecord | undefined> {
    const row = await this.row(id);
    return row?.organisation_id === organisation ? this.record(row) : undefined;
  }

  async list(
    organisation: string,
    options: { readonly kind?: JobKind; readonly limit: number; readonly cursor?: string },
  ): Promise<JobPage> {
    const limit = Math.max(1, Math.min(1000, Math.trunc(options.limit)));
    let q = this.db
      .selectFrom('jobs')
      .selectAll()
      .where('organisation_id', '=', organisation)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit + 1);
    if (options.kind !== undefined) q = q.where('kind', '=', options.kind);
    if (options.cursor !== undefined) {
      const [createdAt, id] = decodeCursor(options.cursor);
      q = q.where((eb) =>
        eb.or([
          eb('created_at', '<', createdAt),
          eb.and([eb('created_at', '=', createdAt), eb('id', '<', id)]),
        ]),
      );
    }
    const rows = await q.execute();
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: await Promise.all(page.map((r) => this.record(r))),
      next: rows.length > limit && last !== undefined ? encodeCursor(last) : null,
    };
  }

  async count(states: readonly JobState[], organisation?: string, kind?: JobKind): Promise<number> {
    let q = this.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('state', 'in', states);
    if (organisation !== undefined) q = q.where('organisation_id', '=', organisation);
    if (kind !== undefined) q = q.where('kind', '=', kind);
    const { n } = await q.executeTakeFirstOrThrow();
    return Number(n);
  }

  /**
   * Cancel a queued or running job of the organisation: it becomes `cancelled` at once (the
   * running attempt notices within a second and its writes are refused). Returns the row before
   * and after, or undefined for an unknown id or another organisation's job.
   */
  async cancel(
    organisation: string,
    id: string,
  ): Promise<{ before: JobRow; after: JobRow } | undefined> {
    return inWriteTransaction(this.db, async (trx) => {
      const before = await trx
        .selectFrom('jobs')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (before?.organisation_id !== organisation) return undefined;
      if (before.state !== 'queued' && before.state !== 'running') return { before, after: before };
      const at = this.iso();
      const after = await trx
        .updateTable('jobs')
        .set({
          state: 'cancelled',
          cancel_requested: 1,
          finished_at: at,
          keep_until: this.iso(KEEP_FINISHED_MS),
          blob: null,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { before, after };
    });
  }

  /** SQLite: take the oldest due queued job of `kind` for `worker` (attempt n + 1). */
  async claim(kind: JobKind, worker: string): Promise<JobRow | undefined> {
    return inWriteTransaction(this.db, async (trx) => {
      const at = this.iso();
      const next = await trx
        .selectFrom('jobs')
        .select('id')
        .where('state', '=', 'queued')
        .where('kind', '=', kind)
        .where('run_after', '<=', at)
        .orderBy('created_at')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      if (next === undefined) return undefined;
      return trx
        .updateTable('jobs')
        .set(startedBy(at, worker))
        .where('id', '=', next.id)
        .where('state', '=', 'queued')
        .returningAll()
        .executeTakeFirst();
    });
  }

  /**
   * PostgreSQL: mark a job running for pg-boss's delivery `dispatchId` (attempt n + 1), unless it
   * is finished, cancelled or was handed to a newer dispatch.
   */
  async start(id: string, worker: string, dispatchId: string): Promise<JobRow | undefined> {
    const at = this.iso();
    return this.db
      .updateTable('jobs')
      .set(startedBy(at, worker))
      .where('id', '=', id)
      .where('state', 'in', ACTIVE)
      .where('dispatch_id', '=', dispatchId)
      .where('cancel_requested', '=', 0)
      .returningAll()
      .executeTakeFirst();
  }

  /**
   * Hand a running attempt's job back: queued for its next attempt (after `delayMs`; `refund`:
   * the interrupted attempt does not count) or failed when none is left. `redispatch` runs in
   * the same transaction with the new dispatch id (PostgreSQL: cancel the old pg-boss job, send a
   * new one). Returns the row as it now is, or undefined when the attempt no longer owned it.
   */
  async handBack(
    a: Attempt,
    error: JobError | null,
    options: {
      readonly delayMs: number;
      readonly refund: boolean;
      readonly redispatch?: (
        trx: Kysely<Database>,
        row: JobRow,
        newDispatch: string,
      ) => Promise<void>;
    },
  ): Promise<JobRow | undefined> {
    return inWriteTransaction(this.db, async (trx) => {
      const row = await trx
        .selectFrom('jobs')
        .selectAll()
        .where('id', '=', a.id)
        .where('state', '=', 'running')
        .where('attempts', '=', a.attempt)
        .where('worker', '=', a.worker)
        .executeTakeFirst();
      if (row === undefined) return undefined;
      const counted = options.refund ? a.attempt - 1 : a.attempt;
      if (counted >= row.max_attempts) {
        return trx
          .updateTable('jobs')
          .set({
            state: 'failed',
            ...(error === null ? {} : { error: JSON.stringify(error) }),
            finished_at: this.iso(),
            keep_until: this.iso(KEEP_FINISHED_MS),
            blob: null,
            worker: null,
          })
          .where('id', '=', a.id)
          .returningAll()
          .executeTakeFirst();
      }
      const dispatch = options.redispatch === undefined ? null : randomUUID();
      const after = await trx
        .updateTable('jobs')
        .set({
          state: 'queued',
          ...(error === null ? {} : { error: JSON.stringify(error) }),
          run_after: this.iso(options.delayMs),
          worker: null,
          heartbeat_at: null,
          attempts: counted,
          ...(dispatch === null ? {} : { dispatch_id: dispatch }),
        })
        .where('id', '=', a.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (dispatch !== null && options.redispatch !== undefined) {
        await options.redispatch(trx, after, dispatch);
      }
      return after;
    });
  }

  /** Running rows whose heartbeat is older than `staleMs`: their instance died. */
  async stale(staleMs: number): Promise<JobRow[]> {
    return this.db
      .selectFrom('jobs')
      .selectAll()
      .where('state', '=', 'running')
      .where('heartbeat_at', '<', this.iso(-staleMs))
      .limit(100)
      .execute();
  }

  private guarded(a: Attempt) {
    return this.db
      .updateTable('jobs')
      .where('id', '=', a.id)
      .where('state', '=', 'running')
      .where('attempts', '=', a.attempt)
      .where('worker', '=', a.worker);
  }

  /** Refresh the heartbeats of this worker's attempts. */
  async heartbeat(attempts: readonly Attempt[]): Promise<void> {
    if (attempts.length === 0) return;
    const at = this.iso();
    await inWriteTransaction(this.db, async (trx) => {
      for (const a of attempts) {
        await trx
          .updateTable('jobs')
          .set({ heartbeat_at: at })
          .where('id', '=', a.id)
          .where('state', '=', 'running')
          .where('attempts', '=', a.attempt)
          .where('worker', '=', a.worker)
          .execute();
      }
    });
  }

  /**
   * The attempts among `attempts` that no longer own their job: `cancelled`, or `lost` (handed
   * back after a stale heartbeat, finished elsewhere, deleted).
   */
  async lost(attempts: readonly Attempt[]): Promise<Map<string, 'cancelled' | 'lost'>> {
    const gone = new Map<string, 'cancelled' | 'lost'>();
    if (attempts.length === 0) return gone;
    const rows = await this.db
      .selectFrom('jobs')
      .select(['id', 'state', 'attempts', 'worker', 'cancel_requested'])
      .where(
        'id',
        'in',
        attempts.map((a) => a.id),
      )
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const a of attempts) {
      const r = byId.get(a.id);
      if (r !== undefined && (r.state === 'cancelled' || r.cancel_requested !== 0)) {
        gone.set(a.id, 'cancelled');
      } else if (
        r === undefined ||
        r.state !== 'running' ||
        r.attempts !== a.attempt ||
        r.worker !== a.worker
      ) {
        gone.set(a.id, 'lost');
      }
    }
    return gone;
  }

  async progress(a: Attempt, done: number, total: number): Promise<void> {
    await this.guarded(a)
      .set({
        progress_done: Math.trunc(done),
        progress_total: Math.trunc(total),
        heartbeat_at: this.iso(),
      })
      .execute();
  }

  /** The attempt succeeded: done, with its result. False when the attempt no longer owned it. */
  async done(a: Attempt, result: Json): Promise<boolean> {
    const at = this.iso();
    const r = await this.guarded(a)
      .set({
        state: 'done',
        result: JSON.stringify(result ?? null),
        error: null,
        finished_at: at,
        keep_until: this.iso(KEEP_FINISHED_MS),
        blob: null,
        worker: null,
      })
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  /** The job failed for good. */
  async failed(a: Attempt, error: JobError): Promise<boolean> {
    const r = await this.guarded(a)
      .set({
        state: 'failed',
        error: JSON.stringify(error),
        finished_at: this.iso(),
        keep_until: this.iso(KEEP_FINISHED_MS),
        blob: null,
        worker: null,
      })
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  /**
   * The attempt failed and another one may run after `delayMs` (the error shown meanwhile), or
   * it was interrupted by shutdown (`refund`: it does not count).
   */
  async retry(
    a: Attempt,
    error: JobError | null,
    delayMs: number,
    refund = false,
  ): Promise<boolean> {
    const r = await this.guarded(a)
      .set((eb) => ({
        state: 'queued',
        ...(error === null ? {} : { error: JSON.stringify(error) }),
        run_after: this.iso(delayMs),
        worker: null,
        heartbeat_at: null,
        ...(refund ? { attempts: eb('attempts', '-', 1) } : {}),
      }))
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  }

  /**
   * Running rows whose heartbeat is older than `staleMs` (their instance died): back to queued for
   * their next attempt, or failed when none is left, except those `alive` says this instance runs
   * (a handler that held the event loop delays its own heartbeat). Returns the rows handed back.
   */
  async reap(staleMs: number, alive: (row: JobRow) => boolean = () => false): Promise<JobRow[]> {
    const out: JobRow[] = [];
    for (const row of await this.stale(staleMs)) {
      if (alive(row)) continue;
      const a = { id: row.id, attempt: row.attempts, worker: row.worker ?? '' };
      const lost: JobError = {
        code: 'WORKER_LOST',
        message: `the instance running attempt ${a.attempt} stopped answering`,
        messageZh: `运行第 ${a.attempt} 次尝试的实例已无响应`,
      };
      const now = await this.handBack(a, lost, { delayMs: 0, refund: false });
      if (now !== undefined) out.push(now);
    }
    return out;
  }

  /** Delete finished jobs past their keeping time; returns how many. */
  async cleanup(): Promise<number> {
    const r = await this.db
      .deleteFrom('jobs')
      .where('keep_until', '<', this.iso())
      .where('state', 'in', ['done', 'failed', 'cancelled'])
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async blob(id: string): Promise<Uint8Array | null> {
    const r = await this.db
      .selectFrom('jobs')
      .select('blob')
      .where('id', '=', id)
      .executeTakeFirst();
    return r?.blob === undefined || r.blob === null ? null : new Uint8Array(r.blob);
  }
}

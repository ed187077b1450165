/**
 * The job queue on PostgreSQL (docs/jobs.md): pg-boss 10 (schema `pgboss` in xuke's database)
 * carries the dispatch — which instance runs which attempt, retries with backoff, expiry, cron
 * schedules that fire once across instances — and the `jobs` table what clients see.
 *
 * Every dispatch is a pg-boss job whose data is the row's id; the row names its current dispatch
 * (`dispatch_id`). Enqueue inserts the row and sends the pg-boss job in one transaction (pg-boss's
 * `db` option runs its insert on that transaction), so neither exists without the other.
 *
 * A killed instance stops its heartbeats: every instance looks for running rows whose heartbeat is
 * older than three beats and hands them back in one transaction — the row queued for its next
 * attempt (or failed) with a new dispatch id, the old pg-boss job cancelled, a new one sent — so
 * the job runs again within seconds instead of after the pg-boss expiry. A zombie attempt that was
 * alive after all finds its writes refused (each is guarded by attempt number and worker) and its
 * pg-boss completion a no-op (its pg-boss job is cancelled).
 */
import { randomUUID } from 'node:crypto';
import { CompiledQuery, type Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type {
  EnqueueRequest,
  JobHandler,
  JobKind,
  JobQueue,
  JobRecord,
  Json,
  WorkOptions,
} from '../../ports/job-queue.js';
import { JOB_KINDS } from '../../ports/job-queue.js';
import { StoredJobQueue } from './stored-job-queue.js';
import type { Database } from '../db/tables/database.js';
import { inWriteTransaction } from '../db/write-transaction.js';
import { withInstanceLock } from '../db/instance-lock.js';
import { AttemptTracker } from './attempt-tracker.js';
import { quietLogger, type JobQueueOptions } from './job-queue-options.js';
import { JobStore, type JobRow } from './job-store.js';
import { runAttempt, RunningAttempt } from './run-attempt.js';
import { defaultInstanceId } from './sqlite-job-queue.js';

/** pg-boss's own expiry, past the attempt's limit: the last resort when heartbeats say nothing */
const EXPIRY_MARGIN_SECONDS = 60;
const STOP_WAIT_MS = 5000;
const SCHEDULE_QUEUE = 'xuke-every';

interface Dispatch {
  readonly id: string;
}

interface EveryData {
  readonly kind: JobKind;
  readonly organisation: string;
  readonly input: Json;
  readonly seconds: number;
}

/**
 * Create the queues that do not exist yet, one instance at a time. pg-boss 10's `create_queue`
 * inserts the queue's row, then adds a foreign key to the queue table (a SHARE ROW EXCLUSIVE lock
 * on it) in the same transaction: two instances creating queues at once each hold the row lock the
 * other's foreign key waits for, and PostgreSQL aborts one of them with "deadlock detected" (an
 * instance that fails to start).
 */
async function createQueues(url: string, boss: PgBoss, names: readonly string[]): Promise<void> {
  const missing = async (): Promise<string[]> => {
    const held = new Set((await boss.getQueues()).map((q) => q.name));
    return names.filter((n) => !held.has(n));
  };
  if ((await missing()).length === 0) return;
  await withInstanceLock({ dialect: 'postgres', url }, 'pgboss.create_queue', async () => {
    for (const name of await missing()) await boss.createQueue(name);
  });
}

/** pg-boss's connection seam over a Kysely transaction: its statements join that transaction. */
function bossDb(trx: Kysely<Database>): PgBoss.Db {
  return {
    executeSql: async (text, values) => {
      const r = await trx.executeQuery(CompiledQuery.raw(text, values));
      return { rows: r.rows };
    },
  };
}

/** A cron expression for an interval of whole minutes or hours that divides its unit, else null. */
export function cronOf(seconds: number): string | null {
  if (seconds % 60 !== 0) return null;
  const minutes = seconds / 60;
  if (minutes < 60 && 60 % minutes === 0)
    return minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`;
  if (minutes % 60 !== 0) return null;
  const hours = minutes / 60;
  if (hours < 24 && 24 % hours === 0) return hours === 1 ? '0 * * * *' : `0 */${hours} * * *`;
  if (hours === 24) return '0 0 * * *';
  return null;
}

export class PgBossJobQueue extends StoredJobQueue implements JobQueue {
  readonly instanceId: string;
  private readonly workers = new Map<JobKind, { handler: JobHandler; concurrency: number }>();
  private readonly schedules: EveryData[] = [];
  private readonly workerIds = new Map<JobKind, string[]>();
  private readonly tracker: AttemptTracker;
  private timers: NodeJS.Timeout[] = [];
  private started = false;
  private stopped = false;
  private readonly pollSeconds: number;
  private readonly heartbeatMs: number;
  private readonly retryDelaySeconds: number;
  private readonly cancelCheckMs: number;

  private constructor(
    store: JobStore,
    private readonly boss: PgBoss,
    /** the database's URL, for the lock queues are created under */
    private readonly connectionString: string,
    options: JobQueueOptions,
  ) {
    super(store, options.logger ?? quietLogger);
    this.instanceId = options.instanceId ?? defaultInstanceId();
    this.tracker = new AttemptTracker(store, this.logger);
    this.pollSeconds = Math.max(0.5, (options.pollMs ?? 1000) / 1000);
    this.heartbeatMs = (options.heartbeatSeconds ?? 10) * 1000;
    this.retryDelaySeconds = Math.max(1, Math.round((options.retryBaseMs ?? 1000) / 1000));
    this.cancelCheckMs = Math.min(500, options.cancelCheckMs ?? 500);
  }

  /** Start pg-boss (installing its schema on first use) and create the kinds' queues. */
  static async open(db: Kysely<Database>, options: JobQueueOptions): Promise<PgBossJobQueue> {
    if (options.connectionString === undefined) {
      throw new Error('the PostgreSQL job queue needs the database URL (connectionString)');
    }
    const logger = options.logger ?? quietLogger;
    const boss = new PgBoss({
      connectionString: options.connectionString,
      schema: 'pgboss',
      max: 3,
      application_name: 'xuke-jobs',
    });
    // never thrown: a lost connection is retried by pg-boss, and said in the log
    boss.on('error', (e) => {
      logger.error('pg-boss error', { error: e.message });
    });
    await boss.start();
    await createQueues(options.connectionString, boss, JOB_KINDS);
    const clock = options.clock;
    const store = new JobStore(db, clock === undefined ? () => new Date() : () => clock.now());
    return new PgBossJobQueue(store, boss, options.connectionString, options);
  }

  private sendOptions(row: JobRow, dispatchId: string, trx: Kysely<Database>): PgBoss.SendOptions {
    return {
      id: dispatchId,
      retryLimit: Math.max(0, row.max_attempts - row.attempts - 1),
      retryDelay: this.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: row.timeout_seconds + EXPIRY_MARGIN_SECONDS,
      startAfter: new Date(row.run_after),
      db: bossDb(trx),
    };
  }

  async enqueue(request: EnqueueRequest): Promise<JobRecord> {
    const { row, created } = await this.store.insert(request, async (trx, inserted) => {
      await this.boss.send(
        inserted.kind,
        { id: inserted.id } satisfies Dispatch,
        this.sendOptions(inserted, inserted.id, trx),
      );
    });
    if (created)
      for (const id of this.workerIds.get(request.kind) ?? []) this.boss.notifyWorker(id);
    return this.store.record(row);
  }

  async cancel(organisation: string, id: string): Promise<JobRecord | undefined> {
    const changed = await this.store.cancel(organisation, id);
    if (changed === undefined) return undefined;
    const { before } = changed;
    if (before.state === 'running') this.tracker.abort(id, 'cancelled');
    if ((before.state === 'queued' || before.state === 'running') && before.dispatch_id !== null) {
      // the row is cancelled already: a dispatch still delivered finds it so and does nothing
      await this.boss.cancel(before.kind, before.dispatch_id).catch((e: unknown) => {
        this.logger.error('pg-boss cancel failed', { id, error: String(e) });
      });
    }
    return this.store.record(changed.after);
  }

  work(kind: JobKind, handler: JobHandler, options: WorkOptions = {}): void {
    this.workers.set(kind, {
      handler,
      concurrency: Math.max(1, Math.trunc(options.concurrency ?? 1)),
    });
  }

  every(kind: JobKind, intervalSeconds: number, organisation: string, input: Json): void {
    this.schedules.push({ kind, organisation, input, seconds: Math.max(1, intervalSeconds) });
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const [kind, { handler, concurrency }] of this.workers) {
      const ids: string[] = [];
      // pg-boss 10 runs one fetch loop per work(): `concurrency` loops of one job each
      for (let i = 0; i < concurrency; i++) {
        ids.push(
          await this.boss.work<Dispatch>(
            kind,
            { batchSize: 1, pollingIntervalSeconds: this.pollSeconds },
            async ([job]) => {
              if (job !== undefined) await this.deliver(job.id, job.data.id, handler);
            },
          ),
        );
      }
      this.workerIds.set(kind, ids);
    }
    this.tracker.start(this.heartbeatMs, this.cancelCheckMs);
    const keep = (t: NodeJS.Timeout): void => {
      t.unref();
      this.timers.push(t);
    };
    await this.reap();
    await this.cleanup();
    keep(setInterval(() => void this.reap(), this.heartbeatMs));
    keep(setInterval(() => void this.cleanup(), 3_600_000));
    await this.startSchedules(keep);
  }

  private async startSchedules(keep: (t: NodeJS.Timeout) => void): Promise<void> {
    const enqueueRun = (s: EveryData): Promise<JobRecord> =>
      this.enqueue({
        kind: s.kind,
        organisation: s.organisation,
        owner: 'system',
        input: s.input,
        timeoutSeconds: Math.max(60, s.seconds),
        singletonKey: `every:${s.kind}:${s.organisation}`,
      });
    const queueOf = (s: EveryData): string => `${SCHEDULE_QUEUE}-${s.kind}-${s.organisation}`;
    const cronQueues = this.schedules.filter((s) => cronOf(s.seconds) !== null).map(queueOf);
    await createQueues(this.connectionString, this.boss, cronQueues);
    for (const s of this.schedules) {
      const cron = cronOf(s.seconds);
      if (cron !== null) {
        // pg-boss sends each cron tick once across every instance
        const name = queueOf(s);
        await this.boss.schedule(name, cron, s);
        await this.boss.work<EveryData>(name, { batchSize: 1 }, async ([job]) => {
          if (job !== undefined) await enqueueRun(job.data);
        });
        continue;
      }
      // shorter or irregular intervals: a timer per instance; the singleton key keeps runs apart
      const run = (): void => {
        enqueueRun(s).catch((e: unknown) => {
          this.logger.error('scheduled enqueue failed', { kind: s.kind, error: String(e) });
        });
      };
      run();
      keep(setInterval(run, s.seconds * 1000));
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    // no new deliveries; a running one is aborted, hands its job back and ends
    for (const ids of this.workerIds.values()) {
      for (const id of ids) await this.boss.offWork({ id }).catch(() => undefined);
    }
    await this.tracker.stop(STOP_WAIT_MS);
    await this.boss.stop({ graceful: true, wait: true, timeout: STOP_WAIT_MS });
  }

  /** One pg-boss delivery: run the row's next attempt. Throwing asks pg-boss for a retry. */
  private async deliver(dispatchId: string, id: string, handler: JobHandler): Promise<void> {
    if (this.stopped) {
      await this.resend(dispatchId, id);
      return;
    }
    const row = await this.store.start(id, this.instanceId, dispatchId);
    // finished, cancelled, or handed to a newer dispatch: nothing to do
    if (row === undefined) return;
    const running = new RunningAttempt(row, this.instanceId);
    let settle = (): void => undefined;
    this.tracker.add(
      running,
      new Promise<void>((r) => {
        settle = r;
      }),
    );
    try {
      const outcome = await runAttempt(this.store, row, running, handler);
      if (outcome.kind === 'retryable' && outcome.detail !== undefined) {
        this.logger.error('job attempt failed', { id, kind: row.kind, detail: outcome.detail });
      }
      switch (outcome.kind) {
        case 'done':
          await this.store.done(running, outcome.result);
          return;
        case 'fatal':
          await this.store.failed(running, outcome.error);
          return;
        case 'retryable': {
          if (running.attempt >= row.max_attempts) {
            await this.store.failed(running, outcome.error);
            return;
          }
          // pg-boss waits retryDelay × 2^n (n from 0), with up to as much again of jitter
          const delayMs = this.retryDelaySeconds * 1000 * 2 ** (running.attempt - 1) * 1.5;
          await this.store.retry(running, outcome.error, delayMs);
          throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
        }
        case 'later':
          // not counted: the job is sent again once the machine or the quota has room
          await this.store.handBack(running, outcome.error, {
            delayMs: outcome.delayMs,
            refund: true,
            redispatch: (trx, after, next) => this.redispatch(trx, row, after, next),
          });
          return;
        case 'aborted':
          if (outcome.cause === 'shutdown') {
            // the interrupted attempt does not count; another instance (or this one restarted) resumes
            await this.store.handBack(running, null, {
              delayMs: 0,
              refund: true,
              redispatch: (trx, after, next) => this.redispatch(trx, row, after, next),
            });
          }
          return;
      }
    } finally {
      settle();
    }
  }

  /** Cancel the row's old pg-boss job and send the new dispatch, in the row's transaction. */
  private async redispatch(
    trx: Kysely<Database>,
    before: JobRow,
    after: JobRow,
    next: string,
  ): Promise<void> {
    if (before.dispatch_id !== null) {
      await this.boss.cancel(before.kind, before.dispatch_id, { db: bossDb(trx) });
    }
    await this.boss.send(
      after.kind,
      { id: after.id } satisfies Dispatch,
      this.sendOptions(after, next, trx),
    );
  }

  /** A delivery fetched while stopping, not started: its row gets a new dispatch for later. */
  private async resend(dispatchId: string, id: string): Promise<void> {
    const next = randomUUID();
    await inWriteTransaction(this.store.db, async (trx) => {
      const row = await trx
        .updateTable('jobs')
        .set({ dispatch_id: next })
        .where('id', '=', id)
        .where('dispatch_id', '=', dispatchId)
        .where('state', '=', 'queued')
        .returningAll()
        .executeTakeFirst();
      if (row !== undefined) {
        await this.boss.send(row.kind, { id } satisfies Dispatch, this.sendOptions(row, next, trx));
      }
    });
  }

  /** Running rows of dead instances (3 missed heartbeats): handed back, a new dispatch sent. */
  private async reap(): Promise<void> {
    try {
      const stale = await this.store.stale(this.heartbeatMs * 3);
      for (const row of stale) {
        // a handler that held the event loop delays its own heartbeat: not a dead instance
        if (this.tracker.runs(row)) continue;
        const a = { id: row.id, attempt: row.attempts, worker: row.worker ?? '' };
        const after = await this.store.handBack(
          a,
          {
            code: 'WORKER_LOST',
            message: `the instance running attempt ${a.attempt} stopped answering`,
            messageZh: `运行第 ${a.attempt} 次尝试的实例已无响应`,
          },
          {
            delayMs: 0,
            refund: false,
            redispatch: (trx, now, next) => this.redispatch(trx, row, now, next),
          },
        );
        if (after?.state === 'failed' && row.dispatch_id !== null) {
          await this.boss.cancel(row.kind, row.dispatch_id).catch(() => undefined);
        }
        if (after?.state === 'queued') {
          this.logger.info('job handed back', { id: row.id, from: row.worker });
          for (const id of this.workerIds.get(row.kind as JobKind) ?? [])
            this.boss.notifyWorker(id);
        }
      }
    } catch (e) {
      this.logger.error('job reaper failed', { error: String(e) });
    }
  }
}

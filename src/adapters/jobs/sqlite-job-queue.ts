/**
 * The job queue on SQLite (docs/jobs.md): an in-process runner over the `jobs` table. An enqueue
 * wakes the kind's workers at once; a poll (default 1 s) finds retries whose backoff elapsed and
 * jobs other processes on the same file queued. Jobs are claimed in a writer transaction
 * (sqlite-writers.ts), so two processes on one file never take the same job. On start, jobs left
 * running by a dead process (stale heartbeat) are queued again, which is how a restart resumes.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type {
  EnqueueRequest,
  JobHandler,
  JobKind,
  JobQueue,
  JobRecord,
  Json,
  WorkOptions,
} from '../../ports/job-queue.js';
import type { Database } from '../db/tables/database.js';
import { AttemptTracker } from './attempt-tracker.js';
import { quietLogger, type JobQueueOptions } from './job-queue-options.js';
import { JobStore, type JobRow } from './job-store.js';
import { StoredJobQueue } from './stored-job-queue.js';
import { backoffMs, runAttempt, RunningAttempt, type Outcome } from './run-attempt.js';

/** Finished jobs past keep_until are deleted this often. */
const CLEANUP_EVERY_MS = 3_600_000;
/** stop() waits this long for running handlers to settle */
const STOP_WAIT_MS = 5000;

export function defaultInstanceId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

interface Worker {
  readonly handler: JobHandler;
  readonly concurrency: number;
  active: number;
  pumping: boolean;
}

/** Writes an attempt's outcome to its row; shared with the PostgreSQL backend. */
export async function recordOutcome(
  store: JobStore,
  row: JobRow,
  running: RunningAttempt,
  outcome: Outcome,
  retryBaseMs: number,
): Promise<void> {
  switch (outcome.kind) {
    case 'done':
      await store.done(running, outcome.result);
      return;
    case 'fatal':
      await store.failed(running, outcome.error);
      return;
    case 'retryable':
      if (running.attempt >= row.max_attempts) await store.failed(running, outcome.error);
      else await store.retry(running, outcome.error, backoffMs(running.attempt, retryBaseMs));
      return;
    case 'later':
      await store.retry(running, outcome.error, outcome.delayMs, true);
      return;
    case 'aborted':
      // a shutdown's attempt does not count: the job resumes where the next start finds it
      if (outcome.cause === 'shutdown') await store.retry(running, null, 0, true);
      return;
  }
}

export class SqliteJobQueue extends StoredJobQueue implements JobQueue {
  readonly instanceId: string;
  private readonly workers = new Map<JobKind, Worker>();
  /** kinds woken while their claim loop ran: it looks once more */
  private readonly again = new Set<JobKind>();
  private readonly schedules: { kind: JobKind; seconds: number; org: string; input: Json }[] = [];
  private readonly tracker: AttemptTracker;
  private timers: NodeJS.Timeout[] = [];
  private started = false;
  private stopped = false;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;
  private readonly retryBaseMs: number;
  private readonly cancelCheckMs: number;

  constructor(db: Kysely<Database>, options: JobQueueOptions = {}) {
    const clock = options.clock;
    super(
      new JobStore(db, clock === undefined ? () => new Date() : () => clock.now()),
      options.logger ?? quietLogger,
    );
    this.instanceId = options.instanceId ?? defaultInstanceId();
    this.tracker = new AttemptTracker(this.store, this.logger);
    this.pollMs = options.pollMs ?? 1000;
    this.heartbeatMs = (options.heartbeatSeconds ?? 10) * 1000;
    this.retryBaseMs = options.retryBaseMs ?? 1000;
    this.cancelCheckMs = Math.min(500, options.cancelCheckMs ?? 500);
  }

  async enqueue(request: EnqueueRequest): Promise<JobRecord> {
    const { row, created } = await this.store.insert(request);
    if (created) this.wake(request.kind);
    return this.store.record(row);
  }

  async cancel(organisation: string, id: string): Promise<JobRecord | undefined> {
    const changed = await this.store.cancel(organisation, id);
    if (changed === undefined) return undefined;
    if (changed.before.state === 'running') this.tracker.abort(id, 'cancelled');
    return this.store.record(changed.after);
  }

  work(kind: JobKind, handler: JobHandler, options: WorkOptions = {}): void {
    this.workers.set(kind, {
      handler,
      concurrency: Math.max(1, Math.trunc(options.concurrency ?? 1)),
      active: 0,
      pumping: false,
    });
  }

  every(kind: JobKind, intervalSeconds: number, organisation: string, input: Json): void {
    this.schedules.push({ kind, seconds: Math.max(1, intervalSeconds), org: organisation, input });
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.reap();
    await this.cleanup();
    this.tracker.start(this.heartbeatMs, this.cancelCheckMs);
    const keep = (t: NodeJS.Timeout): void => {
      t.unref();
      this.timers.push(t);
    };
    keep(
      setInterval(() => {
        for (const kind of this.workers.keys()) this.wake(kind);
      }, this.pollMs),
    );
    keep(setInterval(() => void this.reap(), this.heartbeatMs));
    keep(setInterval(() => void this.cleanup(), CLEANUP_EVERY_MS));
    for (const s of this.schedules) {
      const run = (): void => {
        this.enqueue({
          kind: s.kind,
          organisation: s.org,
          owner: 'system',
          input: s.input,
          timeoutSeconds: Math.max(60, s.seconds),
          singletonKey: `every:${s.kind}:${s.org}`,
        }).catch((e: unknown) => {
          this.logger.error('scheduled enqueue failed', { kind: s.kind, error: String(e) });
        });
      };
      run();
      keep(setInterval(run, s.seconds * 1000));
    }
    for (const kind of this.workers.keys()) this.wake(kind);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.tracker.stop(STOP_WAIT_MS);
  }

  /** Jobs of other, dead processes: 3 missed heartbeats hand them back. */
  private async reap(): Promise<void> {
    try {
      const back = await this.store.reap(this.heartbeatMs * 3, (row) => this.tracker.runs(row));
      for (const row of back) if (row.state === 'queued') this.wake(row.kind as JobKind);
    } catch (e) {
      this.logger.error('job reaper failed', { error: String(e) });
    }
  }

  /** Claim and run jobs of `kind` while slots are free. */
  private wake(kind: JobKind): void {
    const worker = this.workers.get(kind);
    if (worker === undefined || !this.started || this.stopped) return;
    // every slot busy: the next attempt to finish wakes the kind again
    if (worker.active >= worker.concurrency) return;
    if (worker.pumping) {
      this.again.add(kind);
      return;
    }
    worker.pumping = true;
    void (async () => {
      try {
        do {
          this.again.delete(kind);
          while (worker.active < worker.concurrency && !this.stopped) {
            const row = await this.store.claim(kind, this.instanceId);
            if (row === undefined) break;
            this.run(kind, worker, row);
          }
        } while (this.again.has(kind) && !this.stopped);
      } catch (e) {
        this.logger.error('job claim failed', { kind, error: String(e) });
      } finally {
        worker.pumping = false;
      }
    })();
  }

  private run(kind: JobKind, worker: Worker, row: JobRow): void {
    worker.active++;
    const running = new RunningAttempt(row, this.instanceId);
    const settled = (async () => {
      try {
        const outcome = await runAttempt(this.store, row, running, worker.handler);
        if (outcome.kind === 'retryable' && outcome.detail !== undefined) {
          this.logger.error('job attempt failed', { id: row.id, kind, detail: outcome.detail });
        }
        await recordOutcome(this.store, row, running, outcome, this.retryBaseMs);
      } catch (e) {
        this.logger.error('job attempt failed to record', { id: row.id, error: String(e) });
      } finally {
        worker.active--;
        this.wake(kind);
      }
    })();
    this.tracker.add(running, settled);
  }
}

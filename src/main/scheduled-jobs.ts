/**
 * The service's scheduled work as queue jobs (docs/deployment.md): the reminder run ('reminders',
 * every XUKE_REMINDER_INTERVAL_MINUTES), the follow of other registers ('follow', every
 * XUKE_FOLLOW_INTERVAL_MINUTES of XUKE_FOLLOW_SOURCES) and the sweep of the bulk checks' scheduled
 * re-checks ('bulk-check-schedules', every 5 minutes). They used to be timers in each process;
 * as jobs on the shared queue, any number of instances on one PostgreSQL run each tick once, on
 * whichever worker takes it, and a worker that dies mid-run has its run retried elsewhere.
 *
 * Exactly-once delivery does not rest on the queue alone: each reminder is sent only after a claim
 * in the sent-log (reminder.repository.ts: a unique insert, or an UPDATE that takes the row only
 * while it is free), so two runs that overlap (a retried run, a `runNow`, `xuke reminders run`)
 * still send each reminder to each channel once.
 *
 * Only instances that run jobs (role `worker` or `all`) register the handlers and the schedules; a
 * `web` instance neither runs nor schedules them.
 */
import { readFileSync } from 'node:fs';
import type { ReminderDelivery } from '../adapters/notify/reminder-delivery.js';
import {
  sweepBulkCheckSchedules,
  type BulkCheckScheduleDeps,
} from '../app/bulk-check/bulk-check-schedules.js';
import { runReminders } from '../app/reminders/run-reminders.js';
import { followRegister } from '../app/signing/follow.js';
import type { DatabaseConfig } from '../config/load-config.js';
import type { ServiceSettings } from '../config/load-settings.js';
import type { ReminderConfig } from '../config/reminder-config.js';
import { SettingsReader, type Env } from '../config/settings.js';
import type { KeySet } from '../core/elicence/types.js';
import { DomainError } from '../core/errors.js';
import type { Clock } from '../ports/clock.js';
import type { Json, JobKind, JobQueue } from '../ports/job-queue.js';
import type { OpenRegistry } from './registry.js';

export type ServiceRole = 'all' | 'web' | 'worker';

export interface InstanceSettings {
  readonly role: ServiceRole;
  /** XUKE_JOB_HEARTBEAT_SECONDS: a running job's heartbeat (three missed hand it to another) */
  readonly heartbeatSeconds: number;
  /** XUKE_WORKER_HEALTH_PORT: where a worker answers /healthz; null: nowhere */
  readonly workerHealthPort: number | null;
}

/**
 * The instance's role, `--role` (`flag`) over XUKE_ROLE (default `all`), and its queue heartbeat.
 * `web` and `worker` split the work of one PostgreSQL queue between processes; on SQLite the queue
 * lives in the process, so a web instance's jobs would never run and a worker would have nothing
 * to take: refused, naming the setting.
 */
export function instanceSettings(
  env: Env,
  flag: ServiceRole | undefined,
  database: DatabaseConfig,
): InstanceSettings {
  const reader = new SettingsReader(env, { XUKE_ROLE: flag });
  const role = reader.get('XUKE_ROLE');
  const heartbeatSeconds = reader.get('XUKE_JOB_HEARTBEAT_SECONDS');
  const workerHealthPort = reader.get('XUKE_WORKER_HEALTH_PORT');
  reader.check();
  if (role !== 'all' && database.dialect === 'sqlite') {
    throw new DomainError(
      'INVALID_INPUT',
      `角色 ${role}（--role / XUKE_ROLE）需要 PostgreSQL：SQLite 上任务队列在进程内，只能以 all 运行一个实例（docs/deployment.md）`,
      `The role ${role} (--role / XUKE_ROLE) needs PostgreSQL: on SQLite the job queue is in the process, so run one instance with the role all (docs/deployment.md)`,
    );
  }
  return { role, heartbeatSeconds, workerHealthPort };
}

/** One scheduled run: what the job's handler and `runNow` call. */
export type ScheduledRunFn = (signal: AbortSignal) => Promise<Json>;

/** A scheduled kind as the composition root and its tests see it. */
export interface ScheduledRun {
  /**
   * A run now in this process, after the one this process has in flight (runs of one kind never
   * overlap within an instance); resolves when it ends, never rejects (a failure is logged).
   */
  runNow(): Promise<void>;
  /** abort the runs `runNow` started and wait for them */
  stop(): Promise<void>;
}

export type ScheduleLog = (level: 'info' | 'warn' | 'error', data: object, msg: string) => void;

/** One attempt's limit: a run longer than an hour is stuck (it is retried, claims keep it once). */
const RUN_TIMEOUT_SECONDS = 3600;
/** A run that fails for a reason other than the input is tried once more on any worker. */
const RUN_ATTEMPTS = 2;
/** how long `stop` waits for this process's own run in flight */
const STOP_GRACE_MS = 5000;

/** The reminder run: every organisation's due reminders through its sent-log. */
export function reminderRun(
  stores: OpenRegistry,
  delivery: ReminderDelivery,
  config: ReminderConfig,
  clock: Clock,
  log: ScheduleLog,
): ScheduledRunFn {
  return async (signal) => {
    const result = await runReminders(
      stores.reminderRun(delivery.channels, { clock, leads: config.leadWorkdays, signal }),
    );
    const counts = { sent: result.sent.length, failed: result.failed.length };
    if (counts.sent > 0 || counts.failed > 0) log('info', counts, 'reminders: run done');
    for (const f of result.failed) {
      log('warn', f, 'reminders: delivery failed; retried on a later run');
    }
    for (const e of result.errors) log('error', e, 'reminders: organisation skipped');
    return { ...counts, errors: result.errors.length };
  };
}

/**
 * The follow of XUKE_FOLLOW_SOURCES (docs/elicence.md): each source pulled in turn; a refusal is
 * logged (its evidence is kept by the use case) and the next source still runs. Null when nothing
 * is followed; a follow without XUKE_FOLLOW_KEYS stops the start.
 */
export function followRun(
  service: ServiceSettings,
  stores: OpenRegistry,
  log: ScheduleLog,
): ScheduledRunFn | null {
  if (service.followSources.length === 0 || service.followIntervalMinutes === 0) return null;
  if (service.followKeys === null) {
    throw new DomainError(
      'INVALID_INPUT',
      'XUKE_FOLLOW_SOURCES 需要 XUKE_FOLLOW_KEYS：被跟随发证机关的公钥 keys.json',
      'XUKE_FOLLOW_SOURCES needs XUKE_FOLLOW_KEYS: the followed authorities’ keys.json',
    );
  }
  const keysPath = service.followKeys;
  return async (signal) => {
    const { keys } = JSON.parse(readFileSync(keysPath, 'utf8')) as KeySet;
    const outcomes: Json[] = [];
    for (const sourceUrl of service.followSources) {
      if (signal.aborted) break;
      try {
        const result = await followRegister(
          { sourceUrl, keys },
          { organisation: service.adminOrganisation, actor: 'service:follow' },
          stores.signing,
        );
        if (result.applied > 0) log('info', result, 'follow: entries mirrored');
        outcomes.push({ sourceUrl, applied: result.applied, error: null });
      } catch (e) {
        log(
          'error',
          { err: e, sourceUrl },
          'follow: refused or failed; the mirror keeps its last good state',
        );
        outcomes.push({ sourceUrl, applied: 0, error: e instanceof Error ? e.message : String(e) });
      }
    }
    return { sources: outcomes };
  };
}

/** Minutes between sweeps of the bulk checks' scheduled re-checks (their periods are days). */
export const BULK_CHECK_SWEEP_MINUTES = 5;

/**
 * The sweep of scheduled bulk re-checks (docs/bulk-check.md "Scheduled re-check"): each due
 * schedule's re-check started once (a claim in its row), on the schedule's creator's behalf.
 */
export function bulkCheckScheduleRun(
  deps: BulkCheckScheduleDeps,
  log: ScheduleLog,
): ScheduledRunFn {
  return async (signal) => {
    const outcome = await sweepBulkCheckSchedules(deps, signal);
    if (outcome.started.length > 0 || outcome.skipped > 0) {
      log('info', outcome, 'bulk-check schedules: re-checks started');
    }
    return { started: [...outcome.started], deferred: outcome.deferred, skipped: outcome.skipped };
  };
}

export interface ScheduleSpec {
  readonly kind: Extract<JobKind, 'reminders' | 'follow' | 'bulk-check-schedules'>;
  /** minutes between runs; 0 turns the schedule off */
  readonly intervalMinutes: number;
  readonly run: ScheduledRunFn;
}

/**
 * On a job-running instance: the kinds' handlers, their schedules (`JobQueue.every`, once across
 * instances) and a first run queued at start, as the timers did (pg-boss's schedules are cron
 * ticks, which do not fire at start); it shares the schedule's singleton key, so instances starting
 * together, or a tick at start, queue one run. Call before `queue.start()`; `startScheduledJobs` after it queues the first
 * runs. Returns each kind's in-process `runNow` (null when its schedule is off).
 */
export function registerScheduledJobs(
  queue: JobQueue,
  organisation: string,
  specs: readonly ScheduleSpec[],
  log: ScheduleLog,
): {
  readonly runs: ReadonlyMap<ScheduleSpec['kind'], ScheduledRun>;
  /** queue the first runs (after `queue.start()`) */
  start(): Promise<void>;
} {
  const runs = new Map<ScheduleSpec['kind'], ScheduledRun>();
  const active = specs.filter((s) => s.intervalMinutes > 0);
  for (const spec of active) {
    const serial = serialRuns(spec.run);
    queue.work(spec.kind, (context) => serial.run(context.signal));
    queue.every(spec.kind, spec.intervalMinutes * 60, organisation, {});
    runs.set(spec.kind, {
      runNow: () =>
        serial.runOwn().then(
          () => undefined,
          (e: unknown) => {
            log('error', { err: e }, `${spec.kind}: run failed`);
          },
        ),
      stop: () => serial.stop(),
    });
  }
  return {
    runs,
    start: async () => {
      for (const spec of active) {
        await queue.enqueue({
          kind: spec.kind,
          organisation,
          owner: 'system',
          input: { at: 'start' },
          timeoutSeconds: RUN_TIMEOUT_SECONDS,
          maxAttempts: RUN_ATTEMPTS,
          // the schedule's own key (the queue's `every`): a tick and a start never double up
          singletonKey: `every:${spec.kind}:${organisation}`,
        });
      }
    },
  };
}

/**
 * Runs of one kind one after another within this process (a queue job and a `runNow` never
 * overlap here; across instances the sent-log's claims keep them apart), and the process's own
 * runs aborted by `stop`.
 */
function serialRuns(run: ScheduledRunFn): {
  run(signal: AbortSignal): Promise<Json>;
  runOwn(): Promise<Json>;
  stop(): Promise<void>;
} {
  let chain: Promise<unknown> = Promise.resolve();
  const own = new AbortController();
  const next = (signal: AbortSignal): Promise<Json> => {
    const p = chain.then(() => (signal.aborted ? null : run(signal)));
    chain = p.catch(() => undefined);
    return p;
  };
  return {
    run: next,
    runOwn: () => next(own.signal),
    // a send in flight ends by its own timeout; wait for it a little, as the timers did
    stop: async () => {
      own.abort();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        chain,
        new Promise((resolve) => {
          timer = setTimeout(resolve, STOP_GRACE_MS);
        }),
      ]);
      clearTimeout(timer);
    },
  };
}

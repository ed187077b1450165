/**
 * Use case: a bulk check re-checked every N days (docs/bulk-check.md "Scheduled re-check"). A
 * schedule follows its latest finished run, so each re-check's report says what changed since the
 * previous one. The sweep (a queue job of kind `bulk-check-schedules`, src/main/scheduled-jobs.ts)
 * claims each due schedule by moving its next due forward in one conditional UPDATE, so two
 * instances sweeping at once start it once; a re-check refused for now (the organisation's pending
 * limit, a run not finished) gives the claim back and is tried again on the next sweep.
 */
import { DomainError, isDomainError } from '../../core/errors.js';
import type {
  BulkCheckSchedule,
  BulkCheckScheduleStore,
} from '../../ports/bulk-check-schedule-store.js';
import type { Clock } from '../../ports/clock.js';
import type { JobQueue } from '../../ports/job-queue.js';
import type { Principal } from '../access/access-deps.js';
import { recheckBulkJob } from './start-bulk-check-job.js';

export interface BulkCheckScheduleDeps {
  readonly schedules: BulkCheckScheduleStore;
  readonly jobs: JobQueue;
  readonly clock: Pick<Clock, 'now'>;
  /** the per-organisation pending limit (default that of start-bulk-check-job.ts) */
  readonly maxPendingPerOrganisation?: number;
}

export const MIN_EVERY_DAYS = 1;
export const MAX_EVERY_DAYS = 90;
/** schedules started by one sweep, at most; the rest wait for the next */
const SWEEP_LIMIT = 100;
const DAY_MS = 86_400_000;

function after(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString();
}

async function bulkCheck(jobs: JobQueue, organisation: string, id: string): Promise<void> {
  const job = await jobs.get(organisation, id);
  if (job?.kind !== 'bulk-check') {
    throw new DomainError('NOT_FOUND', `没有批量核验任务 ${id}`, `No bulk check job ${id}`);
  }
}

/** Set (or change) the schedule of the caller's bulk check: first due `everyDays` from now. */
export async function setBulkCheckSchedule(
  id: string,
  everyDays: number,
  who: Principal,
  deps: BulkCheckScheduleDeps,
): Promise<BulkCheckSchedule> {
  if (!Number.isInteger(everyDays) || everyDays < MIN_EVERY_DAYS || everyDays > MAX_EVERY_DAYS) {
    throw new DomainError(
      'INVALID_INPUT',
      `复核周期须为 ${MIN_EVERY_DAYS}–${MAX_EVERY_DAYS} 天`,
      `The re-check period must be ${MIN_EVERY_DAYS}–${MAX_EVERY_DAYS} days`,
    );
  }
  await bulkCheck(deps.jobs, who.organisation, id);
  const now = deps.clock.now();
  return deps.schedules.put({
    organisation: who.organisation,
    bulkCheck: id,
    follows: id,
    lastRun: null,
    everyDays,
    nextDue: after(now, everyDays),
    createdBy: who.actor,
    createdAt: now.toISOString(),
  });
}

/** The schedule of the caller's bulk check; NOT_FOUND when it has none. */
export async function getBulkCheckSchedule(
  id: string,
  who: Principal,
  deps: Pick<BulkCheckScheduleDeps, 'schedules'>,
): Promise<BulkCheckSchedule> {
  const schedule = await deps.schedules.get(who.organisation, id);
  if (schedule === undefined) {
    throw new DomainError(
      'NOT_FOUND',
      `批量核验任务 ${id} 没有定期复核`,
      `Bulk check job ${id} has no scheduled re-check`,
    );
  }
  return schedule;
}

export async function deleteBulkCheckSchedule(
  id: string,
  who: Principal,
  deps: Pick<BulkCheckScheduleDeps, 'schedules'>,
): Promise<void> {
  if (!(await deps.schedules.delete(who.organisation, id))) {
    await getBulkCheckSchedule(id, who, deps); // throws NOT_FOUND
  }
}

export interface SweepOutcome {
  /** the re-check jobs started */
  readonly started: readonly string[];
  /** schedules claimed but refused for now (tried again next sweep) */
  readonly deferred: number;
  /** schedules whose bulk check is gone: moved to their next period */
  readonly skipped: number;
}

/**
 * The run a re-check compares with: the last run when it finished, else the one before; null
 * while the last run is still queued or running.
 */
async function followed(s: BulkCheckSchedule, jobs: JobQueue): Promise<string | null> {
  if (s.lastRun === null) return s.follows;
  const last = await jobs.get(s.organisation, s.lastRun);
  if (last === undefined) return s.follows;
  if (last.state === 'done') return last.id;
  if (last.state === 'queued' || last.state === 'running') return null;
  return s.follows;
}

/** One sweep: start the re-check of every schedule due now, each once across instances. */
export async function sweepBulkCheckSchedules(
  deps: BulkCheckScheduleDeps,
  signal?: AbortSignal,
): Promise<SweepOutcome> {
  const now = deps.clock.now();
  const started: string[] = [];
  let deferred = 0;
  let skipped = 0;
  const limit =
    deps.maxPendingPerOrganisation === undefined
      ? {}
      : { maxPendingPerOrganisation: deps.maxPendingPerOrganisation };
  for (const s of await deps.schedules.due(now.toISOString(), SWEEP_LIMIT)) {
    if (signal?.aborted === true) break;
    const next = after(now, s.everyDays);
    if (!(await deps.schedules.moveDue(s.organisation, s.bulkCheck, s.nextDue, next))) continue;
    const release = async () => {
      deferred += 1;
      await deps.schedules.moveDue(s.organisation, s.bulkCheck, next, s.nextDue);
    };
    const follows = await followed(s, deps.jobs);
    if (follows === null) {
      await release();
      continue;
    }
    try {
      const job = await recheckBulkJob(
        follows,
        { organisation: s.organisation, actor: s.createdBy },
        deps.jobs,
        limit,
      );
      await deps.schedules.recordRun(s.organisation, s.bulkCheck, follows, job.id);
      started.push(job.id);
    } catch (e) {
      if (!isDomainError(e)) {
        await release();
        throw e;
      }
      // the limit of pending jobs, or the run to follow not finished yet: the next sweep tries
      // again; a run that can never be followed (failed, cancelled) waits for the next period
      const base = e.code === 'CONFLICT' ? await deps.jobs.get(s.organisation, follows) : undefined;
      const unfinished = base?.state === 'queued' || base?.state === 'running';
      if (e.code === 'RATE_LIMITED' || unfinished) await release();
      else skipped += 1;
    }
  }
  return { started, deferred, skipped };
}

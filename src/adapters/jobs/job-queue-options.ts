/** The options of both queue backends (open-job-queue.ts picks one by the database's dialect). */
import type { Clock } from '../../ports/clock.js';

export interface JobQueueLogger {
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

export interface JobQueueOptions {
  /** timestamps of the rows (default the system clock); timers always run on real time */
  readonly clock?: Pick<Clock, 'now'>;
  /** this instance, written on the rows it runs (default hostname-pid-random) */
  readonly instanceId?: string;
  /** how often due retries are looked for, in ms (default 1000); an enqueue wakes a worker at once */
  readonly pollMs?: number;
  /** XUKE_JOB_HEARTBEAT_SECONDS: a running job's heartbeat; 3 missed ones hand it to another (10) */
  readonly heartbeatSeconds?: number;
  /** the base of the retry backoff, in ms: attempt n waits base × 2^n (default 1000) */
  readonly retryBaseMs?: number;
  /** how often cancellation of running jobs is checked, in ms (default 500) */
  readonly cancelCheckMs?: number;
  /** PostgreSQL: the URL the database was opened with (pg-boss opens its own small pool) */
  readonly connectionString?: string;
  readonly logger?: JobQueueLogger;
}

export const quietLogger: JobQueueLogger = {
  info: () => undefined,
  error: () => undefined,
};

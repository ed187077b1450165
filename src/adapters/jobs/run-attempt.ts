/**
 * One attempt of one job, the same on both backends: the handler gets the job, its bytes, an
 * AbortSignal (aborted on cancellation, on the attempt's time limit, on shutdown and when the job
 * was handed to another instance) and a progress reporter whose writes are coalesced to at most
 * two a second. The outcome says what the backend does next; the row's final write is guarded by
 * the attempt (job-store.ts), so a lost attempt writes nothing.
 */
import { DomainError } from '../../core/errors.js';
import type { JobError, JobHandler, Json } from '../../ports/job-queue.js';
import { jobErrorOf, toRecord, type Attempt, type JobRow, type JobStore } from './job-store.js';

/** Why an attempt's signal was aborted. */
export type AbortCause = 'cancelled' | 'timeout' | 'shutdown' | 'lost';

export type Outcome =
  | { readonly kind: 'done'; readonly result: Json }
  | { readonly kind: 'fatal'; readonly error: JobError }
  | { readonly kind: 'retryable'; readonly error: JobError; readonly detail?: string }
  /** the machine was full (BUSY) or the organisation's quota spent: wait, the attempt not counted */
  | { readonly kind: 'later'; readonly error: JobError; readonly delayMs: number }
  | { readonly kind: 'aborted'; readonly cause: AbortCause };

const PROGRESS_EVERY_MS = 500;

/** A running attempt, as the backend's heartbeat and cancel watch see it. */
export class RunningAttempt implements Attempt {
  readonly controller = new AbortController();
  cause: AbortCause | undefined;
  readonly id: string;
  readonly attempt: number;

  constructor(
    row: JobRow,
    readonly worker: string,
  ) {
    this.id = row.id;
    this.attempt = row.attempts;
  }

  abort(cause: AbortCause): void {
    if (this.controller.signal.aborted) return;
    this.cause = cause;
    const reason =
      cause === 'timeout'
        ? new DOMException(`job ${this.id} attempt ${this.attempt} timed out`, 'TimeoutError')
        : new DOMException(`job ${this.id} ${cause}`, 'AbortError');
    this.controller.abort(reason);
  }
}

/**
 * Run `handler` for `row` (already marked running as `running`'s attempt). Resolves when the
 * handler settles, or at once when the signal aborts (a handler ignoring its signal is left
 * behind: its result is discarded).
 */
export async function runAttempt(
  store: JobStore,
  row: JobRow,
  running: RunningAttempt,
  handler: JobHandler,
): Promise<Outcome> {
  const signal = running.controller.signal;
  const timer = setTimeout(() => {
    running.abort('timeout');
  }, row.timeout_seconds * 1000);
  let pending: { done: number; total: number } | undefined;
  let lastWrite = 0;
  let flushTimer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    flushTimer = undefined;
    const p = pending;
    pending = undefined;
    if (p === undefined || signal.aborted) return;
    lastWrite = Date.now();
    store.progress(running, p.done, p.total).catch(() => undefined);
  };
  const aborted = new Promise<'aborted'>((resolve) => {
    if (signal.aborted) resolve('aborted');
    signal.addEventListener(
      'abort',
      () => {
        resolve('aborted');
      },
      { once: true },
    );
  });
  try {
    // a handler that throws before its first await is a failed attempt too
    const work = (async () =>
      handler({
        job: toRecord(row, null),
        blob: () => store.blob(row.id),
        signal,
        progress(done, total) {
          pending = { done, total };
          if (flushTimer !== undefined) return;
          const wait = Math.max(0, lastWrite + PROGRESS_EVERY_MS - Date.now());
          flushTimer = setTimeout(flush, wait);
        },
      }))();
    const settled = await Promise.race([
      work.then(
        (result) => ({ ok: true as const, result }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
      aborted,
    ]);
    if (settled === 'aborted' || running.cause !== undefined) {
      const cause = running.cause ?? 'cancelled';
      if (cause === 'timeout') {
        return {
          kind: 'retryable',
          error: {
            code: 'TIMEOUT',
            message: `attempt ${running.attempt} ran past ${row.timeout_seconds} s`,
            messageZh: `第 ${running.attempt} 次尝试超过 ${row.timeout_seconds} 秒`,
          },
        };
      }
      return { kind: 'aborted', cause };
    }
    if (settled.ok) return { kind: 'done', result: settled.result };
    if (settled.error instanceof DomainError) {
      const wait = settled.error.retryAfterSeconds;
      if (
        (settled.error.code === 'BUSY' || settled.error.code === 'RATE_LIMITED') &&
        wait !== undefined
      ) {
        // a queued job waits its turn rather than failing: the next attempt after the wait
        const delayMs = Math.min(3_600_000, Math.max(1000, wait * 1000));
        return { kind: 'later', error: jobErrorOf(settled.error), delayMs };
      }
      return { kind: 'fatal', error: jobErrorOf(settled.error) };
    }
    const e = settled.error;
    return {
      kind: 'retryable',
      error: jobErrorOf(e),
      detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
    };
  } finally {
    clearTimeout(timer);
    if (flushTimer !== undefined) clearTimeout(flushTimer);
    // the last progress reported is written before the outcome
    const last = pending;
    if (last !== undefined && !signal.aborted) {
      await store.progress(running, last.done, last.total).catch(() => undefined);
    }
  }
}

/** The pause before attempt n + 1 after n failed: 2^n seconds times `base`, capped at 5 minutes. */
export function backoffMs(attempt: number, baseMs = 1000): number {
  return Math.min(300_000, baseMs * 2 ** Math.max(0, attempt));
}

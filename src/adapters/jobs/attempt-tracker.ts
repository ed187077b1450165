/**
 * The attempts running in this instance, on either backend: their heartbeat (every
 * heartbeatSeconds, so another instance can tell this one died) and the watch that aborts an
 * attempt's signal when its job was cancelled or handed to another instance (every ≤ 500 ms, so
 * a cancel on any instance reaches the handler within a second).
 */
import type { JobQueueLogger } from './job-queue-options.js';
import type { JobStore } from './job-store.js';
import type { RunningAttempt } from './run-attempt.js';

export class AttemptTracker {
  readonly running = new Map<string, { attempt: RunningAttempt; settled: Promise<unknown> }>();
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly store: JobStore,
    private readonly logger: JobQueueLogger,
  ) {}

  add(attempt: RunningAttempt, settled: Promise<unknown>): void {
    this.running.set(attempt.id, { attempt, settled });
    void settled.finally(() => {
      if (this.running.get(attempt.id)?.attempt === attempt) this.running.delete(attempt.id);
    });
  }

  /** whether this instance runs `row`'s current attempt */
  runs(row: { id: string; attempts: number; worker: string | null }): boolean {
    const a = this.running.get(row.id)?.attempt;
    return a !== undefined && a.attempt === row.attempts && a.worker === row.worker;
  }

  /** abort a local attempt of `id` at once (a cancel made in this instance) */
  abort(id: string, cause: 'cancelled'): void {
    this.running.get(id)?.attempt.abort(cause);
  }

  start(heartbeatMs: number, watchMs: number): void {
    const attempts = (): RunningAttempt[] => [...this.running.values()].map((r) => r.attempt);
    this.timers.push(
      setInterval(() => {
        this.store.heartbeat(attempts()).catch((e: unknown) => {
          this.logger.error('job heartbeat failed', { error: String(e) });
        });
      }, heartbeatMs),
      setInterval(() => {
        const now = attempts();
        if (now.length === 0) return;
        this.store
          .lost(now)
          .then((gone) => {
            for (const a of now) {
              const cause = gone.get(a.id);
              if (cause !== undefined) a.abort(cause);
            }
          })
          .catch((e: unknown) => {
            this.logger.error('job cancel watch failed', { error: String(e) });
          });
      }, watchMs),
    );
    for (const t of this.timers) t.unref();
  }

  /** Abort every running attempt (shutdown) and wait for them, at most `waitMs`. */
  async stop(waitMs: number): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    const all = [...this.running.values()];
    for (const r of all) r.attempt.abort('shutdown');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled(all.map((r) => r.settled)),
      new Promise((resolve) => {
        timer = setTimeout(resolve, waitMs);
      }),
    ]);
    clearTimeout(timer);
  }
}

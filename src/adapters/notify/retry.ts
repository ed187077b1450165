/**
 * Retries with exponential back-off around a channel: attempts at 0, base, 2·base, 4·base … (with
 * jitter), then the last error is thrown for the use case to record. Nothing is dropped: a reminder
 * that still fails stays unsent in the log and is tried again on the next run.
 */
import type { Notifier } from '../../ports/notifier.js';

export interface RetryOptions {
  /** total attempts, default 4 */
  readonly attempts?: number;
  /** first delay in ms, default 1000 */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** injected for tests */
  readonly sleep?: (ms: number) => Promise<void>;
  /** 0…1, default Math.random */
  readonly random?: () => number;
  /** told about each failed attempt (for logging; the error carries no secrets) */
  readonly onRetry?: (attempt: number, delayMs: number, error: unknown) => void;
}

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

export function withRetry(notifier: Notifier, options: RetryOptions = {}): Notifier {
  const attempts = Math.max(1, options.attempts ?? 4);
  const base = options.baseDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  return {
    id: notifier.id,
    async send(reminder) {
      let last: unknown;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          await notifier.send(reminder);
          return;
        } catch (e) {
          last = e;
          if (attempt === attempts) break;
          const delay = Math.min(max, base * 2 ** (attempt - 1)) * (0.5 + random() / 2);
          options.onRetry?.(attempt, delay, e);
          await sleep(delay);
        }
      }
      const message = last instanceof Error ? last.message : String(last);
      throw new Error(`${notifier.id}: failed after ${attempts} attempts: ${message}`, {
        cause: last,
      });
    },
  };
}

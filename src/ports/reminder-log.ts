/**
 * The sent-log of reminders: what was sent to which channel, and what failed. Keyed by reminder key
 * (occurrence and lead time) and channel, so each reminder goes to each channel at most once, and a
 * failed one is retried on a later run rather than dropped.
 *
 * Implementations: in memory (adapters/notify/memory-reminder-log.ts: tests, one-shot CLI runs) and
 * the registry's database (adapters/db/reminder.repository.ts: the service), where `claim` is an
 * insert that fails on a duplicate key and failures wait out a back-off before the next claim.
 */
export interface ReminderLogEntry {
  readonly key: string;
  readonly channel: string;
  /** sending: claimed, not yet marked (a crashed sender's claim lapses after a lease) */
  readonly status: 'sending' | 'sent' | 'failed';
  /** ISO instant of the last change */
  readonly at: string;
  /** sends tried so far (each may have retried within itself) */
  readonly attempts: number;
  /** the last failure's error, without secrets (kept after a later success) */
  readonly error: string | null;
  /** for failures: not claimed again before this ISO instant (back-off); null: on the next run */
  readonly nextAttemptAt: string | null;
}

export interface ReminderLog {
  /**
   * Reserve (key, channel) for sending at `at`: true when it was neither sent nor reserved, nor a
   * failure still backing off. A reservation ends with `markSent`, or with `markFailed`, which
   * releases it for a later run.
   */
  claim(key: string, channel: string, at: string): Promise<boolean>;
  markSent(key: string, channel: string, at: string): Promise<void>;
  markFailed(key: string, channel: string, at: string, error: string): Promise<void>;
  /** the state of every (key, channel) claimed so far, in the order first claimed */
  entries(): Promise<readonly ReminderLogEntry[]>;
}

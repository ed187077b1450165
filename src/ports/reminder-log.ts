/**
 * The sent-log of reminders: what was sent to which channel, and what failed. Keyed by reminder key
 * (occurrence and lead time) and channel, so each reminder goes to each channel at most once, and a
 * failed one is retried on the next run rather than dropped.
 *
 * Today: an in-memory implementation (adapters/notify/memory-reminder-log.ts). The registry's
 * database (issue 4) will hold it, with `claim` as an insert that fails on a duplicate key.
 */
export interface ReminderLogEntry {
  readonly key: string;
  readonly channel: string;
  readonly status: 'sent' | 'failed';
  /** ISO instant */
  readonly at: string;
  /** for failures: the error, without secrets */
  readonly error: string | null;
}

export interface ReminderLog {
  /**
   * Reserve (key, channel) for sending: true when it was neither sent nor reserved. A reservation
   * ends with `markSent`, or with `markFailed`, which releases it for the next run.
   */
  claim(key: string, channel: string, at: string): Promise<boolean>;
  markSent(key: string, channel: string, at: string): Promise<void>;
  markFailed(key: string, channel: string, at: string, error: string): Promise<void>;
  /** everything recorded, oldest first */
  entries(): Promise<readonly ReminderLogEntry[]>;
}

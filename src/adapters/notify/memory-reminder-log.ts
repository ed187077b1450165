import type { ReminderLog, ReminderLogEntry } from '../../ports/reminder-log.js';

/**
 * The sent-log in memory: for tests and one-shot CLI runs. A process restart forgets it, and a
 * failure is retried on the very next run (no back-off); the service uses the database's log
 * (adapters/db/reminder.repository.ts).
 */
export function memoryReminderLog(): ReminderLog {
  const state = new Map<string, ReminderLogEntry>();
  const id = (key: string, channel: string): string => `${channel}\u0000${key}`;
  const update = (key: string, channel: string, change: Partial<ReminderLogEntry>): void => {
    const k = id(key, channel);
    const current = state.get(k);
    if (current !== undefined) state.set(k, { ...current, ...change });
  };
  return {
    claim(key, channel, at) {
      const k = id(key, channel);
      const current = state.get(k);
      if (current !== undefined && current.status !== 'failed') return Promise.resolve(false);
      state.set(k, {
        key,
        channel,
        status: 'sending',
        at,
        attempts: current?.attempts ?? 0,
        error: current?.error ?? null,
        nextAttemptAt: null,
      });
      return Promise.resolve(true);
    },
    markSent(key, channel, at) {
      const attempts = (state.get(id(key, channel))?.attempts ?? 0) + 1;
      update(key, channel, { status: 'sent', at, attempts });
      return Promise.resolve();
    },
    markFailed(key, channel, at, error) {
      const attempts = (state.get(id(key, channel))?.attempts ?? 0) + 1;
      update(key, channel, { status: 'failed', at, attempts, error });
      return Promise.resolve();
    },
    entries() {
      return Promise.resolve([...state.values()]);
    },
  };
}

import type { ReminderLog, ReminderLogEntry } from '../../ports/reminder-log.js';

/**
 * The sent-log in memory: for tests and one-shot CLI runs. A process restart forgets it; the
 * registry's database replaces it for the service (issue 4).
 */
export function memoryReminderLog(): ReminderLog {
  const sent = new Set<string>();
  const inFlight = new Set<string>();
  const log: ReminderLogEntry[] = [];
  const id = (key: string, channel: string): string => `${channel}\u0000${key}`;
  return {
    claim(key, channel) {
      const k = id(key, channel);
      if (sent.has(k) || inFlight.has(k)) return Promise.resolve(false);
      inFlight.add(k);
      return Promise.resolve(true);
    },
    markSent(key, channel, at) {
      const k = id(key, channel);
      inFlight.delete(k);
      sent.add(k);
      log.push({ key, channel, status: 'sent', at, error: null });
      return Promise.resolve();
    },
    markFailed(key, channel, at, error) {
      inFlight.delete(id(key, channel));
      log.push({ key, channel, status: 'failed', at, error });
      return Promise.resolve();
    },
    entries() {
      return Promise.resolve([...log]);
    },
  };
}

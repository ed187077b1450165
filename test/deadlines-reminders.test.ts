import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeDeadlines } from '../src/app/deadlines/compute-deadlines.js';
import {
  dueReminders,
  sendReminders,
  type ReminderTarget,
} from '../src/app/reminders/send-reminders.js';
import { memoryReminderLog } from '../src/adapters/notify/memory-reminder-log.js';
import { withRetry } from '../src/adapters/notify/retry.js';
import { chinaCalendar } from '../src/core/calendar/index.js';
import { addDays } from '../src/core/dates.js';
import { parseLicenceText } from '../src/core/parse/parse-licence-text.js';
import type { Clock } from '../src/ports/clock.js';
import type { Notifier, Reminder } from '../src/ports/notifier.js';
import { FIXTURES } from './fixtures.js';

const cal = chinaCalendar();

function seedTarget(today: string): ReminderTarget {
  const parsed = parseLicenceText(readFileSync(FIXTURES.seed, 'utf8'), { baseConfidence: 1 });
  if (!parsed.ok) throw new Error('seed does not parse');
  const report = computeDeadlines({
    licence: parsed.licence,
    events: [{ kind: 'illegal-content-disposed', date: '2022-09-27' }],
    today,
  });
  return {
    licenceNumber: report.licence.number,
    holder: report.licence.holder,
    // only the one occurrence under test
    occurrences: report.occurrences.filter((o) => o.obligation === 'illegal-content-report'),
  };
}

/** A clock the test moves by hand. */
function fakeClock(start: string): Clock & { set(day: string): void } {
  let day = start;
  return {
    set(d: string) {
      day = d;
    },
    today: () => day,
    now: () => new Date(`${day}T01:00:00Z`),
  };
}

function recorder(id = 'test'): Notifier & { received: Reminder[] } {
  const received: Reminder[] = [];
  return {
    id,
    received,
    send(r) {
      received.push(r);
      return Promise.resolve();
    },
  };
}

describe('reminders', () => {
  it('schedules reminders 10, 5 and 1 working days before the last day to act', () => {
    // 2022-10-14 − 10 working days = 2022-09-27 (over National Day), −5 = 2022-10-09 (a 调休 Sunday), −1 = 10-13
    const r = dueReminders(seedTarget('2022-10-14'), '2022-10-14', cal);
    expect(r.map((x) => [x.leadWorkdays, x.scheduledOn])).toEqual([
      [10, '2022-09-27'],
      [5, '2022-10-09'],
      [1, '2022-10-13'],
    ]);
  });

  it('sends each reminder exactly once through a run with downtime', async () => {
    const clock = fakeClock('2022-09-27');
    const log = memoryReminderLog();
    const channel = recorder();
    const down = new Set([
      '2022-09-29',
      '2022-09-30',
      '2022-10-01',
      '2022-10-08',
      '2022-10-09',
      '2022-10-10',
    ]);
    // run every day, several times a day, except while the service is down
    for (let day = '2022-09-27'; day <= '2022-10-20'; day = addDays(day, 1)) {
      clock.set(day);
      if (down.has(day)) continue;
      for (let run = 0; run < 3; run++) {
        await sendReminders([seedTarget(day)], { clock, calendar: cal, notifiers: [channel], log });
      }
    }
    expect(channel.received.map((r) => [r.leadWorkdays, r.scheduledOn, clockDay(r)])).toEqual([
      [10, '2022-09-27', '2022-09-27'],
      // due 2022-10-09 while down: caught up on 2022-10-11, marked late
      [5, '2022-10-09', 'late'],
      [1, '2022-10-13', '2022-10-13'],
    ]);
    expect(channel.received[1]).toMatchObject({ late: true, remainingWorkdays: 3 });
    const sent = (await log.entries()).filter((e) => e.status === 'sent');
    expect(new Set(sent.map((e) => e.key)).size).toBe(3);
    expect(sent).toHaveLength(3);
  });

  it('sends nothing for an occurrence marked done', async () => {
    const clock = fakeClock('2022-10-13');
    const target = seedTarget('2022-10-13');
    const done = {
      ...target,
      occurrences: target.occurrences.map((o) => ({ ...o, status: 'done' as const })),
    };
    const channel = recorder();
    await sendReminders([done], {
      clock,
      calendar: cal,
      notifiers: [channel],
      log: memoryReminderLog(),
    });
    expect(channel.received).toEqual([]);
  });

  it('retries a failing channel with back-off, records the failure, and sends on a later run', async () => {
    const clock = fakeClock('2022-09-28');
    const log = memoryReminderLog();
    let failing = true;
    const attempts: string[] = [];
    const flaky: Notifier = {
      id: 'flaky',
      send(r) {
        attempts.push(r.key);
        return failing ? Promise.reject(new Error('HTTP 502')) : Promise.resolve();
      },
    };
    const delays: number[] = [];
    const retrying = withRetry(flaky, {
      attempts: 3,
      baseDelayMs: 100,
      random: () => 1,
      sleep: (ms) => {
        delays.push(ms);
        return Promise.resolve();
      },
    });
    const other = recorder('other');
    const deps = { clock, calendar: cal, notifiers: [retrying, other], log };
    const first = await sendReminders([seedTarget('2022-09-28')], deps);
    expect(first.failed).toHaveLength(1);
    expect(first.failed[0]?.error).toContain('failed after 3 attempts: HTTP 502');
    expect(delays).toEqual([100, 200]);
    expect(other.received).toHaveLength(1);
    expect((await log.entries()).map((e) => [e.channel, e.status])).toEqual([
      ['flaky', 'failed'],
      ['other', 'sent'],
    ]);
    failing = false;
    const second = await sendReminders([seedTarget('2022-09-28')], deps);
    expect(second.sent).toEqual([
      { key: '京B2-20180910/illegal-content-report@2022-09-27#10', channel: 'flaky' },
    ]);
    // the channel that already had it does not get it twice
    expect(other.received).toHaveLength(1);
    const third = await sendReminders([seedTarget('2022-09-28')], deps);
    expect(third).toEqual({ sent: [], failed: [] });
  });

  it('takes configurable lead times', () => {
    const r = dueReminders(seedTarget('2022-10-14'), '2022-10-14', cal, [3]);
    expect(r.map((x) => [x.leadWorkdays, x.scheduledOn])).toEqual([[3, '2022-10-11']]);
  });
});

/** The day a reminder went out, or 'late' for a catch-up (its scheduled day had passed). */
function clockDay(r: Reminder): string {
  return r.late ? 'late' : r.scheduledOn;
}

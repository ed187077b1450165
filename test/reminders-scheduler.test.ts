/**
 * Reminder runs over the registry with the database's sent-log, on every dialect: a fake clock
 * walks through September–October 2022 with the service down for days and restarted every day
 * (a new database connection, a new log), and each reminder reaches each channel exactly once —
 * the signed webhook through the SSRF guard to a local receiver, and a configured channel. The
 * service runs these as a scheduled queue job (src/main/scheduled-jobs.ts, its own test).
 */
import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { KyselyCompletionStore } from '../src/adapters/db/completion.repository.js';
import { KyselyLicenceStore } from '../src/adapters/db/licence.repository.js';
import { KyselyObligationEventStore } from '../src/adapters/db/obligation-event.repository.js';
import { openDatabase, type OpenDatabase } from '../src/adapters/db/open-database.js';
import {
  KyselyReminderDirectory,
  KyselyReminderLog,
  type ReminderLogOptions,
} from '../src/adapters/db/reminder.repository.js';
import { guardedPost } from '../src/adapters/notify/guarded-post.js';
import { reminderChannels } from '../src/adapters/notify/reminder-channels.js';
import { createSafeFetcher, parseAllowHosts } from '../src/adapters/web/safe-fetcher.js';
import { runReminders } from '../src/app/reminders/run-reminders.js';
import { addDays } from '../src/core/dates.js';
import type { AllowedHost } from '../src/core/scan/address-policy.js';
import type { Clock } from '../src/ports/clock.js';
import type { Notifier, Reminder } from '../src/ports/notifier.js';
import type { WebFetcher } from '../src/ports/web-fetcher.js';
import { addWebhook, type Receiver, seedWithDisposal, startReceiver } from './reminder-fixtures.js';
import { describeEachDialect, fixedClock, type TestDatabase } from './registry-dialects.js';

const SEED_NUMBER = '京B2-20180910';
const KEY = `${SEED_NUMBER}/illegal-content-report@2022-09-27`;

/** A local receiver: records every request, answers `status` (a function of the request count). */
function recorder(id: string): Notifier & { received: Reminder[] } {
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

/** A failed delivery is tried again after an hour, then two, four … */
const HOURLY_BACKOFF: ReminderLogOptions = { backoffBaseMs: 60 * 60_000 };

/**
 * One reminder run as the service makes it, over an open database as of `clock`: acme's webhooks
 * POSTed through `fetcher` (allowed to `allow`), tried once each, `configured` as acme's configured
 * channel, and the database's sent-log.
 */
function runOnce(
  open: OpenDatabase,
  clock: Clock,
  options: {
    fetcher: WebFetcher;
    allow?: readonly AllowedHost[];
    configured?: Notifier;
    log?: ReminderLogOptions;
  },
) {
  const directory = new KyselyReminderDirectory(open.db);
  return runReminders({
    store: new KyselyLicenceStore(open.db, clock),
    clock,
    events: new KyselyObligationEventStore(open.db),
    completions: new KyselyCompletionStore(open.db),
    directory,
    channels: reminderChannels({
      directory,
      post: guardedPost(options.fetcher),
      ...(options.allow === undefined ? {} : { allow: options.allow }),
      ...(options.configured === undefined
        ? {}
        : { configured: { organisation: 'acme', notifiers: [options.configured] } }),
      retry: { attempts: 1 },
    }),
    logFor: (org) => new KyselyReminderLog(open.db, org, options.log),
  });
}

/** The day a reminder went out, or 'late' for a catch-up after downtime. */
const when = (r: Reminder) => [r.leadWorkdays, r.late ? 'late' : r.scheduledOn];

describeEachDialect('reminder runs with the database sent-log', (h) => {
  let t: TestDatabase | undefined;
  let hook: Receiver;
  beforeAll(async () => {
    hook = await startReceiver();
  });
  afterAll(async () => {
    await hook.close();
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
    hook.received.length = 0;
  });

  /** acme holds the seed (valid in 2022) with content disposed of on 2022-09-27, and a webhook. */
  async function setUp(webhookUrl: string): Promise<TestDatabase> {
    t = await h.fresh();
    await seedWithDisposal(t, 'acme');
    await addWebhook(t, 'acme', webhookUrl);
    return t;
  }

  /** One service start on `day`: a new connection and log, one run, closed again. */
  async function serviceRunOn(db: TestDatabase, day: string, configured: Notifier) {
    const open = await openDatabase(db.config);
    const fetcher = createSafeFetcher({ allowHosts: [hook.hostPort], maxRedirects: 0 });
    try {
      return await runOnce(open, fixedClock(`${day}T01:00:00.000Z`), {
        fetcher,
        allow: parseAllowHosts([hook.hostPort]),
        configured,
        log: HOURLY_BACKOFF,
      });
    } finally {
      await fetcher.close();
      await open.close();
    }
  }

  it('sends each reminder exactly once to each channel through restarts and downtime', async () => {
    const db = await setUp(`${hook.base}/hooks/acme`);
    const dingtalk = recorder('dingtalk');
    const down = new Set(['2022-09-29', '2022-09-30', '2022-10-08', '2022-10-09', '2022-10-10']);
    for (let day = '2022-09-27'; day <= '2022-10-20'; day = addDays(day, 1)) {
      if (down.has(day)) continue;
      // two starts a day: the second finds everything already sent
      for (let start = 0; start < 2; start++) {
        const result = await serviceRunOn(db, day, dingtalk);
        expect(result.errors).toEqual([]);
        expect(result.failed).toEqual([]);
      }
    }
    expect(dingtalk.received.map(when)).toEqual([
      [10, '2022-09-27'],
      // scheduled on 2022-10-09 (a 调休 Sunday) while the service was down: caught up on 10-11
      [5, 'late'],
      [1, '2022-10-13'],
    ]);
    expect(hook.received).toHaveLength(3);
    for (const r of hook.received) {
      const timestamp = String(r.headers['x-xuke-timestamp']);
      const mac = createHmac('sha256', 'whsec-acme').update(`${timestamp}.${r.raw}`).digest('hex');
      expect(r.headers['x-xuke-signature']).toBe(`sha256=${mac}`);
      expect(r.path).toBe('/hooks/acme');
    }
    expect(
      hook.received.map((r) => (JSON.parse(r.raw) as { reminder: Reminder }).reminder.key),
    ).toEqual([`${KEY}#10`, `${KEY}#5`, `${KEY}#1`]);
    const log = await new KyselyReminderLog(db.open.db, 'acme').entries();
    expect(log.map((e) => [e.key, e.channel, e.status, e.attempts])).toEqual([
      [`${KEY}#10`, 'dingtalk', 'sent', 1],
      [`${KEY}#10`, 'webhook:w1', 'sent', 1],
      [`${KEY}#5`, 'dingtalk', 'sent', 1],
      [`${KEY}#5`, 'webhook:w1', 'sent', 1],
      [`${KEY}#1`, 'dingtalk', 'sent', 1],
      [`${KEY}#1`, 'webhook:w1', 'sent', 1],
    ]);
  });

  it('sends nothing more once the occurrence is marked done', async () => {
    const db = await setUp(`${hook.base}/hooks/acme`);
    const dingtalk = recorder('dingtalk');
    await serviceRunOn(db, '2022-09-27', dingtalk);
    await new KyselyCompletionStore(db.open.db).addCompletion('acme', {
      number: SEED_NUMBER,
      occurrenceId: 'illegal-content-report@2022-09-27',
      on: '2022-10-11',
      note: '已报送',
      documentSha256: null,
      evidenceFile: null,
      actor: 'test',
      recordedAt: '2022-10-11T02:00:00.000Z',
    });
    for (const day of ['2022-10-11', '2022-10-13', '2022-10-17']) {
      await serviceRunOn(db, day, dingtalk);
    }
    expect(dingtalk.received.map(when)).toEqual([[10, '2022-09-27']]);
  });

  it('keeps a failing webhook’s reminder, with its error, until a later run delivers it', async () => {
    const flaky = await startReceiver((_path, n) => ({ status: n <= 2 ? 502 : 200 }));
    try {
      const db = await setUp(`${flaky.base}/hooks/flaky`);
      const dingtalk = recorder('dingtalk');
      const open = await openDatabase(db.config);
      const fetcher = createSafeFetcher({ allowHosts: [flaky.hostPort], maxRedirects: 0 });
      const clock = fixedClock('2022-09-27T01:00:00.000Z');
      const run = () =>
        runOnce(open, clock, {
          fetcher,
          allow: parseAllowHosts([flaky.hostPort]),
          configured: dingtalk,
          log: HOURLY_BACKOFF,
        });
      try {
        const first = await run();
        expect(first.failed).toEqual([
          {
            organisation: 'acme',
            key: `${KEY}#10`,
            channel: 'webhook:w1',
            error: `webhook:w1: failed after 1 attempts: POST ${flaky.base}/hooks/flaky: HTTP 502`,
          },
        ]);
        // within the back-off: not tried again
        clock.set('2022-09-27T01:30:00.000Z');
        expect((await run()).failed).toEqual([]);
        expect(flaky.received).toHaveLength(1);
        // past it: tried, fails again, the back-off doubles
        clock.set('2022-09-27T02:00:00.000Z');
        expect((await run()).failed).toHaveLength(1);
        const failedEntry = (await new KyselyReminderLog(open.db, 'acme').entries()).find(
          (e) => e.channel === 'webhook:w1',
        );
        expect(failedEntry).toMatchObject({
          status: 'failed',
          attempts: 2,
          nextAttemptAt: '2022-09-27T04:00:00.000Z',
        });
        clock.set('2022-09-27T04:00:00.000Z');
        expect((await run()).sent).toEqual([
          { organisation: 'acme', key: `${KEY}#10`, channel: 'webhook:w1' },
        ]);
        expect(dingtalk.received).toHaveLength(1);
        expect(flaky.received).toHaveLength(3);
      } finally {
        await fetcher.close();
        await open.close();
      }
    } finally {
      await flaky.close();
    }
  });

  it('refuses a webhook on the private network unless it is allow-listed', async () => {
    const db = await setUp(`${hook.base}/hooks/acme`);
    const open = await openDatabase(db.config);
    const fetcher = createSafeFetcher({ maxRedirects: 0 });
    try {
      const result = await runOnce(open, fixedClock('2022-09-27T01:00:00.000Z'), { fetcher });
      expect(result.failed).toHaveLength(1);
      // refused by the policy before any attempt: recorded at once, not retried within the run
      expect(result.failed[0]?.error).toMatch(
        /^webhook:w1: Refused to deliver to http:\/\/127\.0\.0\.1:\d+\/hooks\/acme: port \d+ is not allowed.* \(address policy rule port; XUKE_WEBHOOK_ALLOW_HOSTS 127\.0\.0\.1:\d+ would allow it\)$/u,
      );
      expect(hook.received).toEqual([]);
    } finally {
      await fetcher.close();
      await open.close();
    }
  });

  it('refuses a webhook whose host name resolves to a private address when it connects', async () => {
    const db = await setUp('http://hooks.rebind.example/hook');
    const open = await openDatabase(db.config);
    // the name passes the policy; the resolver then answers with this machine's address
    const fetcher = createSafeFetcher({
      maxRedirects: 0,
      resolve: () => Promise.resolve([{ address: '127.0.0.1', family: 4 }]),
    });
    try {
      const result = await runOnce(open, fixedClock('2022-09-27T01:00:00.000Z'), { fetcher });
      expect(result.failed).toHaveLength(1);
      expect(result.failed[0]?.error).toMatch(
        /POST http:\/\/hooks\.rebind\.example\/hook failed: Refused .*points to an internal or reserved network address.*\(address policy rule ipv4-loopback;/u,
      );
      expect(hook.received).toEqual([]);
    } finally {
      await fetcher.close();
      await open.close();
    }
  });
});

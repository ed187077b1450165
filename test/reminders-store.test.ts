/**
 * The deadlines' persistence on every dialect: completions (one per occurrence, audit-logged in
 * the chain), the reminders' sent-log (claims, back-off, lapsed claims, one winner among
 * concurrent claimers, per organisation) and the directory the scheduler reads.
 */
import { readFileSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { KyselyAccessStore } from '../src/adapters/db/access.repository.js';
import { KyselyCompletionStore } from '../src/adapters/db/completion.repository.js';
import { kyselyTrustStores } from '../src/adapters/db/organisation.repository.js';
import {
  KyselyReminderDirectory,
  KyselyReminderLog,
} from '../src/adapters/db/reminder.repository.js';
import { parseDocument } from '../src/app/documents/parse-document.js';
import { registerLicence } from '../src/app/registry/register-licence.js';
import type { StoredCompletion } from '../src/ports/completion-store.js';
import { FIXTURES, TEXT_DOCUMENTS } from './fixtures.js';
import { describeEachDialect, fixedClock, type TestDatabase } from './registry-dialects.js';

const SEED_NUMBER = '京B2-20180910';

async function withSeed(t: TestDatabase, org = 'acme'): Promise<void> {
  const parsed = await parseDocument(readFileSync(FIXTURES.seed), 'seed', TEXT_DOCUMENTS);
  const clock = fixedClock();
  await registerLicence(
    { licence: parsed.licence, document: null },
    { organisation: org, actor: 'test' },
    { store: t.store(), clock, ...kyselyTrustStores(t.open.db, clock) },
  );
}

const completion = (over: Partial<StoredCompletion> = {}): StoredCompletion => ({
  number: SEED_NUMBER,
  occurrenceId: 'renewal@2023-05-03',
  on: '2023-01-10',
  note: '受理回执 118',
  documentSha256: 'a'.repeat(64),
  actor: 'token:alice',
  recordedAt: '2026-11-28T02:00:00.000Z',
  ...over,
});

const at = (minutes: number) => new Date(Date.UTC(2026, 10, 28, 2, minutes)).toISOString();

describeEachDialect('deadline persistence', (h) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });
  const fresh = async () => (t = await h.fresh());

  it('keeps one completion per occurrence, lists it, removes it, and audits both', async () => {
    const db = await fresh();
    await withSeed(db);
    const store = new KyselyCompletionStore(db.open.db);
    await store.addCompletion('acme', completion());
    await expect(store.addCompletion('acme', completion({ note: 'again' }))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await store.addCompletion(
      'acme',
      completion({ occurrenceId: 'annual-report@2022', documentSha256: null }),
    );
    expect(await store.listCompletions('acme', SEED_NUMBER)).toEqual([
      completion({ occurrenceId: 'annual-report@2022', documentSha256: null }),
      completion(),
    ]);
    expect(await store.listCompletions('acme')).toHaveLength(2);
    expect(await store.listCompletions('other')).toEqual([]);
    expect(await store.listCompletions('acme', '沪B2-20200731')).toEqual([]);

    const removed = await store.removeCompletion('acme', SEED_NUMBER, 'renewal@2023-05-03', {
      actor: 'token:bob',
      at: at(5),
    });
    expect(removed).toEqual(completion());
    expect(
      await store.removeCompletion('acme', SEED_NUMBER, 'renewal@2023-05-03', {
        actor: 'token:bob',
        at: at(6),
      }),
    ).toBeUndefined();
    // marked done again after an undo: a new row, not a conflict
    await store.addCompletion('acme', completion({ note: 'redone' }));

    const audit = await new KyselyAccessStore(db.open.db).listAudit('acme', 0, 100);
    expect(audit.map((e) => [e.action, e.actor, e.subject])).toEqual([
      ['licence.issued', 'test', SEED_NUMBER],
      ['obligation.done', 'token:alice', SEED_NUMBER],
      ['obligation.done', 'token:alice', SEED_NUMBER],
      ['obligation.undone', 'token:bob', SEED_NUMBER],
      ['obligation.done', 'token:alice', SEED_NUMBER],
    ]);
    expect(audit[1]?.payload).toEqual({
      occurrenceId: 'renewal@2023-05-03',
      on: '2023-01-10',
      note: '受理回执 118',
      documentSha256: 'a'.repeat(64),
    });
    // the refused duplicate left nothing behind, and the chain still verifies
    expect(await db.store().verifyAudit('acme')).toMatchObject({ ok: true, entries: 5 });
  });

  it('sends each (reminder, channel) once: a claim is taken by one, a sent one never again', async () => {
    const db = await fresh();
    await withSeed(db);
    const log = new KyselyReminderLog(db.open.db, 'acme');
    expect(await log.claim('k#10', 'dingtalk', at(0))).toBe(true);
    expect(await log.claim('k#10', 'dingtalk', at(1))).toBe(false);
    // another channel, another key: their own rows
    expect(await log.claim('k#10', 'email', at(1))).toBe(true);
    expect(await log.claim('k#5', 'dingtalk', at(1))).toBe(true);
    await log.markSent('k#10', 'dingtalk', at(2));
    expect(await log.claim('k#10', 'dingtalk', at(600))).toBe(false);
    const [first] = await log.entries();
    expect(first).toEqual({
      key: 'k#10',
      channel: 'dingtalk',
      status: 'sent',
      at: at(2),
      attempts: 1,
      error: null,
      nextAttemptAt: null,
    });
  });

  it('keeps a failure with its attempts and error, and retries it only after the back-off', async () => {
    const db = await fresh();
    await withSeed(db);
    const log = new KyselyReminderLog(db.open.db, 'acme', {
      backoffBaseMs: 5 * 60_000,
      backoffMaxMs: 15 * 60_000,
    });
    expect(await log.claim('k#10', 'webhook:1', at(0))).toBe(true);
    await log.markFailed('k#10', 'webhook:1', at(0), 'POST https://x.example/***: HTTP 502');
    expect(await log.entries()).toEqual([
      {
        key: 'k#10',
        channel: 'webhook:1',
        status: 'failed',
        at: at(0),
        attempts: 1,
        error: 'POST https://x.example/***: HTTP 502',
        nextAttemptAt: at(5),
      },
    ]);
    expect(await log.claim('k#10', 'webhook:1', at(4))).toBe(false);
    expect(await log.claim('k#10', 'webhook:1', at(5))).toBe(true);
    await log.markFailed('k#10', 'webhook:1', at(5), 'HTTP 503');
    // 5 · 2 = 10 minutes after the second failure
    expect((await log.entries())[0]).toMatchObject({ attempts: 2, nextAttemptAt: at(15) });
    expect(await log.claim('k#10', 'webhook:1', at(15))).toBe(true);
    await log.markFailed('k#10', 'webhook:1', at(15), 'HTTP 503');
    // capped at 15 minutes
    expect((await log.entries())[0]).toMatchObject({ attempts: 3, nextAttemptAt: at(30) });
    expect(await log.claim('k#10', 'webhook:1', at(30))).toBe(true);
    await log.markSent('k#10', 'webhook:1', at(31));
    expect((await log.entries())[0]).toMatchObject({
      status: 'sent',
      attempts: 4,
      error: 'HTTP 503',
      nextAttemptAt: null,
    });
  });

  it('lets a claim lapse when its sender died mid-send, and a late failure never undoes a delivery', async () => {
    const db = await fresh();
    await withSeed(db);
    const log = new KyselyReminderLog(db.open.db, 'acme', { leaseMs: 10 * 60_000 });
    expect(await log.claim('k#1', 'wecom', at(0))).toBe(true);
    // the sender crashed: nobody marks it
    expect(await log.claim('k#1', 'wecom', at(9))).toBe(false);
    expect(await log.claim('k#1', 'wecom', at(11))).toBe(true);
    await log.markSent('k#1', 'wecom', at(12));
    await log.markFailed('k#1', 'wecom', at(13), 'the first sender, late');
    expect((await log.entries())[0]).toMatchObject({ status: 'sent', error: null });
  });

  it('gives a claim to exactly one of many concurrent claimers, per organisation', async () => {
    const db = await fresh();
    await withSeed(db);
    await withSeed(db, 'other');
    const logs = Array.from({ length: 8 }, () => new KyselyReminderLog(db.open.db, 'acme'));
    const wins = await Promise.all(logs.map((l) => l.claim('k#10', 'dingtalk', at(0))));
    expect(wins.filter(Boolean)).toHaveLength(1);
    // the same licence number and channel in another organisation is another reminder
    expect(await new KyselyReminderLog(db.open.db, 'other').claim('k#10', 'dingtalk', at(0))).toBe(
      true,
    );
    expect(await new KyselyReminderLog(db.open.db, 'other').entries()).toHaveLength(1);
  });

  it('lists the organisations holding licences and their webhook subscriptions with secrets', async () => {
    const db = await fresh();
    await withSeed(db, 'zeta');
    await withSeed(db, 'acme');
    const access = new KyselyAccessStore(db.open.db);
    for (const [id, org] of [
      ['w1', 'acme'],
      ['w2', 'zeta'],
    ] as const) {
      await access.createWebhook({
        id,
        organisation: org,
        url: `https://hooks.example.com/${id}`,
        description: '',
        createdAt: at(0),
        secret: `secret-${id}`,
      });
    }
    const directory = new KyselyReminderDirectory(db.open.db);
    expect(await directory.listOrganisations()).toEqual(['acme', 'zeta']);
    expect(await directory.listWebhookSubscriptions('acme')).toEqual([
      { id: 'w1', organisation: 'acme', url: 'https://hooks.example.com/w1', secret: 'secret-w1' },
    ]);
    expect(await directory.findWebhookSubscription('acme', 'w2')).toBeUndefined();
    expect(await directory.findWebhookSubscription('zeta', 'w2')).toMatchObject({
      secret: 'secret-w2',
    });
  });
});

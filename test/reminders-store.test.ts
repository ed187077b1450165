/**
 * The deadlines' persistence on every dialect: completions (one per occurrence, audit-logged in
 * the chain), the reminders' sent-log (claims, back-off, lapsed claims, one winner among
 * concurrent claimers, per organisation) and the directory the scheduler reads.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
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
import type {
  EvidenceFileContent,
  NewCompletion,
  StoredCompletion,
} from '../src/ports/completion-store.js';
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

const completion = (over: Partial<NewCompletion> = {}): NewCompletion => ({
  number: SEED_NUMBER,
  occurrenceId: 'renewal@2023-05-03',
  on: '2023-01-10',
  note: '受理回执 118',
  documentSha256: 'a'.repeat(64),
  evidenceFile: null,
  actor: 'token:alice',
  recordedAt: '2026-11-28T02:00:00.000Z',
  ...over,
});

/** A completion as it is read back: its evidence file described, without the bytes. */
const stored = (c: NewCompletion): StoredCompletion => {
  const { evidenceFile, ...rest } = c;
  if (evidenceFile === null) return { ...rest, evidenceFile: null };
  const { name, mediaType, size, sha256 } = evidenceFile;
  return { ...rest, evidenceFile: { name, mediaType, size, sha256 } };
};

/** An evidence file: bytes that are not text (a NUL, a byte above 0x7f), and their digest. */
const EVIDENCE: EvidenceFileContent = {
  name: '受理回执 118.pdf',
  mediaType: 'application/pdf',
  size: 6,
  sha256: '6d2d9d3a2f4ba2f6c7a4d8b1e7d0c7b0ab7b6b8f1fd0a5d34c7b1e3a8d6c5f20',
  bytes: new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x00, 0xff]),
};

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
      stored(completion({ occurrenceId: 'annual-report@2022', documentSha256: null })),
      stored(completion()),
    ]);
    expect(await store.listCompletions('acme')).toHaveLength(2);
    expect(await store.listCompletions('other')).toEqual([]);
    expect(await store.listCompletions('acme', '沪B2-20200731')).toEqual([]);

    const removed = await store.removeCompletion('acme', SEED_NUMBER, 'renewal@2023-05-03', {
      actor: 'token:bob',
      at: at(5),
    });
    expect(removed).toEqual(stored(completion()));
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
      evidenceFile: null,
    });
    // the refused duplicate left nothing behind, and the chain still verifies
    expect(await db.store().verifyAudit('acme')).toMatchObject({ ok: true, entries: 5 });
  });

  it('stores an evidence file with its completion: described in reads, its bytes on demand, gone with it', async () => {
    const db = await fresh();
    await withSeed(db);
    await withSeed(db, 'other');
    const store = new KyselyCompletionStore(db.open.db);
    const done = completion({ documentSha256: EVIDENCE.sha256, evidenceFile: EVIDENCE });
    await store.addCompletion('acme', done);
    expect(await store.listCompletions('acme', SEED_NUMBER)).toEqual([stored(done)]);
    expect(await store.listCompletions('acme')).toEqual([stored(done)]);
    const file = await store.findEvidenceFile('acme', SEED_NUMBER, 'renewal@2023-05-03');
    expect(file).toEqual({ ...EVIDENCE, bytes: expect.any(Uint8Array) as unknown });
    expect([...(file?.bytes ?? [])]).toEqual([...EVIDENCE.bytes]);
    // another organisation's completion of the same licence and occurrence holds no file of acme's
    expect(
      await store.findEvidenceFile('other', SEED_NUMBER, 'renewal@2023-05-03'),
    ).toBeUndefined();
    expect(await store.findEvidenceFile('acme', SEED_NUMBER, 'annual-report@2022')).toBeUndefined();

    const audit = await new KyselyAccessStore(db.open.db).listAudit('acme', 0, 100);
    expect(audit.at(-1)?.payload).toMatchObject({
      documentSha256: EVIDENCE.sha256,
      evidenceFile: {
        name: EVIDENCE.name,
        mediaType: EVIDENCE.mediaType,
        size: 6,
        sha256: EVIDENCE.sha256,
      },
    });

    // a second completion with a file is refused whole: the first file stays, nothing is added
    const again = completion({
      note: 'again',
      documentSha256: 'b'.repeat(64),
      evidenceFile: { ...EVIDENCE, sha256: 'b'.repeat(64), name: 'other.pdf' },
    });
    await expect(store.addCompletion('acme', again)).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await store.findEvidenceFile('acme', SEED_NUMBER, 'renewal@2023-05-03'))?.name).toBe(
      EVIDENCE.name,
    );

    const removed = await store.removeCompletion('acme', SEED_NUMBER, 'renewal@2023-05-03', {
      actor: 'token:bob',
      at: at(5),
    });
    expect(removed).toEqual(stored(done));
    expect(await store.findEvidenceFile('acme', SEED_NUMBER, 'renewal@2023-05-03')).toBeUndefined();
    const undone = await new KyselyAccessStore(db.open.db).listAudit('acme', 0, 100);
    expect(undone.at(-1)).toMatchObject({
      action: 'obligation.undone',
      payload: { evidenceFile: { sha256: EVIDENCE.sha256 } },
    });
    expect(await db.store().verifyAudit('acme')).toMatchObject({ ok: true });
  });

  it('writes nothing when the file cannot be stored: the completion and its audit entry roll back', async () => {
    const db = await fresh();
    await withSeed(db);
    // a file row already in the way, its foreign key set aside for the test
    if (h.name === 'SQLite') await sql`pragma foreign_keys = off`.execute(db.open.db);
    else {
      await sql`alter table completion_evidence drop constraint completion_evidence_completion`.execute(
        db.open.db,
      );
    }
    await db.open.db
      .insertInto('completion_evidence')
      .values({
        organisation_id: 'acme',
        licence_number: SEED_NUMBER,
        occurrence_id: 'renewal@2023-05-03',
        file_name: 'in the way',
        media_type: 'text/plain',
        size: 1,
        sha256: 'c'.repeat(64),
        bytes: new Uint8Array([0x61]),
      })
      .execute();
    if (h.name === 'SQLite') await sql`pragma foreign_keys = on`.execute(db.open.db);
    const store = new KyselyCompletionStore(db.open.db);
    await expect(
      store.addCompletion(
        'acme',
        completion({ documentSha256: EVIDENCE.sha256, evidenceFile: EVIDENCE }),
      ),
    ).rejects.toThrow();
    expect(await store.listCompletions('acme')).toEqual([]);
    const audit = await new KyselyAccessStore(db.open.db).listAudit('acme', 0, 100);
    expect(audit.map((e) => e.action)).toEqual(['licence.issued']);
  });

  it('refuses a file whose description is not its bytes', async () => {
    const db = await fresh();
    await withSeed(db);
    const store = new KyselyCompletionStore(db.open.db);
    await expect(
      store.addCompletion(
        'acme',
        completion({ documentSha256: EVIDENCE.sha256, evidenceFile: { ...EVIDENCE, size: 7 } }),
      ),
    ).rejects.toThrow(/does not match its description/u);
    expect(await store.listCompletions('acme')).toEqual([]);
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

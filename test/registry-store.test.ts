import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { KyselyLicenceStore } from '../src/adapters/db/licence.repository.js';
import { openDatabase } from '../src/adapters/db/open-database.js';
import { kyselyTrustStores } from '../src/adapters/db/organisation.repository.js';
import { findLicences } from '../src/app/registry/find-licences.js';
import { createOrganisation } from '../src/app/trust/organisations.js';
import { recordEvent } from '../src/app/registry/record-event.js';
import { issueLicence, recordRegisterEvent } from '../src/app/trust/register.js';
import { registerLicence } from '../src/app/registry/register-licence.js';
import type { TrustDeps } from '../src/app/registry/registry-deps.js';
import { DomainError } from '../src/core/errors.js';
import type { Clock } from '../src/ports/clock.js';
import type { NewLicence } from '../src/ports/licence-store.js';
import { describeEachDialect, fixedClock, type TestDatabase } from './registry-dialects.js';
import { makeLicence } from './registry-licences.js';

const ORG = 'acme';
const who = { organisation: ORG, actor: 'test' };

function newLicence(l: ReturnType<typeof makeLicence>): NewLicence {
  return {
    licence: l,
    status: 'valid',
    provenance: 'declared',
    event: { kind: 'issued', on: '2023-01-01', note: null, actor: 'test', data: null },
    document: null,
  };
}

/** What the writing use cases need, on the database `store` writes to. */
function trustDeps(
  db: TestDatabase,
  store: KyselyLicenceStore,
  clock: Clock = fixedClock(),
): TrustDeps {
  return { store, clock, ...kyselyTrustStores(db.open.db, clock) };
}

describeEachDialect('the licence store', (h) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });
  const fresh = async () => (t = await h.fresh());

  it('finds a licence by any written form of its number, by host name, and by name fragment', async () => {
    const store = (await fresh()).store();
    const deps = { store, clock: fixedClock() };
    await store.createLicences(ORG, [
      newLicence(makeLicence('京B2-20180910', '云智联网络科技（北京）有限公司', ['upliveapp.com'])),
      newLicence(
        makeLicence('B1.B2-20233345', '深圳星桥云数据有限公司', [
          'xingqiao-cloud.com',
          'www.xingqiao-cloud.com',
        ]),
      ),
      newLicence(
        makeLicence('沪B2-20200731', '上海示例信息技术有限公司', ['example.com.cn', '星桥.中国']),
      ),
    ]);
    const numbers = async (c: Parameters<typeof findLicences>[0]) =>
      (await findLicences(c, who, deps)).items.map((l) => l.number);

    expect(await numbers({ number: '京Ｂ２－２０１８０９１０' })).toEqual(['京B2-20180910']);
    expect(await numbers({ number: ' 京b2-20180910-3 ' })).toEqual(['京B2-20180910']);
    expect(await numbers({ domain: 'www.upliveapp.com' })).toEqual(['京B2-20180910']);
    expect(await numbers({ domain: 'https://MALL.xingqiao-cloud.com./shop' })).toEqual([
      'B1.B2-20233345',
    ]);
    expect(await numbers({ domain: 'shop.example.com.cn' })).toEqual(['沪B2-20200731']);
    expect(await numbers({ domain: 'www.星桥.中国' })).toEqual(['沪B2-20200731']);
    expect(await numbers({ domain: 'www.xn--kivo4c.xn--fiqs8s' })).toEqual(['沪B2-20200731']);
    expect(await numbers({ domain: 'other.com' })).toEqual([]);
    expect(await numbers({ company: '星桥' })).toEqual(['B1.B2-20233345']);
    expect(await numbers({ company: '星桥云数据' })).toEqual(['B1.B2-20233345']);
    expect(await numbers({ company: '有限公司' })).toEqual([
      'B1.B2-20233345',
      '京B2-20180910',
      '沪B2-20200731',
    ]);
    expect(await numbers({ company: '100%' })).toEqual([]);
    expect(await store.countLicences(ORG)).toBe(3);
  });

  it('pages through results by cursor, and filters by status and expiry window as of today', async () => {
    const store = (await fresh()).store();
    const clock = fixedClock(); // today 2026-11-28
    const deps = { store, clock };
    const items = Array.from({ length: 25 }, (_, i) =>
      newLicence(
        makeLicence(
          `京B2-2020${String(i).padStart(4, '0')}`,
          `公司${i}`,
          [],
          i < 5 ? '2026-01-01' : i < 10 ? '2027-01-15' : '2030-01-01',
        ),
      ),
    );
    await store.createLicences(ORG, items);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await findLicences({ limit: 10, ...(cursor ? { cursor } : {}) }, who, deps);
      seen.push(...page.items.map((l) => l.number));
      if (!page.next) break;
      cursor = page.next;
    }
    expect(seen).toEqual(items.map((i) => i.licence.number));

    const expired = await findLicences({ statuses: ['expired'] }, who, deps);
    expect(expired.items.map((l) => l.currentStatus)).toEqual(Array(5).fill('expired'));
    const expiring = await findLicences({ expiringWithinDays: 90 }, who, deps);
    expect(expiring.items).toHaveLength(5);
    expect(expiring.items.every((l) => l.licence.expiresOn === '2027-01-15')).toBe(true);
    const valid = await findLicences({ statuses: ['valid'], limit: 1000 }, who, deps);
    expect(valid.items).toHaveLength(20);
  });

  it('keeps organisations apart: the same number in two tenants, neither sees the other', async () => {
    const store = (await fresh()).store();
    const deps = { store, clock: fixedClock() };
    await store.createLicences('a', [
      newLicence(makeLicence('京B2-20180910', '甲公司', ['a.com'])),
    ]);
    await store.createLicences('b', [
      newLicence(makeLicence('京B2-20180910', '乙公司', ['b.com'])),
    ]);
    const inB = await findLicences({ domain: 'a.com' }, { organisation: 'b', actor: 't' }, deps);
    expect(inB.items).toEqual([]);
    const byName = await findLicences(
      { company: '甲公司' },
      { organisation: 'b', actor: 't' },
      deps,
    );
    expect(byName.items).toEqual([]);
    expect((await store.findLicence('a', '京B2-20180910'))?.licence.holder.name).toBe('甲公司');
    expect((await store.findLicence('b', '京B2-20180910'))?.licence.holder.name).toBe('乙公司');
    expect(await store.listEvents('c', '京B2-20180910')).toEqual([]);
    expect((await store.verifyAudit('a')).ok).toBe(true);
  });

  it('refuses a number registered twice, and writes nothing of that batch', async () => {
    const store = (await fresh()).store();
    await store.createLicences(ORG, [newLicence(makeLicence('京B2-20180910', '甲'))]);
    await expect(
      store.createLicences(ORG, [
        newLicence(makeLicence('京B2-20180911', '乙')),
        newLicence(makeLicence('京B2-20180910', '甲')),
      ]),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await store.countLicences(ORG)).toBe(1);
    expect(await store.verifyAudit(ORG)).toMatchObject({ ok: true, entries: 1 });
  });

  it('gives one of two concurrent writers the change and the other a CONFLICT, never a lost update', async () => {
    const db = await fresh();
    const first = db.store();
    await first.createLicences(ORG, [
      newLicence(makeLicence('京B2-20180910', '甲', [], '2027-01-01')),
    ]);
    // A second connection (pool, or a second SQLite handle on the same file): a separate writer.
    const other = await openDatabase(db.config);
    try {
      const second = new KyselyLicenceStore(other.db, fixedClock());
      const seen = await first.findLicence(ORG, '京B2-20180910');
      expect(seen?.version).toBe(1);
      const clock = fixedClock();
      const results = await Promise.allSettled([
        recordEvent(
          '京B2-20180910',
          { kind: 'renewal-applied', expectedVersion: 1 },
          who,
          trustDeps(db, first),
        ),
        recordEvent(
          '京B2-20180910',
          { kind: 'annual-report-filed', year: 2025, expectedVersion: 1 },
          who,
          { store: second, clock, ...kyselyTrustStores(other.db, clock) },
        ),
      ]);
      const ok = results.filter((r) => r.status === 'fulfilled');
      const failed = results.filter((r) => r.status === 'rejected');
      expect(ok).toHaveLength(1);
      expect(failed).toHaveLength(1);
      const reason = (failed[0] as PromiseRejectedResult).reason as DomainError;
      expect(reason).toBeInstanceOf(DomainError);
      expect(reason.code).toBe('CONFLICT');
      const versions = await first.listVersions(ORG, '京B2-20180910');
      expect(versions.map((v) => v.version)).toEqual([1, 2]);
      const events = await first.listEvents(ORG, '京B2-20180910');
      expect(events.map((e) => e.version)).toEqual([1, 2]);
      expect((await first.verifyAudit(ORG)).ok).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('records the register’s decisions with who, when, why, the 文号 and the resulting version; refuses illegal ones', async () => {
    const db = await fresh();
    const store = db.store();
    const deps = trustDeps(db, store);
    await createOrganisation(
      { id: 'beijing', name: '北京市通信管理局', kind: 'authority', jurisdiction: '京' },
      'test',
      deps,
    );
    const authority = { organisation: 'beijing', actor: 'clerk' };
    const decision = (n: number) => ({
      reason: `决定${n}`,
      decisionNumber: `京通信管〔2026〕${n}号`,
    });
    await issueLicence(
      { licence: makeLicence('京B2-20180910', '甲', [], '2027-01-01'), ...decision(1) },
      authority,
      deps,
    );
    await recordRegisterEvent(
      '京B2-20180910',
      { kind: 'renewal-applied', ...decision(2) },
      authority,
      deps,
    );
    await recordRegisterEvent(
      '京B2-20180910',
      { kind: 'renewed', expiresOn: '2032-01-01', ...decision(3) },
      authority,
      deps,
    );
    await recordRegisterEvent(
      '京B2-20180910',
      { kind: 'cancelled', ...decision(4) },
      authority,
      deps,
    );
    await expect(
      recordRegisterEvent(
        '京B2-20180910',
        { kind: 'renewed', expiresOn: '2033-01-01', ...decision(5) },
        authority,
        deps,
      ),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    const events = await store.listEvents('beijing', '京B2-20180910');
    expect(events.map((e) => [e.kind, e.status, e.version])).toEqual([
      ['issued', 'valid', 1],
      ['renewal-applied', 'renewal-pending', 2],
      ['renewed', 'valid', 3],
      ['cancelled', 'cancelled', 4],
    ]);
    expect(events[1]).toMatchObject({ actor: 'clerk', note: '决定2', on: '2026-11-28' });
    expect(events[2]?.data).toEqual({
      decisionNumber: '京通信管〔2026〕3号',
      expiresOn: '2032-01-01',
    });
    const versions = await store.listVersions('beijing', '京B2-20180910');
    expect(versions.map((v) => [v.licence.expiresOn, v.provenance])).toEqual([
      ['2027-01-01', 'issued'],
      ['2027-01-01', 'issued'],
      ['2032-01-01', 'issued'],
      ['2032-01-01', 'issued'],
    ]);
    expect(await store.verifyAudit('beijing')).toMatchObject({ ok: true, entries: 5 });
  });

  it('a holder records its own events on a declared copy, never the issuer’s decisions', async () => {
    const db = await fresh();
    const store = db.store();
    const deps = trustDeps(db, store);
    await registerLicence(
      { licence: makeLicence('京B2-20180910', '甲', [], '2027-01-01'), document: null },
      who,
      deps,
    );
    await recordEvent(
      '京B2-20180910',
      { kind: 'renewal-applied', note: '提前90日申请' },
      who,
      deps,
    );
    for (const request of [
      { kind: 'renewed', expiresOn: '2032-01-01' },
      { kind: 'cancelled', note: '不再经营' },
      { kind: 'revoked', note: '违法' },
      { kind: 'suspended', note: '整改' },
    ] as const) {
      await expect(recordEvent('京B2-20180910', request, who, deps)).rejects.toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    const current = await store.findLicence(ORG, '京B2-20180910');
    expect(current).toMatchObject({
      version: 2,
      status: 'renewal-pending',
      provenance: 'declared',
    });
    expect(current?.licence.expiresOn).toBe('2027-01-01');
    const events = await store.listEvents(ORG, '京B2-20180910');
    expect(events[1]).toMatchObject({ actor: 'test', note: '提前90日申请', on: '2026-11-28' });
  });

  it('keeps each version’s provenance: the register’s entry and a holder’s copy of the same number', async () => {
    const db = await fresh();
    const store = db.store();
    const deps = trustDeps(db, store);
    await createOrganisation(
      { id: 'beijing', name: '北京市通信管理局', kind: 'authority', jurisdiction: '京' },
      'test',
      deps,
    );
    await issueLicence(
      {
        licence: makeLicence('京B2-20180910', '甲', [], '2027-01-01'),
        reason: '准予许可',
        decisionNumber: '京通信管〔2023〕1号',
      },
      { organisation: 'beijing', actor: 'clerk' },
      deps,
    );
    // the holder's copy claims a later expiry: a declaration, not a renewal
    await registerLicence(
      { licence: makeLicence('京B2-20180910', '甲', [], '2027-01-01'), document: null },
      who,
      deps,
    );
    await registerLicence(
      { licence: makeLicence('京B2-20180910', '甲', [], '2099-12-31'), document: null },
      who,
      deps,
    );
    const entry = await store.findLicence('beijing', '京B2-20180910');
    expect(entry).toMatchObject({ version: 1, provenance: 'issued' });
    expect(entry?.licence.expiresOn).toBe('2027-01-01');
    const copy = await store.listVersions(ORG, '京B2-20180910');
    expect(copy.map((v) => [v.version, v.provenance, v.licence.expiresOn])).toEqual([
      [1, 'declared', '2027-01-01'],
      [2, 'declared', '2099-12-31'],
    ]);
    // an authority's register is written only by issuing and recording decisions
    await expect(
      registerLicence(
        { licence: makeLicence('京B2-20180910', '乙', [], '2099-12-31'), document: null },
        { organisation: 'beijing', actor: 'clerk' },
        deps,
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // and only in its jurisdiction; never by a holder
    await expect(
      issueLicence(
        { licence: makeLicence('沪B2-20200731', '丙'), reason: 'x', decisionNumber: 'y' },
        { organisation: 'beijing', actor: 'clerk' },
        deps,
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      issueLicence(
        { licence: makeLicence('京B2-20180911', '丁'), reason: 'x', decisionNumber: 'y' },
        who,
        deps,
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('verifies the audit chain, rejects edits, and detects a row edited behind its back', async () => {
    const db = await fresh();
    const store = db.store();
    const deps = trustDeps(db, store);
    for (let i = 0; i < 5; i++) {
      await registerLicence(
        { licence: makeLicence(`京B2-2018091${i}`, `公司${i}`), document: null },
        who,
        deps,
      );
    }
    expect(await store.verifyAudit(ORG)).toMatchObject({ ok: true, entries: 5 });
    const kdb = db.open.db;
    // Append-only: an ordinary UPDATE is refused by the database.
    await expect(
      sql`update audit_log set actor = 'mallory' where seq = 3`.execute(kdb),
    ).rejects.toThrow(/append-only/);
    // Someone with the keys removes the guard and edits a row: the chain breaks at that row.
    if (h.name === 'PostgreSQL')
      await sql`drop trigger audit_log_no_change on audit_log`.execute(kdb);
    else await sql`drop trigger audit_log_no_update`.execute(kdb);
    await sql`update audit_log set actor = 'mallory' where seq = 3`.execute(kdb);
    expect(await store.verifyAudit(ORG)).toMatchObject({ ok: false, seq: 3 });
  });

  it('counts are numbers on every engine', async () => {
    const store = (await fresh()).store();
    expect(await store.countLicences(ORG)).toBe(0);
  });
});

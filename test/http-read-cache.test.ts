/**
 * The API's read caches: a hit within the TTL, a miss after it, every write through the store
 * clearing them, a read that raced a write never cached, and "today" recomputed each minute.
 */
import { describe, expect, it } from 'vitest';
import {
  cachedAccessStore,
  cachedLicenceStore,
  cachedOrganisationStore,
  minuteCachedClock,
} from '../src/adapters/http/read-cache.js';
import type { AccessStore, ApiToken } from '../src/ports/access-store.js';
import type { LicenceStore, StoredLicence } from '../src/ports/licence-store.js';
import type { Organisation, OrganisationStore } from '../src/ports/organisation-store.js';

function fakeLicenceStore() {
  let version = 1;
  let reads = 0;
  let release: (() => void) | undefined;
  const licence = () => ({ number: 'N', version }) as unknown as StoredLicence;
  const store = {
    findLicence: async () => {
      reads++;
      const v = licence();
      if (release === undefined) return v;
      await new Promise<void>((r) => (release = r));
      return v;
    },
    updateLicence: () => {
      version++;
      return Promise.resolve(licence());
    },
    transaction: <T>(fn: (s: LicenceStore) => Promise<T>) => fn(store as unknown as LicenceStore),
  };
  return {
    store: store as unknown as LicenceStore,
    reads: () => reads,
    holdNextRead: () => {
      release = () => undefined;
    },
    releaseRead: () => {
      const r = release;
      release = undefined;
      r?.();
    },
  };
}

describe('the read caches', () => {
  it('serve a licence from memory within the TTL and read again after it', async () => {
    let now = 0;
    const fake = fakeLicenceStore();
    const store = cachedLicenceStore(fake.store, { ttlMs: 1000, now: () => now });
    await store.findLicence('o', 'N');
    await store.findLicence('o', 'N');
    expect(fake.reads()).toBe(1);
    now = 1001;
    await store.findLicence('o', 'N');
    expect(fake.reads()).toBe(2);
  });

  it('forget everything on a write, also one inside a transaction', async () => {
    const fake = fakeLicenceStore();
    const store = cachedLicenceStore(fake.store, { ttlMs: 60_000 });
    expect((await store.findLicence('o', 'N'))?.version).toBe(1);
    await store.updateLicence('o', {} as never);
    expect((await store.findLicence('o', 'N'))?.version).toBe(2);
    await store.transaction((s) => s.updateLicence('o', {} as never));
    expect((await store.findLicence('o', 'N'))?.version).toBe(3);
  });

  it('never keep a read that raced a write', async () => {
    const fake = fakeLicenceStore();
    const store = cachedLicenceStore(fake.store, { ttlMs: 60_000 });
    fake.holdNextRead();
    const stale = store.findLicence('o', 'N'); // reads version 1, then waits
    await store.updateLicence('o', {} as never); // version 2, cache cleared
    fake.releaseRead();
    expect((await stale)?.version).toBe(1);
    expect((await store.findLicence('o', 'N'))?.version).toBe(2);
  });

  it('forget tokens on a revocation', async () => {
    let revoked: string | null = null;
    const token = (): ApiToken => ({
      id: 't',
      organisation: 'o',
      role: 'viewer',
      kind: 'api',
      name: 'n',
      createdAt: '',
      revokedAt: revoked,
      createdBy: null,
      lastUsedAt: null,
      expiresAt: null,
    });
    const inner = {
      findTokenByHash: () => Promise.resolve(token()),
      revokeToken: () => {
        revoked = 'now';
        return Promise.resolve(true);
      },
    } as unknown as AccessStore;
    const access = cachedAccessStore(inner, { ttlMs: 60_000 });
    expect((await access.findTokenByHash('h'))?.revokedAt).toBeNull();
    await access.revokeToken('t', 'now');
    expect((await access.findTokenByHash('h'))?.revokedAt).toBe('now');
  });

  it('forget tokens on a creation; pass the organisation of a revocation through', async () => {
    let reads = 0;
    const revocations: unknown[][] = [];
    const inner = {
      findTokenByHash: () => {
        reads++;
        return Promise.resolve(undefined);
      },
      createToken: () => Promise.resolve(),
      revokeToken: (...args: unknown[]) => {
        revocations.push(args);
        return Promise.resolve(false);
      },
    } as unknown as AccessStore;
    const access = cachedAccessStore(inner, { ttlMs: 60_000 });
    await access.findTokenByHash('h');
    await access.findTokenByHash('h');
    expect(reads).toBe(1);
    await access.createToken({} as never);
    await access.findTokenByHash('h');
    expect(reads).toBe(2);
    expect(await access.revokeToken('t', 'now', 'acme')).toBe(false);
    expect(revocations).toEqual([['t', 'now', 'acme']]);
  });

  it('keep the authorities until an organisation is created or changed through them', async () => {
    const orgs: Organisation[] = [];
    let lists = 0;
    const org = (id: string, kind: Organisation['kind']): Organisation => ({
      id,
      name: id,
      kind,
      jurisdiction: kind === 'authority' ? ['京'] : [],
      publishDeclared: false,
      mirrorOf: null,
      createdAt: '',
    });
    const inner = {
      listAuthorities: () => {
        lists++;
        return Promise.resolve(orgs.filter((o) => o.kind === 'authority'));
      },
      createOrganisation: (o: Organisation) => {
        orgs.push(o);
        return Promise.resolve(o);
      },
      setPublishDeclared: () => Promise.resolve(orgs[0]),
    } as unknown as OrganisationStore;
    const cached = cachedOrganisationStore(inner, { ttlMs: 60_000, now: () => 0 });
    expect(await cached.listAuthorities()).toEqual([]);
    expect(await cached.listAuthorities()).toEqual([]);
    expect(lists).toBe(1);
    await cached.createOrganisation(org('bj', 'authority'), 'admin');
    expect((await cached.listAuthorities()).map((o) => o.id)).toEqual(['bj']);
    expect(lists).toBe(2);
    await cached.setPublishDeclared('bj', true, 'admin');
    await cached.listAuthorities();
    expect(lists).toBe(3);
  });

  it('compute today once a minute, and anew in the next', () => {
    let instant = Date.parse('2026-11-28T15:59:59.000Z');
    let calls = 0;
    const clock = minuteCachedClock({
      now: () => new Date(instant),
      today: () => {
        calls++;
        return new Date(instant + 8 * 3_600_000).toISOString().slice(0, 10);
      },
    });
    expect(clock.today()).toBe('2026-11-28');
    expect(clock.today()).toBe('2026-11-28');
    expect(calls).toBe(1);
    instant += 1000; // 16:00:00 UTC = midnight in Shanghai
    expect(clock.today()).toBe('2026-11-29');
  });
});

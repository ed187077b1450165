/**
 * Short-lived read caches in front of the database for the API's hot paths: token look-ups and
 * licences by number. A write through this process clears them at once (read-your-writes within
 * the server); a write by another process (the CLI, another server on the same PostgreSQL) is seen
 * after at most `ttlMs`. A generation counter keeps a read that raced a write from being cached.
 * Measured by bench/http.bench.ts: each request otherwise costs a statement prepare and a query
 * per look-up (Kysely's SQLite driver prepares every statement anew).
 */
import type { AccessStore, ApiToken } from '../../ports/access-store.js';
import type { Clock } from '../../ports/clock.js';
import type { LicenceStore, StoredLicence } from '../../ports/licence-store.js';
import type { Organisation, OrganisationStore } from '../../ports/organisation-store.js';

interface Entry<T> {
  readonly value: T;
  readonly until: number;
}

class TtlCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
    private readonly now: () => number,
  ) {}

  async read(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    const now = this.now();
    if (hit !== undefined && hit.until > now) return hit.value;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation && this.ttlMs > 0) {
      if (this.entries.size >= this.max) this.entries.clear();
      this.entries.set(key, { value, until: now + this.ttlMs });
    }
    return value;
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}

export interface ReadCacheOptions {
  /** how long a read may be served from memory; 0 disables the cache */
  readonly ttlMs: number;
  readonly maxEntries?: number;
  readonly now?: () => number;
}

/** A cache, and a wrapper that clears it once a write settles (succeeded or not). */
function clearedOnWrite<V>(options: ReadCacheOptions) {
  const cache = new TtlCache<V>(
    options.ttlMs,
    options.maxEntries ?? 10_000,
    options.now ?? Date.now,
  );
  const afterWrite = async <T>(write: Promise<T>): Promise<T> => {
    try {
      return await write;
    } finally {
      cache.clear();
    }
  };
  return { cache, afterWrite };
}

/** LicenceStore with `findLicence` cached; every write (and every transaction) clears the cache. */
export function cachedLicenceStore(inner: LicenceStore, options: ReadCacheOptions): LicenceStore {
  const { cache, afterWrite } = clearedOnWrite<StoredLicence | undefined>(options);
  return {
    transaction: (fn) => afterWrite(inner.transaction(fn)),
    findLicence: (org, number) =>
      cache.read(`${org}\u0000${number}`, () => inner.findLicence(org, number)),
    findLicences: (org, query) => inner.findLicences(org, query),
    countLicences: (org, filter) => inner.countLicences(org, filter),
    createLicences: (org, items) => afterWrite(inner.createLicences(org, items)),
    updateLicence: (org, update) => afterWrite(inner.updateLicence(org, update)),
    listVersions: (org, number) => inner.listVersions(org, number),
    listEvents: (org, number) => inner.listEvents(org, number),
    listRecentEvents: (org, limit) => inner.listRecentEvents(org, limit),
    hasDocument: (org, sha256) => inner.hasDocument(org, sha256),
    findLicenceDocument: (org, number, sha256) => inner.findLicenceDocument(org, number, sha256),
    verifyAudit: (org) => inner.verifyAudit(org),
  };
}

/**
 * AccessStore with token look-ups cached; every token write through this process clears the cache
 * (a revocation must stop the token at once; a creation clears it too, so no write is ever
 * shadowed by a cached look-up). Listings are not cached.
 */
export function cachedAccessStore(inner: AccessStore, options: ReadCacheOptions): AccessStore {
  const { cache, afterWrite } = clearedOnWrite<ApiToken | undefined>(options);
  return {
    createToken: (token) => afterWrite(inner.createToken(token)),
    findTokenByHash: (hash) => cache.read(hash, () => inner.findTokenByHash(hash)),
    revokeToken: (id, at, org) => afterWrite(inner.revokeToken(id, at, org)),
    listTokens: (org) => inner.listTokens(org),
    countTokens: () => inner.countTokens(),
    createWebhook: (w) => inner.createWebhook(w),
    listWebhooks: (org) => inner.listWebhooks(org),
    deleteWebhook: (org, id) => inner.deleteWebhook(org, id),
    listAudit: (org, after, limit) => inner.listAudit(org, after, limit),
    ping: () => inner.ping(),
  };
}

/**
 * A clock whose `today()` is computed once a minute: the date in Asia/Shanghai changes only on a
 * minute boundary (UTC+8 has no seconds offset), and formatting it (Intl) costs more than the rest
 * of a cached licence read.
 */
export function minuteCachedClock(clock: Clock): Clock {
  let minute = Number.NaN;
  let today = '';
  return {
    now: () => clock.now(),
    today: () => {
      const m = Math.floor(clock.now().getTime() / 60_000);
      if (m !== minute) {
        minute = m;
        today = clock.today();
      }
      return today;
    },
  };
}

/**
 * OrganisationStore with look-ups cached: every register comparison and public verification asks
 * which authorities there are (bench/http.bench.ts: an uncached list cost the public route a third
 * of its rate). Creating or changing an organisation through this process clears the cache.
 */
export function cachedOrganisationStore(
  inner: OrganisationStore,
  options: ReadCacheOptions,
): OrganisationStore {
  const { cache, afterWrite } = clearedOnWrite<Organisation | Organisation[] | undefined>(options);
  return {
    createOrganisation: (org, actor) => afterWrite(inner.createOrganisation(org, actor)),
    setPublishDeclared: (id, publish, actor) =>
      afterWrite(inner.setPublishDeclared(id, publish, actor)),
    recordSwitch: (id, actor, tokenId) => inner.recordSwitch(id, actor, tokenId),
    findOrganisation: async (id) =>
      (await cache.read(`org\u0000${id}`, () => inner.findOrganisation(id))) as
        Organisation | undefined,
    listOrganisations: async () =>
      (await cache.read('all', () => inner.listOrganisations())) as Organisation[],
    listAuthorities: async () =>
      (await cache.read('authorities', () => inner.listAuthorities())) as Organisation[],
  };
}

/**
 * The trust migration (2026_12_07_1000_trust) on an existing database with data, on SQLite and
 * PostgreSQL: a database built at the previous migration and filled the old way (an organisation, a
 * licence with two versions and its events, an `authority` API token) is migrated to the latest.
 * The organisation becomes a holder, every licence and version `declared`, the token a working
 * `member` token; the migrated data is then used through today's use cases, and the migration
 * goes down and up again.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator, sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, expect, it } from 'vitest';
import { KyselyAccessStore } from '../src/adapters/db/access.repository.js';
import { KyselyLicenceStore } from '../src/adapters/db/licence.repository.js';
import { migrationProvider, MIGRATIONS } from '../src/adapters/db/migrations/index.js';
import {
  migrateToLatest,
  openDatabase,
  type OpenDatabase,
} from '../src/adapters/db/open-database.js';
import { kyselyTrustStores } from '../src/adapters/db/organisation.repository.js';
import type { Database } from '../src/adapters/db/tables/database.js';
import { nodeSecrets } from '../src/adapters/node-secrets.js';
import { authenticateToken } from '../src/app/access/authenticate-token.js';
import { authoriseAction } from '../src/app/access/authorise-action.js';
import { assessReport } from '../src/app/trust/assess-report.js';
import { createOrganisation } from '../src/app/trust/organisations.js';
import { recordEvent } from '../src/app/registry/record-event.js';
import { issueLicence } from '../src/app/trust/register.js';
import type { TrustDeps } from '../src/app/registry/registry-deps.js';
import { checkLicence } from '../src/core/checks/index.js';
import type { DatabaseConfig } from '../src/config/load-config.js';
import { PG_ADMIN_URL, dropDatabase, fixedClock, probePostgres } from './registry-dialects.js';
import { makeLicence } from './registry-licences.js';
import { describeWith } from './require-service.js';

const PREVIOUS = '2026_11_29_1000_reminders';
const TRUST = '2026_12_07_1000_trust';
const NUMBER = '京B2-20180910';
const TOKEN = 'xk_an-old-authority-token-secret';
const AT = '2026-11-01T02:00:00.000Z';

interface Dialect {
  readonly name: 'SQLite' | 'PostgreSQL';
  /** an empty database, not migrated */
  empty(): Promise<OpenDatabase>;
}

/** Migrate to `name` exactly; throws what the migrator reported. */
async function migrateTo(db: Kysely<Database>, name: string): Promise<void> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error } = await migrator.migrateTo(name);
  if (error !== undefined) throw error instanceof Error ? error : new Error(JSON.stringify(error));
}

/** The data of a database before trust, written as the code of that time wrote it. */
async function fillTheOldWay(db: Kysely<Database>): Promise<void> {
  const v1 = makeLicence(NUMBER, '云智联网络科技（北京）有限公司', ['upliveapp.com'], '2027-01-01');
  const v2 = { ...v1, holder: { ...v1.holder, legalRepresentative: '李四' } };
  await sql`insert into organisations (id, name, created_at) values ('acme', 'acme', ${AT})`.execute(
    db,
  );
  await sql`insert into licences
      (organisation_id, number, status, version, holder_name, issued_on, expires_on, record, created_at, updated_at)
    values ('acme', ${NUMBER}, 'valid', 2, ${v2.holder.name}, ${v2.issuedOn}, ${v2.expiresOn},
      ${JSON.stringify(v2)}, ${AT}, ${AT})`.execute(db);
  const row = await sql<{
    id: number;
  }>`select id from licences where organisation_id = 'acme' and number = ${NUMBER}`.execute(db);
  const id = row.rows[0]?.id;
  if (id === undefined) throw new Error('the old licence was not written');
  for (const [version, record] of [
    [1, v1],
    [2, v2],
  ] as const) {
    await sql`insert into licence_versions
        (licence_id, version, organisation_id, status, record, document_sha256, recorded_at)
      values (${id}, ${version}, 'acme', 'valid', ${JSON.stringify(record)}, ${null}, ${AT})`.execute(
      db,
    );
    await sql`insert into licence_events
        (organisation_id, licence_id, kind, occurred_on, note, actor, recorded_at, version, status, data)
      values ('acme', ${id}, ${version === 1 ? 'issued' : 'changed'}, '2026-11-01', ${null}, 'test',
        ${AT}, ${version}, 'valid', ${null})`.execute(db);
  }
  await sql`insert into licence_domains (organisation_id, domain, licence_id)
    values ('acme', 'upliveapp.com', ${id})`.execute(db);
  for (const [tokenId, role, secret] of [
    ['t-authority', 'authority', TOKEN],
    ['t-admin', 'admin', `${TOKEN}-admin`],
  ] as const) {
    await sql`insert into api_tokens (id, organisation_id, role, kind, name, token_hash, created_at, revoked_at)
      values (${tokenId}, 'acme', ${role}, 'api', ${`old-${role}`}, ${nodeSecrets.hash(secret)}, ${AT}, ${null})`.execute(
      db,
    );
  }
}

/** The trust migration and every later one (signatures …), as migrateToLatest applies them. */
const FROM_TRUST = Object.keys(MIGRATIONS).slice(Object.keys(MIGRATIONS).indexOf(TRUST));

function describeMigration(dialect: Dialect): void {
  let open: OpenDatabase | undefined;
  afterEach(async () => {
    await open?.close();
    open = undefined;
  });

  it('stops at the previous migration, which has no trust columns', async () => {
    open = await dialect.empty();
    await migrateTo(open.db, PREVIOUS);
    const names = Object.keys(MIGRATIONS);
    expect(names[names.indexOf(PREVIOUS) + 1]).toBe(TRUST);
    await fillTheOldWay(open.db);
    await expect(sql`select provenance from licences`.execute(open.db)).rejects.toThrow();
    await expect(sql`select kind from organisations`.execute(open.db)).rejects.toThrow();
  });

  it('turns existing data into a holder’s declared records and authority tokens into member tokens', async () => {
    open = await dialect.empty();
    const db = open.db;
    await migrateTo(db, PREVIOUS);
    await fillTheOldWay(db);
    expect(await migrateToLatest(db)).toEqual(FROM_TRUST);

    const clock = fixedClock();
    const store = new KyselyLicenceStore(db, clock);
    const deps: TrustDeps = { store, clock, ...kyselyTrustStores(db, clock) };
    expect(await deps.organisations.findOrganisation('acme')).toMatchObject({
      id: 'acme',
      kind: 'holder',
      jurisdiction: [],
      publishDeclared: false,
    });
    expect(await deps.organisations.listAuthorities()).toEqual([]);
    const licence = await store.findLicence('acme', NUMBER);
    expect(licence).toMatchObject({ number: NUMBER, version: 2, provenance: 'declared' });
    const versions = await store.listVersions('acme', NUMBER);
    expect(versions.map((v) => [v.version, v.provenance])).toEqual([
      [1, 'declared'],
      [2, 'declared'],
    ]);

    const access = new KyselyAccessStore(db);
    const roles = await sql<{
      id: string;
      role: string;
    }>`select id, role from api_tokens order by id`.execute(db);
    expect(roles.rows).toEqual([
      { id: 't-admin', role: 'admin' },
      { id: 't-authority', role: 'member' },
    ]);
    const principal = await authenticateToken(TOKEN, {
      access,
      secrets: nodeSecrets,
      clock: fixedClock(),
    });
    expect(principal).toMatchObject({ organisation: 'acme', role: 'member' });
    expect(() => {
      authoriseAction(principal, 'write-licences');
    }).not.toThrow();
    expect(() => {
      authoriseAction(principal, 'manage-tokens');
    }).toThrow(/member/u);

    // The migrated records work with today's use cases: the holder records its own events, never
    // the issuer's, and an authority created now compares the old declaration with its register.
    const who = { organisation: 'acme', actor: principal.actor };
    const applied = await recordEvent(NUMBER, { kind: 'renewal-applied' }, who, deps);
    expect(applied).toMatchObject({
      version: 3,
      provenance: 'declared',
      status: 'renewal-pending',
    });
    await expect(
      recordEvent(NUMBER, { kind: 'renewed', expiresOn: '2032-01-01' }, who, deps),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await createOrganisation(
      { id: 'beijing', name: '北京市通信管理局', kind: 'authority', jurisdiction: '京' },
      'test',
      deps,
    );
    await issueLicence(
      {
        licence: makeLicence(
          NUMBER,
          '云智联网络科技（北京）有限公司',
          ['upliveapp.com'],
          '2027-01-01',
        ),
        reason: '准予许可',
        decisionNumber: '京通信管〔2023〕1号',
      },
      { organisation: 'beijing', actor: 'clerk' },
      deps,
    );
    const today = clock.today();
    const mine = (await store.findLicence('acme', NUMBER))?.licence;
    if (mine === undefined) throw new Error('the migrated licence is gone');
    const report = await assessReport(checkLicence({ licence: mine, today }), today, 'acme', deps);
    expect(report.register).toMatchObject({ provenance: 'issued', found: true });
    expect(report.register?.differences).toEqual([
      expect.objectContaining({
        field: 'holder.legalRepresentative',
        documentValue: '李四',
        registerValue: '张三',
      }),
    ]);
    expect(report.verdict).toBe('mismatch');
  });

  it('goes down to the previous migration and up again', async () => {
    open = await dialect.empty();
    const db = open.db;
    await migrateTo(db, PREVIOUS);
    await fillTheOldWay(db);
    await migrateToLatest(db);
    await migrateTo(db, PREVIOUS);
    await expect(sql`select provenance from licences`.execute(db)).rejects.toThrow();
    const kept = await sql<{
      n: number | string;
    }>`select count(*) as n from licence_versions`.execute(db);
    expect(Number(kept.rows[0]?.n)).toBe(2);
    expect(await migrateToLatest(db)).toEqual(FROM_TRUST);
    const store = new KyselyLicenceStore(db, fixedClock());
    expect((await store.findLicence('acme', NUMBER))?.provenance).toBe('declared');
  });
}

const sqliteDir = mkdtempSync(join(tmpdir(), 'xuke-migration-'));
afterAll(() => {
  rmSync(sqliteDir, { recursive: true, force: true });
});
let n = 0;
describeWith(
  'SQLite',
  true,
  '',
)('the trust migration [SQLite]', () => {
  describeMigration({
    name: 'SQLite',
    empty: () => {
      const config: DatabaseConfig = {
        dialect: 'sqlite',
        path: join(sqliteDir, `db-${++n}.sqlite`),
      };
      return openDatabase(config);
    },
  });
});

const pgProbe = await probePostgres();
describeWith(
  'PostgreSQL',
  pgProbe.ok,
  pgProbe.reason,
)('the trust migration [PostgreSQL]', () => {
  const created: string[] = [];
  afterAll(async () => {
    for (const name of created) await dropDatabase(name);
  }, 120_000);
  describeMigration({
    name: 'PostgreSQL',
    empty: async () => {
      const name = `xuke_m_${randomBytes(6).toString('hex')}`;
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`create database ${name}`);
      } finally {
        await client.end();
      }
      created.push(name);
      const url = new URL(PG_ADMIN_URL);
      url.pathname = `/${name}`;
      return openDatabase({ dialect: 'postgres', url: url.toString(), poolMax: 2 });
    },
  });
});

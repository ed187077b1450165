/**
 * Every repository test runs against every dialect: SQLite always (a fresh file per test), and
 * PostgreSQL when reachable (always in CI). Each test file gets its own PostgreSQL database, created
 * in the server named by XUKE_TEST_PG_URL (default the CI service) and dropped afterwards, so test
 * files running in parallel never see each other's rows.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';
import type { DatabaseConfig } from '../src/config/load-config.js';
import {
  migrateToLatest,
  openDatabase,
  type OpenDatabase,
} from '../src/adapters/db/open-database.js';
import { KyselyLicenceStore } from '../src/adapters/db/licence.repository.js';
import type { Clock } from '../src/ports/clock.js';
import { describeWith } from './require-service.js';

export const PG_ADMIN_URL =
  process.env['XUKE_TEST_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Whether PostgreSQL answers, and why not. */
export async function probePostgres(): Promise<{ ok: boolean; reason: string }> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return { ok: true, reason: '' };
  } catch (e) {
    return { ok: false, reason: `${PG_ADMIN_URL}: ${e instanceof Error ? e.message : String(e)}` };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Drop a test database. A closed pool has only told its connections to end (pg-pool's `end()`
 * resolves before they have), and `drop … with (force)` terminating one still ending makes the
 * pool emit an unhandled error: so wait (a bounded poll) until the server has let them go.
 */
export async function dropDatabase(name: string): Promise<void> {
  await admin(async (c) => {
    for (let i = 0; i < 200; i++) {
      const open = await c.query<{ n: string }>(
        'select count(*) as n from pg_stat_activity where datname = $1',
        [name],
      );
      if (Number(open.rows[0]?.n ?? 0) === 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await c.query(`drop database if exists ${name} with (force)`);
  });
}

/** A fixed clock: 2026-11-28 10:00 in Shanghai. */
export function fixedClock(iso = '2026-11-28T02:00:00.000Z'): Clock & { set(iso: string): void } {
  let now = new Date(iso);
  return {
    now: () => new Date(now),
    today: () => new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
    set: (next: string) => {
      now = new Date(next);
    },
  };
}

export interface DialectHarness {
  readonly name: 'SQLite' | 'PostgreSQL';
  /** a fresh, migrated, empty database for one test */
  fresh(): Promise<TestDatabase>;
}

export interface TestDatabase {
  readonly config: DatabaseConfig;
  /** the URL for the CLI's --db */
  readonly url: string;
  readonly open: OpenDatabase;
  store(clock?: Clock): KyselyLicenceStore;
  close(): Promise<void>;
}

const pgProbe = await probePostgres();

/**
 * `describe` once per dialect. PostgreSQL is skipped with the reason printed when unreachable,
 * and fails the run with XUKE_REQUIRE_ALL=1.
 */
export function describeEachDialect(title: string, body: (h: DialectHarness) => void): void {
  const sqliteDir = mkdtempSync(join(tmpdir(), 'xuke-test-'));
  afterAll(() => {
    rmSync(sqliteDir, { recursive: true, force: true });
  });
  let n = 0;
  const sqlite: DialectHarness = {
    name: 'SQLite',
    fresh: async () => {
      const path = join(sqliteDir, `db-${++n}.sqlite`);
      const config: DatabaseConfig = { dialect: 'sqlite', path };
      return harnessDb(config, `sqlite://${path}`);
    },
  };
  describeWith(
    'SQLite',
    true,
    '',
  )(`${title} [SQLite]`, () => {
    body(sqlite);
  });

  const run = describeWith('PostgreSQL', pgProbe.ok, pgProbe.reason);
  run(`${title} [PostgreSQL]`, () => {
    const created: string[] = [];
    // a DROP DATABASE waits for a checkpoint: a dozen of them on a loaded machine take a while
    afterAll(async () => {
      for (const name of created) await dropDatabase(name);
    }, 120_000);
    body({
      name: 'PostgreSQL',
      fresh: async () => {
        const name = `xuke_t_${randomBytes(6).toString('hex')}`;
        await admin(async (c) => {
          await c.query(`create database ${name}`);
        });
        created.push(name);
        const url = new URL(PG_ADMIN_URL);
        url.pathname = `/${name}`;
        const config: DatabaseConfig = { dialect: 'postgres', url: url.toString(), poolMax: 5 };
        return harnessDb(config, url.toString());
      },
    });
  });
}

async function harnessDb(config: DatabaseConfig, url: string): Promise<TestDatabase> {
  const open = await openDatabase(config);
  await migrateToLatest(open.db);
  return {
    config,
    url,
    open,
    store: (clock = fixedClock()) => new KyselyLicenceStore(open.db, clock),
    close: () => open.close(),
  };
}

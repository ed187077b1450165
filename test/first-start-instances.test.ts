/**
 * Web instances starting together on a new PostgreSQL database (docs/deployment.md): each checks
 * whether the database is new and then seeds it and makes its first administrator, so they take
 * turns under an advisory lock (src/adapters/db/instance-lock.ts). Before, every instance but one
 * failed to start with a duplicate key on `organisations`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../src/main/server.js';
import { dropDatabase, PG_ADMIN_URL, probePostgres } from './registry-dialects.js';
import { describeWith } from './require-service.js';

const pgProbe = await probePostgres();

describeWith(
  'PostgreSQL',
  pgProbe.ok,
  pgProbe.reason,
)('instances’ first start', () => {
  const name = `xuke_t_${randomBytes(5).toString('hex')}`;
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    await dropDatabase(name);
  });

  it('seeds a new database and makes its first administrator once, however many start at once', async () => {
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    const printed: string[] = [];
    const start = (i: number): Promise<RunningServer> => {
      const dir = mkdtempSync(join(tmpdir(), `xuke-first-${String(i)}-`));
      dirs.push(dir);
      return startServer({
        env: {
          XUKE_DATABASE_URL: url.toString(),
          // the smallest pool: the lock must not hold the connection the first start needs
          XUKE_DB_POOL_MAX: '1',
          XUKE_READ_CACHE_MS: '0',
          XUKE_REMINDER_INTERVAL_MINUTES: '0',
          XUKE_FOLLOW_INTERVAL_MINUTES: '0',
        },
        role: 'web',
        port: 0,
        host: '127.0.0.1',
        logger: false,
        interactive: false,
        dataDirectory: dir,
        print: (line) => printed.push(line),
      });
    };
    const started = await Promise.allSettled([1, 2, 3].map(start));
    const servers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    try {
      expect(started.filter((s) => s.status === 'rejected')).toEqual([]);
      expect(servers.filter((s) => s.signInUrl !== null)).toHaveLength(1);
      expect(printed.filter((l) => l.includes('first start'))).toHaveLength(1);

      const db = new pg.Client({ connectionString: url.toString() });
      await db.connect();
      try {
        const count = async (table: string): Promise<number> =>
          Number((await db.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]?.n);
        expect(await count('users')).toBe(1);
        // the authority's register entry and the holder's declared copy
        expect(await count('licences')).toBe(2);
      } finally {
        await db.end();
      }
    } finally {
      await Promise.all(servers.map((s) => s.close()));
    }
  }, 30_000);
});

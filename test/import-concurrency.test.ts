/**
 * Writers that wait their turn (issue 19): two `xuke import` processes at once on one database land
 * every file, none failed, on SQLite (one file, BEGIN IMMEDIATE with a bounded, asynchronous wait)
 * and on PostgreSQL (a document someone else imports at the same moment counts as already
 * imported, not as "already registered"); an API writer beside an importer loses nothing; two
 * connections of one process on one SQLite file take turns without blocking the event loop; and a
 * file that cannot be imported is named in the text and JSON output.
 *
 * The documents are made from the B1.B2 fixture (clean: no --acknowledge needed), each with its own
 * number, company and domain, as test/registry-cli.test.ts makes them.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { formatImportSummary } from '../src/adapters/cli/registry/format-registry.js';
import { inWriteTransaction } from '../src/adapters/db/write-transaction.js';
import { openDatabase } from '../src/adapters/db/open-database.js';
import { WriterFirstSqliteDialect } from '../src/adapters/db/sqlite-writers.js';
import type { ImportSummary } from '../src/app/registry/import-documents.js';
import { FIXTURES } from './fixtures.js';
import { bearer, harnessFor } from './http-harness.js';
import { describeEachDialect, type TestDatabase } from './registry-dialects.js';
import { xuke, xukeAsync, type CliRun } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'xuke-import-concurrency-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const TEMPLATE = readFileSync(FIXTURES.b1b2, 'utf8');

/** The document with serial `i`: the same bytes wherever it is written. */
function documentText(i: number): string {
  const serial = String(i).padStart(4, '0');
  return TEMPLATE.replaceAll('B1.B2-20233345', `B1.B2-2023${serial}`)
    .replaceAll('星桥云数据', `星桥云数据${serial}`)
    .replaceAll('xingqiao-cloud.com', `xq${serial}.com`);
}

/** A directory of the documents with serials from..to-1 (a fresh one each call). */
let sets = 0;
function documentSet(from: number, to: number): string {
  const target = join(dir, `set-${++sets}`);
  mkdirSync(target, { recursive: true });
  for (let i = from; i < to; i++) {
    writeFileSync(join(target, `doc-${String(i).padStart(4, '0')}.txt`), documentText(i));
  }
  return target;
}

function summaryOf(run: CliRun): ImportSummary {
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as ImportSummary;
}

async function licenceCount(t: TestDatabase, org = 'default'): Promise<number> {
  const row = await t.open.db
    .selectFrom('licences')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('organisation_id', '=', org)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Two imports started at the same moment, each a child process as a user runs it. */
function importTogether(t: TestDatabase, a: readonly string[], b: readonly string[]) {
  const args = (paths: readonly string[]) => ['import', ...paths, '--json', '--db', t.url];
  return Promise.all([xukeAsync(args(a)), xukeAsync(args(b))]);
}

// Each import is a child process (tsx startup): generous time on a loaded machine.
describeEachDialect('two concurrent `xuke import` processes', (h) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('overlapping sets: every file lands, none failed', { timeout: 180_000 }, async () => {
    t = await h.fresh();
    // 0..59 and 60..89 then 30..59: thirty documents both import, at the same point of their
    // runs, and sixty only one of them
    const [a, b] = await importTogether(
      t,
      [documentSet(0, 60)],
      [documentSet(60, 90), documentSet(30, 60)],
    );
    const sa = summaryOf(a);
    const sb = summaryOf(b);
    expect(sa.failed).toEqual([]);
    expect(sb.failed).toEqual([]);
    expect([a.code, b.code]).toEqual([0, 0]);
    for (const s of [sa, sb]) {
      expect(s.files).toBe(60);
      expect(s.created + s.skipped + s.unchanged).toBe(60);
      expect(s.changed).toBe(0);
    }
    // each shared document was created by exactly one of them and skipped by the other
    expect(sa.created + sb.created).toBe(90);
    expect(sa.skipped + sb.skipped + sa.unchanged + sb.unchanged).toBe(30);
    expect(await licenceCount(t)).toBe(90);
    expect(await t.store().verifyAudit('default')).toMatchObject({ ok: true, entries: 90 });
  });

  it(
    'the same set twice at once: idempotent, no "already registered"',
    { timeout: 180_000 },
    async () => {
      t = await h.fresh();
      const set = documentSet(100, 160);
      const [a, b] = await importTogether(t, [set], [set]);
      const sa = summaryOf(a);
      const sb = summaryOf(b);
      expect(sa.failed).toEqual([]);
      expect(sb.failed).toEqual([]);
      expect([a.code, b.code]).toEqual([0, 0]);
      // each document created by exactly one of them and already imported for the other
      const sum = (k: 'created' | 'changed' | 'unchanged' | 'skipped') => sa[k] + sb[k];
      expect({
        created: sum('created'),
        changed: sum('changed'),
        unchanged: sum('unchanged'),
        skipped: sum('skipped'),
      }).toEqual({ created: 60, changed: 0, unchanged: 0, skipped: 60 });
      expect(await licenceCount(t)).toBe(60);
      expect(await t.store().verifyAudit('default')).toMatchObject({ ok: true, entries: 60 });
    },
  );
});

describeEachDialect('an API writer beside an importer', (dialect) => {
  const h = harnessFor(dialect);

  it('both land every document: no 409, no failed file', { timeout: 180_000 }, async () => {
    const importing = xukeAsync([
      'import',
      documentSet(200, 260),
      '--json',
      '--db',
      h.db.url,
      '--org',
      'acme',
    ]);
    const importer = { finished: false };
    void importing.finally(() => {
      importer.finished = true;
    });
    // The API starts saving once the importer writes (a child's start-up takes a second or two),
    // and goes on until the importer is done: one request at a time, as a client would, each its
    // own write transaction.
    for (
      let i = 0;
      i < 3000 && !importer.finished && (await licenceCount(h.db, 'acme')) <= 1;
      i++
    ) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const refused: string[] = [];
    let saved = 0;
    for (let i = 300; i < 500 && (saved < 20 || !importer.finished); i++) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/documents?save=true',
        payload: documentText(i),
        headers: { 'content-type': 'text/plain', ...bearer(h.tokens.member) },
      });
      // 201: a new licence stored
      if (res.statusCode === 201) saved++;
      else refused.push(`${res.statusCode} ${res.body.slice(0, 300)}`);
    }
    const s = summaryOf(await importing);
    expect(refused).toEqual([]);
    expect(s.failed).toEqual([]);
    expect(s.created).toBe(60);
    // 60 imported, those saved through the API, and the seed licence the harness declared
    expect(await licenceCount(h.db, 'acme')).toBe(61 + saved);
    expect(await h.db.store().verifyAudit('acme')).toMatchObject({ ok: true, entries: 61 + saved });
  });
});

describe('two connections of one process on one SQLite file', () => {
  it('the second writer waits for the first without blocking the event loop, then writes', async () => {
    const path = join(dir, 'two-connections.sqlite');
    const first = await openDatabase({ dialect: 'sqlite', path });
    const second = await openDatabase({ dialect: 'sqlite', path });
    try {
      await sql`create table counter (id integer primary key, n integer not null)`.execute(
        first.db,
      );
      await sql`insert into counter (id, n) values (1, 0)`.execute(first.db);
      const add = (db: typeof first.db) =>
        inWriteTransaction(db, async (trx) => {
          // read, then write: a deferred transaction would upgrade a stale snapshot here
          const row = await sql<{ n: number }>`select n from counter where id = 1`.execute(trx);
          await new Promise((r) => setTimeout(r, 5));
          const n = (row.rows[0]?.n ?? 0) + 1;
          await sql`update counter set n = ${n} where id = 1`.execute(trx);
        });
      // the event loop keeps turning while the writers queue: ticks counted every millisecond
      let ticks = 0;
      const ticker = setInterval(() => ticks++, 1);
      const started = Date.now();
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => add(i % 2 === 0 ? first.db : second.db)),
      );
      clearInterval(ticker);
      const row = await sql<{ n: number }>`select n from counter where id = 1`.execute(first.db);
      expect(row.rows[0]?.n).toBe(20);
      // a synchronous busy wait would hold the loop (and the holder) for the whole busy timeout
      expect(Date.now() - started).toBeLessThan(4000);
      expect(ticks).toBeGreaterThan(5);
    } finally {
      await first.close();
      await second.close();
    }
  });
  it('a writer that waits past its bound is refused with CONFLICT, and the database is intact', async () => {
    const path = join(dir, 'bounded-wait.sqlite');
    const holder = new Database(path);
    holder.pragma('journal_mode = WAL');
    holder.exec('create table t (id integer primary key)');
    const waiter = new Kysely<Record<string, never>>({
      dialect: new WriterFirstSqliteDialect(new Database(path), {
        maxWaitMs: 150,
        busyTimeoutMs: 0,
      }),
    });
    try {
      holder.exec('begin immediate');
      const started = Date.now();
      const refused = await inWriteTransaction(waiter as never, () => Promise.resolve()).catch(
        (e: unknown) => e,
      );
      const waited = Date.now() - started;
      expect(refused).toMatchObject({ code: 'CONFLICT' });
      expect(waited).toBeGreaterThanOrEqual(140);
      expect(waited).toBeLessThan(2000);
      holder.exec('commit');
      // the lock free again, the same connection writes
      await inWriteTransaction(waiter as never, async (trx) => {
        await sql`insert into t (id) values (1)`.execute(trx);
      });
      expect(holder.prepare('select count(*) as n from t').get()).toEqual({ n: 1 });
    } finally {
      await waiter.destroy();
      holder.close();
    }
  });
});

describe('a file that cannot be imported is named', { timeout: 120_000 }, () => {
  it('in the text output and in the JSON output', () => {
    const set = documentSet(400, 402);
    writeFileSync(join(set, 'broken.pdf'), '%PDF-1.4 torn off here');
    // a dangling link in a walked directory: a file that cannot be read, not one to pass over
    symlinkSync(join(dir, 'nowhere.txt'), join(set, 'ghost.txt'));
    const db = `sqlite://${join(dir, 'named.sqlite')}`;
    const text = xuke(['import', set, '--db', db, '--lang', 'en']);
    expect(text.code).toBe(2);
    expect(text.stdout).toContain(join(set, 'broken.pdf'));
    expect(text.stdout).toContain(join(set, 'ghost.txt'));
    expect(text.stdout).toContain('2 new');
    expect(text.stdout).toContain('2 failed');

    const json = xuke(['import', set, '--db', db, '--json']);
    expect(json.code).toBe(2);
    const s = JSON.parse(json.stdout) as ImportSummary;
    expect(s.failed.map((f) => f.name).sort()).toEqual([
      join(set, 'broken.pdf'),
      join(set, 'ghost.txt'),
    ]);
    expect(s.skipped).toBe(2);
  });

  it('even when the failure’s message does not name it (a writer that gave up)', () => {
    const summary: ImportSummary = {
      files: 2,
      created: 1,
      changed: 0,
      unchanged: 0,
      skipped: 0,
      failed: [
        {
          name: 'docs/a.txt',
          message: '数据库正被另一写入者修改，请重试',
          messageEn: 'Another writer changed the database at the same time; try again',
          code: 'CONFLICT',
        },
        {
          name: 'docs/b.pdf',
          message: 'docs/b.pdf：PDF 文件损坏',
          messageEn: 'docs/b.pdf: the PDF is corrupt',
          code: 'UNREADABLE_DOCUMENT',
        },
      ],
      rolledBack: false,
    };
    const en = formatImportSummary(summary, 'en');
    expect(en).toContain('✗ docs/a.txt: Another writer');
    // a message that names its file already is not prefixed twice
    expect(en).toContain('✗ docs/b.pdf: the PDF is corrupt');
    expect(en).not.toContain('docs/b.pdf: docs/b.pdf');
    expect(formatImportSummary(summary, 'zh')).toContain('✗ docs/a.txt：数据库正被另一写入者修改');
  });
});

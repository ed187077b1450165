/**
 * The job queue benchmark (issue 19), on SQLite and on PostgreSQL (when reachable): small no-op
 * jobs per second through the whole queue — enqueue, claim (SQLite) or pg-boss dispatch
 * (PostgreSQL), running, heartbeat bookkeeping, the result written — beside a baseline measured in
 * the same run on the same database: a bare loop inserting the same row into the `jobs` table and
 * reading it back by id (the least any persistent queue must do per job).
 *
 * Rounds alternate between the two sides; each round runs `JOBS` jobs (enqueued one after another
 * while four workers take them) and the median round counts.
 * XUKE_BENCH_DIALECTS (comma-separated; default sqlite,postgres) and XUKE_BENCH_PG_URL as in
 * registry.bench.ts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  migrateToLatest,
  openDatabase,
  type OpenDatabase,
} from '../src/adapters/db/open-database.js';
import { openJobQueue } from '../src/adapters/jobs/open-job-queue.js';
import type { DatabaseConfig } from '../src/config/load-config.js';
import type { JobQueue } from '../src/ports/job-queue.js';
import { median, row, type Benchmark, type BenchOutcome } from './measure.js';

const PG_ADMIN_URL = process.env['XUKE_BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const JOBS = 200;
const ROUNDS = 3;
const ORG = 'bench';
const INPUT = { licence: '京B2-20180910', note: 'x'.repeat(64) };

/** Jobs per second: `JOBS` enqueued, waiting until the last is done. */
async function queueRound(queue: JobQueue, done: { n: number; wake: () => void }): Promise<number> {
  done.n = 0;
  const t0 = performance.now();
  const all = new Promise<void>((resolve) => {
    done.wake = () => {
      if (done.n >= JOBS) resolve();
    };
  });
  for (let i = 0; i < JOBS; i++) {
    await queue.enqueue({
      kind: 'scan',
      organisation: ORG,
      owner: 'bench',
      input: INPUT,
      timeoutSeconds: 60,
    });
  }
  await all;
  // the last job's row is written just after its handler resolves: wait until it says done
  for (;;) {
    const page = await queue.list(ORG, { kind: 'scan', limit: 1 });
    if (page.items[0]?.state === 'done') break;
    await new Promise((r) => setTimeout(r, 1));
  }
  return (JOBS * 1000) / (performance.now() - t0);
}

/** Rows per second: insert a job-shaped row and read it back by id, `JOBS` times. */
async function bareRound(open: OpenDatabase): Promise<number> {
  const t0 = performance.now();
  const at = new Date().toISOString();
  for (let i = 0; i < JOBS; i++) {
    const id = randomUUID();
    await open.db
      .insertInto('jobs')
      .values({
        id,
        kind: 'bare',
        organisation_id: ORG,
        owner: 'bench',
        state: 'done',
        progress_done: null,
        progress_total: null,
        attempts: 1,
        max_attempts: 3,
        timeout_seconds: 60,
        singleton_key: null,
        input: JSON.stringify(INPUT),
        blob: null,
        result: JSON.stringify({ ok: true }),
        error: null,
        created_at: at,
        started_at: at,
        finished_at: at,
        run_after: at,
        heartbeat_at: at,
        worker: 'bench',
        dispatch_id: null,
        cancel_requested: 0,
        keep_until: at,
      })
      .execute();
    await open.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }
  return (JOBS * 1000) / (performance.now() - t0);
}

async function measure(label: string, config: DatabaseConfig, url: string): Promise<BenchOutcome> {
  const open = await openDatabase(config);
  try {
    await migrateToLatest(open.db);
    const queue = await openJobQueue(open, { connectionString: url, pollMs: 500 });
    const done = { n: 0, wake: (): void => undefined };
    queue.work(
      'scan',
      () => {
        done.n++;
        queueMicrotask(done.wake);
        return Promise.resolve({ ok: true });
      },
      { concurrency: 4 },
    );
    await queue.start();
    try {
      await queueRound(queue, done); // warm-up
      await bareRound(open);
      const q: number[] = [];
      const b: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        q.push(await queueRound(queue, done));
        b.push(await bareRound(open));
      }
      const value = median(q);
      const baseline = median(b);
      return {
        rows: [
          row(`job-queue/${label} no-op jobs (vs bare insert+select)`, value, 'jobs/s', baseline),
        ],
        targets: [],
      };
    } finally {
      await queue.stop();
    }
  } finally {
    await open.close();
  }
}

async function onSqlite(): Promise<BenchOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'xuke-bench-jobs-'));
  try {
    const path = join(dir, 'jobs.sqlite');
    return await measure('sqlite', { dialect: 'sqlite', path }, `sqlite://${path}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(): Promise<BenchOutcome> {
  const name = `xuke_bench_jobs_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch (e) {
    process.stderr.write(`job-queue bench: PostgreSQL skipped (${String(e)})\n`);
    return { rows: [], targets: [] };
  }
  try {
    await admin.query(`create database ${name}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    return await measure(
      'postgres',
      { dialect: 'postgres', url: url.toString(), poolMax: 5 },
      url.toString(),
    );
  } finally {
    // closed pools only told their connections to end: wait until the server let them go
    for (let i = 0; i < 200; i++) {
      const open = await admin.query<{ n: string }>(
        'select count(*) as n from pg_stat_activity where datname = $1',
        [name],
      );
      if (Number(open.rows[0]?.n ?? 0) === 0) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.end();
  }
}

export const jobQueueBenchmark: Benchmark = {
  name: 'job-queue',
  async run() {
    const dialects = (process.env['XUKE_BENCH_DIALECTS'] ?? 'sqlite,postgres').split(',');
    const outcomes: BenchOutcome[] = [];
    if (dialects.includes('sqlite')) outcomes.push(await onSqlite());
    if (dialects.includes('postgres')) outcomes.push(await onPostgres());
    return {
      rows: outcomes.flatMap((o) => o.rows),
      targets: outcomes.flatMap((o) => o.targets),
    };
  },
};

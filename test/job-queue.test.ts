/**
 * The job queue's contract (src/ports/job-queue.ts, docs/jobs.md) on SQLite and PostgreSQL:
 * results and progress, failures (a DomainError at once, others retried with backoff), cancel of
 * queued and running jobs, the attempt time limit, singletons, tenant isolation, paging, schedules,
 * restart and crash recovery, and (PostgreSQL) several instances sharing one database.
 */
import { spawn } from 'node:child_process';
import { afterAll, afterEach, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { Migrator, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../src/config/load-config.js';
import {
  migrateToLatest,
  openDatabase,
  type OpenDatabase,
} from '../src/adapters/db/open-database.js';
import { migrationProvider } from '../src/adapters/db/migrations/index.js';
import { openJobQueue, type JobQueueOptions } from '../src/adapters/jobs/open-job-queue.js';
import { DomainError } from '../src/core/errors.js';
import type { JobKind, JobQueue, JobRecord, JobState } from '../src/ports/job-queue.js';
import { describeEachDialect, dropDatabase, PG_ADMIN_URL } from './registry-dialects.js';

const ORG = 'acme';
const FINAL: readonly JobState[] = ['done', 'failed', 'cancelled'];

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Poll until `test` holds (or fail after `ms`). */
async function until<T>(
  what: string,
  read: () => Promise<T>,
  test: (v: T) => boolean,
  ms = 15_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (test(v)) return v;
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await sleep(25);
  }
}

function finished(queue: JobQueue, id: string, org = ORG): Promise<JobRecord> {
  return until(
    `job ${id} to finish`,
    async () => queue.get(org, id),
    (j) => j !== undefined && FINAL.includes(j.state),
  ) as Promise<JobRecord>;
}

function request(kind: JobKind, input: Record<string, number | string> = {}, extra = {}) {
  return { kind, organisation: ORG, owner: 'user:alice', input, timeoutSeconds: 30, ...extra };
}

/** A promise and its resolver. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((r) => {
    open = r;
  });
  return { promise, open };
}

interface Db {
  readonly config: DatabaseConfig;
  readonly url: string;
  readonly open: OpenDatabase;
  close(): Promise<void>;
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function pgUrl(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * PostgreSQL databases copied from a template migrated once, with pg-boss's schema installed: a
 * copy takes a tenth of the second and a half that migrating and installing take.
 */
function pgDatabases(): { fresh(): Promise<Db>; dropAll(): Promise<void> } {
  const prefix = `xuke_t_${randomBytes(5).toString('hex')}`;
  const created: string[] = [];
  let template: Promise<string> | undefined;
  const build = async (): Promise<string> => {
    const name = `${prefix}_tpl`;
    await admin(`create database ${name}`);
    created.push(name);
    const open = await openDatabase({ dialect: 'postgres', url: pgUrl(name), poolMax: 2 });
    await migrateToLatest(open.db);
    const q = await openJobQueue(open, { connectionString: pgUrl(name) });
    await q.stop();
    await open.close();
    return name;
  };
  return {
    async fresh() {
      template ??= build();
      const tpl = await template;
      const name = `${prefix}_${created.length}`;
      // the template's last connections may still be closing
      for (let i = 0; ; i++) {
        try {
          await admin(`create database ${name} template ${tpl}`);
          break;
        } catch (e) {
          if (i > 100 || !String(e).includes('being accessed')) throw e;
          await sleep(50);
        }
      }
      created.push(name);
      const config: DatabaseConfig = { dialect: 'postgres', url: pgUrl(name), poolMax: 5 };
      const open = await openDatabase(config);
      return { config, url: config.url, open, close: () => open.close() };
    },
    async dropAll() {
      const template = created.shift();
      await Promise.all(created.map((name) => dropDatabase(name)));
      if (template !== undefined) await dropDatabase(template);
    },
  };
}

describeEachDialect('job queue', (h) => {
  const opened: JobQueue[] = [];
  const databases: Db[] = [];
  const postgres = h.name === 'PostgreSQL' ? pgDatabases() : undefined;
  afterEach(async () => {
    for (const q of opened.splice(0)) await q.stop();
    for (const d of databases.splice(0)) await d.close();
  });
  afterAll(async () => {
    await postgres?.dropAll();
  }, 120_000);

  async function fresh(): Promise<Db> {
    const t = postgres === undefined ? await h.fresh() : await postgres.fresh();
    databases.push(t);
    return t;
  }

  async function queueOn(t: Db, options: JobQueueOptions = {}): Promise<JobQueue> {
    const q = await openJobQueue(t.open, {
      connectionString: t.url,
      pollMs: 100,
      heartbeatSeconds: 1,
      retryBaseMs: 20,
      ...options,
    });
    opened.push(q);
    return q;
  }

  it('runs a job to done with its result, progress and blob', async () => {
    const q = await queueOn(await fresh());
    const seen: string[] = [];
    q.work('document', async (context) => {
      const bytes = await context.blob();
      seen.push(context.job.owner, Buffer.from(bytes ?? []).toString('utf8'));
      context.progress(1, 3);
      context.progress(2, 3);
      context.progress(3, 3);
      return { pages: 3, input: context.job.input };
    });
    await q.start();
    const queued = await q.enqueue(
      request('document', { name: 'a.pdf' }, { blob: Buffer.from('%PDF-1.7'), total: 3 }),
    );
    expect(queued.state === 'queued' || queued.state === 'running').toBe(true);
    expect(queued.progress).toEqual({ done: 0, total: 3 });
    const done = await finished(q, queued.id);
    expect(done).toMatchObject({
      state: 'done',
      result: { pages: 3, input: { name: 'a.pdf' } },
      progress: { done: 3, total: 3 },
      attempts: 1,
      maxAttempts: 3,
      error: null,
      position: null,
    });
    expect(done.startedAt).not.toBeNull();
    expect((done.finishedAt ?? '') >= (done.startedAt ?? '~')).toBe(true);
    expect(seen).toEqual(['user:alice', '%PDF-1.7']);
  });

  it('fails a job at once on a DomainError, with both messages', async () => {
    const q = await queueOn(await fresh());
    let calls = 0;
    q.work('document', () => {
      calls++;
      return Promise.reject(new DomainError('NOT_A_LICENCE', '不是许可证', 'Not a licence'));
    });
    await q.start();
    const job = await finished(q, (await q.enqueue(request('document'))).id);
    expect(job).toMatchObject({
      state: 'failed',
      attempts: 1,
      error: { code: 'NOT_A_LICENCE', message: 'Not a licence', messageZh: '不是许可证' },
    });
    expect(calls).toBe(1);
  });

  it('waits its turn when the machine is full (BUSY): not failed, the attempt not counted', async () => {
    const q = await queueOn(await fresh());
    const at: number[] = [];
    q.work('document', () => {
      at.push(Date.now());
      if (at.length === 1) {
        return Promise.reject(
          new DomainError('BUSY', '文字识别队列已满', 'The OCR queue is full', {
            retryAfterSeconds: 1,
          }),
        );
      }
      return Promise.resolve({ ok: true });
    });
    await q.start();
    const job = await finished(
      q,
      (await q.enqueue(request('document', {}, { maxAttempts: 1 }))).id,
    );
    // one attempt allowed, yet it ran twice: the BUSY one did not count
    expect(job).toMatchObject({ state: 'done', attempts: 1, result: { ok: true } });
    expect(at).toHaveLength(2);
    const [t0 = 0, t1 = 0] = at;
    expect(t1 - t0).toBeGreaterThanOrEqual(995);
  });

  it('retries other errors with backoff, then succeeds', async () => {
    const q = await queueOn(await fresh());
    const at: number[] = [];
    q.work('scan', () => {
      at.push(Date.now());
      if (at.length < 3) return Promise.reject(new Error(`flaky ${at.length}`));
      return Promise.resolve({ ok: true });
    });
    await q.start();
    const job = await finished(q, (await q.enqueue(request('scan'))).id);
    expect(job).toMatchObject({ state: 'done', attempts: 3, result: { ok: true } });
    expect(at).toHaveLength(3);
    // each pause is at least its backoff: base × 2^n (SQLite: a 20 ms base; pg-boss: 1 s, doubling)
    const base = h.name === 'SQLite' ? 20 : 1000;
    const firstPause = h.name === 'SQLite' ? base * 2 : base;
    const [t0 = 0, t1 = 0, t2 = 0] = at;
    expect(t1 - t0).toBeGreaterThanOrEqual(firstPause - 5);
    expect(t2 - t1).toBeGreaterThanOrEqual(firstPause * 2 - 5);
  });

  it('fails after the last attempt, keeping the last error', async () => {
    const logged: Record<string, unknown>[] = [];
    const q = await queueOn(await fresh(), {
      logger: {
        info: () => undefined,
        error: (_message, fields) => {
          if (fields?.['detail'] !== undefined) logged.push(fields);
        },
      },
    });
    let calls = 0;
    q.work('scan', () => {
      calls++;
      return Promise.reject(new Error(`broken ${calls}`));
    });
    await q.start();
    const job = await finished(q, (await q.enqueue(request('scan', {}, { maxAttempts: 2 }))).id);
    expect(job).toMatchObject({
      state: 'failed',
      attempts: 2,
      // an unexpected error's text stays in the log
      error: {
        code: 'INTERNAL',
        message: 'The job failed unexpectedly',
        messageZh: '任务意外失败',
      },
    });
    expect(calls).toBe(2);
    expect(logged.map((l) => l.detail)).toEqual(['Error: broken 1', 'Error: broken 2']);
  });

  it('cancels a queued job (it never runs) and a running one (its signal aborts)', async () => {
    const q = await queueOn(await fresh());
    const started = gate();
    let abortedAfter = -1;
    let runs = 0;
    q.work('bulk-check', async ({ signal }) => {
      runs++;
      started.open();
      await new Promise<void>((resolve) => {
        signal.addEventListener(
          'abort',
          () => {
            resolve();
          },
          { once: true },
        );
      });
      abortedAfter = Date.now() - cancelledAt;
      return null;
    });
    let cancelledAt = 0;
    await q.start();
    const running = await q.enqueue(request('bulk-check'));
    const queued = await q.enqueue(request('bulk-check'));
    await started.promise;
    expect((await q.get(ORG, queued.id))?.position).toBe(0);

    const c1 = await q.cancel(ORG, queued.id);
    expect(c1?.state).toBe('cancelled');
    cancelledAt = Date.now();
    const c2 = await q.cancel(ORG, running.id);
    expect(c2?.state).toBe('cancelled');
    await until(
      'the signal to abort',
      () => Promise.resolve(abortedAfter),
      (n) => n >= 0,
      3000,
    );
    expect(abortedAfter).toBeLessThan(1000);
    await sleep(300);
    expect(runs).toBe(1);
    expect((await q.get(ORG, running.id))?.state).toBe('cancelled');
    expect((await q.get(ORG, queued.id))?.state).toBe('cancelled');
    // a finished job is returned as it is
    expect((await q.cancel(ORG, running.id))?.state).toBe('cancelled');
  });

  it('aborts an attempt past its time limit and counts it as a failure', async () => {
    const q = await queueOn(await fresh());
    const reasons: string[] = [];
    q.work('scan', ({ signal }) => {
      return new Promise((_, reject) => {
        signal.addEventListener('abort', () => {
          reasons.push((signal.reason as Error).name);
          reject(signal.reason as Error);
        });
      });
    });
    await q.start();
    const job = await finished(
      q,
      (await q.enqueue(request('scan', {}, { timeoutSeconds: 1, maxAttempts: 1 }))).id,
    );
    expect(job).toMatchObject({ state: 'failed', attempts: 1, error: { code: 'TIMEOUT' } });
    expect(reasons).toEqual(['TimeoutError']);
  });

  it('keeps one queued or running job per singleton key', async () => {
    const q = await queueOn(await fresh());
    const release = gate();
    q.work('reminders', async () => {
      await release.promise;
      return { sent: 1 };
    });
    await q.start();
    const a = await q.enqueue(request('reminders', {}, { singletonKey: 'k' }));
    const b = await q.enqueue(request('reminders', { other: 1 }, { singletonKey: 'k' }));
    expect(b.id).toBe(a.id);
    release.open();
    await finished(q, a.id);
    const c = await q.enqueue(request('reminders', {}, { singletonKey: 'k' }));
    expect(c.id).not.toBe(a.id);
    expect((await finished(q, c.id)).state).toBe('done');
  });

  it("keeps an organisation's jobs from another", async () => {
    const q = await queueOn(await fresh());
    await q.start();
    const job = await q.enqueue(request('follow'));
    expect(await q.get('other', job.id)).toBeUndefined();
    expect(await q.cancel('other', job.id)).toBeUndefined();
    expect((await q.list('other', { limit: 10 })).items).toEqual([]);
    expect(await q.pending('other')).toBe(0);
    expect((await q.get(ORG, job.id))?.state).toBe('queued');
    expect(await q.get(ORG, 'no-such-job')).toBeUndefined();
    await expect(
      q.enqueue(request('follow', { big: 'x'.repeat(1_000_001) })),
    ).rejects.toMatchObject({ code: 'INPUT_TOO_LARGE' });
  });

  it('deletes finished jobs after seven days, not before', async () => {
    const t = await fresh();
    const q = await queueOn(t);
    q.work('follow', () => Promise.resolve({ ok: true }));
    await q.start();
    const job = await finished(q, (await q.enqueue(request('follow'))).id);
    const later = (days: number) => ({
      now: () => new Date(Date.parse(job.finishedAt ?? '') + days * 86_400_000),
    });
    // the cleanup runs when a queue starts
    await (await queueOn(t, { clock: later(6.9) })).start();
    expect((await q.get(ORG, job.id))?.state).toBe('done');
    await (await queueOn(t, { clock: later(7.1) })).start();
    expect(await q.get(ORG, job.id)).toBeUndefined();
  });

  it('pages an organisation’s jobs newest first, and counts positions and depth', async () => {
    const q = await queueOn(await fresh());
    await q.start(); // no worker for 'follow': they stay queued
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await q.enqueue(request('follow', { i }))).id);
    await q.enqueue({ ...request('scan'), organisation: 'other' });
    const seen: JobRecord[] = [];
    let cursor: string | undefined;
    const sizes: number[] = [];
    do {
      const page = await q.list(ORG, { limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      sizes.push(page.items.length);
      seen.push(...page.items);
      cursor = page.next ?? undefined;
    } while (cursor !== undefined);
    expect(sizes).toEqual([2, 2, 1]);
    expect(seen.map((j) => j.id)).toEqual([...ids].reverse());
    expect(seen.map((j) => j.position)).toEqual([4, 3, 2, 1, 0]);
    expect((await q.list(ORG, { limit: 10, kind: 'scan' })).items).toEqual([]);
    expect(await q.pending(ORG)).toBe(5);
    expect(await q.pending(ORG, 'follow')).toBe(5);
    expect(await q.depth()).toBe(6);
    expect(await q.depth('scan')).toBe(1);
    await expect(q.list(ORG, { limit: 2, cursor: 'nonsense' })).rejects.toThrow(/cursor/);
  });

  it('runs a scheduled kind every interval, never two at once', async () => {
    const q = await queueOn(await fresh());
    let runs = 0;
    let active = 0;
    let overlap = false;
    q.work('reminders', async () => {
      active++;
      overlap ||= active > 1;
      runs++;
      await sleep(1500);
      active--;
      return { runs };
    });
    q.every('reminders', 1, ORG, { all: true });
    await q.start();
    await until(
      'two runs',
      () => Promise.resolve(runs),
      (n) => n >= 2,
      10_000,
    );
    expect(overlap).toBe(false);
    const jobs = (await q.list(ORG, { limit: 10, kind: 'reminders' })).items;
    expect(jobs.every((j) => j.owner === 'system')).toBe(true);
    expect(
      jobs.filter((j) => j.state === 'queued' || j.state === 'running').length,
    ).toBeLessThanOrEqual(1);
  });

  it('resumes a job interrupted by a stop when the queue starts again', async () => {
    const t = await fresh();
    const first = await queueOn(t);
    const started = gate();
    first.work('document', async ({ signal }) => {
      started.open();
      await new Promise((r) => {
        signal.addEventListener('abort', r, { once: true });
      });
      throw new Error('interrupted');
    });
    await first.start();
    const job = await first.enqueue(request('document', {}, { maxAttempts: 1 }));
    await started.promise;
    await first.stop();
    const between = await first.get(ORG, job.id);
    expect(between?.state).toBe('queued');

    const second = await queueOn(t);
    second.work('document', ({ job: j }) => Promise.resolve({ resumed: j.id }));
    await second.start();
    expect(await finished(second, job.id)).toMatchObject({
      state: 'done',
      attempts: 1,
      result: { resumed: job.id },
    });
  });

  it('hands back a job whose instance was killed (no more heartbeats) to another', async () => {
    const t = await fresh();
    const job = await (await queueOn(t)).enqueue(request('document', {}, { maxAttempts: 2 }));
    // a child process takes the job, then dies by SIGKILL in the middle of it
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'test/job-queue-victim.ts', t.config.dialect, t.url],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('running')) resolve();
      });
      child.on('exit', (code) => {
        reject(new Error(`the victim exited early (${code})`));
      });
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const taken = await (await queueOn(t)).get(ORG, job.id);
    expect(taken).toMatchObject({ state: 'running', attempts: 1 });

    const survivor = await queueOn(t);
    survivor.work('document', () => Promise.resolve({ by: 'survivor' }));
    const t0 = Date.now();
    await survivor.start();
    const done = await finished(survivor, job.id);
    expect(done).toMatchObject({ state: 'done', attempts: 2, result: { by: 'survivor' } });
    // three heartbeats of 1 s, and a little: far less than the attempt's 30 s time limit
    expect(Date.now() - t0).toBeLessThan(15_000);
  });

  it('its migration goes down and up again', async () => {
    const t = await fresh();
    const migrator = new Migrator({ db: t.open.db, provider: migrationProvider });
    const down = await migrator.migrateTo('2026_12_10_1000_accounts');
    expect(down.error).toBeUndefined();
    expect(down.results?.map((r) => [r.migrationName, r.direction])).toContainEqual([
      '2026_12_11_1000_jobs',
      'Down',
    ]);
    await expect(t.open.db.selectFrom('jobs').selectAll().execute()).rejects.toThrow();
    await migrateToLatest(t.open.db);
    const q = await queueOn(t);
    await q.start();
    const job = await q.enqueue(request('follow', {}, { blob: new Uint8Array([0, 255, 7]) }));
    expect((await q.get(ORG, job.id))?.state).toBe('queued');
  });

  if (h.name === 'PostgreSQL') {
    it('makes a whole-minute interval a pg-boss cron schedule, once for all instances', async () => {
      const t = await fresh();
      for (const id of ['a', 'b']) {
        const q = await queueOn(t, { instanceId: id });
        q.work('reminders', () => Promise.resolve(null));
        q.every('reminders', 300, ORG, { all: true });
        await q.start();
      }
      const { rows } = await sql<{ name: string; cron: string; data: unknown }>`
        select name, cron, data from pgboss.schedule`.execute(t.open.db);
      expect(rows).toEqual([
        {
          name: `xuke-every-reminders-${ORG}`,
          cron: '*/5 * * * *',
          data: { kind: 'reminders', organisation: ORG, input: { all: true }, seconds: 300 },
        },
      ]);
    });

    it('starts three instances at once on a database pg-boss has never seen, without a deadlock', async () => {
      // pg-boss's create_queue adds a foreign key to its queue table inside the insert's
      // transaction, so two instances creating queues together each wait for the other's lock
      const name = `xuke_t_${randomBytes(5).toString('hex')}`;
      await admin(`create database ${name}`);
      const open = await openDatabase({ dialect: 'postgres', url: pgUrl(name), poolMax: 4 });
      try {
        await migrateToLatest(open.db);
        const orgs = ['o1', 'o2', 'o3', 'o4'];
        const queues = await Promise.all(
          ['a', 'b', 'c'].map(async (instanceId) => {
            const q = await openJobQueue(open, { connectionString: pgUrl(name), instanceId });
            opened.push(q);
            q.work('reminders', () => Promise.resolve(null));
            for (const org of orgs) q.every('reminders', 300, org, {});
            return q;
          }),
        );
        await Promise.all(queues.map((q) => q.start()));
        const { rows } = await sql<{ name: string }>`
          select name from pgboss.schedule order by name`.execute(open.db);
        expect(rows.map((r) => r.name)).toEqual(orgs.map((o) => `xuke-every-reminders-${o}`));
      } finally {
        for (const q of opened.splice(0)) await q.stop();
        await open.close();
        await dropDatabase(name);
      }
    });

    it('shares jobs between two instances on one database, each run exactly once', async () => {
      const t = await fresh();
      const a = await queueOn(t, { instanceId: 'a' });
      const b = await queueOn(t, { instanceId: 'b' });
      const runs = new Map<string, number>();
      for (const q of [a, b]) {
        q.work(
          'scan',
          async ({ job }) => {
            runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
            await sleep(20);
            return { ok: true };
          },
          { concurrency: 2 },
        );
        await q.start();
      }
      const ids: string[] = [];
      for (let i = 0; i < 20; i++) ids.push((await a.enqueue(request('scan', { i }))).id);
      for (const id of ids) expect((await finished(b, id)).state).toBe('done');
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
      expect(runs.size).toBe(20);
    });
  }
});

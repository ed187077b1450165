/**
 * Three service instances on one PostgreSQL database (docs/deployment.md), as child processes: one
 * `--role web` that answers the API and queues, two `--role worker` that run the queue and the
 * schedules. Two workers rather than `all` instances: the web instance then runs nothing itself, so
 * every job provably crossed processes through the database, and with one worker killed exactly one
 * other instance is left to take its job over.
 *
 * Website scans of a local site that answers slowly are queued through the web instance; the worker
 * running one is killed with SIGKILL while its scan waits for the site; every scan still ends done,
 * the killed one on the other worker at its second attempt, and no scan ran twice to completion (the
 * site saw each page once, the killed one's twice). Meanwhile reminders are due to a webhook pair of
 * another organisation: the workers' scheduled runs, plus runs queued while both workers are up so
 * that they overlap, send each reminder to each webhook exactly once.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KyselyAccessStore } from '../../src/adapters/db/access.repository.js';
import { KyselyLicenceStore } from '../../src/adapters/db/licence.repository.js';
import { KyselyObligationEventStore } from '../../src/adapters/db/obligation-event.repository.js';
import {
  migrateToLatest,
  openDatabase,
  type OpenDatabase,
} from '../../src/adapters/db/open-database.js';
import { kyselyTrustStores } from '../../src/adapters/db/organisation.repository.js';
import { openJobQueue } from '../../src/adapters/jobs/open-job-queue.js';
import { nodeSecrets } from '../../src/adapters/node-secrets.js';
import { systemClock } from '../../src/adapters/system-clock.js';
import { createApiToken } from '../../src/app/access/create-api-token.js';
import { parseDocument } from '../../src/app/documents/parse-document.js';
import { registerLicence } from '../../src/app/registry/register-licence.js';
import { FIXTURES, TEXT_DOCUMENTS } from '../fixtures.js';
import { dropDatabase, PG_ADMIN_URL, probePostgres } from '../registry-dialects.js';
import { describeWith } from '../require-service.js';
import { startInstance, waitFor, type Instance } from './instances-harness.js';

const pgProbe = await probePostgres();
/** how long the slow site keeps a scan waiting for its page */
const SLOW_MS = 4000;
const SCANS = 4;
/** reminder runs the test queues itself */
const EXTRA_RUNS = 4;
const ORG = 'acme';

interface Hit {
  readonly path: string;
  readonly raw: string;
}

/** A local HTTP server recording every request; `answer` replies (after any delay it likes). */
async function recorder(answer: (req: IncomingMessage, res: ServerResponse, raw: string) => void) {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => {
      hits.push({ path: req.url ?? '', raw });
      answer(req, res, raw);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    hits,
    origin: `http://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const shiftYears = (iso: string, years: number) =>
  `${String(Number(iso.slice(0, 4)) + years)}${iso.slice(4)}`;

/**
 * In `organisation`: the seed licence re-dated to be valid now, content disposed of today (its
 * report falls due within the lead days, so reminders are due at once) and two webhooks.
 */
async function dueReminders(db: OpenDatabase, organisation: string, hooks: string): Promise<void> {
  const parsed = await parseDocument(readFileSync(FIXTURES.seed), FIXTURES.seed, TEXT_DOCUMENTS);
  const day = today();
  const licence = {
    ...parsed.licence,
    issuedOn: shiftYears(day, -1),
    validFrom: shiftYears(day, -1),
    expiresOn: shiftYears(day, 3),
  };
  await registerLicence(
    { licence, document: null },
    { organisation, actor: 'test' },
    {
      store: new KyselyLicenceStore(db.db, systemClock),
      clock: systemClock,
      ...kyselyTrustStores(db.db, systemClock),
    },
  );
  if (licence.number === null) throw new Error('the seed has no number');
  await new KyselyObligationEventStore(db.db).addObligationEvent(organisation, {
    id: 'e1',
    number: licence.number,
    kind: 'illegal-content-disposed',
    date: day,
    note: null,
    actor: 'test',
    recordedAt: new Date().toISOString(),
  });
  const access = new KyselyAccessStore(db.db);
  for (const id of ['w1', 'w2']) {
    await access.createWebhook({
      id,
      organisation,
      url: `${hooks}/hooks/${id}`,
      description: '',
      createdAt: new Date().toISOString(),
      secret: `whsec-${id}`,
    });
  }
}

interface JobRow {
  id: string;
  kind: string;
  state: string;
  attempts: number;
  worker: string | null;
}

describeWith(
  'PostgreSQL',
  pgProbe.ok,
  pgProbe.reason,
)('three instances on one PostgreSQL', () => {
  const name = `xuke_t_${randomBytes(6).toString('hex')}`;
  let db: OpenDatabase;
  let url = '';
  const instances: Instance[] = [];

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(PG_ADMIN_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    db = await openDatabase({ dialect: 'postgres', url, poolMax: 3 });
    await migrateToLatest(db.db);
  });
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop(5000)));
    await db.close();
    await dropDatabase(name);
  }, 60_000);

  it('shares the queue, retries a killed worker’s job elsewhere, sends each reminder once', async () => {
    // the slow site: each scan's page answers after SLOW_MS; anything else (robots.txt …) is 404
    const site = await recorder((req, res) => {
      const path = req.url ?? '/';
      if (!/^\/shop-\d+\/$/u.test(path)) {
        res.writeHead(404).end();
        return;
      }
      const t = setTimeout(() => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(`<html><body><footer>京B2-20180910</footer></body></html>`);
      }, SLOW_MS);
      res.on('close', () => {
        clearTimeout(t);
      });
    });
    // the reminders' webhooks answer a little slowly, so overlapping runs really overlap
    const hooks = await recorder((_req, res) => {
      setTimeout(() => res.writeHead(204).end(), 150);
    });
    try {
      const env = {
        XUKE_DATABASE_URL: url,
        XUKE_DB_POOL_MAX: '4',
        XUKE_LOG_LEVEL: 'warn',
        XUKE_JOB_HEARTBEAT_SECONDS: '1',
        XUKE_SCAN_ALLOW_HOSTS: site.hostPort,
        XUKE_WEBHOOK_ALLOW_HOSTS: hooks.hostPort,
        XUKE_REMINDER_INTERVAL_MINUTES: '1',
        XUKE_REMINDER_LEADS: '30,20,10,5,1',
        XUKE_FOLLOW_INTERVAL_MINUTES: '0',
        XUKE_WORKER_HEALTH_PORT: '0',
      };

      // before any instance starts: the organisation's licence, due reminders and webhooks, a
      // token for the API, and reminder runs queued beside the one each worker's start queues
      // (the two workers take them at once, so runs in two processes claim the same reminders
      // together)
      await dueReminders(db, ORG, hooks.origin);
      const { token } = await createApiToken(
        { organisation: ORG, role: 'admin', name: 'instances test' },
        { access: new KyselyAccessStore(db.db), secrets: nodeSecrets, clock: systemClock },
      );
      const enqueuer = await openJobQueue(db, { connectionString: url });
      await enqueuer.start();
      for (let i = 0; i < EXTRA_RUNS; i++) {
        await enqueuer.enqueue({
          kind: 'reminders',
          organisation: ORG,
          owner: 'system',
          input: { test: i },
          timeoutSeconds: 120,
        });
      }
      await enqueuer.stop();

      const [web, a, b] = await Promise.all([
        startInstance('web', 'web', env),
        startInstance('worker-a', 'worker', env),
        startInstance('worker-b', 'worker', env),
      ]);
      instances.push(web, a, b);
      expect(web.url).not.toBeNull();
      // the workers do not serve the API; each answers its own /healthz
      expect([a.url, b.url]).toEqual([null, null]);
      for (const w of [a, b]) {
        expect(await (await fetch(w.health ?? '')).json()).toEqual({
          status: 'ok',
          role: 'worker',
        });
      }
      const api = (method: string, path: string, body?: unknown) =>
        fetch(`${web.url ?? ''}/api/v1${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      const pidOf = (worker: string | null) => Number(/-(\d+)-[0-9a-f]+$/u.exec(worker ?? '')?.[1]);

      // scans queued through the web instance
      const ids: string[] = [];
      for (let i = 0; i < SCANS; i++) {
        const r = await api('POST', '/scans', {
          url: `${site.origin}/shop-${String(i)}/`,
          licence: '京B2-20180910',
        });
        expect(r.status).toBe(202);
        ids.push(((await r.json()) as { id: string }).id);
      }
      const jobs = (): Promise<JobRow[]> =>
        db.db
          .selectFrom('jobs')
          .select(['id', 'kind', 'state', 'attempts', 'worker'])
          .where('kind', '=', 'scan')
          .execute();

      // a scan running on a worker, its page requested and not yet answered: kill that worker
      const victim = await waitFor(
        'a scan waiting for its page on a worker',
        async () => {
          const running = (await jobs()).filter((j) => j.state === 'running');
          return running.find((j) => {
            const i = ids.indexOf(j.id);
            return (
              [a.pid, b.pid].includes(pidOf(j.worker)) &&
              site.hits.some((h) => h.path === `/shop-${String(i)}/`)
            );
          });
        },
        30_000,
      );
      const killed = pidOf(victim.worker) === a.pid ? a : b;
      const survivor = killed === a ? b : a;
      const pageOf = (id: string) => `/shop-${String(ids.indexOf(id))}/`;
      const fetches = (id: string) => site.hits.filter((h) => h.path === pageOf(id)).length;
      await killed.kill();
      expect(killed.exited()).toBe(true);
      // every scan the killed worker was running (it may run more than one at once), and how
      // often each page had been fetched by then
      const lost = new Map(
        (await jobs())
          .filter((j) => j.state === 'running' && pidOf(j.worker) === killed.pid)
          .map((j) => [j.id, fetches(j.id)]),
      );
      expect(lost.has(victim.id)).toBe(true);

      // every scan ends done, through the web instance's API; which instance runs the killed
      // worker's jobs next is watched meanwhile (a finished row no longer names its worker)
      const retriedOn = new Set<number>();
      const views = await waitFor(
        'every scan done',
        async () => {
          for (const j of await jobs()) {
            if (lost.has(j.id) && j.state === 'running' && j.attempts >= 2) {
              retriedOn.add(pidOf(j.worker));
            }
          }
          const all = await Promise.all(
            ids.map(async (id) => (await (await api('GET', `/jobs/${id}`)).json()) as JobView),
          );
          return all.every((v) => ['done', 'failed', 'cancelled'].includes(v.state))
            ? all
            : undefined;
        },
        45_000,
        250,
      );
      expect(views.map((v) => v.state)).toEqual(ids.map(() => 'done'));
      expect([...retriedOn]).toEqual([survivor.pid]);
      // no scan ran twice to completion: a scan the kill interrupted fetched its page once more
      // (its completed attempt), every other scan fetched it once, at its only attempt
      const rows = await jobs();
      for (const id of ids) {
        const row = rows.find((r) => r.id === id);
        const before = lost.get(id);
        if (before === undefined) {
          expect({ id, attempts: row?.attempts, fetched: fetches(id) }).toEqual({
            id,
            attempts: 1,
            fetched: 1,
          });
        } else {
          expect(row?.attempts).toBeGreaterThanOrEqual(2);
          expect({ id, fetched: fetches(id) }).toEqual({ id, fetched: before + 1 });
        }
      }

      // reminders: the workers' scheduled runs have gone out; every reminder once per webhook
      // reminders: every run queued so far ends (the test's, the workers' start runs, any retried
      // after the kill); then each reminder has reached each webhook exactly once
      const runs = await waitFor(
        'every reminder run finished',
        async () => {
          const all = await db.db
            .selectFrom('jobs')
            .select(['state', 'attempts'])
            .where('kind', '=', 'reminders')
            .execute();
          return all.length > EXTRA_RUNS && all.every((r) => r.state === 'done') ? all : undefined;
        },
        30_000,
        250,
      );
      expect(runs.length).toBeGreaterThan(EXTRA_RUNS);
      const logged = await db.db
        .selectFrom('reminder_log')
        .select(['reminder_key', 'channel', 'status'])
        .where('organisation_id', '=', ORG)
        .execute();
      const received = hooks.hits.map((h) => {
        const { reminder } = JSON.parse(h.raw) as { reminder: { key: string } };
        return `${h.path} ${reminder.key}`;
      });
      // at least two reminders (the report's lead days already passed), to each of two webhooks
      expect(logged.length).toBeGreaterThanOrEqual(4);
      expect(logged.map((e) => e.status)).toEqual(logged.map(() => 'sent'));
      expect(received.sort()).toEqual(
        logged.map((e) => `/hooks/${e.channel.replace(/^webhook:/u, '')} ${e.reminder_key}`).sort(),
      );
      expect(new Set(received).size).toBe(received.length);
    } finally {
      await site.close();
      await hooks.close();
    }
  }, 90_000);
});

interface JobView {
  readonly id: string;
  readonly state: string;
  readonly attempts: number;
}

/**
 * /healthz under request work (issue 19): its p99 latency while pages of the deadlines of a
 * 10,000-licence organisation are requested concurrently (autocannon, 4 connections, 1,000
 * occurrences a page), beside its p99 on the same server idle. The server is the real app on a
 * fresh SQLite, listening on 127.0.0.1 in this process; both clients run in child processes.
 * Target: the p99 under load stays under 100 ms (a page's computation yields to the event loop
 * every few milliseconds, a budget shared by every page computed at once:
 * src/app/deadlines/event-loop-slices.ts). The probe's latency is wall-clock: on a machine shared
 * with other work it measures that work too, so compare it with the idle p99 of the same run.
 * Run alone: `npm run bench -- healthz`.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { migrateToLatest, openDatabase } from '../src/adapters/db/open-database.js';
import { buildApp } from '../src/adapters/http/app.js';
import { minuteCachedClock } from '../src/adapters/http/read-cache.js';
import { systemClock } from '../src/adapters/system-clock.js';
import { createApiToken } from '../src/app/access/create-api-token.js';
import { registryServices } from '../src/main/registry.js';
import { benchHttpDeps } from './bench-http-deps.js';
import { row, type Benchmark } from './measure.js';
import { generateLicences } from './registry-generator.js';

const LICENCES = 10_000;
const ORG = 'demo';
const PAGE = Number(process.env['XUKE_BENCH_DEADLINES_PAGE'] ?? 1000);
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon');
const execFileP = promisify(execFile);

/** A client in its own process: GET url one after the other for `ms`; the p99 latency in ms. */
const PROBE = `
const [url, ms] = process.argv.slice(1);
const lat = [];
const end = performance.now() + Number(ms);
while (performance.now() < end) {
  const t = performance.now();
  const r = await fetch(url);
  await r.arrayBuffer();
  if (r.status !== 200) throw new Error('healthz ' + r.status);
  lat.push(performance.now() - t);
  await new Promise((s) => setTimeout(s, 5));
}
lat.sort((a, b) => a - b);
console.log(JSON.stringify({ n: lat.length, p99: lat[Math.floor(lat.length * 0.99)] }));
`;

async function probe(url: string, ms: number): Promise<{ n: number; p99: number }> {
  const { stdout } = await execFileP(process.execPath, [
    '--input-type=module',
    '-e',
    PROBE,
    url,
    String(ms),
  ]);
  return JSON.parse(stdout) as { n: number; p99: number };
}

export const healthzBenchmark: Benchmark = {
  name: 'healthz',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'xuke-bench-healthz-'));
    const database = await openDatabase({ dialect: 'sqlite', path: join(dir, 'bench.sqlite') });
    try {
      await migrateToLatest(database.db);
      const clock = minuteCachedClock(systemClock);
      const services = registryServices(database.db, {
        clock,
        confirmationDays: 90,
        cache: { ttlMs: 1000 },
      });
      const { registry, access } = services;
      const generated = generateLicences(LICENCES);
      for (let i = 0; i < generated.length; i += 1000) {
        await registry.store.createLicences(
          ORG,
          generated.slice(i, i + 1000).map((g) => ({
            licence: g.licence,
            status: 'valid' as const,
            provenance: 'declared' as const,
            event: {
              kind: 'issued' as const,
              on: '2023-01-01',
              note: null,
              actor: 'bench',
              data: null,
            },
            document: null,
          })),
        );
      }
      const { token } = await createApiToken(
        { organisation: ORG, role: 'viewer', name: 'bench' },
        access,
      );
      const app = await buildApp(benchHttpDeps(services, clock), {
        adminOrganisation: ORG,
        rateLimitPerMinute: 1_000_000_000,
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
      try {
        const idle = await probe(`${base}/healthz`, 3000);
        // the load: 4 connections asking for deadline pages of 1,000 occurrences, for 6 s
        const load = spawn(
          process.execPath,
          [
            AUTOCANNON,
            '-j',
            '-n',
            '-c',
            '4',
            '-d',
            '6',
            '-H',
            `authorization=Bearer ${token}`,
            `${base}/api/v1/deadlines?limit=${PAGE}`,
          ],
          { stdio: ['ignore', 'pipe', 'ignore'] },
        );
        let out = '';
        load.stdout.on('data', (c: Buffer) => (out += c.toString()));
        const done = new Promise<void>((resolve) =>
          load.on('close', () => {
            resolve();
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const busy = await probe(`${base}/healthz`, 4000);
        await done;
        const pages = JSON.parse(out) as { requests: { average: number }; non2xx: number };
        const r = row(
          `healthz p99 while deadline pages of ${LICENCES.toLocaleString('en-US')} licences are requested (ms; baseline: idle p99)`,
          busy.p99,
          'ms',
          idle.p99,
        );
        return {
          rows: [
            r,
            row(
              'healthz: deadline pages (1,000 occurrences) served meanwhile',
              pages.requests.average,
              'req/s',
              NaN,
            ),
          ],
          targets: [
            {
              description: '/healthz p99 under deadline load < 100 ms (issue 19)',
              met: busy.p99 < 100 && pages.non2xx === 0,
              measured: `${busy.p99.toFixed(1)} ms under load vs ${idle.p99.toFixed(1)} ms idle (×${r.ratio.toFixed(1)}), ${busy.n} probes; ${pages.non2xx} non-2xx pages`,
            },
          ],
        };
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

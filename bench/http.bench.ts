/**
 * The HTTP API benchmark (issue 6): autocannon, in a child process, against the real app (auth,
 * rate limiter, helmet, metrics, database) listening on 127.0.0.1 in this process, on a fresh
 * SQLite holding the seed.
 * `GET /api/v1/licences/{number}` (bearer token) and the public verification, each beside a
 * hello-world route registered on the same server and measured in the same run (interleaved
 * rounds, medians). Target: each at least 50% of the hello-world rate, on the server as
 * `npm start` wires it (read caches of 1 s, see src/adapters/http/read-cache.ts); the same routes
 * with the caches off are printed beside, for information.
 */
import { registryServices } from '../src/main/registry.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  migrateToLatest,
  openDatabase,
  type OpenDatabase,
} from '../src/adapters/db/open-database.js';
import { buildApp } from '../src/adapters/http/app.js';
import { minuteCachedClock } from '../src/adapters/http/read-cache.js';
import { systemClock } from '../src/adapters/system-clock.js';
import { createApiToken } from '../src/app/access/create-api-token.js';
import { seedDemoOrganisation } from '../src/app/trust/seed-demo-organisation.js';
import { BENCH_DOCUMENTS, benchHttpDeps } from './bench-http-deps.js';
import { median, row, type Benchmark, type BenchRow, type BenchTarget } from './measure.js';

interface AutocannonResult {
  requests: { average: number };
  non2xx: number;
  errors: number;
}

// The load generator runs in its own process (autocannon's CLI), as a real client would: in this
// process it would spend the server's CPU parsing responses, and a route answering kilobytes would be
// charged for client work that a 17-byte hello-world does not cause.
const AUTOCANNON = createRequire(import.meta.url).resolve('autocannon');
const execFileP = promisify(execFile);

async function autocannon(options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}): Promise<AutocannonResult> {
  const args = [AUTOCANNON, '-j', '-n', '-c', String(options.connections)];
  args.push('-d', String(options.duration));
  for (const [k, v] of Object.entries(options.headers ?? {})) args.push('-H', `${k}=${v}`);
  args.push(options.url);
  const { stdout } = await execFileP(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as AutocannonResult;
}

const ROUNDS = 5;
const SECONDS = 2;
const CONNECTIONS = 10;
const SEED = new URL('../fixtures/seed/jing-b2-20180910.txt', import.meta.url);
const SEED_NUMBER = '京B2-20180910';

type Subject = 'hello' | 'licence' | 'public';

/** Rates (req/s, one per round) of the three routes on one server with read caches of `cacheMs`. */
async function measure(
  database: OpenDatabase,
  cacheMs: number,
): Promise<Record<Subject, number[]>> {
  const clock = minuteCachedClock(systemClock);
  // the stores and read caches as the service builds them (main/registry.ts)
  const services = registryServices(database.db, {
    clock,
    confirmationDays: 90,
    cache: { ttlMs: cacheMs },
  });
  const { registry, access } = services;
  await seedDemoOrganisation(
    { name: 'seed', bytes: readFileSync(SEED) },
    { registry, documents: BENCH_DOCUMENTS },
  );
  const { token } = await createApiToken(
    { organisation: 'demo', role: 'viewer', name: 'bench' },
    access,
  );
  const app = await buildApp(benchHttpDeps(services, clock), {
    adminOrganisation: 'demo',
    rateLimitPerMinute: 1_000_000_000,
    publicRateLimitPerMinute: 1_000_000_000,
  });
  // the baseline: the same server with all its hooks, and a handler that does nothing
  app.get('/bench/hello', { config: { public: true } }, () => Promise.resolve({ hello: 'world' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const number = encodeURIComponent(SEED_NUMBER);
  const subjects: Record<Subject, { url: string; headers?: Record<string, string> }> = {
    hello: { url: `${base}/bench/hello` },
    licence: {
      url: `${base}/api/v1/licences/${number}`,
      headers: { authorization: `Bearer ${token}` },
    },
    public: { url: `${base}/api/v1/public/licences/${number}` },
  };
  const rates: Record<Subject, number[]> = { hello: [], licence: [], public: [] };
  try {
    // warm-up, then interleaved rounds
    for (const s of Object.values(subjects)) {
      await autocannon({ ...s, connections: CONNECTIONS, duration: 1 });
    }
    for (let r = 0; r < ROUNDS; r++) {
      for (const name of Object.keys(subjects) as Subject[]) {
        const result = await autocannon({
          ...subjects[name],
          connections: CONNECTIONS,
          duration: SECONDS,
        });
        if (result.non2xx > 0 || result.errors > 0) {
          throw new Error(`${name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
        }
        rates[name].push(result.requests.average);
      }
    }
  } finally {
    await app.close();
  }
  return rates;
}

export const httpBenchmark: Benchmark = {
  name: 'http',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'xuke-bench-http-'));
    const database = await openDatabase({ dialect: 'sqlite', path: join(dir, 'bench.sqlite') });
    try {
      await migrateToLatest(database.db);
      const rows: BenchRow[] = [];
      const targets: BenchTarget[] = [];
      for (const [cacheMs, label] of [
        [1000, 'as npm start'],
        [0, 'read caches off'],
      ] as const) {
        const rates = await measure(database, cacheMs);
        const hello = median(rates.hello);
        for (const [subject, path] of [
          ['licence', '/api/v1/licences/{number}'],
          ['public', '/api/v1/public/licences/{number}'],
        ] as const) {
          const r = row(
            `http GET ${path}, ${label} (req/s; baseline: hello-world route)`,
            median(rates[subject]),
            'req/s',
            hello,
          );
          rows.push(r);
          if (cacheMs > 0) {
            targets.push({
              description: `GET ${path} ≥ 50% of the hello-world rate (issue 6)`,
              met: r.ratio >= 0.5,
              measured: `${Math.round(r.value)} vs ${Math.round(hello)} req/s = ${(r.ratio * 100).toFixed(0)}%`,
            });
          }
        }
      }
      return { rows, targets };
    } finally {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

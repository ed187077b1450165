#!/usr/bin/env node
/**
 * Composition root of the service: configuration → database (migrated) → adapters → `buildApp` →
 * listen. On the first start the demo organisation gets the seed licence and a one-time sign-in
 * link is printed. SIGINT/SIGTERM close gracefully: the listener stops, in-flight requests finish,
 * then the database closes.
 *
 *   PORT, HOST           where to listen (default 3000 on 127.0.0.1)
 *   XUKE_DATABASE_URL    the database (default sqlite://./xuke-data/xuke.sqlite), see load-config.ts
 *   XUKE_PUBLIC_ORG      whose licences the public verification answers for (default demo)
 *   XUKE_CORS_ORIGINS    comma-separated origins allowed cross-origin (default none)
 *   XUKE_RATE_LIMIT      requests per token per minute (default 600)
 *   XUKE_LOG_LEVEL       pino level (default info)
 *   XUKE_READ_CACHE_MS   how long token and licence look-ups may be served from memory (default
 *                        1000; 0 disables); writes through this server clear them at once
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { KyselyObligationEventStore } from '../adapters/db/obligation-event.repository.js';
import { KyselyAccessStore } from '../adapters/db/access.repository.js';
import { KyselyLicenceStore } from '../adapters/db/licence.repository.js';
import { migrateToLatest, openDatabase } from '../adapters/db/open-database.js';
import { createDocumentTextSources } from '../adapters/documents/ocr-document-sources.js';
import { buildApp, loggerOptions } from '../adapters/http/app.js';
import type { HttpDeps } from '../adapters/http/http-deps.js';
import { memoryJobStore } from '../adapters/http/memory-job-store.js';
import {
  cachedAccessStore,
  cachedLicenceStore,
  minuteCachedClock,
} from '../adapters/http/read-cache.js';
import type { ZodApp } from '../adapters/http/route-types.js';
import { nodeHasher } from '../adapters/node-hasher.js';
import { nodeSecrets } from '../adapters/node-secrets.js';
import { systemClock } from '../adapters/system-clock.js';
import { createSafeFetcher } from '../adapters/web/safe-fetcher.js';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../app/parse-document.js';
import { DEMO_ORGANISATION, seedDemoOrganisation } from '../app/seed-demo-organisation.js';
import { loadConfig, OrganisationIdSchema } from '../config/load-config.js';
import { DomainError } from '../core/errors.js';

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
export const SEED_FILE = 'fixtures/seed/jing-b2-20180910.txt';

export interface ServeOptions {
  readonly port?: number;
  readonly host?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** where the sign-in link and the listening address are printed */
  readonly print: (line: string) => void;
  /** pino options or false (tests) */
  readonly logger?: boolean | Record<string, unknown>;
}

export interface RunningServer {
  readonly app: ZodApp;
  /** http://host:port */
  readonly url: string;
  /** the first start's one-time sign-in link; null on later starts */
  readonly signInUrl: string | null;
  /** stop listening, let in-flight requests finish, close the database */
  close(): Promise<void>;
}

function intFrom(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535 * 100) {
    throw new DomainError(
      'INVALID_INPUT',
      `${name}：${value} 不是整数`,
      `${name}: ${value} is not an integer`,
    );
  }
  return n;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const { env } = options;
  const config = loadConfig(env);
  const port = options.port ?? intFrom(env['PORT'], 'PORT', 3000);
  const host = options.host ?? (env['HOST'] || '127.0.0.1');
  const publicOrganisation = OrganisationIdSchema.parse(
    env['XUKE_PUBLIC_ORG'] || DEMO_ORGANISATION,
  );
  const corsOrigins = (env['XUKE_CORS_ORIGINS'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

  const database = await openDatabase(config.database);
  const fetcher = createSafeFetcher();
  try {
    await migrateToLatest(database.db);
    const clock = minuteCachedClock(systemClock);
    const cache = { ttlMs: intFrom(env['XUKE_READ_CACHE_MS'], 'XUKE_READ_CACHE_MS', 1000) };
    const store = cachedLicenceStore(new KyselyLicenceStore(database.db, clock), cache);
    const documents = {
      sources: createDocumentTextSources({ env }),
      hasher: nodeHasher,
      maxBytes: DEFAULT_MAX_DOCUMENT_BYTES,
    };
    const deps: HttpDeps = {
      registry: { store, clock },
      access: {
        access: cachedAccessStore(new KyselyAccessStore(database.db), cache),
        secrets: nodeSecrets,
        clock,
      },
      documents,
      obligations: new KyselyObligationEventStore(database.db),
      scans: {
        jobs: memoryJobStore(),
        clock,
        secrets: nodeSecrets,
        scan: (organisation) => ({ fetcher, registry: { store, organisation } }),
      },
    };

    const seeded = await seedDemoOrganisation(
      { name: SEED_FILE, bytes: readFileSync(`${packageRoot}${SEED_FILE}`) },
      { registry: deps.registry, access: deps.access, documents },
    );

    const app = await buildApp(deps, {
      logger: options.logger ?? loggerOptions(env['XUKE_LOG_LEVEL'] || 'info'),
      publicOrganisation,
      corsOrigins,
      rateLimitPerMinute: intFrom(env['XUKE_RATE_LIMIT'], 'XUKE_RATE_LIMIT', 600),
      webRoot: `${packageRoot}dist/web`,
    });
    await app.listen({ port, host });
    const address = app.server.address();
    const actualPort = typeof address === 'object' && address !== null ? address.port : port;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    const url = `http://${shownHost}:${actualPort}`;
    const signInUrl =
      seeded === null ? null : `${url}/sign-in#code=${encodeURIComponent(seeded.signInCode)}`;

    options.print(`xuke: listening on ${url}  (API docs ${url}/docs)`);
    if (seeded !== null && signInUrl !== null) {
      options.print(
        `xuke: first start: the demo organisation "${DEMO_ORGANISATION}" holds the seed licence ${seeded.number}.`,
      );
      options.print(`xuke: one-time sign-in link (works once; keep it private):\n  ${signInUrl}`);
    }

    let closing: Promise<void> | undefined;
    return {
      app,
      url,
      signInUrl,
      close: () =>
        (closing ??= (async () => {
          try {
            await app.close(); // stops accepting, waits for in-flight requests
          } finally {
            await fetcher.close();
            await database.close();
          }
        })()),
    };
  } catch (e) {
    await fetcher.close();
    await database.close();
    throw e;
  }
}

/** Run until SIGINT/SIGTERM, then close gracefully; a second signal exits at once. */
export async function runServer(options: ServeOptions): Promise<void> {
  const server = await startServer(options);
  let signalled = false;
  const stop = (signal: NodeJS.Signals) => {
    if (signalled) process.exit(130);
    signalled = true;
    options.print(`xuke: ${signal}: finishing in-flight requests, closing the database`);
    server.close().then(
      () => {
        process.exitCode = 0;
      },
      (e: unknown) => {
        process.stderr.write(
          `xuke: shutdown failed: ${e instanceof Error ? e.message : String(e)}\n`,
        );
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  try {
    await runServer({ env: process.env, print: (line) => process.stdout.write(`${line}\n`) });
  } catch (e) {
    process.stderr.write(`xuke: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}

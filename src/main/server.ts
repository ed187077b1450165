#!/usr/bin/env node
/**
 * Composition root of the service: configuration → database (migrated) → adapters → `buildApp` →
 * listen. On the first start the demo organisation gets the seed licence and a one-time sign-in
 * link is printed. SIGINT/SIGTERM close gracefully: the listener stops, in-flight requests finish,
 * then the database closes.
 *
 *   PORT, HOST           where to listen (default 3000 on 127.0.0.1)
 *   XUKE_DATABASE_URL    the database (default sqlite://./xuke-data/xuke.sqlite), see load-config.ts
 *   XUKE_ADMIN_ORG       whose admins administer the instance: create organisations, switch to
 *                        another organisation's side (default demo). Public verification answers
 *                        from the authorities' registers (docs/trust.md), not from one organisation
 *   XUKE_CONFIRMATION_DAYS  days after which an official-query confirmation falls due (default 90)
 *   XUKE_CORS_ORIGINS    comma-separated origins allowed cross-origin (default none)
 *   XUKE_SCAN_ALLOW_HOSTS  HOST:PORT,… sites the scans may reach past the address policy (a
 *                        private address, a port other than 80/443; default none)
 *   XUKE_RATE_LIMIT      requests per token per minute (default 600)
 *   XUKE_LOG_LEVEL       pino level (default info)
 *   XUKE_READ_CACHE_MS   how long token and licence look-ups may be served from memory (default
 *                        1000; 0 disables); writes through this server clear them at once
 *
 * Reminders (config/reminder-config.ts, docs/deadlines.md): a run on start, then every
 * XUKE_REMINDER_INTERVAL_MINUTES (default 15; 0 turns the scheduler off), sends every reminder due
 * to every organisation's webhook subscriptions and, for XUKE_REMINDER_ORG (default the public
 * organisation), to the configured channels; the sent-log in the database sends each once, across
 * restarts, and catches up after downtime. Closing stops the timer and lets a run in flight stop
 * between sends.
 *
 *   XUKE_REMINDER_INTERVAL_MINUTES, XUKE_REMINDER_LEADS (default 10,5,1), XUKE_REMINDER_ORG,
 *   XUKE_REMINDER_LANG (zh|en), XUKE_WEBHOOK_ALLOW_HOSTS (HOST:PORT,… past the SSRF policy),
 *   XUKE_DINGTALK_URL/_SECRET, XUKE_FEISHU_URL/_SECRET, XUKE_WECOM_URL,
 *   XUKE_SMTP_URL (smtp[s]://user:password@host:port), XUKE_SMTP_FROM, XUKE_SMTP_TO
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { KyselyObligationEventStore } from '../adapters/db/obligation-event.repository.js';
import { KyselyAccessStore } from '../adapters/db/access.repository.js';
import { KyselyCompletionStore } from '../adapters/db/completion.repository.js';
import { KyselyLicenceStore } from '../adapters/db/licence.repository.js';
import { kyselyTrustStores } from '../adapters/db/organisation.repository.js';
import { KyselyReminderDirectory, KyselyReminderLog } from '../adapters/db/reminder.repository.js';
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
import {
  createReminderDelivery,
  type ReminderDelivery,
} from '../adapters/notify/reminder-delivery.js';
import {
  startReminderScheduler,
  type ReminderScheduler,
} from '../adapters/notify/reminder-scheduler.js';
import { systemClock } from '../adapters/system-clock.js';
import { createSafeFetcher } from '../adapters/web/safe-fetcher.js';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../app/parse-document.js';
import { runReminders } from '../app/run-reminders.js';
import {
  DEMO_AUTHORITY,
  DEMO_ORGANISATION,
  seedDemoOrganisation,
} from '../app/seed-demo-organisation.js';
import { loadConfig, OrganisationIdSchema } from '../config/load-config.js';
import { loadReminderConfig } from '../config/reminder-config.js';
import { DomainError } from '../core/errors.js';
import type { Clock } from '../ports/clock.js';

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
  /** the time (default the system clock); tests pin it to walk reminders through downtime */
  readonly clock?: Clock;
}

export interface RunningServer {
  readonly app: ZodApp;
  /** http://host:port */
  readonly url: string;
  /** the first start's one-time sign-in link; null on later starts */
  readonly signInUrl: string | null;
  /** the reminder timer; null when XUKE_REMINDER_INTERVAL_MINUTES is 0 */
  readonly reminders: ReminderScheduler | null;
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

/** A comma-separated setting's entries, trimmed, empty ones left out. */
function listFrom(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const { env } = options;
  const config = loadConfig(env);
  const port = options.port ?? intFrom(env['PORT'], 'PORT', 3000);
  const host = options.host ?? (env['HOST'] || '127.0.0.1');
  const adminOrganisation = OrganisationIdSchema.parse(env['XUKE_ADMIN_ORG'] || DEMO_ORGANISATION);
  const corsOrigins = listFrom(env['XUKE_CORS_ORIGINS']);

  const reminderConfig = loadReminderConfig(env, adminOrganisation);

  // Scans through the SSRF guard; XUKE_SCAN_ALLOW_HOSTS lets an intranet or other-port site in.
  const fetcher = createSafeFetcher({
    allowHosts: listFrom(env['XUKE_SCAN_ALLOW_HOSTS']),
    allowSetting: 'XUKE_SCAN_ALLOW_HOSTS',
  });
  const database = await openDatabase(config.database);
  let delivery: ReminderDelivery | undefined;
  let scheduler: ReminderScheduler | null = null;
  try {
    await migrateToLatest(database.db);
    const baseClock = options.clock ?? systemClock;
    const clock = minuteCachedClock(baseClock);
    const cache = { ttlMs: intFrom(env['XUKE_READ_CACHE_MS'], 'XUKE_READ_CACHE_MS', 1000) };
    const store = cachedLicenceStore(new KyselyLicenceStore(database.db, clock), cache);
    const directory = new KyselyReminderDirectory(database.db);
    // webhooks through the SSRF guard (XUKE_WEBHOOK_ALLOW_HOSTS), the configured robots and e-mail
    delivery = await createReminderDelivery(reminderConfig, directory);
    const documents = {
      sources: createDocumentTextSources({ env, preload: true }),
      hasher: nodeHasher,
      maxBytes: DEFAULT_MAX_DOCUMENT_BYTES,
    };
    const deps: HttpDeps = {
      registry: { store, clock, ...kyselyTrustStores(database.db, clock, config.confirmationDays) },
      access: {
        access: cachedAccessStore(new KyselyAccessStore(database.db), cache),
        secrets: nodeSecrets,
        clock,
      },
      documents,
      obligations: new KyselyObligationEventStore(database.db),
      completions: new KyselyCompletionStore(database.db),
      reminders: delivery.channels,
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
      adminOrganisation,
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
        `xuke: first start: the demonstration authority "${DEMO_AUTHORITY}" issued the seed licence ${seeded.number} into its register; the demo holder "${DEMO_ORGANISATION}" keeps its declared copy.`,
      );
      options.print(`xuke: one-time sign-in link (works once; keep it private):\n  ${signInUrl}`);
    }

    if (reminderConfig.intervalMinutes > 0) {
      scheduler = startReminderScheduler({
        intervalMs: reminderConfig.intervalMinutes * 60_000,
        run: async (signal) => {
          const result = await runReminders({
            store,
            clock: baseClock,
            events: deps.obligations,
            completions: deps.completions,
            directory,
            channels: deps.reminders,
            logFor: (organisation) => new KyselyReminderLog(database.db, organisation),
            leads: reminderConfig.leadWorkdays,
            signal,
          });
          const counts = { sent: result.sent.length, failed: result.failed.length };
          if (result.sent.length > 0 || result.failed.length > 0) {
            app.log.info(counts, 'reminders: run done');
          }
          for (const f of result.failed) {
            app.log.warn(f, 'reminders: delivery failed; retried on a later run');
          }
          for (const e of result.errors) {
            app.log.error(e, 'reminders: organisation skipped');
          }
        },
        onError: (e) => {
          app.log.error({ err: e }, 'reminders: run failed');
        },
      });
    }

    let closing: Promise<void> | undefined;
    const running = scheduler;
    const deliveries = delivery;
    return {
      app,
      url,
      signInUrl,
      reminders: running,
      close: () =>
        (closing ??= (async () => {
          try {
            await running?.stop(); // no new run; the one in flight stops between sends
            await app.close(); // stops accepting, waits for in-flight requests
          } finally {
            await fetcher.close();
            await deliveries.close();
            await database.close();
          }
        })()),
    };
  } catch (e) {
    await scheduler?.stop();
    await fetcher.close();
    await delivery?.close();
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

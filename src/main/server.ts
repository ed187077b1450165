#!/usr/bin/env node
/**
 * Composition root of the service: settings → database (migrated) → adapters (services.ts) →
 * `buildApp` → listen. On the first start the demo organisation gets the seed licence and a
 * one-time sign-in link is printed. SIGINT/SIGTERM close gracefully: the listener stops, in-flight
 * requests finish, then the database closes.
 *
 * Every setting (PORT, HOST, XUKE_DATABASE_URL, XUKE_ADMIN_ORG, XUKE_READ_CACHE_MS, the reminders'
 * XUKE_REMINDER_* and channels …) is declared in config/settings.ts and listed in docs/settings.md;
 * all of them are read here at once, and every problem is reported in one error.
 *
 * Reminders (docs/deadlines.md): a run on start, then every XUKE_REMINDER_INTERVAL_MINUTES (0 turns
 * the scheduler off), sends every reminder due to every organisation's webhook subscriptions and,
 * for XUKE_REMINDER_ORG (default the instance's administrator), to the configured channels; the
 * sent-log in the database sends each once, across restarts, instances, and catches up after
 * downtime. The runs and the register follows are queue jobs (scheduled-jobs.ts), so several
 * instances on one PostgreSQL run each once.
 *
 * Roles (--role / XUKE_ROLE, docs/deployment.md): `all` listens and runs jobs; `web` listens and
 * only queues; `worker` runs the jobs and schedules and does not listen (nor seed the database).
 *
 * Jobs (docs/http-api.md "Jobs"): the queue opens on the registry's database after it (SQLite: an
 * in-process runner over the `jobs` table; PostgreSQL: pg-boss), the `document`, `scan` and
 * `bulk-check` handlers are registered (job-handlers.ts) and it starts before the server listens;
 * closing stops it (running jobs' signals abort) after the listener and before the database.
 */
import { documentViews } from '../adapters/documents/page-images.js';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildApp, loggerOptions } from '../adapters/http/app.js';
import type { HttpDeps } from '../adapters/http/http-deps.js';
import { minuteCachedClock } from '../adapters/http/read-cache.js';
import type { ZodApp } from '../adapters/http/route-types.js';
import type { ReminderDelivery } from '../adapters/notify/reminder-delivery.js';
import { systemClock } from '../adapters/system-clock.js';
import { smtpAccountMail } from '../adapters/notify/account-mail.js';
import type { AccountDeps, AccountMail } from '../app/accounts/account-deps.js';
import type { OidcClient } from '../app/accounts/oidc-sign-in.js';
import { createOidcClient } from '../adapters/oidc/oidc-client.js';
import { createFirstAdministrator } from '../app/accounts/first-start.js';
import { SIGN_IN_LINK_MINUTES, signInUrl as linkUrl } from '../app/accounts/sign-in-links.js';
import type { DatabaseConfig } from '../config/load-config.js';
import type { ReminderConfig } from '../config/reminder-config.js';
import type { ServiceSettings } from '../config/load-settings.js';
import { DomainError } from '../core/errors.js';
import {
  DEMO_AUTHORITY,
  DEMO_ORGANISATION,
  seedDemoOrganisation,
} from '../app/trust/seed-demo-organisation.js';
import type { Env } from '../config/settings.js';
import { openJobQueue } from '../adapters/jobs/open-job-queue.js';
import type { JobQueue } from '../ports/job-queue.js';
import type { AsyncDocumentThresholds } from '../adapters/http/document-jobs.js';
import { pdfPageCount, registerJobHandlers } from './job-handlers.js';
import { defaultInstanceId } from '../adapters/jobs/sqlite-job-queue.js';
import { startWorkerHealth } from './worker-health.js';
import {
  BULK_CHECK_SWEEP_MINUTES,
  bulkCheckScheduleRun,
  followRun,
  instanceSettings,
  registerScheduledJobs,
  reminderRun,
  type ScheduledRun,
  type ServiceRole,
} from './scheduled-jobs.js';
import type { Clock } from '../ports/clock.js';
import type { OpenRegistry } from './registry.js';
import { KyselyUsageCounterStore } from '../adapters/db/ocr-usage.repository.js';
import { KyselyBulkCheckScheduleStore } from '../adapters/db/bulk-check-schedule.repository.js';
import { withInstanceLock } from '../adapters/db/instance-lock.js';
import { createUsageQuota } from '../app/documents/usage-quota.js';
import { createServices, keyPassphraseOf } from './services.js';

const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
export const SEED_FILE = 'fixtures/seed/jing-b2-20180910.txt';

export interface ServeOptions {
  readonly port?: number;
  readonly host?: string;
  readonly env: Env;
  /** where the sign-in link and the listening address are printed */
  readonly print: (line: string) => void;
  /** pino options or false (tests) */
  readonly logger?: boolean | Record<string, unknown>;
  /** the time (default the system clock); tests pin it to walk reminders through downtime */
  readonly clock?: Clock;
  /**
   * whether `print` reaches a person at a terminal (default: standard output is a TTY): the first
   * start's sign-in link is printed in full only then; otherwise the line masks its code and names
   * the file (mode 0600) that holds the link
   */
  readonly interactive?: boolean;
  /** where the first start's link file goes (default: the data directory, see dataDirectoryOf) */
  readonly dataDirectory?: string;
  /** --role (over XUKE_ROLE; default all): what this instance does (docs/deployment.md) */
  readonly role?: ServiceRole;
}

export interface RunningServer {
  readonly app: ZodApp;
  /** http://host:port; empty for a worker, which does not listen */
  readonly url: string;
  readonly role: ServiceRole;
  /** the first start's one-time sign-in link (in full); null on later starts */
  readonly signInUrl: string | null;
  /** the file holding it when standard output is not a terminal; null otherwise */
  readonly signInFile: string | null;
  /**
   * a reminder run in this process now (the queue runs them on schedule); null when
   * XUKE_REMINDER_INTERVAL_MINUTES is 0 or the instance runs no jobs (role web)
   */
  readonly reminders: ScheduledRun | null;
  /** the follow of XUKE_FOLLOW_SOURCES now, likewise; null when nothing is followed */
  readonly follows: ScheduledRun | null;
  /** stop listening, let in-flight requests finish, close the database */
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const services = createServices(options.env, { preloadPdf: true });
  const settings = services.settings(['registry', 'service', 'reminders', 'documents']);
  const { service, reminders: reminderConfig } = settings;
  const instance = instanceSettings(options.env, options.role, settings.registry.database);
  const instanceId = defaultInstanceId();
  // when POST /documents answers 202 with a job
  const asyncDocuments: AsyncDocumentThresholds = {
    bytes: service.asyncDocumentBytes,
    pages: service.asyncDocumentPages,
    pdfPages: pdfPageCount,
  };
  const port = options.port ?? service.port;
  const host = options.host ?? service.host;

  // Scans through the SSRF guard; XUKE_SCAN_ALLOW_HOSTS lets an intranet or other-port site in.
  const fetcher = await services.safeFetcher(service.scanAllowHosts, 'XUKE_SCAN_ALLOW_HOSTS');
  const baseClock = options.clock ?? systemClock;
  const clock = minuteCachedClock(baseClock);
  let registry: OpenRegistry | undefined;
  let delivery: ReminderDelivery | undefined;
  let jobs: JobQueue | undefined;
  // the queue logs through the app's logger once there is one
  let log: { info(o: object, m: string): void; error(o: object, m: string): void } | null = null;
  try {
    const stores = await services.openRegistry(settings.registry.database, {
      clock,
      confirmationDays: settings.registry.confirmationDays,
      keyPassphrase: keyPassphraseOf(settings.registry),
      cache: { ttlMs: service.readCacheMs },
      accounts: {
        sessionPolicy: {
          idleMinutes: service.sessionIdleMinutes,
          maxHours: service.sessionMaxHours,
        },
        mail: accountMailOf(reminderConfig),
        publicUrl: settings.registry.publicUrl,
      },
    });
    registry = stores;
    // the job queue (docs/http-api.md "Jobs") on the registry's database: documents read
    // asynchronously, scans, bulk checks
    const database = settings.registry.database;
    const queue = await openJobQueue(stores.database, {
      ...(database.dialect === 'postgres' ? { connectionString: database.url } : {}),
      instanceId,
      heartbeatSeconds: instance.heartbeatSeconds,
      logger: {
        info: (message, fields) => log?.info(fields ?? {}, `jobs: ${message}`),
        error: (message, fields) => log?.error(fields ?? {}, `jobs: ${message}`),
      },
    });
    jobs = queue;
    // webhooks through the SSRF guard (XUKE_WEBHOOK_ALLOW_HOSTS), the configured robots and e-mail
    delivery = await services.reminderDelivery(stores.reminderDirectory, reminderConfig);
    // each organisation's OCR and upload quotas, counted in the database across instances
    const documents = {
      ...services.documents,
      quota: createUsageQuota(new KyselyUsageCounterStore(stores.database.db), clock, {
        ocrPagesPerHour: service.ocrPagesPerHour,
        uploadBytesPerDay: service.uploadBytesPerDay,
      }),
    };
    // links in mail point at XUKE_PUBLIC_URL, else at the address the server listens on
    let listening: string | null = null;
    const accounts: AccountDeps = {
      ...stores.accounts,
      get publicUrl() {
        return settings.registry.publicUrl ?? listening;
      },
    };
    // bulk checks re-checked every N days, swept on the queue (docs/bulk-check.md)
    const bulkCheckSchedules = new KyselyBulkCheckScheduleStore(stores.database.db);
    const deps: HttpDeps = {
      registry: stores.registry,
      access: stores.access,
      accounts,
      oidc: await oidcClientOf(service, settings.registry.publicUrl),
      audit: stores.audit,
      documents,
      deadlines: stores.deadlines,
      annualReports: stores.annualReports,
      renderAnnualReportPdf: (view) => services.annualReportPdf(view),
      obligations: stores.deadlines.events,
      reminders: delivery.channels,
      signing: stores.signing,
      spotChecks: stores.spotChecks,
      readElicenceFile: async (bytes, name) => {
        const { readElicenceFile } = await import('../adapters/elicence/read-elicence-file.js');
        return readElicenceFile(bytes, name);
      },
      // pdf.js and sharp load with the first page image asked for (page-images.ts)
      originals: documentViews,
      jobs: queue,
      bulkCheckSchedules,
      asyncDocuments,
      scans: {
        clock,
        scan: (organisation) => ({
          fetcher,
          registry: { store: stores.registry.store, organisation },
        }),
      },
    };

    // a worker never seeds: the first web instance does, and prints the sign-in link it can serve;
    // instances starting together on one PostgreSQL take turns, so only the first one writes
    const { role } = instance;
    const { seeded, firstAdministrator } =
      role === 'worker'
        ? { seeded: null, firstAdministrator: null }
        : await withInstanceLock(database, 'first-start', async () => ({
            seeded: await seedDemoOrganisation(
              { name: SEED_FILE, bytes: readFileSync(`${packageRoot}${SEED_FILE}`) },
              { registry: deps.registry, documents },
            ),
            // the instance's first person: on a new database, or one from before people
            firstAdministrator: await createFirstAdministrator(
              { organisations: await firstOrganisations(service.adminOrganisation, deps) },
              accounts,
            ),
          }));

    const app = await buildApp(deps, {
      logger: options.logger ?? loggerOptions(service.logLevel),
      adminOrganisation: service.adminOrganisation,
      corsOrigins: service.corsOrigins,
      rateLimitPerMinute: service.rateLimitPerMinute,
      trustProxy: service.trustProxy,
      ...(settings.registry.publicUrl === null ? {} : { publicUrl: settings.registry.publicUrl }),
      webRoot: `${packageRoot}dist/web`,
    });
    log = app.log;
    const scheduleLog = (level: 'info' | 'warn' | 'error', data: object, msg: string) => {
      app.log[level](data, msg);
    };
    // a follow without its keys stops any instance's start, as a bad setting does
    const follow = followRun(service, stores, scheduleLog);
    // a web instance only queues: its jobs run on the workers
    const scheduled =
      role === 'web'
        ? null
        : registerScheduledJobs(
            queue,
            service.adminOrganisation,
            [
              {
                kind: 'reminders',
                intervalMinutes: reminderConfig.intervalMinutes,
                run: reminderRun(stores, delivery, reminderConfig, baseClock, scheduleLog),
              },
              {
                kind: 'bulk-check-schedules',
                intervalMinutes: BULK_CHECK_SWEEP_MINUTES,
                run: bulkCheckScheduleRun(
                  { schedules: bulkCheckSchedules, jobs: queue, clock: baseClock },
                  scheduleLog,
                ),
              },
              ...(follow === null
                ? []
                : [
                    {
                      kind: 'follow' as const,
                      intervalMinutes: service.followIntervalMinutes,
                      run: follow,
                    },
                  ]),
            ],
            scheduleLog,
          );
    if (role !== 'web') registerJobHandlers(queue, deps);
    await queue.start();
    await scheduled?.start();
    let url = '';
    if (role !== 'worker') {
      await app.listen({ port, host });
      const address = app.server.address();
      const actualPort = typeof address === 'object' && address !== null ? address.port : port;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      url = `http://${shownHost}:${actualPort}`;
      listening = url;
    }
    // a worker's optional /healthz (XUKE_WORKER_HEALTH_PORT); it also keeps the process alive
    const health =
      role === 'worker' ? await startWorkerHealth(instance.workerHealthPort, host) : null;
    const signInUrl =
      firstAdministrator === null
        ? null
        : linkUrl(settings.registry.publicUrl ?? url, firstAdministrator.link.code);

    if (role === 'worker') {
      const where = health?.url ? `health ${health.url}` : 'not listening';
      options.print(`xuke: worker ${instanceId}: running jobs (${where}; docs/deployment.md)`);
    } else {
      options.print(
        `xuke: listening on ${url}  (API docs ${url}/docs)${role === 'web' ? '; role web: jobs run on the workers' : ''}`,
      );
    }
    if (seeded !== null) {
      options.print(
        `xuke: first start: the demonstration authority "${DEMO_AUTHORITY}" issued the seed licence ${seeded.number} into its register; the demo holder "${DEMO_ORGANISATION}" keeps its declared copy.`,
      );
    }
    let signInFile: string | null = null;
    if (firstAdministrator !== null && signInUrl !== null) {
      const { user, link } = firstAdministrator;
      const who = `${user.name} <${user.email ?? ''}>, the instance's administrator`;
      const until = `valid ${SIGN_IN_LINK_MINUTES} minutes, until ${beijingClock(link.link.expiresAt)} Beijing time; works once; keep it private`;
      if (options.interactive ?? process.stdout.isTTY) {
        options.print(`xuke: one-time sign-in link for ${who} (${until}):\n  ${signInUrl}`);
      } else {
        signInFile = writeSignInFile(
          options.dataDirectory ?? dataDirectoryOf(settings.registry.database),
          `${signInUrl}\n${until}\n`,
        );
        const masked = signInUrl.slice(0, signInUrl.indexOf('#code=') + '#code='.length + 4);
        options.print(
          `xuke: one-time sign-in link for ${who} (${until}): ${masked}… — the whole link is in ${signInFile} (readable by this user only)`,
        );
      }
      options.print(
        'xuke: the link asks for a name and a password (later: 设置 → 您的账户与安全 / Settings → Your account and security); `xuke user sign-in-link admin@localhost` makes a new link',
      );
    }

    let closing: Promise<void> | undefined;
    const running = scheduled?.runs.get('reminders') ?? null;
    const following = scheduled?.runs.get('follow') ?? null;
    const deliveries = delivery;
    return {
      app,
      url,
      role,
      signInUrl,
      signInFile,
      reminders: running,
      follows: following,
      close: () =>
        (closing ??= (async () => {
          try {
            await app.close(); // stops accepting, waits for in-flight requests
            await health?.close();
          } finally {
            // running jobs' signals abort; they settle before the database closes (a reminder
            // run stops between sends)
            await queue.stop();
            await running?.stop();
            await following?.stop();
            await fetcher.close();
            await deliveries.close();
            await stores.close();
          }
        })()),
    };
  } catch (e) {
    await jobs?.stop();
    await fetcher.close();
    await delivery?.close();
    await registry?.close();
    throw e;
  }
}

/**
 * Single sign-on (XUKE_OIDC_*, docs/accounts.md): the provider is discovered at start, so a wrong
 * issuer or an unreachable provider stops the start with the reason instead of failing each
 * person's sign-in later. Its redirect URI is under XUKE_PUBLIC_URL, which it therefore needs.
 */
async function oidcClientOf(
  service: ServiceSettings,
  publicUrl: string | null,
): Promise<OidcClient | null> {
  if (service.oidc === null) return null;
  if (publicUrl === null) {
    throw new DomainError(
      'INVALID_INPUT',
      '单点登录（XUKE_OIDC_ISSUER）需要 XUKE_PUBLIC_URL：身份提供方回调的地址以它开头',
      'Single sign-on (XUKE_OIDC_ISSUER) needs XUKE_PUBLIC_URL: the provider’s redirect URI starts with it',
    );
  }
  return createOidcClient({
    issuer: service.oidc.issuer,
    clientId: service.oidc.clientId,
    clientSecret: service.oidc.clientSecret,
    name: service.oidc.name,
    redirectUri: `${publicUrl.replace(/\/+$/u, '')}/api/v1/oidc/callback`,
  });
}

/** An instant as the clock time in Beijing (UTC+8): `22:20`. */
function beijingClock(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(11, 16);
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

/** The first person's organisations: the administrator organisation, and the demo pair when present. */
async function firstOrganisations(
  adminOrganisation: string,
  deps: HttpDeps,
): Promise<[string, ...string[]]> {
  const more: string[] = [];
  for (const id of [DEMO_ORGANISATION, DEMO_AUTHORITY]) {
    if (id !== adminOrganisation && (await deps.registry.organisations.findOrganisation(id))) {
      more.push(id);
    }
  }
  return [adminOrganisation, ...more];
}

/**
 * Where the service keeps files of its own: the SQLite database's directory, or `xuke-data` in the
 * working directory for PostgreSQL (and an in-memory SQLite database).
 */
export function dataDirectoryOf(database: DatabaseConfig): string {
  if (database.dialect === 'sqlite' && database.path !== ':memory:' && database.path !== '') {
    return dirname(resolve(database.path));
  }
  return resolve('xuke-data');
}

/** The first start's link in `first-sign-in.txt` under `directory`, readable by this user only. */
function writeSignInFile(directory: string, content: string): string {
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const path = join(directory, 'first-sign-in.txt');
  writeFileSync(path, content, { mode: 0o600 });
  // an older file keeps its mode on overwrite: set it
  chmodSync(path, 0o600);
  return path;
}

/** Mail to people through the reminders' SMTP server, when one is configured. */
function accountMailOf(config: ReminderConfig): AccountMail | null {
  const email = config.channels.find((c) => c.kind === 'email');
  if (email?.kind !== 'email') return null;
  return smtpAccountMail({
    host: email.host,
    port: email.port,
    secure: email.secure,
    user: email.user,
    password: email.password,
    from: email.from,
  });
}

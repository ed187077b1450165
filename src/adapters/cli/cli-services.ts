/**
 * What the commands ask the composition root for (main/services.ts builds it): the registry, the
 * reminder channels, the web. Each is built when a command asks, so `xuke parse` never loads
 * Kysely, a database driver, undici or a browser. The commands see ports and use-case
 * dependencies only: no adapter of the database, the notifiers or the web is imported here
 * (eslint.config.js forbids it).
 */
import type { AccessDeps } from '../../app/access/access-deps.js';
import type { AccountDeps } from '../../app/accounts/account-deps.js';
import type { AnnualReportDeps } from '../../app/annual-report/annual-report-deps.js';
import type { ReportView } from '../../app/annual-report/report-view.js';
import type { DeadlineDeps } from '../../app/deadlines/deadline-deps.js';
import type { Actor, TrustDeps } from '../../app/registry/registry-deps.js';
import type { SigningDeps } from '../../app/signing/signing-deps.js';
import type { SpotCheckDeps } from '../../app/spot-checks/spot-check-deps.js';
import type { Elicence, ElicenceFile } from '../../core/elicence/types.js';
import type { SignatureCrypto } from '../../ports/signing.js';
import type { RunRemindersDeps } from '../../app/reminders/run-reminders.js';
import type { ReminderConfig } from '../../config/reminder-config.js';
import type { Clock } from '../../ports/clock.js';
import type { RegistryStatistics } from '../../ports/licence-store.js';
import type { ReminderChannels, ReminderDirectory } from '../../ports/reminder-channels.js';
import type { Secrets } from '../../ports/secrets.js';
import type { DrawRandomness } from '../../ports/spot-check-store.js';
import type { PageRenderer, WebFetcher } from '../../ports/web-fetcher.js';

/** --db, --org and --actor, over $XUKE_DATABASE_URL, $XUKE_ORG and $XUKE_ACTOR. */
export interface RegistryOptions {
  readonly db?: string;
  readonly org?: string;
  readonly actor?: string;
}

/** One reminder run's dependencies, with the whole directory and channels (a dry run reads them). */
export interface ReminderRunDeps extends RunRemindersDeps {
  readonly directory: ReminderDirectory;
  readonly channels: ReminderChannels;
}

/** The registry as one command has it open. */
export interface CliRegistry {
  /** the registry's use cases' dependencies (licences, organisations, confirmations) */
  readonly deps: TrustDeps;
  /** the organisation the command acts for and who is recorded as acting */
  readonly who: Actor;
  /** the registry with the obligation events and completions: the deadline use cases' */
  readonly deadlines: DeadlineDeps;
  /** the annual-report cycle (docs/annual-report.md) */
  readonly annualReports: AnnualReportDeps;
  /** API tokens */
  readonly access: AccessDeps;
  /** people: accounts, memberships, sign-in links (docs/accounts.md) */
  readonly accounts: AccountDeps;
  /** signing keys, the register's log, follows (docs/elicence.md) */
  readonly signing: SigningDeps;
  /** the authority's random spot checks (docs/spot-checks.md) */
  readonly spotChecks: SpotCheckDeps;
  /** XUKE_PUBLIC_URL: the base URL e-licence QR codes point to; null when unset */
  readonly publicUrl: string | null;
  /** the query planner's statistics, refreshed after an import */
  readonly statistics: RegistryStatistics;
  /** where the database is (password hidden) and its engine, for messages */
  readonly database: { readonly location: string; readonly dialect: string };
  /** migrations applied while opening */
  readonly applied: readonly string[];
  /**
   * One reminder run's dependencies over this database and the channels `config` describes, for
   * `run`; with `dryRun`, over a transaction that is rolled back when `run` ends.
   */
  withReminderRun<T>(
    options: { readonly config: ReminderConfig; readonly clock: Clock; readonly dryRun: boolean },
    run: (deps: ReminderRunDeps) => Promise<T>,
  ): Promise<T>;
}

export interface CliServices {
  /**
   * The registry for `run`: the settings (--db, --org over the environment) → the database,
   * migrated → its stores, as of `clock`; closed when `run` ends, whatever happens.
   */
  withRegistry<T>(
    options: RegistryOptions,
    clock: Clock,
    run: (registry: CliRegistry) => Promise<T>,
  ): Promise<T>;
  /** the reminders' settings, as the service reads them (INVALID_INPUT naming every problem) */
  reminderConfig(): ReminderConfig;
  /** the scan's guarded fetcher; `allowHosts` (--allow-host) past the address policy */
  safeFetcher(allowHosts: readonly string[]): Promise<WebFetcher & { close(): Promise<void> }>;
  /** Chromium, every request of the page routed through the fetcher it is given */
  chromiumRenderer(): Promise<PageRenderer>;
  /** e-licences without a database: the cryptography, reading a file, rendering the PDF */
  elicenceTools(): Promise<ElicenceTools>;
  /** an annual report printed to an A4 PDF through Chromium (docs/annual-report.md) */
  annualReportPdf(view: ReportView): Promise<Uint8Array>;
  readonly secrets: Secrets;
  /** the spot-check draw's seeds and HMAC-SHA256 (`xuke spot-check verify` needs no database) */
  readonly drawRandomness: DrawRandomness;
}

/** What `xuke elicence` needs besides the registry (docs/elicence.md). */
export interface ElicenceTools {
  readonly crypto: SignatureCrypto;
  /** the JSON, or the QR text read off a PDF or a photo */
  readFile(bytes: Uint8Array, name: string): Promise<ElicenceFile>;
  /** the A4 certificate with its QR code, rendered by Chromium */
  renderPdf(elicence: Elicence, qrText: string): Promise<Uint8Array>;
}

/**
 * The registry's adapters, built in one place for the service and every CLI command: the database
 * (opened, migrated) and the Kysely stores over it (or over one of its transactions), as the use
 * cases take them: TrustDeps, DeadlineDeps, AccessDeps, the reminders' directory and sent-logs.
 * Loaded only when a process opens the database (services.ts imports it lazily), so `xuke parse`
 * never loads Kysely or a driver.
 */
import { kyselyMembershipAudit } from '../adapters/db/membership-audit.js';
import type { Kysely } from 'kysely';
import type { ReminderRunDeps } from '../adapters/cli/cli-services.js';
import type { AccessDeps } from '../app/access/access-deps.js';
import type { AccountDeps, AccountMail, SessionPolicy } from '../app/accounts/account-deps.js';
import { argon2Passwords } from '../adapters/crypto/argon2-passwords.js';
import { KyselyAccountStore } from '../adapters/db/account.repository.js';
import { KyselyInvitationStore } from '../adapters/db/invitation.repository.js';
import { KyselyOidcStore } from '../adapters/db/oidc.repository.js';
import { KyselySecondFactorStore } from '../adapters/db/second-factor.repository.js';
import type { AnnualReportDeps } from '../app/annual-report/annual-report-deps.js';
import { cycleNotices } from '../app/annual-report/cycle-notices.js';
import { annualReportIssuerRecords } from '../app/annual-report/issuer-records.js';
import { chinaCalendar } from '../core/calendar/index.js';
import type { DeadlineDeps } from '../app/deadlines/deadline-deps.js';
import type { TrustDeps } from '../app/registry/registry-deps.js';
import { syncRegisterLog } from '../app/signing/register-log.js';
import type { SigningDeps } from '../app/signing/signing-deps.js';
import type { SpotCheckDeps } from '../app/spot-checks/spot-check-deps.js';
import { signatureCrypto } from '../adapters/crypto/signature-crypto.js';
import { getJson } from '../adapters/web/get-json.js';
import {
  KyselyFollowStore,
  KyselyRegisterLogStore,
  KyselySigningKeyStore,
} from '../adapters/db/signatures.repository.js';
import { KyselyAccessStore } from '../adapters/db/access.repository.js';
import { KyselyAuditLog } from '../adapters/db/audit-query.js';
import type { AuditLog } from '../ports/audit-log.js';
import { KyselyAnnualReportStore } from '../adapters/db/annual-report.repository.js';
import { KyselyCompletionStore } from '../adapters/db/completion.repository.js';
import { KyselyLicenceStore } from '../adapters/db/licence.repository.js';
import { KyselyObligationEventStore } from '../adapters/db/obligation-event.repository.js';
import { migrateToLatest, openDatabase, type OpenDatabase } from '../adapters/db/open-database.js';
import { kyselyTrustStores } from '../adapters/db/organisation.repository.js';
import { kyselyRegistryStatistics } from '../adapters/db/planner-statistics.js';
import { KyselyReminderDirectory, KyselyReminderLog } from '../adapters/db/reminder.repository.js';
import { KyselySpotCheckStore } from '../adapters/db/spot-check.repository.js';
import type { Database } from '../adapters/db/tables/database.js';
import {
  cachedAccessStore,
  cachedLicenceStore,
  cachedOrganisationStore,
} from '../adapters/http/read-cache.js';
import { nodeDrawRandomness } from '../adapters/node-draw-randomness.js';
import { nodeSecrets } from '../adapters/node-secrets.js';
import type { DatabaseConfig } from '../config/load-config.js';
import type { Clock } from '../ports/clock.js';
import type { RegistryStatistics } from '../ports/licence-store.js';
import type { ReminderChannels, ReminderDirectory } from '../ports/reminder-channels.js';

export interface RegistryServiceOptions {
  readonly clock: Clock;
  /** XUKE_CONFIRMATION_DAYS */
  readonly confirmationDays: number;
  /** the service's read caches of licences and tokens (XUKE_READ_CACHE_MS); none in the CLI */
  readonly cache?: { readonly ttlMs: number };
  /** the key-encryption passphrase (XUKE_KEY_PASSPHRASE[_FILE]), read when a key is used */
  readonly keyPassphrase?: () => string | undefined;
  /**
   * people's sessions and mail (docs/accounts.md): XUKE_SESSION_*, the reminders' SMTP server,
   * XUKE_PUBLIC_URL; default 120 idle minutes, 12 hours, no mail, no public URL
   */
  readonly accounts?: {
    readonly sessionPolicy: SessionPolicy;
    readonly mail: AccountMail | null;
    readonly publicUrl: string | null;
  };
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 120, maxHours: 12 };

/** Everything the use cases need from one database, or from one transaction of it. */
export interface RegistryServices {
  /** licences, organisations, confirmations */
  readonly registry: TrustDeps;
  /** the registry with the obligation events and completions */
  readonly deadlines: DeadlineDeps;
  /** the deadlines and the register with the annual-report cycle's records */
  readonly annualReports: AnnualReportDeps;
  /** API tokens, webhooks, the audit log's read */
  readonly access: AccessDeps;
  /** people: accounts, sessions, invitations, single sign-on, second factors */
  readonly accounts: AccountDeps;
  /** the audit log read with filters (person, licence, action, dates) */
  readonly audit: AuditLog;
  /** the registry with the signing keys, the register's log and the follows (docs/elicence.md) */
  readonly signing: SigningDeps;
  /** the query planner's statistics */
  readonly statistics: RegistryStatistics;
  /** an authority's random spot checks, drawn from its register (docs/spot-checks.md) */
  readonly spotChecks: SpotCheckDeps;
  /** whom to remind: organisations with licences, their webhook subscriptions */
  readonly reminderDirectory: ReminderDirectory;
  /**
   * One reminder run's dependencies (the service's scheduler, `xuke reminders run`): the deadlines
   * as of `clock`, whom to remind, the channels, each organisation's sent-log.
   */
  reminderRun(
    channels: ReminderChannels,
    options: {
      readonly clock: Clock;
      readonly leads: readonly number[];
      readonly signal?: AbortSignal;
    },
  ): ReminderRunDeps;
}

/** The signing use cases' dependencies over `db`, with `registry`'s stores. */
export function signingServices(
  db: Kysely<Database>,
  registry: TrustDeps,
  keyPassphrase: () => string | undefined = () => undefined,
): SigningDeps {
  return {
    ...registry,
    keys: new KyselySigningKeyStore(db, signatureCrypto.publicKeyToPem),
    log: new KyselyRegisterLogStore(db),
    follows: new KyselyFollowStore(db),
    crypto: signatureCrypto,
    passphrase: keyPassphrase,
    newId: () => nodeSecrets.newId(),
    fetchJson: getJson,
  };
}

export function registryServices(
  db: Kysely<Database>,
  options: RegistryServiceOptions,
): RegistryServices {
  const { clock, cache } = options;
  const licences = new KyselyLicenceStore(db, clock);
  const accessStore = new KyselyAccessStore(db);
  const trust = kyselyTrustStores(db, clock, options.confirmationDays);
  const stores: TrustDeps = {
    store: cache === undefined ? licences : cachedLicenceStore(licences, cache),
    clock,
    ...trust,
    organisations:
      cache === undefined
        ? trust.organisations
        : cachedOrganisationStore(trust.organisations, cache),
  };
  const signing = signingServices(db, stores, options.keyPassphrase);
  const registry: TrustDeps = {
    ...stores,
    // the register's signed log catches up after each register write; a failure to sign (no key
    // yet, no passphrase) never fails the write: the next sync signs what waits
    registerWritten: async (organisation) => {
      const authority = await trust.organisations.findOrganisation(organisation);
      if (authority === undefined) return;
      try {
        await syncRegisterLog(authority, signing, { quiet: true });
      } catch {
        // caught up by the next checkpoint or entries request
      }
    },
  };
  const reports = new KyselyAnnualReportStore(db);
  const deadlines: DeadlineDeps = {
    ...registry,
    events: new KyselyObligationEventStore(db),
    completions: new KyselyCompletionStore(db),
    // make-up orders and accepted reports of authorities on this instance reach holders' deadlines
    issuerRecords: (numbers) =>
      annualReportIssuerRecords(numbers, { reports, organisations: registry.organisations }),
  };
  const annualReports: AnnualReportDeps = { ...registry, ...deadlines, reports };
  const reminderDirectory = new KyselyReminderDirectory(db);
  return {
    registry,
    deadlines,
    annualReports,
    access: {
      access: cache === undefined ? accessStore : cachedAccessStore(accessStore, cache),
      secrets: nodeSecrets,
      clock,
    },
    audit: new KyselyAuditLog(db),
    accounts: {
      accounts: new KyselyAccountStore(db),
      invitations: new KyselyInvitationStore(db),
      oidc: new KyselyOidcStore(db),
      secondFactors: new KyselySecondFactorStore(db),
      membershipAudit: kyselyMembershipAudit(db),
      passwords: argon2Passwords,
      secrets: nodeSecrets,
      clock,
      sessionPolicy: options.accounts?.sessionPolicy ?? DEFAULT_SESSION_POLICY,
      mail: options.accounts?.mail ?? null,
      publicUrl: options.accounts?.publicUrl ?? null,
    },
    signing,
    statistics: kyselyRegistryStatistics(db),
    spotChecks: {
      spotChecks: new KyselySpotCheckStore(db),
      store: registry.store,
      organisations: registry.organisations,
      clock,
      randomness: nodeDrawRandomness,
      newId: () => nodeSecrets.newId(),
    },
    reminderDirectory,
    reminderRun: (channels, run) => ({
      ...deadlines,
      clock: run.clock,
      directory: reminderDirectory,
      channels,
      logFor: (organisation) => new KyselyReminderLog(db, organisation),
      // the annual-report cycle's notices: a report returned or accepted, a listing, a removal
      notices: (organisation) =>
        cycleNotices(organisation, { ...annualReports, clock: run.clock }, chinaCalendar()),
      leads: run.leads,
      ...(run.signal === undefined ? {} : { signal: run.signal }),
    }),
  };
}

export interface OpenRegistry extends RegistryServices {
  readonly database: OpenDatabase;
  /** migrations applied while opening */
  readonly applied: readonly string[];
  /** `run` over a transaction, with the services built over it; rolled back when `run` ends */
  rolledBack<T>(run: (services: RegistryServices) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Thrown to roll a transaction back once its work is done. */
class Rollback extends Error {
  constructor() {
    super('rolled back');
  }
}

/** Open (and for SQLite, create) the database, migrate it, and build the services over it. */
export async function openRegistry(
  config: DatabaseConfig,
  options: RegistryServiceOptions,
): Promise<OpenRegistry> {
  const database = await openDatabase(config);
  try {
    // Migrations are idempotent and cheap to check: a new database is ready on first use.
    const applied = await migrateToLatest(database.db);
    return {
      ...registryServices(database.db, options),
      database,
      applied,
      rolledBack: async <T>(run: (services: RegistryServices) => Promise<T>): Promise<T> => {
        let done: { value: T } | undefined;
        try {
          await database.db.transaction().execute(async (trx) => {
            // no read cache over a transaction: its reads must not outlive it
            const { clock, confirmationDays, keyPassphrase, accounts } = options;
            const inner = {
              clock,
              confirmationDays,
              ...(keyPassphrase === undefined ? {} : { keyPassphrase }),
              ...(accounts === undefined ? {} : { accounts }),
            };
            done = { value: await run(registryServices(trx, inner)) };
            throw new Rollback();
          });
        } catch (e) {
          if (!(e instanceof Rollback)) throw e;
        }
        if (done === undefined) throw new Error('the transaction was not rolled back');
        return done.value;
      },
      close: () => database.close(),
    };
  } catch (e) {
    await database.close();
    throw e;
  }
}

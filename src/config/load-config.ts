/**
 * The registry's settings (settings.ts declares them): the database, the organisation a command
 * acts for, when a confirmation falls due. `loadConfig` reads them alone (the CLI's registry
 * commands, with --db and --org over the environment); load-settings.ts reads them with the rest.
 */
import { SettingsReader, type Env } from './settings.js';
import { parseDatabaseUrl, type DatabaseConfig } from './settings.js';

export {
  DEFAULT_ORGANISATION,
  DEFAULT_SQLITE_PATH,
  OrganisationIdSchema,
  parseDatabaseUrl,
  redact,
  type DatabaseConfig,
} from './settings.js';

export interface Config {
  readonly database: DatabaseConfig;
  readonly organisation: string;
  /** XUKE_CONFIRMATION_DAYS: days after which an official-query confirmation falls due (90) */
  readonly confirmationDays: number;
  /** XUKE_KEY_PASSPHRASE: encrypts signing keys at rest (docs/elicence.md); null when unset */
  readonly keyPassphrase: string | null;
  /** XUKE_KEY_PASSPHRASE_FILE: a file holding it instead */
  readonly keyPassphraseFile: string | null;
  /** XUKE_PUBLIC_URL: the base URL printed in e-licence QR codes */
  readonly publicUrl: string | null;
}

/** Values given on the command line, which win over the environment. */
export interface ConfigOverrides {
  readonly databaseUrl?: string | undefined;
  readonly organisation?: string | undefined;
}

/** The registry's section: XUKE_DB_POOL_MAX, XUKE_DATABASE_URL, XUKE_CONFIRMATION_DAYS, XUKE_ORG. */
export function registrySettings(r: SettingsReader): Config {
  const poolMax = r.get('XUKE_DB_POOL_MAX');
  // the URL was checked as it was read: a bad one reads as the default and is reported
  const database = parseDatabaseUrl(r.get('XUKE_DATABASE_URL'), poolMax);
  if (typeof database === 'string') throw new Error(`unreachable: ${database}`);
  return Object.freeze({
    database: Object.freeze(database),
    confirmationDays: r.get('XUKE_CONFIRMATION_DAYS'),
    organisation: r.get('XUKE_ORG'),
    keyPassphrase: r.get('XUKE_KEY_PASSPHRASE'),
    keyPassphraseFile: r.get('XUKE_KEY_PASSPHRASE_FILE'),
    publicUrl: r.get('XUKE_PUBLIC_URL'),
  });
}

/** Read the registry's settings. Throws one DomainError INVALID_INPUT listing every problem. */
export function loadConfig(env: Env, overrides: ConfigOverrides = {}): Config {
  const r = new SettingsReader(env, {
    XUKE_DATABASE_URL: overrides.databaseUrl,
    XUKE_ORG: overrides.organisation,
  });
  const config = registrySettings(r);
  r.check();
  return config;
}

/**
 * A process's settings, by section: each section reads the settings it needs (settings.ts declares
 * them all) and makes them what its users take. A process loads the sections it uses, all at once:
 * one DomainError INVALID_INPUT lists every problem of every section, so `npm start` with three bad
 * variables names all three. The CLI loads `cli` and `documents` when it starts, `registry` when a
 * command opens the database, `reminders` for `xuke reminders run`; the service loads them all.
 */
import { registrySettings, type Config, type ConfigOverrides } from './load-config.js';
import { reminderSettings, type ReminderConfig } from './reminder-config.js';
import { SettingsReader, type Env } from './settings.js';

export interface CliSettings {
  /** XUKE_ACTOR; null: the composition root's default (`cli:<login>`) */
  readonly actor: string | null;
  /** XUKE_LANG: the default of --lang */
  readonly lang: 'zh' | 'en';
}

export interface DocumentSettings {
  /** XUKE_TESSERACT: the executable; null: `tesseract` on the PATH */
  readonly tesseract: string | null;
  /** XUKE_TESSDATA: a tessdata directory; null: Tesseract's own */
  readonly tessdata: string | null;
  /** XUKE_OCR_ENGINES: Tesseract, PaddleOCR re-reading its doubtful lines, or PaddleOCR every line */
  readonly ocrEngines: 'combined' | 'tesseract' | 'paddle';
  /** XUKE_OCR_PAGES_IN_FLIGHT; null: the machine's cores */
  readonly ocrPagesInFlight: number | null;
  /** XUKE_OCR_QUEUE_PAGES; null: 8 × in flight */
  readonly ocrQueuePages: number | null;
}

export interface ServiceSettings {
  readonly port: number;
  readonly host: string;
  readonly adminOrganisation: string;
  readonly corsOrigins: readonly string[];
  /** HOST:PORT entries, validated */
  readonly scanAllowHosts: readonly string[];
  readonly rateLimitPerMinute: number;
  /** XUKE_OCR_PAGES_PER_HOUR and XUKE_UPLOAD_BYTES_PER_DAY: each organisation's quotas (0: none) */
  readonly ocrPagesPerHour: number;
  readonly uploadBytesPerDay: number;
  /** XUKE_ASYNC_DOCUMENT_BYTES and _PAGES: an upload over either is answered 202 with a job */
  readonly asyncDocumentBytes: number;
  readonly asyncDocumentPages: number;
  /** XUKE_TRUST_PROXY: addresses, CIDRs or range names, validated; empty: trust none */
  readonly trustProxy: readonly string[];
  readonly logLevel: string;
  readonly readCacheMs: number;
  /** XUKE_FOLLOW_SOURCES: registers followed on a schedule (docs/elicence.md) */
  readonly followSources: readonly string[];
  /** XUKE_FOLLOW_KEYS: their authorities' keys.json */
  readonly followKeys: string | null;
  readonly followIntervalMinutes: number;
  /** browser sessions (docs/accounts.md) */
  readonly sessionIdleMinutes: number;
  readonly sessionMaxHours: number;
  /** single sign-on; null when XUKE_OIDC_ISSUER is unset */
  readonly oidc: {
    readonly issuer: string;
    readonly clientId: string;
    readonly clientSecret: string;
    readonly name: string;
  } | null;
}

export interface Settings {
  readonly registry: Config;
  readonly cli: CliSettings;
  readonly documents: DocumentSettings;
  readonly service: ServiceSettings;
  readonly reminders: ReminderConfig;
}

export type SettingsSection = keyof Settings;

const SECTIONS: { readonly [S in SettingsSection]: (r: SettingsReader) => Settings[S] } = {
  registry: registrySettings,
  cli: (r) => ({ actor: r.get('XUKE_ACTOR'), lang: r.get('XUKE_LANG') }),
  documents: (r) => ({
    tesseract: r.get('XUKE_TESSERACT'),
    tessdata: r.get('XUKE_TESSDATA'),
    ocrEngines: r.get('XUKE_OCR_ENGINES'),
    ocrPagesInFlight: r.get('XUKE_OCR_PAGES_IN_FLIGHT'),
    ocrQueuePages: r.get('XUKE_OCR_QUEUE_PAGES'),
  }),
  service: (r) => ({
    port: r.get('PORT'),
    host: r.get('HOST'),
    adminOrganisation: r.get('XUKE_ADMIN_ORG'),
    corsOrigins: r.get('XUKE_CORS_ORIGINS'),
    scanAllowHosts: r.get('XUKE_SCAN_ALLOW_HOSTS'),
    rateLimitPerMinute: r.get('XUKE_RATE_LIMIT'),
    ocrPagesPerHour: r.get('XUKE_OCR_PAGES_PER_HOUR'),
    uploadBytesPerDay: r.get('XUKE_UPLOAD_BYTES_PER_DAY'),
    asyncDocumentBytes: r.get('XUKE_ASYNC_DOCUMENT_BYTES'),
    asyncDocumentPages: r.get('XUKE_ASYNC_DOCUMENT_PAGES'),
    trustProxy: r.get('XUKE_TRUST_PROXY'),
    logLevel: r.get('XUKE_LOG_LEVEL'),
    readCacheMs: r.get('XUKE_READ_CACHE_MS'),
    followSources: r.get('XUKE_FOLLOW_SOURCES'),
    followKeys: r.get('XUKE_FOLLOW_KEYS'),
    followIntervalMinutes: r.get('XUKE_FOLLOW_INTERVAL_MINUTES'),
    sessionIdleMinutes: r.get('XUKE_SESSION_IDLE_MINUTES'),
    sessionMaxHours: r.get('XUKE_SESSION_MAX_HOURS'),
    oidc: oidcSettings(r),
  }),
  // the configured channels serve the instance's administrator unless XUKE_REMINDER_ORG says
  reminders: (r) => reminderSettings(r, r.get('XUKE_ADMIN_ORG')),
};

/**
 * Read the named sections of the settings (--db and --org in `overrides` win over XUKE_DATABASE_URL
 * and XUKE_ORG). Throws one DomainError INVALID_INPUT listing every problem.
 */
export function loadSettings<const S extends SettingsSection>(
  env: Env,
  sections: readonly S[],
  overrides: ConfigOverrides = {},
): Pick<Settings, S> {
  const r = new SettingsReader(env, {
    XUKE_DATABASE_URL: overrides.databaseUrl,
    XUKE_ORG: overrides.organisation,
  });
  const out: Partial<Record<SettingsSection, unknown>> = {};
  for (const section of sections) out[section] = Object.freeze(SECTIONS[section](r));
  r.check();
  return Object.freeze(out) as Pick<Settings, S>;
}

/** XUKE_OIDC_*: all of issuer, client id and secret, or none. */
function oidcSettings(r: SettingsReader): ServiceSettings['oidc'] {
  const issuer = r.get('XUKE_OIDC_ISSUER');
  const clientId = r.get('XUKE_OIDC_CLIENT_ID');
  const clientSecret = r.get('XUKE_OIDC_CLIENT_SECRET');
  const name = r.get('XUKE_OIDC_NAME');
  if (issuer === null && clientId === null && clientSecret === null) return null;
  if (issuer === null || clientId === null || clientSecret === null) {
    r.report({
      zh: '单点登录需要同时设置 XUKE_OIDC_ISSUER、XUKE_OIDC_CLIENT_ID 和 XUKE_OIDC_CLIENT_SECRET',
      en: 'Single sign-on needs XUKE_OIDC_ISSUER, XUKE_OIDC_CLIENT_ID and XUKE_OIDC_CLIENT_SECRET together',
    });
    return null;
  }
  return { issuer, clientId, clientSecret, name };
}

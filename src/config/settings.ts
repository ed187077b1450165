/**
 * Every setting xuke reads from the environment, declared once: its name, type, default and
 * meaning. docs/settings.md is generated from this table (settings.test.ts checks it), and
 * `SettingsReader` is the one place a value is read and checked: every problem is collected, each
 * naming its variable (or the flag that overrode it), so a user fixes them in one go.
 *
 * Which settings a process reads, and what they become, is load-settings.ts (the sections).
 */
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { DomainError } from '../core/errors.js';
import { parseAllowedHost } from '../core/scan/address-policy.js';
import { ORGANISATION_ID } from '../core/trust/types.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** One problem with one setting, in zh-CN and English. */
export interface Problem {
  readonly zh: string;
  readonly en: string;
}

export const DEFAULT_SQLITE_PATH = './xuke-data/xuke.sqlite';
export const DEFAULT_ORGANISATION = 'default';
/** The organisation the first start seeds, whose admins administer the instance by default. */
export const DEFAULT_ADMIN_ORGANISATION = 'demo';

export type DatabaseConfig =
  | { readonly dialect: 'sqlite'; readonly path: string }
  | { readonly dialect: 'postgres'; readonly url: string; readonly poolMax: number };

/** An organisation id: lower-case letters, digits, `-` and `_`, 1–64 characters. */
export const OrganisationIdSchema = z
  .string()
  .regex(ORGANISATION_ID, 'expected 1–64 of a-z 0-9 - _ (starting with a letter or digit)');

/** A URL with its password hidden, for messages. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/u, '$1***@');
}

/**
 * Where the database is, from a URL: `postgres://…`, `sqlite://PATH` (relative or absolute;
 * `sqlite:///abs/path` also works), `sqlite::memory:`. Returns an error message for anything else.
 */
export function parseDatabaseUrl(url: string, poolMax = 10): DatabaseConfig | string {
  if (/^postgres(ql)?:\/\//iu.test(url)) {
    try {
      new URL(url);
    } catch {
      return `"${redact(url)}" is not a valid URL`;
    }
    return { dialect: 'postgres', url, poolMax };
  }
  if (url === 'sqlite::memory:') return { dialect: 'sqlite', path: ':memory:' };
  const m = /^sqlite:\/\/(.+)$/u.exec(url);
  if (m?.[1]) return { dialect: 'sqlite', path: m[1] };
  return `"${redact(url)}" is neither postgres://… nor sqlite://PATH`;
}

// ---------------------------------------------------------------------------------------------
// Kinds: what a value may be, how the documentation names it, and the message when it is not.

type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly Problem[] };

export interface Kind<T> {
  /** the type as docs/settings.md shows it */
  readonly type: string;
  /** `raw` is trimmed and not empty; `source` names the variable, or the flag that overrode it */
  parse(raw: string, source: string): Outcome<T>;
}

const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const bad = <T>(zh: string, en: string): Outcome<T> => ({ ok: false, problems: [{ zh, en }] });

const text: Kind<string> = { type: 'text', parse: (raw) => ok(raw) };

function integer(min: number, max: number): Kind<number> {
  return {
    type: `integer ${min}–${max}`,
    parse: (raw, source) => {
      const n = Number(raw);
      return Number.isInteger(n) && n >= min && n <= max
        ? ok(n)
        : bad(
            `${source}：“${raw}”不是 ${min} 到 ${max} 之间的整数`,
            `${source}: "${raw}" is not an integer between ${min} and ${max}`,
          );
    },
  };
}

function oneOf<const T extends string>(values: readonly T[]): Kind<T> {
  return {
    type: values.join(' \\| '),
    parse: (raw, source) => {
      const found = values.find((v) => v === raw);
      return found !== undefined
        ? ok(found)
        : bad(
            `${source}：“${raw}”应为 ${values.join('、')} 之一`,
            `${source}: "${raw}" should be one of ${values.join(', ')}`,
          );
    },
  };
}

/** zh or en; `zh-CN`, `en-US` and the like are read as their language. */
const language: Kind<'zh' | 'en'> = {
  type: 'zh \\| en',
  parse: (raw, source) => {
    const v = raw.toLowerCase();
    if (v === 'en' || v.startsWith('en-')) return ok<'zh' | 'en'>('en');
    if (v.startsWith('zh')) return ok<'zh' | 'en'>('zh');
    return bad(`${source}：“${raw}”应为 zh 或 en`, `${source}: "${raw}" should be zh or en`);
  },
};

/** Comma-separated entries, trimmed, empty ones left out. */
function entries(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

const list: Kind<readonly string[]> = {
  type: 'comma-separated list',
  parse: (raw) => ok(entries(raw)),
};

/** `HOST:PORT,…` entries of an allow-list, each checked as the address policy reads it. */
const hostPorts: Kind<readonly string[]> = {
  type: 'HOST:PORT,…',
  parse: (raw, source) => {
    const problems: Problem[] = [];
    for (const entry of entries(raw)) {
      const parsed = parseAllowedHost(entry, source);
      if (!parsed.ok) problems.push({ zh: parsed.message, en: parsed.messageEn });
    }
    return problems.length === 0 ? ok(entries(raw)) : { ok: false, problems };
  },
};

/** Working days, comma-separated; kept largest first, each once. */
const leadWorkdays: Kind<readonly number[]> = {
  type: 'working days 0–250, comma-separated',
  parse: (raw, source) => {
    const leads = raw.split(',').map((s) => Number(s.trim()));
    if (leads.some((n) => !Number.isInteger(n) || n < 0 || n > 250)) {
      return bad(
        `${source}：“${raw}”应为逗号分隔的 0 到 250 之间的工作日数，如 10,5,1`,
        `${source}: "${raw}" should be working days from 0 to 250, comma-separated, e.g. 10,5,1`,
      );
    }
    return ok([...new Set(leads)].sort((a, b) => b - a));
  },
};

const organisationId: Kind<string> = {
  type: 'organisation id (a-z 0-9 - _)',
  parse: (raw, source) => {
    const check = OrganisationIdSchema.safeParse(raw);
    if (check.success) return ok(raw);
    const why = check.error.issues.map((i) => i.message).join('; ');
    return bad(
      `${source}：组织标识“${raw}”无效（${why}）`,
      `${source}: "${raw}" is not an organisation id (${why})`,
    );
  },
};

const databaseUrl: Kind<string> = {
  type: 'postgres://… \\| sqlite://PATH \\| sqlite::memory:',
  parse: (raw, source) => {
    const parsed = parseDatabaseUrl(raw);
    if (typeof parsed !== 'string') return ok(raw);
    const zh = /not a valid URL/u.test(parsed)
      ? `“${redact(raw)}”不是有效的 URL`
      : `“${redact(raw)}”既不是 postgres://… 也不是 sqlite://路径`;
    return bad(`${source}：${zh}`, `${source}: ${parsed}`);
  },
};

/** A robot's URL: https (http only for a local test receiver), shown redacted in messages. */
const httpUrl: Kind<string> = {
  type: 'http(s) URL',
  parse: (raw, source) => {
    try {
      const u = new URL(raw);
      if (u.protocol === 'https:' || u.protocol === 'http:') return ok(raw);
    } catch {
      // reported below
    }
    return bad(
      `${source}：“${redact(raw)}”不是 http(s) 网址`,
      `${source}: "${redact(raw)}" is not an http(s) URL`,
    );
  },
};

/** An SMTP server; its sender and recipients are their own settings. */
const smtpUrl: Kind<URL> = {
  type: 'smtp[s]://[user:password@]host[:port]',
  parse: (raw, source) => {
    let u: URL | undefined;
    try {
      u = new URL(raw);
    } catch {
      u = undefined;
    }
    if (u !== undefined && (u.protocol === 'smtp:' || u.protocol === 'smtps:') && u.hostname) {
      return ok(u);
    }
    return bad(
      `${source}：“${redact(raw)}”应为 smtp://主机[:端口] 或 smtps://…`,
      `${source}: "${redact(raw)}" should be smtp://host[:port] or smtps://…`,
    );
  },
};

/** Names of address ranges that fastify's `trustProxy` (proxy-addr) knows. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'] as const;

/** Whether an entry is none of: an address, a CIDR, a range's name. */
function notATrustedProxy(entry: string): boolean {
  if ((PROXY_RANGES as readonly string[]).includes(entry)) return false;
  const slash = entry.indexOf('/');
  const address = slash < 0 ? entry : entry.slice(0, slash);
  const v4 = ipaddr.IPv4.isValidFourPartDecimal(address);
  if (!v4 && !ipaddr.IPv6.isValid(address)) return true;
  if (slash < 0) return false;
  const bits = entry.slice(slash + 1);
  const n = Number(bits);
  return !/^\d{1,3}$/u.test(bits) || n > (v4 ? 32 : 128);
}

/** The trusted proxies: addresses and CIDRs (IPv4 or IPv6), comma-separated. */
const trustedProxies: Kind<readonly string[]> = {
  type: 'addresses or CIDRs, comma-separated',
  parse: (raw, source) => {
    const wrong = entries(raw).filter(notATrustedProxy);
    if (wrong.length === 0) return ok(entries(raw));
    return bad(
      `${source}：“${wrong.join('”、“')}”不是 IP 地址或 CIDR（如 10.0.0.1、10.0.0.0/8、fd00::/8、loopback）`,
      `${source}: "${wrong.join('", "')}" ${wrong.length === 1 ? 'is' : 'are'} not an IP address or CIDR (e.g. 10.0.0.1, 10.0.0.0/8, fd00::/8, loopback)`,
    );
  },
};

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

// ---------------------------------------------------------------------------------------------
// The settings

/** Who reads a setting: the documentation's sections. */
export type SettingGroup = 'registry' | 'cli' | 'documents' | 'service' | 'reminders';

export const SETTING_GROUPS: Readonly<Record<SettingGroup, string>> = {
  registry: 'The registry (the CLI and the service)',
  cli: 'The CLI',
  documents: 'Reading documents (the CLI and the service)',
  service: 'The service (`npm start`, `xuke serve`)',
  reminders: 'Reminders (the service’s scheduler and `xuke reminders run`)',
};

export interface SettingSpec<T> {
  readonly group: SettingGroup;
  readonly kind: Kind<T>;
  /** the value when the variable is unset or empty; null: none, or computed where it is used */
  readonly default: T;
  /** the default as the documentation shows it (when `default` does not say it) */
  readonly shownDefault?: string;
  readonly meaning: string;
  /** the command-line flag that wins over the variable */
  readonly flag?: string;
}

function setting<T>(spec: SettingSpec<T>): SettingSpec<T> {
  return spec;
}

function optional<T>(kind: Kind<T>): Kind<T | null> {
  return kind;
}

export const SETTINGS = {
  // -- the registry
  XUKE_DATABASE_URL: setting({
    group: 'registry',
    kind: databaseUrl,
    default: `sqlite://${DEFAULT_SQLITE_PATH}`,
    flag: '--db',
    meaning: 'the database: PostgreSQL through a pool, or an SQLite file created on first use',
  }),
  XUKE_DB_POOL_MAX: setting({
    group: 'registry',
    kind: integer(1, 1000),
    default: 10,
    meaning: 'PostgreSQL pool size',
  }),
  XUKE_CONFIRMATION_DAYS: setting({
    group: 'registry',
    kind: integer(1, 3650),
    default: 90,
    meaning: 'days after which an official-query confirmation falls due (docs/trust.md)',
  }),
  XUKE_KEY_PASSPHRASE: setting({
    group: 'registry',
    kind: optional(text),
    default: null,
    meaning:
      'the passphrase (12 characters or more) that encrypts authorities’ SM2 signing keys at rest; needed to create keys and to sign e-licences, register entries and checkpoints (docs/elicence.md). Never logged',
  }),
  XUKE_KEY_PASSPHRASE_FILE: setting({
    group: 'registry',
    kind: optional(text),
    default: null,
    meaning:
      'a file holding the key passphrase instead (one line); not together with XUKE_KEY_PASSPHRASE',
  }),
  XUKE_PUBLIC_URL: setting({
    group: 'registry',
    kind: optional(text),
    default: null,
    shownDefault: 'the address the service listens on',
    meaning: 'the base URL the public reaches this instance at: printed in e-licence QR codes',
  }),
  XUKE_ORG: setting({
    group: 'registry',
    kind: organisationId,
    default: DEFAULT_ORGANISATION,
    flag: '--org',
    meaning: 'the organisation (tenant) a command acts for',
  }),
  // -- the CLI
  XUKE_ACTOR: setting({
    group: 'cli',
    kind: optional(text),
    default: null,
    shownDefault: '`cli:<login>`',
    flag: '--actor',
    meaning: 'who a command records as the actor on events and audit entries',
  }),
  XUKE_LANG: setting<'zh' | 'en'>({
    group: 'cli',
    kind: language,
    default: 'zh',
    flag: '--lang',
    meaning: 'the language commands print in',
  }),
  // -- reading documents
  XUKE_TESSERACT: setting({
    group: 'documents',
    kind: optional(text),
    default: null,
    shownDefault: '`tesseract` on the PATH',
    meaning: 'the Tesseract executable that reads scans (docs/reading-documents.md)',
  }),
  XUKE_TESSDATA: setting({
    group: 'documents',
    kind: optional(text),
    default: null,
    shownDefault: 'Tesseract’s own',
    meaning: 'a tessdata directory holding `chi_sim`',
  }),
  XUKE_OCR_ENGINES: setting<'combined' | 'tesseract' | 'paddle'>({
    group: 'documents',
    kind: oneOf(['combined', 'tesseract', 'paddle'] as const),
    default: 'combined',
    meaning:
      'which OCR engines read scans (docs/reading-documents.md "Two engines"): `combined`, Tesseract with PaddleOCR re-reading the lines Tesseract is unsure of (Tesseract alone when the PaddleOCR model cannot load); `tesseract` alone; `paddle`, PaddleOCR reading every line Tesseract finds',
  }),
  XUKE_OCR_PAGES_IN_FLIGHT: setting({
    group: 'documents',
    kind: optional(integer(1, 1024)),
    default: null,
    shownDefault: 'the machine’s cores',
    meaning:
      'pages read by OCR at once in this process, across every document and organisation (docs/reading-documents.md "Admission control"); each runs one single-threaded Tesseract, and the PaddleOCR recogniser has as many threads (at most the cores)',
  }),
  XUKE_OCR_QUEUE_PAGES: setting({
    group: 'documents',
    kind: optional(integer(1, 1_000_000)),
    default: null,
    shownDefault: '8 × XUKE_OCR_PAGES_IN_FLIGHT',
    meaning:
      'pages admitted and waiting for OCR; a document that would pass it, or its organisation’s share of it (a quarter), is refused at once with 503 and `Retry-After`. Waiting pages are served round-robin by organisation',
  }),
  // -- the service
  PORT: setting({
    group: 'service',
    kind: integer(0, 65535),
    default: 3000,
    flag: '--port',
    meaning: 'the port to listen on',
  }),
  HOST: setting({
    group: 'service',
    kind: text,
    default: '127.0.0.1',
    flag: '--host',
    meaning: 'the address to listen on',
  }),
  XUKE_ROLE: setting<'all' | 'web' | 'worker'>({
    group: 'service',
    kind: oneOf(['all', 'web', 'worker'] as const),
    default: 'all',
    flag: '--role',
    meaning:
      'what this instance does (docs/deployment.md): `web` answers the API and the UI and queues jobs, `worker` runs the queued and scheduled jobs (reminders, follows) without listening, `all` both. `web` and `worker` need PostgreSQL (the queue they share); on SQLite only `all`',
  }),
  XUKE_WORKER_HEALTH_PORT: setting({
    group: 'service',
    kind: optional(integer(0, 65535)),
    default: null,
    shownDefault: 'none: a worker does not listen',
    meaning:
      'a `--role worker` instance answers `GET /healthz` on this port (on HOST), for a supervisor or orchestrator; nothing else is served there (docs/deployment.md)',
  }),
  XUKE_JOB_HEARTBEAT_SECONDS: setting({
    group: 'service',
    kind: integer(1, 300),
    default: 10,
    meaning:
      'how often a running job tells the queue its instance is alive; after three missed heartbeats (an instance killed or cut off) the job is queued again for another instance (docs/deployment.md)',
  }),
  XUKE_ADMIN_ORG: setting({
    group: 'service',
    kind: organisationId,
    default: DEFAULT_ADMIN_ORGANISATION,
    meaning:
      'the organisation whose admins administer the instance: create and list organisations, switch to another organisation’s side (docs/trust.md). Public verification answers from the authorities’ registers, not from one organisation',
  }),
  XUKE_CORS_ORIGINS: setting<readonly string[]>({
    group: 'service',
    kind: list,
    default: [],
    meaning: 'origins allowed cross-origin; without it no CORS header is ever sent',
  }),
  XUKE_SCAN_ALLOW_HOSTS: setting<readonly string[]>({
    group: 'service',
    kind: hostPorts,
    default: [],
    meaning:
      'sites `POST /scans` may reach past the address policy (a staging site on the private network or another port); the service’s counterpart of `xuke scan --allow-host`; a refusal it would lift tells the user to ask an administrator to allow the `HOST:PORT` (the refusal’s cause names this setting)',
  }),
  XUKE_OCR_PAGES_PER_HOUR: setting({
    group: 'service',
    kind: integer(0, 100_000_000),
    default: 600,
    meaning:
      'OCR pages each organisation may have read per clock hour (UTC), counted in the database across every instance; over it an upload is refused with 429 and `Retry-After`; 0: no quota',
  }),
  XUKE_UPLOAD_BYTES_PER_DAY: setting({
    group: 'service',
    kind: integer(0, Number.MAX_SAFE_INTEGER),
    default: 1024 * 1024 * 1024,
    shownDefault: '1073741824 (1 GiB)',
    meaning:
      'bytes of documents each organisation may upload per day (UTC), counted in the database across every instance; over it an upload is refused with 429 and `Retry-After`; 0: no quota',
  }),
  XUKE_RATE_LIMIT: setting({
    group: 'service',
    kind: integer(0, 1_000_000),
    default: 600,
    meaning:
      'requests per minute per API token and per signed-in person; and per client address (an IPv6 client by its /64) for requests without valid credentials, counted before any token is looked up (docs/http-api.md)',
  }),
  XUKE_TRUST_PROXY: setting<readonly string[]>({
    group: 'service',
    kind: trustedProxies,
    default: [],
    shownDefault: 'none: the peer is the client',
    meaning:
      'the reverse proxies whose `X-Forwarded-For` (and `-Proto`, `-Host`) is believed: addresses, CIDRs, or `loopback`, `linklocal`, `uniquelocal`. The client is then the right-most hop that is not one of them: what the rate limits, the sign-in throttle and the audit log see. Without it, every user behind a proxy shares the proxy’s address',
  }),
  XUKE_FOLLOW_SOURCES: setting<readonly string[]>({
    group: 'service',
    kind: list,
    default: [],
    meaning:
      'base URLs of other xuke instances whose registers this service follows on a schedule (docs/elicence.md); needs XUKE_FOLLOW_KEYS',
  }),
  XUKE_FOLLOW_KEYS: setting({
    group: 'service',
    kind: optional(text),
    default: null,
    meaning: 'a keys.json holding the followed authorities’ public keys, obtained out of band',
  }),
  XUKE_FOLLOW_INTERVAL_MINUTES: setting({
    group: 'service',
    kind: integer(0, 1440),
    default: 60,
    meaning: 'minutes between the scheduled follows of XUKE_FOLLOW_SOURCES; `0` turns it off',
  }),
  XUKE_READ_CACHE_MS: setting({
    group: 'service',
    kind: integer(0, 3_600_000),
    default: 1000,
    meaning:
      'how long token and licence look-ups may be served from memory; `0` disables; writes through the server clear them at once',
  }),
  XUKE_ASYNC_DOCUMENT_BYTES: setting({
    group: 'service',
    kind: integer(0, 1_073_741_824),
    default: 4 * 1024 * 1024,
    meaning:
      'an upload to `POST /api/v1/documents` larger than this many bytes is queued: answered `202 Accepted` with the job (docs/http-api.md, "Jobs"); smaller ones are answered at once unless the request says `Prefer: respond-async`',
  }),
  XUKE_ASYNC_DOCUMENT_PAGES: setting({
    group: 'service',
    kind: integer(0, 100_000),
    default: 4,
    meaning:
      'a PDF uploaded to `POST /api/v1/documents` with more pages than this is queued (`202 Accepted` with the job), whatever its size',
  }),
  XUKE_LOG_LEVEL: setting({
    group: 'service',
    kind: oneOf(LOG_LEVELS),
    default: 'info',
    meaning: 'the log level (pino; JSON lines on stdout)',
  }),
  XUKE_SESSION_IDLE_MINUTES: setting({
    group: 'service',
    kind: integer(5, 10_080),
    default: 120,
    meaning: 'a browser session ends after this many minutes without a request (docs/accounts.md)',
  }),
  XUKE_SESSION_MAX_HOURS: setting({
    group: 'service',
    kind: integer(1, 720),
    default: 12,
    meaning: 'a browser session ends this many hours after sign-in, however active',
  }),
  XUKE_OIDC_ISSUER: setting({
    group: 'service',
    kind: optional(httpUrl),
    default: null,
    meaning:
      'single sign-on: the OpenID Connect provider’s issuer URL (its /.well-known/openid-configuration is read at start); needs XUKE_OIDC_CLIENT_ID, XUKE_OIDC_CLIENT_SECRET and XUKE_PUBLIC_URL',
  }),
  XUKE_OIDC_CLIENT_ID: setting({
    group: 'service',
    kind: optional(text),
    default: null,
    meaning: 'single sign-on: the client id registered with the provider',
  }),
  XUKE_OIDC_CLIENT_SECRET: setting({
    group: 'service',
    kind: optional(text),
    default: null,
    meaning: 'single sign-on: the client secret (never logged)',
  }),
  XUKE_OIDC_NAME: setting({
    group: 'service',
    kind: text,
    default: '单点登录',
    meaning: 'single sign-on: the provider’s name on the sign-in button (企业微信, 钉钉, 飞书 …)',
  }),
  // -- reminders
  XUKE_REMINDER_INTERVAL_MINUTES: setting({
    group: 'reminders',
    // a day at most: a longer pause would let a one-working-day reminder slip past its day
    kind: integer(0, 1440),
    default: 15,
    meaning: 'minutes between the service’s reminder runs; `0` turns the scheduler off',
  }),
  XUKE_REMINDER_LEADS: setting<readonly number[]>({
    group: 'reminders',
    kind: leadWorkdays,
    default: [10, 5, 1],
    meaning: 'working days before the last day to act on which a reminder goes out',
  }),
  XUKE_REMINDER_ORG: setting({
    group: 'reminders',
    kind: optional(organisationId),
    default: null,
    shownDefault: '`XUKE_ADMIN_ORG`',
    meaning: 'the organisation whose reminders the configured channels below receive',
  }),
  XUKE_REMINDER_LANG: setting<'zh' | 'en'>({
    group: 'reminders',
    kind: oneOf(['zh', 'en']),
    default: 'zh',
    meaning: 'the robots’ and e-mail’s language',
  }),
  XUKE_WEBHOOK_ALLOW_HOSTS: setting<readonly string[]>({
    group: 'reminders',
    kind: hostPorts,
    default: [],
    meaning:
      'webhook targets allowed past the address policy (a receiver on the private network, a port other than 80/443)',
  }),
  XUKE_DINGTALK_URL: setting({
    group: 'reminders',
    kind: optional(httpUrl),
    default: null,
    meaning: 'a DingTalk robot',
  }),
  XUKE_DINGTALK_SECRET: setting({
    group: 'reminders',
    kind: optional(text),
    default: null,
    meaning: 'the DingTalk robot’s secret, when 加签 is on',
  }),
  XUKE_FEISHU_URL: setting({
    group: 'reminders',
    kind: optional(httpUrl),
    default: null,
    meaning: 'a Feishu/Lark bot',
  }),
  XUKE_FEISHU_SECRET: setting({
    group: 'reminders',
    kind: optional(text),
    default: null,
    meaning: 'the Feishu/Lark bot’s secret, when 签名校验 is on',
  }),
  XUKE_WECOM_URL: setting({
    group: 'reminders',
    kind: optional(httpUrl),
    default: null,
    meaning: 'a WeCom group robot (the key in the URL is its secret)',
  }),
  XUKE_SMTP_URL: setting({
    group: 'reminders',
    kind: optional(smtpUrl),
    default: null,
    meaning: 'e-mail: the SMTP server (port 587, or 465 for smtps)',
  }),
  XUKE_SMTP_FROM: setting({
    group: 'reminders',
    kind: optional(text),
    default: null,
    meaning: 'e-mail: the sender (required with XUKE_SMTP_URL)',
  }),
  XUKE_SMTP_TO: setting<readonly string[]>({
    group: 'reminders',
    kind: list,
    default: [],
    meaning: 'e-mail: the recipients, comma-separated (required with XUKE_SMTP_URL)',
  }),
};

export type SettingName = keyof typeof SETTINGS;
export type SettingValue<N extends SettingName> =
  (typeof SETTINGS)[N] extends SettingSpec<infer T> ? T : never;

/** Command-line values that win over the environment (an empty one does not). */
export type SettingOverrides = Partial<Record<SettingName, string | undefined>>;

/**
 * Reads settings from the environment (and the command line's overrides), each once, collecting
 * every problem in the order the settings were read. A setting with a problem reads as its
 * default, so a section can go on reading the others; `check` then throws them all.
 */
export class SettingsReader {
  private readonly values = new Map<SettingName, unknown>();
  private readonly problems: Problem[] = [];

  constructor(
    private readonly env: Env,
    private readonly overrides: SettingOverrides = {},
  ) {}

  get<N extends SettingName>(name: N): SettingValue<N> {
    if (this.values.has(name)) return this.values.get(name) as SettingValue<N>;
    const spec = SETTINGS[name] as SettingSpec<SettingValue<N>>;
    const flagged = this.overrides[name];
    const fromFlag = flagged !== undefined && flagged.trim() !== '';
    const raw = (fromFlag ? flagged : this.env[name])?.trim() ?? '';
    let value = spec.default;
    if (raw !== '') {
      const parsed = spec.kind.parse(raw, fromFlag ? (spec.flag ?? name) : name);
      if (parsed.ok) value = parsed.value;
      else this.problems.push(...parsed.problems);
    }
    this.values.set(name, value);
    return value;
  }

  /** Whether the variable (or its flag) was given at all. */
  isSet(name: SettingName): boolean {
    return (this.overrides[name] ?? this.env[name] ?? '').trim() !== '';
  }

  /** A problem that is not one value's alone (a sender missing for the SMTP server). */
  report(problem: Problem): void {
    this.problems.push(problem);
  }

  /** Throw one DomainError INVALID_INPUT listing every problem, under the given heading. */
  check(heading: Problem = { zh: '配置有误', en: 'Configuration problems' }): void {
    if (this.problems.length === 0) return;
    throw new DomainError(
      'INVALID_INPUT',
      `${heading.zh}：\n  ${this.problems.map((p) => p.zh).join('\n  ')}`,
      `${heading.en}:\n  ${this.problems.map((p) => p.en).join('\n  ')}`,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// The documentation

function shownDefault(spec: SettingSpec<unknown>): string {
  if (spec.shownDefault !== undefined) return spec.shownDefault;
  const d = spec.default;
  if (d === null || (Array.isArray(d) && d.length === 0)) return 'none';
  return `\`${Array.isArray(d) ? d.join(',') : JSON.stringify(d).replace(/^"|"$/gu, '')}\``;
}

/** docs/settings.md: every setting by section, generated from SETTINGS. */
export function settingsMarkdown(): string {
  const out = [
    '# Settings',
    '',
    '<!-- Generated from src/config/settings.ts by src/config/settings.test.ts',
    '     (`npx vitest run src/config -u` rewrites it). Do not edit by hand. -->',
    '',
    'Every environment variable xuke reads, with its type, default and meaning. An empty value is',
    'the same as an unset one. Each process checks the settings it reads when it starts and reports',
    'every problem at once, each naming its variable (or the flag that overrode it).',
  ];
  for (const [group, title] of Object.entries(SETTING_GROUPS)) {
    out.push('', `## ${title}`, '', '| variable | type | default | meaning |', '|---|---|---|---|');
    for (const [name, spec] of Object.entries(SETTINGS) as [string, SettingSpec<unknown>][]) {
      if (spec.group !== group) continue;
      const flag = spec.flag === undefined ? '' : ` (\`${spec.flag}\` wins)`;
      out.push(
        `| \`${name}\` | ${spec.kind.type} | ${shownDefault(spec)} | ${spec.meaning}${flag} |`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

/**
 * Configuration: environment (and command-line overrides) → one validated, frozen `Config`.
 * Every problem is reported at once, each naming its variable, so a user fixes them in one go.
 *
 *   XUKE_DATABASE_URL   postgres://… | postgresql://… | sqlite://PATH | sqlite::memory:
 *                       (default sqlite://./xuke-data/xuke.sqlite)
 *   XUKE_ORG            the organisation (tenant) commands act for (default `default`)
 *   XUKE_DB_POOL_MAX    PostgreSQL pool size (default 10)
 */
import { z } from 'zod';
import { DomainError } from '../core/errors.js';

export const DEFAULT_SQLITE_PATH = './xuke-data/xuke.sqlite';
export const DEFAULT_ORGANISATION = 'default';

export type DatabaseConfig =
  | { readonly dialect: 'sqlite'; readonly path: string }
  | { readonly dialect: 'postgres'; readonly url: string; readonly poolMax: number };

export interface Config {
  readonly database: DatabaseConfig;
  readonly organisation: string;
  /** XUKE_CONFIRMATION_DAYS: days after which an official-query confirmation falls due (90) */
  readonly confirmationDays: number;
}

/** Values given on the command line, which win over the environment. */
export interface ConfigOverrides {
  readonly databaseUrl?: string | undefined;
  readonly organisation?: string | undefined;
}

/** An organisation id: lower-case letters, digits, `-` and `_`, 1–64 characters. */
export const OrganisationIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,63}$/u,
    'expected 1–64 of a-z 0-9 - _ (starting with a letter or digit)',
  );

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

/** A URL with its password hidden, for messages. */
export function redact(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/u, '$1***@');
}

/**
 * Read the configuration. Throws one DomainError INVALID_INPUT listing every problem.
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  overrides: ConfigOverrides = {},
): Config {
  /** every problem, in zh-CN and English */
  const problems: { zh: string; en: string }[] = [];

  const rawPool = env['XUKE_DB_POOL_MAX'];
  let poolMax = 10;
  if (rawPool !== undefined && rawPool !== '') {
    const n = Number(rawPool);
    if (!Number.isInteger(n) || n < 1 || n > 1000) {
      problems.push({
        zh: `XUKE_DB_POOL_MAX：“${rawPool}”不是 1 到 1000 之间的整数`,
        en: `XUKE_DB_POOL_MAX: "${rawPool}" is not an integer between 1 and 1000`,
      });
    } else poolMax = n;
  }

  const flagUrl = overrides.databaseUrl;
  const fromFlag = flagUrl !== undefined && flagUrl !== '';
  const url = fromFlag ? flagUrl : env['XUKE_DATABASE_URL'] || `sqlite://${DEFAULT_SQLITE_PATH}`;
  const database = parseDatabaseUrl(url, poolMax);
  if (typeof database === 'string') {
    const source = fromFlag ? '--db' : 'XUKE_DATABASE_URL';
    const zh = /not a valid URL/u.test(database)
      ? `“${redact(url)}”不是有效的 URL`
      : `“${redact(url)}”既不是 postgres://… 也不是 sqlite://路径`;
    problems.push({ zh: `${source}：${zh}`, en: `${source}: ${database}` });
  }

  const rawDays = env['XUKE_CONFIRMATION_DAYS'];
  let confirmationDays = 90;
  if (rawDays !== undefined && rawDays !== '') {
    const n = Number(rawDays);
    if (!Number.isInteger(n) || n < 1 || n > 3650) {
      problems.push({
        zh: `XUKE_CONFIRMATION_DAYS：“${rawDays}”不是 1 到 3650 之间的整数`,
        en: `XUKE_CONFIRMATION_DAYS: "${rawDays}" is not an integer between 1 and 3650`,
      });
    } else confirmationDays = n;
  }

  const org = overrides.organisation || env['XUKE_ORG'] || DEFAULT_ORGANISATION;
  const orgCheck = OrganisationIdSchema.safeParse(org);
  if (!orgCheck.success) {
    const source = overrides.organisation ? '--org' : 'XUKE_ORG';
    const why = orgCheck.error.issues.map((i) => i.message).join('; ');
    problems.push({
      zh: `${source}：组织标识“${org}”无效（${why}）`,
      en: `${source}: "${org}": ${why}`,
    });
  }

  if (problems.length > 0 || typeof database === 'string') {
    throw new DomainError(
      'INVALID_INPUT',
      `配置有误：\n  ${problems.map((p) => p.zh).join('\n  ')}`,
      `Configuration problems:\n  ${problems.map((p) => p.en).join('\n  ')}`,
    );
  }
  return Object.freeze({
    database: Object.freeze(database),
    organisation: org,
    confirmationDays,
  });
}

/**
 * The service's reminder configuration: environment → one validated, frozen `ReminderConfig`, every
 * problem reported at once (as load-config.ts does for the database). Webhook subscriptions live in
 * the database (`POST /api/v1/webhooks`); these are the service's own settings and the robot and
 * e-mail channels an operator configures.
 *
 *   XUKE_REMINDER_INTERVAL_MINUTES  minutes between reminder runs (default 15; 0 turns them off)
 *   XUKE_REMINDER_LEADS             working days before the last day to act (default 10,5,1)
 *   XUKE_REMINDER_ORG               the organisation the configured channels below serve
 *                                   (default XUKE_PUBLIC_ORG, else demo)
 *   XUKE_REMINDER_LANG              zh | en: the robots' and e-mail's language (default zh)
 *   XUKE_WEBHOOK_ALLOW_HOSTS        HOST:PORT,… webhook targets allowed past the address policy
 *                                   (a receiver on the private network, a port other than 80/443)
 *   XUKE_DINGTALK_URL, XUKE_DINGTALK_SECRET   DingTalk robot (secret: 加签, optional)
 *   XUKE_FEISHU_URL, XUKE_FEISHU_SECRET       Feishu/Lark bot (secret: 签名校验, optional)
 *   XUKE_WECOM_URL                            WeCom group robot (the key is in the URL)
 *   XUKE_SMTP_URL, XUKE_SMTP_FROM, XUKE_SMTP_TO  e-mail: smtp[s]://[user:password@]host[:port],
 *                                   the sender, comma-separated recipients
 */
import { DomainError } from '../core/errors.js';
import { parseAllowedHost } from '../core/scan/address-policy.js';
import { OrganisationIdSchema, redact } from './load-config.js';

export const DEFAULT_REMINDER_INTERVAL_MINUTES = 15;
export const DEFAULT_REMINDER_LEADS: readonly number[] = [10, 5, 1];

export type ReminderChannelConfig =
  | { readonly kind: 'dingtalk'; readonly url: string; readonly secret: string | null }
  | { readonly kind: 'feishu'; readonly url: string; readonly secret: string | null }
  | { readonly kind: 'wecom'; readonly url: string }
  | {
      readonly kind: 'email';
      readonly host: string;
      readonly port: number;
      /** TLS from the start (smtps://); otherwise STARTTLS when offered */
      readonly secure: boolean;
      readonly user: string | null;
      readonly password: string | null;
      readonly from: string;
      readonly to: readonly string[];
    };

export interface ReminderConfig {
  /** minutes between runs; 0: no scheduler */
  readonly intervalMinutes: number;
  readonly leadWorkdays: readonly number[];
  /** whose reminders the configured channels receive */
  readonly channelOrganisation: string;
  readonly lang: 'zh' | 'en';
  /** `HOST:PORT` entries, validated */
  readonly webhookAllowHosts: readonly string[];
  readonly channels: readonly ReminderChannelConfig[];
}

type Env = Readonly<Record<string, string | undefined>>;

const value = (env: Env, name: string): string | undefined => {
  const v = env[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
};

/** A robot URL: https (http only for a local test receiver), shown redacted in messages. */
function robotUrl(
  env: Env,
  name: string,
  problems: { zh: string; en: string }[],
): string | undefined {
  const raw = value(env, name);
  if (raw === undefined) return undefined;
  try {
    const u = new URL(raw);
    if (u.protocol === 'https:' || u.protocol === 'http:') return raw;
  } catch {
    // reported below
  }
  problems.push({
    zh: `${name}：“${redact(raw)}”不是 http(s) 网址`,
    en: `${name}: "${redact(raw)}" is not an http(s) URL`,
  });
  return undefined;
}

/**
 * Read the reminder configuration. `defaultOrganisation` is the organisation the configured
 * channels serve when XUKE_REMINDER_ORG is not set. Throws one DomainError INVALID_INPUT listing
 * every problem.
 */
export function loadReminderConfig(env: Env, defaultOrganisation: string): ReminderConfig {
  const problems: { zh: string; en: string }[] = [];

  let intervalMinutes = DEFAULT_REMINDER_INTERVAL_MINUTES;
  const rawInterval = value(env, 'XUKE_REMINDER_INTERVAL_MINUTES');
  if (rawInterval !== undefined) {
    const n = Number(rawInterval);
    // a day at most: a longer pause would let a one-working-day reminder slip past its day
    if (!Number.isInteger(n) || n < 0 || n > 1440) {
      problems.push({
        zh: `XUKE_REMINDER_INTERVAL_MINUTES：“${rawInterval}”不是 0 到 1440 之间的整数`,
        en: `XUKE_REMINDER_INTERVAL_MINUTES: "${rawInterval}" is not an integer between 0 and 1440`,
      });
    } else intervalMinutes = n;
  }

  let leadWorkdays = DEFAULT_REMINDER_LEADS;
  const rawLeads = value(env, 'XUKE_REMINDER_LEADS');
  if (rawLeads !== undefined) {
    const leads = rawLeads.split(',').map((s) => Number(s.trim()));
    if (leads.some((n) => !Number.isInteger(n) || n < 0 || n > 250)) {
      problems.push({
        zh: `XUKE_REMINDER_LEADS：“${rawLeads}”应为逗号分隔的 0 到 250 之间的工作日数，如 10,5,1`,
        en: `XUKE_REMINDER_LEADS: "${rawLeads}" should be working days from 0 to 250, comma-separated, e.g. 10,5,1`,
      });
    } else leadWorkdays = [...new Set(leads)].sort((a, b) => b - a);
  }

  const organisation = value(env, 'XUKE_REMINDER_ORG') ?? defaultOrganisation;
  const orgCheck = OrganisationIdSchema.safeParse(organisation);
  if (!orgCheck.success) {
    problems.push({
      zh: `XUKE_REMINDER_ORG：组织标识“${organisation}”无效`,
      en: `XUKE_REMINDER_ORG: "${organisation}" is not an organisation id`,
    });
  }

  const rawLang = value(env, 'XUKE_REMINDER_LANG') ?? 'zh';
  if (rawLang !== 'zh' && rawLang !== 'en') {
    problems.push({
      zh: `XUKE_REMINDER_LANG：“${rawLang}”应为 zh 或 en`,
      en: `XUKE_REMINDER_LANG: "${rawLang}" should be zh or en`,
    });
  }

  const webhookAllowHosts: string[] = [];
  for (const entry of (value(env, 'XUKE_WEBHOOK_ALLOW_HOSTS') ?? '').split(',')) {
    if (entry.trim() === '') continue;
    const parsed = parseAllowedHost(entry.trim(), 'XUKE_WEBHOOK_ALLOW_HOSTS');
    if (parsed.ok) webhookAllowHosts.push(entry.trim());
    else problems.push({ zh: parsed.message, en: parsed.messageEn });
  }

  const channels: ReminderChannelConfig[] = [];
  const dingtalk = robotUrl(env, 'XUKE_DINGTALK_URL', problems);
  if (dingtalk !== undefined) {
    channels.push({
      kind: 'dingtalk',
      url: dingtalk,
      secret: value(env, 'XUKE_DINGTALK_SECRET') ?? null,
    });
  }
  const feishu = robotUrl(env, 'XUKE_FEISHU_URL', problems);
  if (feishu !== undefined) {
    channels.push({
      kind: 'feishu',
      url: feishu,
      secret: value(env, 'XUKE_FEISHU_SECRET') ?? null,
    });
  }
  const wecom = robotUrl(env, 'XUKE_WECOM_URL', problems);
  if (wecom !== undefined) channels.push({ kind: 'wecom', url: wecom });

  const smtp = value(env, 'XUKE_SMTP_URL');
  if (smtp !== undefined) {
    const email = smtpChannel(
      smtp,
      value(env, 'XUKE_SMTP_FROM'),
      value(env, 'XUKE_SMTP_TO'),
      problems,
    );
    if (email !== undefined) channels.push(email);
  }

  if (problems.length > 0) {
    throw new DomainError(
      'INVALID_INPUT',
      `提醒配置有误：\n  ${problems.map((p) => p.zh).join('\n  ')}`,
      `Reminder configuration problems:\n  ${problems.map((p) => p.en).join('\n  ')}`,
    );
  }
  return Object.freeze({
    intervalMinutes,
    leadWorkdays: Object.freeze([...leadWorkdays]),
    channelOrganisation: organisation,
    lang: rawLang as 'zh' | 'en',
    webhookAllowHosts: Object.freeze(webhookAllowHosts),
    channels: Object.freeze(channels.map((c) => Object.freeze(c))),
  });
}

function smtpChannel(
  raw: string,
  from: string | undefined,
  to: string | undefined,
  problems: { zh: string; en: string }[],
): ReminderChannelConfig | undefined {
  let u: URL | undefined;
  try {
    u = new URL(raw);
  } catch {
    u = undefined;
  }
  const urlOk =
    u !== undefined && (u.protocol === 'smtp:' || u.protocol === 'smtps:') && u.hostname !== '';
  if (!urlOk) {
    problems.push({
      zh: `XUKE_SMTP_URL：“${redact(raw)}”应为 smtp://主机[:端口] 或 smtps://…`,
      en: `XUKE_SMTP_URL: "${redact(raw)}" should be smtp://host[:port] or smtps://…`,
    });
  }
  if (from === undefined) {
    problems.push({
      zh: 'XUKE_SMTP_FROM：配置了 XUKE_SMTP_URL 时必须给出发件人',
      en: 'XUKE_SMTP_FROM: a sender is required with XUKE_SMTP_URL',
    });
  }
  const recipients = (to ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (recipients.length === 0) {
    problems.push({
      zh: 'XUKE_SMTP_TO：配置了 XUKE_SMTP_URL 时必须给出收件人（逗号分隔）',
      en: 'XUKE_SMTP_TO: recipients (comma-separated) are required with XUKE_SMTP_URL',
    });
  }
  if (!urlOk || u === undefined || from === undefined || recipients.length === 0) return undefined;
  const secure = u.protocol === 'smtps:';
  return {
    kind: 'email',
    host: u.hostname,
    port: u.port === '' ? (secure ? 465 : 587) : Number(u.port),
    secure,
    user: u.username === '' ? null : decodeURIComponent(u.username),
    password: u.password === '' ? null : decodeURIComponent(u.password),
    from,
    to: recipients,
  };
}

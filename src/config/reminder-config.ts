/**
 * The reminders' settings (settings.ts declares them): the service's scheduler and the robot and
 * e-mail channels an operator configures, read for the service and `xuke reminders run` alike.
 * Webhook subscriptions live in the database (`POST /api/v1/webhooks`), not here.
 */
import { DEFAULT_ADMIN_ORGANISATION, SettingsReader, type Env } from './settings.js';

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

/**
 * The reminders' section. `defaultOrganisation` is whom the configured channels serve when
 * XUKE_REMINDER_ORG is not set (the instance's administrator, XUKE_ADMIN_ORG).
 */
export function reminderSettings(r: SettingsReader, defaultOrganisation: string): ReminderConfig {
  const intervalMinutes = r.get('XUKE_REMINDER_INTERVAL_MINUTES');
  const leadWorkdays = r.get('XUKE_REMINDER_LEADS');
  const organisation = r.get('XUKE_REMINDER_ORG') ?? defaultOrganisation;
  const lang = r.get('XUKE_REMINDER_LANG');
  const webhookAllowHosts = r.get('XUKE_WEBHOOK_ALLOW_HOSTS');

  const channels: ReminderChannelConfig[] = [];
  const dingtalk = r.get('XUKE_DINGTALK_URL');
  if (dingtalk !== null) {
    channels.push({ kind: 'dingtalk', url: dingtalk, secret: r.get('XUKE_DINGTALK_SECRET') });
  }
  const feishu = r.get('XUKE_FEISHU_URL');
  if (feishu !== null) {
    channels.push({ kind: 'feishu', url: feishu, secret: r.get('XUKE_FEISHU_SECRET') });
  }
  const wecom = r.get('XUKE_WECOM_URL');
  if (wecom !== null) channels.push({ kind: 'wecom', url: wecom });

  if (r.isSet('XUKE_SMTP_URL')) {
    const smtp = r.get('XUKE_SMTP_URL');
    const from = r.get('XUKE_SMTP_FROM');
    const to = r.get('XUKE_SMTP_TO');
    if (from === null) {
      r.report({
        zh: 'XUKE_SMTP_FROM：配置了 XUKE_SMTP_URL 时必须给出发件人',
        en: 'XUKE_SMTP_FROM: a sender is required with XUKE_SMTP_URL',
      });
    }
    if (to.length === 0) {
      r.report({
        zh: 'XUKE_SMTP_TO：配置了 XUKE_SMTP_URL 时必须给出收件人（逗号分隔）',
        en: 'XUKE_SMTP_TO: recipients (comma-separated) are required with XUKE_SMTP_URL',
      });
    }
    if (smtp !== null && from !== null && to.length > 0) {
      const secure = smtp.protocol === 'smtps:';
      channels.push({
        kind: 'email',
        host: smtp.hostname,
        port: smtp.port === '' ? (secure ? 465 : 587) : Number(smtp.port),
        secure,
        user: smtp.username === '' ? null : decodeURIComponent(smtp.username),
        password: smtp.password === '' ? null : decodeURIComponent(smtp.password),
        from,
        to,
      });
    }
  }

  return Object.freeze({
    intervalMinutes,
    leadWorkdays: Object.freeze([...leadWorkdays]),
    channelOrganisation: organisation,
    lang,
    webhookAllowHosts: Object.freeze([...webhookAllowHosts]),
    channels: Object.freeze(channels.map((c) => Object.freeze(c))),
  });
}

/**
 * Read the reminders' settings alone. Throws one DomainError INVALID_INPUT listing every problem.
 */
export function loadReminderConfig(
  env: Env,
  defaultOrganisation: string = DEFAULT_ADMIN_ORGANISATION,
): ReminderConfig {
  const r = new SettingsReader(env);
  const config = reminderSettings(r, defaultOrganisation);
  r.check({ zh: '提醒配置有误', en: 'Reminder configuration problems' });
  return config;
}

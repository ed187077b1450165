/**
 * The reminder channels as the service configures them (config/reminder-config.ts), built in one
 * place for the service's scheduler (main/server.ts) and `xuke reminders run`: every organisation's
 * webhook subscriptions, POSTed through the SSRF-guarded fetcher (the scan's address policy, no
 * redirects, small answers, XUKE_WEBHOOK_ALLOW_HOSTS let in), and the configured robots and e-mail
 * for the organisation the configuration names, each retried with back-off within a run.
 */
import type { ReminderConfig } from '../../config/reminder-config.js';
import type { Notifier } from '../../ports/notifier.js';
import type { ReminderChannels } from '../../ports/reminder-channels.js';
import { createSafeFetcher, parseAllowHosts } from '../web/safe-fetcher.js';
import { dingTalkNotifier } from './dingtalk.notifier.js';
import { feishuNotifier } from './feishu.notifier.js';
import { guardedPost, WEBHOOK_ALLOW_SETTING } from './guarded-post.js';
import { reminderChannels, type ReminderChannelsOptions } from './reminder-channels.js';
import { withRetry } from './retry.js';
import { weComNotifier } from './wecom.notifier.js';

/** The configured robots and e-mail as channels, each retried with back-off within a run. */
export async function configuredChannels(config: ReminderConfig): Promise<Notifier[]> {
  const lang = config.lang;
  const out: Notifier[] = [];
  for (const c of config.channels) {
    if (c.kind === 'dingtalk') {
      out.push(dingTalkNotifier({ url: c.url, lang, ...(c.secret ? { secret: c.secret } : {}) }));
    } else if (c.kind === 'feishu') {
      out.push(feishuNotifier({ url: c.url, lang, ...(c.secret ? { secret: c.secret } : {}) }));
    } else if (c.kind === 'wecom') {
      out.push(weComNotifier({ url: c.url, lang }));
    } else {
      // nodemailer is loaded only when e-mail is configured
      const { emailNotifier } = await import('./email.notifier.js');
      out.push(
        emailNotifier({
          host: c.host,
          port: c.port,
          secure: c.secure,
          from: c.from,
          to: c.to,
          lang,
          ...(c.user === null ? {} : { user: c.user }),
          ...(c.password === null ? {} : { password: c.password }),
        }),
      );
    }
  }
  return out.map((n) => withRetry(n));
}

export interface ReminderDelivery {
  readonly channels: ReminderChannels;
  /** close the delivery fetcher's connections */
  close(): Promise<void>;
}

/**
 * The channels of `config` over the webhook subscriptions `directory` reads. Webhook deliveries:
 * the scan's address policy, no redirects (a 3xx is a failed delivery, never a second target),
 * answers capped at 64 KiB and 10 s; XUKE_WEBHOOK_ALLOW_HOSTS lets an on-premises receiver in.
 */
export async function createReminderDelivery(
  config: ReminderConfig,
  directory: ReminderChannelsOptions['directory'],
): Promise<ReminderDelivery> {
  const fetcher = createSafeFetcher({
    allowHosts: config.webhookAllowHosts,
    // named in the log's detail only: the people who test a webhook are told to ask an administrator
    allowSetting: WEBHOOK_ALLOW_SETTING,
    allowedBy: { kind: 'administrator' },
    maxRedirects: 0,
    timeoutMs: 10_000,
    maxBytes: 64 * 1024,
    userAgent: 'xuke-reminders/0.1',
  });
  try {
    const channels = reminderChannels({
      directory,
      post: guardedPost(fetcher),
      allow: parseAllowHosts(config.webhookAllowHosts, WEBHOOK_ALLOW_SETTING),
      configured: {
        organisation: config.channelOrganisation,
        notifiers: await configuredChannels(config),
      },
    });
    return { channels, close: () => fetcher.close() };
  } catch (e) {
    await fetcher.close();
    throw e;
  }
}

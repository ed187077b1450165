/**
 * DingTalk custom robot (钉钉自定义机器人). Message: `{"msgtype":"markdown","markdown":{"title","text"}}`
 * POSTed to `https://oapi.dingtalk.com/robot/send?access_token=…`; success is `{"errcode":0}`.
 * Signing (安全设置 → 加签): string to sign `timestamp + "\n" + secret` (timestamp in ms), HmacSHA256
 * keyed by the secret, Base64, URL-encoded, appended as `&timestamp=…&sign=…`.
 * Docs: https://open.dingtalk.com/document/robots/custom-robot-access and
 * https://open.dingtalk.com/document/robots/customize-robot-security-settings
 */
import { createHmac } from 'node:crypto';
import type { Notifier, Reminder } from '../../ports/notifier.js';
import { reminderLines, reminderTitle, type ReminderLang } from './format-reminder.js';
import { postJson, redactUrl, robotError } from './http-post.js';

export interface DingTalkOptions {
  readonly id?: string;
  /** the robot's webhook URL with its access_token */
  readonly url: string;
  /** the SEC… secret when 加签 is on */
  readonly secret?: string;
  readonly lang?: ReminderLang;
  /** milliseconds since the epoch; injected for tests */
  readonly now?: () => number;
}

/** DingTalk's sign for a timestamp (ms): Base64(HmacSHA256(secret, ts + "\n" + secret)). */
export function dingTalkSign(secret: string, timestampMs: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64');
}

export function dingTalkMessage(reminder: Reminder, lang: ReminderLang): unknown {
  const title = reminderTitle(reminder, lang);
  return {
    msgtype: 'markdown',
    markdown: {
      title,
      text: [`#### ${title}`, ...reminderLines(reminder, lang).map((l) => `- ${l}`)].join('\n'),
    },
  };
}

export function dingTalkNotifier(options: DingTalkOptions): Notifier {
  return {
    id: options.id ?? 'dingtalk',
    async send(reminder: Reminder) {
      let url = options.url;
      if (options.secret) {
        const ts = String(options.now?.() ?? Date.now());
        const sign = encodeURIComponent(dingTalkSign(options.secret, ts));
        url += `${url.includes('?') ? '&' : '?'}timestamp=${ts}&sign=${sign}`;
      }
      const { body } = await postJson(url, dingTalkMessage(reminder, options.lang ?? 'zh'));
      const error = robotError(body, 'errcode', 'errmsg');
      if (error) throw new Error(`DingTalk ${redactUrl(options.url)} refused: ${error}`);
    },
  };
}

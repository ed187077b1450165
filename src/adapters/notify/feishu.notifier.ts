/**
 * Feishu / Lark custom bot (飞书自定义机器人). Body: `{"msg_type":"text","content":{"text":…}}` POSTed to
 * `https://open.feishu.cn/open-apis/bot/v2/hook/<token>` (Lark: open.larksuite.com); success is
 * `{"code":0}`. Signing (签名校验): `timestamp + "\n" + secret` is the HmacSHA256 KEY, the message is
 * empty, Base64; `timestamp` (seconds, as a string) and `sign` go in the body.
 * Docs: https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot
 */
import { createHmac } from 'node:crypto';
import type { Notifier, Reminder } from '../../ports/notifier.js';
import { reminderLines, reminderTitle, type ReminderLang } from './format-reminder.js';
import { postJson, redactUrl, robotError } from './http-post.js';

export interface FeishuOptions {
  readonly id?: string;
  readonly url: string;
  readonly secret?: string;
  readonly lang?: ReminderLang;
  /** seconds since the epoch; injected for tests */
  readonly now?: () => number;
}

/** Feishu's sign: Base64(HmacSHA256(key = ts + "\n" + secret, message = "")). */
export function feishuSign(secret: string, timestampSeconds: string): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}

export function feishuMessage(reminder: Reminder, lang: ReminderLang): Record<string, unknown> {
  return {
    msg_type: 'text',
    content: {
      text: [reminderTitle(reminder, lang), ...reminderLines(reminder, lang)].join('\n'),
    },
  };
}

export function feishuNotifier(options: FeishuOptions): Notifier {
  return {
    id: options.id ?? 'feishu',
    async send(reminder: Reminder) {
      const message = feishuMessage(reminder, options.lang ?? 'zh');
      if (options.secret) {
        const ts = String(options.now?.() ?? Math.floor(Date.now() / 1000));
        message['timestamp'] = ts;
        message['sign'] = feishuSign(options.secret, ts);
      }
      const { body } = await postJson(options.url, message);
      const error = robotError(body, 'code', 'msg');
      if (error) throw new Error(`Feishu ${redactUrl(options.url)} refused: ${error}`);
    },
  };
}

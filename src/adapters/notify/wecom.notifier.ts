/**
 * WeCom group robot (企业微信群机器人). Body: `{"msgtype":"markdown","markdown":{"content":…}}` POSTed
 * to `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=<key>`; success is `{"errcode":0}`.
 * No signature: the key in the URL is the secret, so it is never printed. Markdown content is at
 * most 4096 bytes (UTF-8). Docs: https://developer.work.weixin.qq.com/document/path/91770
 */
import type { Notifier, Reminder } from '../../ports/notifier.js';
import { reminderLines, reminderTitle, type ReminderLang } from './format-reminder.js';
import { postJson, redactUrl, robotError } from './http-post.js';

export interface WeComOptions {
  readonly id?: string;
  readonly url: string;
  readonly lang?: ReminderLang;
}

/** WeCom's markdown limit, in UTF-8 bytes. */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;

function truncateUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const n = encoder.encode(ch).length;
    if (bytes + n > maxBytes - 3) break;
    out += ch;
    bytes += n;
  }
  return `${out}…`;
}

export function weComMessage(reminder: Reminder, lang: ReminderLang): unknown {
  const title = reminderTitle(reminder, lang);
  const lines = reminderLines(reminder, lang).map((l) => `> ${l}`);
  const colour = reminder.overdue ? 'warning' : 'info';
  return {
    msgtype: 'markdown',
    markdown: {
      content: truncateUtf8(
        [`**<font color="${colour}">${title}</font>**`, ...lines].join('\n'),
        WECOM_MARKDOWN_MAX_BYTES,
      ),
    },
  };
}

export function weComNotifier(options: WeComOptions): Notifier {
  return {
    id: options.id ?? 'wecom',
    async send(reminder: Reminder) {
      const { body } = await postJson(options.url, weComMessage(reminder, options.lang ?? 'zh'));
      const error = robotError(body, 'errcode', 'errmsg');
      if (error) throw new Error(`WeCom ${redactUrl(options.url)} refused: ${error}`);
    },
  };
}

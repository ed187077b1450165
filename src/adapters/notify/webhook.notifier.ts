/**
 * The generic webhook: the reminder as JSON (`xuke.reminder/v1`), signed with HMAC-SHA256 so the
 * receiver can check it came from xuke and is fresh.
 *
 *   X-Xuke-Timestamp: <unix seconds>
 *   X-Xuke-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 *
 * The receiver recomputes the HMAC over the raw body, compares in constant time, and rejects
 * timestamps older than a few minutes (replay).
 */
import { createHmac } from 'node:crypto';
import type { Notifier, Reminder } from '../../ports/notifier.js';
import { postJson } from './http-post.js';

export interface WebhookOptions {
  readonly id?: string;
  readonly url: string;
  readonly secret: string;
  /** seconds since the epoch; injected for tests */
  readonly now?: () => number;
}

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function webhookNotifier(options: WebhookOptions): Notifier {
  return {
    id: options.id ?? 'webhook',
    async send(reminder: Reminder) {
      const body = JSON.stringify({ schema: 'xuke.reminder/v1', reminder });
      const timestamp = String(options.now?.() ?? Math.floor(Date.now() / 1000));
      await postJson(options.url, null, {
        rawBody: body,
        headers: {
          'x-xuke-timestamp': timestamp,
          'x-xuke-signature': signWebhook(options.secret, timestamp, body),
        },
      });
    },
  };
}

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
import type { Reminder } from '../../ports/notifier.js';
import type { DeliveryReport, ProbeableNotifier } from '../../ports/reminder-channels.js';
import { DeliveryError, fetchTransport, type PostTransport } from './http-post.js';

export interface WebhookOptions {
  readonly id?: string;
  readonly url: string;
  readonly secret: string;
  /** seconds since the epoch; injected for tests */
  readonly now?: () => number;
  /** how the POST is made: fetch by default; the service passes the SSRF-guarded one */
  readonly post?: PostTransport;
}

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function webhookNotifier(options: WebhookOptions): ProbeableNotifier {
  const post = options.post ?? fetchTransport;
  const deliver = async (reminder: Reminder) => {
    const body = JSON.stringify({ schema: 'xuke.reminder/v1', reminder });
    const timestamp = String(options.now?.() ?? Math.floor(Date.now() / 1000));
    return post(options.url, body, {
      'x-xuke-timestamp': timestamp,
      'x-xuke-signature': signWebhook(options.secret, timestamp, body),
    });
  };
  return {
    id: options.id ?? 'webhook',
    async send(reminder: Reminder) {
      await deliver(reminder);
    },
    async probe(reminder: Reminder): Promise<DeliveryReport> {
      try {
        const { status } = await deliver(reminder);
        return { ok: true, status, error: null, errorZh: null, detail: null };
      } catch (e) {
        const words = (e instanceof DeliveryError ? e.words : undefined) ?? {
          zh: '无法把提醒送到接收方，请检查地址或稍后重试',
          en: 'The reminder could not be delivered; check the address or try again later',
        };
        return {
          ok: false,
          status: e instanceof DeliveryError ? e.status : null,
          error: words.en,
          errorZh: words.zh,
          // the transports' messages carry no secrets (URLs are redacted)
          detail: e instanceof Error ? e.message : String(e),
        };
      }
    },
  };
}

/**
 * Webhook deliveries through the SSRF guard. A subscription's URL is whatever a member typed, so
 * the service must not POST to its own network: the URL is checked against the scan's address
 * policy (core/scan/address-policy.ts) when it is stored and before a test, and every delivery goes
 * through the guarded fetcher, which checks each resolved address before connecting (no DNS
 * rebinding between check and use). Redirects are not followed: the fetcher is built with
 * `maxRedirects: 0`, so a 3xx is a failed delivery, never a second target.
 *
 * What the person setting up a webhook reads says what went wrong and what they can do, in both
 * languages; the policy's rule and the setting that lets a receiver in
 * (XUKE_WEBHOOK_ALLOW_HOSTS) are the error's cause, for the server's log and the reminder log.
 */
import { DomainError, isDomainError } from '../../core/errors.js';
import {
  checkTarget,
  hostPort,
  refusalAdvice,
  type AllowedHost,
} from '../../core/scan/address-policy.js';
import type { WebFetcher } from '../../ports/web-fetcher.js';
import { DeliveryError, parseBody, redactUrl, type PostTransport } from './http-post.js';

/** The setting that lets a webhook receiver past the address policy: named in the log only. */
export const WEBHOOK_ALLOW_SETTING = 'XUKE_WEBHOOK_ALLOW_HOSTS';

/** TARGET_REFUSED (or INVALID_INPUT for a URL that does not parse) unless the policy allows `url`. */
export function checkWebhookUrl(url: string, allow: readonly AllowedHost[] = []): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch (e) {
    throw new DomainError(
      'INVALID_INPUT',
      '这不是有效的网址，请填写以 https:// 开头的完整地址',
      'This is not a valid URL; enter a whole address that starts with https://',
      { cause: e },
    );
  }
  const port = u.port !== '' ? Number(u.port) : u.protocol === 'https:' ? 443 : 80;
  const verdict = checkTarget(
    {
      protocol: u.protocol,
      hostname: u.hostname,
      port,
      hasCredentials: u.username !== '' || u.password !== '',
    },
    allow,
  );
  if (!verdict.ok) {
    const host = u.hostname.replace(/^\[|\]$/gu, '');
    const { advice, adviceEn } = refusalAdvice(verdict, { host, port }, { kind: 'administrator' });
    throw new DomainError(
      'TARGET_REFUSED',
      `不能向 ${redactUrl(url)} 发送提醒：${verdict.reason}。${advice}`,
      `Refused to deliver to ${redactUrl(url)}: ${verdict.reasonEn}. ${adviceEn}`,
      {
        cause: new Error(
          `address policy rule ${verdict.rule}; ${WEBHOOK_ALLOW_SETTING} ${hostPort(host, port)} would allow it`,
        ),
      },
    );
  }
}

/** A refusal's or a failure's technical detail (its cause's message), for a log; '' if none. */
export function technicalDetail(e: unknown): string {
  const cause = e instanceof Error ? e.cause : undefined;
  if (cause === undefined) return '';
  return cause instanceof Error ? cause.message : JSON.stringify(cause);
}

/** A text with the URL (which may carry a token) masked, in any of its written forms. */
function masked(text: string, url: string): string {
  let normalised = url;
  try {
    normalised = new URL(url).href;
  } catch {
    // the raw URL is masked below either way
  }
  return text.split(normalised).join(redactUrl(url)).split(url).join(redactUrl(url));
}

/** What a fetcher error says in words, both languages, the URL masked. */
function failureWords(e: unknown, url: string): { zh: string; en: string } {
  if (isDomainError(e)) return { zh: masked(e.message, url), en: masked(e.messageEn, url) };
  return {
    zh: '无法把提醒送到接收方，请检查地址或稍后重试',
    en: 'The reminder could not be delivered; check the address or try again later',
  };
}

/** A transport that POSTs through `fetcher` (build it with `maxRedirects: 0`). */
export function guardedPost(fetcher: WebFetcher): PostTransport {
  return async (url, body, headers) => {
    let res;
    try {
      res = await fetcher.fetch({
        url,
        purpose: 'subresource',
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'xuke-reminders/0.1',
          ...headers,
        },
        body: new TextEncoder().encode(body),
      });
    } catch (e) {
      const words = failureWords(e, url);
      const detail = masked(
        technicalDetail(e) || (e instanceof Error ? e.message : String(e)),
        url,
      );
      throw new DeliveryError(`POST ${redactUrl(url)} failed: ${words.en} (${detail})`, null, {
        cause: e,
        words,
      });
    }
    if (res.status < 200 || res.status >= 300) {
      throw new DeliveryError(`POST ${redactUrl(url)}: HTTP ${res.status}`, res.status, {
        words: receiverRefused(res.status),
      });
    }
    return { status: res.status, body: parseBody(new TextDecoder().decode(res.body)) };
  };
}

/** A receiver that answered, but not with 2xx: in words. */
export function receiverRefused(status: number): { zh: string; en: string } {
  return status >= 300 && status < 400
    ? {
        zh: `接收方答复 HTTP ${status}（重定向），xuke 不跟随重定向；请填写接收方的最终地址`,
        en: `The receiver answered HTTP ${status} (a redirect), which xuke does not follow; enter the receiver’s final address`,
      }
    : {
        zh: `接收方答复 HTTP ${status}，没有接受提醒；请检查接收方的设置和日志`,
        en: `The receiver answered HTTP ${status} and did not take the reminder; check the receiver’s settings and logs`,
      };
}

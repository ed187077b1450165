/**
 * Webhook deliveries through the SSRF guard. A subscription's URL is whatever a member typed, so
 * the service must not POST to its own network: the URL is checked against the scan's address
 * policy (core/scan/address-policy.ts) when it is stored and before a test, and every delivery goes
 * through the guarded fetcher, which checks each resolved address before connecting (no DNS
 * rebinding between check and use). Redirects are not followed: the fetcher is built with
 * `maxRedirects: 0`, so a 3xx is a failed delivery, never a second target.
 */
import { DomainError, isDomainError } from '../../core/errors.js';
import { checkTarget, type AllowedHost } from '../../core/scan/address-policy.js';
import type { WebFetcher } from '../../ports/web-fetcher.js';
import { DeliveryError, parseBody, redactUrl, type PostTransport } from './http-post.js';

/** TARGET_REFUSED (or INVALID_INPUT for a URL that does not parse) unless the policy allows `url`. */
export function checkWebhookUrl(url: string, allow: readonly AllowedHost[] = []): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch (e) {
    throw new DomainError(
      'INVALID_INPUT',
      `“${redactUrl(url)}”不是有效的网址`,
      `"${redactUrl(url)}" is not a valid URL`,
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
    'XUKE_WEBHOOK_ALLOW_HOSTS',
  );
  if (!verdict.ok) {
    throw new DomainError(
      'TARGET_REFUSED',
      `拒绝向 ${redactUrl(url)} 发送：${verdict.reason}（规则 ${verdict.rule}）`,
      `Refused to deliver to ${redactUrl(url)}: ${verdict.reasonEn} (rule ${verdict.rule})`,
    );
  }
}

/** A fetcher error's English message with the URL (which may carry a token) masked. */
function maskedMessage(e: unknown, url: string): string {
  const text = isDomainError(e) ? e.messageEn : e instanceof Error ? e.message : String(e);
  let normalised = url;
  try {
    normalised = new URL(url).href;
  } catch {
    // the raw URL is masked below either way
  }
  return text.split(normalised).join(redactUrl(url)).split(url).join(redactUrl(url));
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
      throw new DeliveryError(`POST ${redactUrl(url)} failed: ${maskedMessage(e, url)}`, null, {
        cause: e,
      });
    }
    if (res.status < 200 || res.status >= 300) {
      throw new DeliveryError(`POST ${redactUrl(url)}: HTTP ${res.status}`, res.status);
    }
    return { status: res.status, body: parseBody(new TextDecoder().decode(res.body)) };
  };
}

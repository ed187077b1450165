/**
 * The browser session's cookie (docs/accounts.md): `xuke_session`, or `__Host-xuke_session` when
 * the public URL or the request is https; HttpOnly, SameSite=Lax, Path=/, Secure over https. Its
 * value is the session's secret; the database keeps only its sha256. The Cookie header is parsed
 * here (one header; no plugin needed).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpDeps } from './http-deps.js';

export const SESSION_COOKIE = 'xuke_session';
export const SECURE_SESSION_COOKIE = '__Host-xuke_session';

/**
 * The client's address: the peer, or, when the peer is a trusted proxy (XUKE_TRUST_PROXY, fastify's
 * `trustProxy`), the right-most X-Forwarded-For hop that is not one (app.ts). Never the header of
 * an untrusted peer: audit entries and the sign-in throttle can believe it.
 */
export function clientAddress(request: FastifyRequest): string {
  return request.ip;
}

/** The client's User-Agent, or null. */
export function userAgentOf(request: FastifyRequest): string | null {
  const ua = request.headers['user-agent'];
  return typeof ua === 'string' && ua !== '' ? ua : null;
}

/** Whether cookies go out `__Host-` and Secure: the request or the public URL is https. */
export function secureOf(request: FastifyRequest, publicUrl: string | null | undefined): boolean {
  return request.protocol === 'https' || (publicUrl ?? '').startsWith('https:');
}

/**
 * A Set-Cookie value for a host-only cookie of ours: `__Host-NAME` and Secure over https, `NAME`
 * otherwise; HttpOnly, SameSite=Lax (sent on a top-level navigation back here, such as a single
 * sign-on provider's redirect), Path=/. Max-Age 0 clears it.
 */
export function hostCookie(name: string, secure: boolean, value: string, maxAge: number): string {
  return [
    `${secure ? `__Host-${name}` : name}=${value}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
    `Max-Age=${String(maxAge)}`,
  ].join('; ');
}

/** The cookies of the request's Cookie header, by name (the first of a repeated name). */
export function parseCookies(header: string | undefined): ReadonlyMap<string, string> {
  const cookies = new Map<string, string>();
  if (header === undefined) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) {
      value = value.slice(1, -1);
    }
    if (name !== '' && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

/** The session secret the request's cookie carries, or undefined. */
export function sessionSecretOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string' || !header.includes(SESSION_COOKIE)) return undefined;
  const cookies = parseCookies(header);
  const value = cookies.get(SECURE_SESSION_COOKIE) ?? cookies.get(SESSION_COOKIE);
  // a secret is base64url with a prefix: anything else is not one of ours
  return value !== undefined && /^[\w-]{16,200}$/u.test(value) ? value : undefined;
}

/** Set the session's cookie: it lasts as long as the session may (XUKE_SESSION_MAX_HOURS). */
export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  secret: string,
  deps: HttpDeps,
): void {
  const maxAge = Math.round(deps.accounts.sessionPolicy.maxHours * 3600);
  void reply
    .header(
      'set-cookie',
      hostCookie(SESSION_COOKIE, secureOf(request, deps.accounts.publicUrl), secret, maxAge),
    )
    .header('cache-control', 'no-store');
}

/** Clear the session's cookie (signed out). */
export function clearSessionCookie(reply: FastifyReply, request: FastifyRequest): void {
  const secure =
    request.protocol === 'https' ||
    request.headers.cookie?.includes(SECURE_SESSION_COOKIE) === true;
  void reply.header('set-cookie', hostCookie(SESSION_COOKIE, secure, '', 0));
}

/**
 * Authentication (docs/accounts.md): every route needs a caller unless its config says
 * `public: true`. A caller is an API token (`Authorization: Bearer`) or a person's browser session
 * (the `xuke_session` cookie); a request carrying both is the token's. A session's role is read
 * from the membership at every request; a cookie-authenticated request other than GET/HEAD/OPTIONS
 * must carry the session's CSRF token in `x-csrf-token`; a person whose organisation requires a
 * second factor and who has none reaches only /session, /me and the enrolment routes. The
 * principal is attached to the request; routes authorise actions against it.
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../app/access/access-deps.js';
import { authenticateToken } from '../../app/access/authenticate-token.js';
import { authoriseAction, type Action } from '../../app/access/authorise-action.js';
import { authenticateSession, type ActiveSession } from '../../app/accounts/sessions.js';
import type { Actor } from '../../app/registry/registry-deps.js';
import { personActor } from '../../core/actor.js';
import { DomainError } from '../../core/errors.js';
import type { HttpDeps } from './http-deps.js';
import { withStatus } from './problem.js';
import { clientAddress, sessionSecretOf } from './session-cookie.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** the browser session the request came with (null for a token or a public route) */
    signedIn: ActiveSession | null;
  }
  interface FastifyContextConfig {
    /** no token needed (health, public verification, docs) */
    public?: boolean;
    /** reachable by a person who must still enrol a second factor */
    withoutSecondFactor?: boolean;
  }
}

/** The header a cookie-authenticated write carries the session's CSRF token in. */
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The bearer secret of the Authorization header, or undefined. */
export function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const m = /^Bearer\s+(\S+)\s*$/iu.exec(header);
  return m?.[1];
}

const hashes = new WeakMap<FastifyRequest, string>();

/** The sha256 of the request's bearer secret, computed once per request (rate limiter and auth). */
export function bearerHashOf(request: FastifyRequest, deps: HttpDeps): string | undefined {
  let hash = hashes.get(request);
  if (hash === undefined) {
    const secret = bearerOf(request);
    if (secret === undefined) return undefined;
    hash = deps.access.secrets.hash(secret);
    hashes.set(request, hash);
  }
  return hash;
}

const sessionHashes = new WeakMap<FastifyRequest, string>();

/** The sha256 of the request's session cookie (the session's id), once per request; undefined without one. */
export function sessionHashOf(request: FastifyRequest, deps: HttpDeps): string | undefined {
  let hash = sessionHashes.get(request);
  if (hash === undefined) {
    const secret = sessionSecretOf(request);
    if (secret === undefined) return undefined;
    hash = deps.accounts.secrets.hash(secret);
    sessionHashes.set(request, hash);
  }
  return hash;
}

/** Per app: when this process last wrote each token's last use. */
const touchedOf = new WeakMap<HttpDeps, Map<string, number>>();

/** The routes a person who must still enrol a second factor may reach (under /api/v1). */
function reachableWithoutSecondFactor(request: FastifyRequest): boolean {
  if (request.routeOptions.config.withoutSecondFactor === true) return true;
  const url = request.routeOptions.url ?? '';
  return (
    url === '/api/v1/session' ||
    url === '/api/v1/session/organisation' ||
    url === '/api/v1/me' ||
    url === '/api/v1/me/password' ||
    url === '/api/v1/me/totp' ||
    url.startsWith('/api/v1/me/totp/')
  );
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

async function tokenPrincipal(
  secret: string,
  request: FastifyRequest,
  deps: HttpDeps,
  adminOrganisation: string,
): Promise<Principal> {
  const hash = bearerHashOf(request, deps);
  let touched = touchedOf.get(deps);
  if (touched === undefined) {
    touched = new Map();
    touchedOf.set(deps, touched);
  }
  const p = await authenticateToken(
    secret,
    {
      access: deps.access.access,
      secrets: {
        hash: (s) => (s === secret && hash !== undefined ? hash : deps.access.secrets.hash(s)),
      },
      clock: deps.access.clock,
      accounts: deps.accounts.accounts,
      touched,
    },
    'api',
    clientAddress(request),
  );
  // a token's administration of the instance: an admin of the administrator organisation
  return { ...p, instanceAdmin: p.role === 'admin' && p.organisation === adminOrganisation };
}

/** The principal of a browser session, and the session. */
async function sessionPrincipal(
  secret: string,
  request: FastifyRequest,
  deps: HttpDeps,
): Promise<{ principal: Principal; active: ActiveSession }> {
  const active = await authenticateSession(secret, deps.accounts);
  const { user, session, role } = active;
  const person = { id: user.id, name: user.name, email: user.email };
  return {
    active,
    principal: {
      tokenId: null,
      organisation: session.organisation,
      role,
      actor: personActor(person, clientAddress(request)),
      person,
      sessionId: session.id,
      instanceAdmin: user.instanceAdmin,
    },
  };
}

/**
 * The caller, when the request carries credentials (a public route that also serves signed-in
 * people, such as accepting an invitation); null without any. Wrong credentials still throw.
 * No CSRF check here: the route that writes for a signed-in person calls `requireCsrf`.
 */
export async function principalIfAny(
  request: FastifyRequest,
  deps: HttpDeps,
  adminOrganisation = 'demo',
): Promise<Principal | null> {
  if (request.principal !== null) return request.principal;
  const bearer = bearerOf(request);
  if (bearer !== undefined) {
    request.principal = await tokenPrincipal(bearer, request, deps, adminOrganisation);
    return request.principal;
  }
  const secret = sessionSecretOf(request);
  if (secret === undefined) return null;
  const { principal, active } = await sessionPrincipal(secret, request, deps);
  request.principal = principal;
  request.signedIn = active;
  return principal;
}

/** CSRF_REFUSED unless a cookie-authenticated, state-changing request carries the session's token. */
export function requireCsrf(request: FastifyRequest): void {
  const active = request.signedIn;
  if (active === null || SAFE_METHODS.has(request.method)) return;
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent !== 'string' || !sameSecret(sent, active.session.csrfToken)) {
    throw new DomainError(
      'CSRF_REFUSED',
      '缺少或错误的 CSRF 令牌：请刷新页面后重试（x-csrf-token 请求头应为 GET /api/v1/session 返回的 csrfToken）',
      'The CSRF token is missing or wrong: reload the page and try again (the x-csrf-token header must be the csrfToken of GET /api/v1/session)',
    );
  }
}

export async function authenticateRequest(
  request: FastifyRequest,
  deps: HttpDeps,
  adminOrganisation = 'demo',
): Promise<void> {
  if (request.routeOptions.config.public === true) return;
  const bearer = bearerOf(request);
  if (bearer !== undefined) {
    request.principal = await tokenPrincipal(bearer, request, deps, adminOrganisation);
    return;
  }
  const secret = sessionSecretOf(request);
  if (secret === undefined) {
    throw new DomainError(
      'UNAUTHENTICATED',
      '需要登录，或 Authorization: Bearer 令牌',
      'Sign in, or send an Authorization: Bearer token',
    );
  }
  const { principal, active } = await sessionPrincipal(secret, request, deps);
  request.principal = principal;
  request.signedIn = active;
  requireCsrf(request);
  if (active.secondFactorMissing && !reachableWithoutSecondFactor(request)) {
    throw withStatus(
      new DomainError(
        'SECOND_FACTOR_REQUIRED',
        `组织 ${active.session.organisation} 要求两步验证：请先在“设置 → 您的账户与安全”中启用`,
        `The organisation ${active.session.organisation} requires a second factor: set one up under Settings → Your account and security first`,
      ),
      403,
    );
  }
}

/** The caller, authorised for `action`; FORBIDDEN otherwise. */
export function authorise(request: FastifyRequest, action: Action): Principal {
  const p = request.principal;
  if (p === null) throw new DomainError('UNAUTHENTICATED', '未认证', 'Not authenticated');
  authoriseAction(p, action);
  return p;
}

/** The signed-in person's session; UNAUTHENTICATED for a token or no caller. */
export function signedInSession(request: FastifyRequest): ActiveSession {
  const s = request.signedIn;
  if (s === null) {
    throw new DomainError(
      'UNAUTHENTICATED',
      '此操作需要以个人身份登录（浏览器会话），不能使用 API 令牌',
      'This needs a person signed in (a browser session), not an API token',
    );
  }
  return s;
}

export function actorOf(p: Principal): Actor {
  return { organisation: p.organisation, actor: p.actor };
}

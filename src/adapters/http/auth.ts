/**
 * Bearer authentication: every route needs a token unless its config says `public: true`. The
 * principal is attached to the request; routes authorise actions against it.
 */
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../app/access/access-deps.js';
import { authenticateToken } from '../../app/access/authenticate-token.js';
import { authoriseAction, type Action } from '../../app/access/authorise-action.js';
import type { Actor } from '../../app/registry/registry-deps.js';
import { DomainError } from '../../core/errors.js';
import type { HttpDeps } from './http-deps.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** no token needed (health, public verification, docs) */
    public?: boolean;
  }
}

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

export async function authenticateRequest(request: FastifyRequest, deps: HttpDeps): Promise<void> {
  if (request.routeOptions.config.public === true) return;
  const secret = bearerOf(request);
  if (secret === undefined) {
    throw new DomainError(
      'UNAUTHENTICATED',
      '需要 Authorization: Bearer 令牌',
      'An Authorization: Bearer token is required',
    );
  }
  const hash = bearerHashOf(request, deps);
  request.principal = await authenticateToken(secret, {
    access: deps.access.access,
    secrets: {
      hash: (s) => (s === secret && hash !== undefined ? hash : deps.access.secrets.hash(s)),
    },
  });
}

/** The caller, authorised for `action`; FORBIDDEN otherwise. */
export function authorise(request: FastifyRequest, action: Action): Principal {
  const p = request.principal;
  if (p === null) throw new DomainError('UNAUTHENTICATED', '未认证', 'Not authenticated');
  authoriseAction(p, action);
  return p;
}

export function actorOf(p: Principal): Actor {
  return { organisation: p.organisation, actor: p.actor };
}

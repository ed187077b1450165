/**
 * The web UI's session: the one-time sign-in code (printed on first start, carried in the link's
 * fragment so it never reaches a log) exchanged for an admin token, and "who am I" for a token.
 */
import { z } from 'zod';
import { exchangeSignInCode } from '../../../app/exchange-sign-in-code.js';
import { DomainError } from '../../../core/errors.js';
import { Role } from '../../../ports/access-store.js';
import type { HttpDeps } from '../http-deps.js';
import { errorResponses } from '../problem.js';
import { BEARER, type ZodApp } from '../route-types.js';

const RoleSchema = z.enum(Role);

export const SignedInSchema = z
  .object({
    token: z.string().describe('the new API token: shown once'),
    tokenId: z.string(),
    role: RoleSchema,
    organisation: z.string(),
  })
  .meta({ id: 'SignedIn' });

export const MeSchema = z
  .object({
    tokenId: z.string(),
    role: RoleSchema,
    organisation: z.string(),
    actor: z.string().describe('recorded as the actor on events and audit entries'),
  })
  .meta({ id: 'Me' });

export function registerSessionRoutes(app: ZodApp, deps: HttpDeps): void {
  app.post(
    '/sign-in',
    {
      config: { public: true },
      schema: {
        tags: ['session'],
        summary: 'Exchange the one-time sign-in code printed on first start for an admin token',
        body: z.object({ code: z.string().min(10).max(200) }).strict(),
        response: { 200: SignedInSchema, ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const created = await exchangeSignInCode(request.body.code, deps.access);
      return reply.header('cache-control', 'no-store').send({
        token: created.token,
        tokenId: created.id,
        role: created.role,
        organisation: created.organisation,
      });
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: ['session'],
        summary: 'The caller: its token, role and organisation',
        security: BEARER,
        response: { 200: MeSchema, ...errorResponses(401, 429) },
      },
    },
    (request) => {
      const p = request.principal;
      if (p === null) throw new DomainError('UNAUTHENTICATED', '未认证', 'Not authenticated');
      return Promise.resolve({
        tokenId: p.tokenId,
        role: p.role,
        organisation: p.organisation,
        actor: p.actor,
      });
    },
  );
}

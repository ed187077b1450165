/**
 * The web UI's session: the one-time sign-in code (printed on first start, carried in the link's
 * fragment so it never reaches a log) exchanged for an admin token, "who am I" for a token, and an
 * admin's management of its organisation's tokens (what `xuke token create|revoke` does).
 */
import { z } from 'zod';
import { authoriseGrant } from '../../../app/access/authorise-action.js';
import { createApiToken } from '../../../app/access/create-api-token.js';
import { exchangeSignInCode } from '../../../app/access/exchange-sign-in-code.js';
import { listApiTokens } from '../../../app/access/list-api-tokens.js';
import { revokeApiToken } from '../../../app/access/revoke-api-token.js';
import { DomainError } from '../../../core/errors.js';
import { Role, TokenKind, type ApiToken } from '../../../ports/access-store.js';
import { authorise } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { errorResponses } from '../problem.js';
import { BEARER, NO_TOKEN, type ZodApp } from '../route-types.js';
import { IdParams } from '../schemas.js';

const RoleSchema = z.enum(Role);

export const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    role: RoleSchema,
    kind: z
      .enum(TokenKind)
      .describe('api: a bearer token; sign-in: a one-time sign-in code; calendar: a feed key'),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'Token' });

export const TokenBodySchema = z.strictObject({
  name: z.string().min(1).max(100).describe('to recognise the token by; recorded as its actor'),
  role: RoleSchema.describe('no wider than the caller’s own'),
});

export const CreatedTokenSchema = z
  .object({
    token: z.string().describe('the bearer secret: shown once, stored only as its sha256'),
    id: z.string(),
    name: z.string(),
    role: RoleSchema,
    organisation: z.string(),
  })
  .meta({ id: 'CreatedToken' });

const tokenView = (t: ApiToken) => ({
  id: t.id,
  name: t.name,
  role: t.role,
  kind: t.kind,
  createdAt: t.createdAt,
  revokedAt: t.revokedAt,
});

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
        operationId: 'signIn',
        security: NO_TOKEN,
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
        operationId: 'getCaller',
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

  app.get(
    '/tokens',
    {
      schema: {
        tags: ['session'],
        operationId: 'listTokens',
        summary:
          'The organisation’s tokens, sign-in codes and feed keys, revoked ones too (never a secret)',
        security: BEARER,
        response: {
          200: z.object({ items: z.array(TokenSchema) }),
          ...errorResponses(401, 403, 429),
        },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'manage-tokens');
      const items = (await listApiTokens(who, deps.access)).map(tokenView);
      return reply.header('cache-control', 'no-store').send({ items });
    },
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags: ['session'],
        operationId: 'createToken',
        summary:
          'Create an API token of the caller’s organisation, of a role no wider than the caller’s; the secret is shown once',
        security: BEARER,
        body: TokenBodySchema,
        response: { 201: CreatedTokenSchema, ...errorResponses(400, 401, 403, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const { name, role } = request.body;
      const who = authorise(request, 'manage-tokens');
      authoriseGrant(who, role);
      // the organisation is always the caller's: a token never reaches into another tenant
      const created = await createApiToken(
        { organisation: who.organisation, role, name },
        deps.access,
      );
      return reply.code(201).header('cache-control', 'no-store').send({
        token: created.token,
        id: created.id,
        name: created.name,
        role: created.role,
        organisation: created.organisation,
      });
    },
  );

  app.delete(
    '/tokens/:id',
    {
      schema: {
        tags: ['session'],
        operationId: 'revokeToken',
        summary:
          'Revoke a token (or sign-in code, or feed key) of the organisation; 404 when unknown, another organisation’s, or revoked already',
        security: BEARER,
        params: IdParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'manage-tokens');
      await revokeApiToken(request.params.id, deps.access, who.organisation);
      return reply.code(204).send(null);
    },
  );
}

/**
 * People's sessions (docs/accounts.md) and the organisation's API tokens:
 *
 *   POST   /session                 e-mail and password (and a second factor) → 204 + cookie
 *   GET    /session                 the signed-in person, organisation, role, CSRF token
 *   DELETE /session[?everywhere=]   sign out (of every session)
 *   PUT    /session/organisation    act in another of the person's organisations
 *   POST   /sign-in                 a one-time sign-in link's code → 204 + cookie
 *   GET    /me, PUT /me, PUT /me/password
 *   GET    /tokens, POST /tokens, DELETE /tokens/{id}
 *
 * The sign-in link's code travels in the link's fragment, so it never reaches a log.
 */
import { z } from 'zod';
import { pageOf, paged, PageQuerySchema } from '../paging.js';
import { authoriseGrant } from '../../../app/access/authorise-action.js';
import { createApiToken } from '../../../app/access/create-api-token.js';
import { listApiTokens } from '../../../app/access/list-api-tokens.js';
import { revokeApiToken } from '../../../app/access/revoke-api-token.js';
import { signInWithPassword } from '../../../app/accounts/password-sign-in.js';
import {
  endAllSessions,
  endSession,
  idleExpiryOf,
  switchSessionOrganisation,
  type ActiveSession,
} from '../../../app/accounts/sessions.js';
import { signInWithLink } from '../../../app/accounts/sign-in-links.js';
import { changePassword, renamePerson } from '../../../app/accounts/users.js';
import { DomainError } from '../../../core/errors.js';
import { Role, TokenKind, type ApiToken } from '../../../ports/access-store.js';
import { authorise, signedInSession } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { errorResponses } from '../problem.js';
import { BEARER, NO_TOKEN, type ZodApp } from '../route-types.js';
import { IdParams } from '../schemas.js';
import {
  clearSessionCookie,
  clientAddress,
  setSessionCookie,
  userAgentOf,
} from '../session-cookie.js';

const RoleSchema = z.enum(Role);

const PersonRefSchema = z.object({ id: z.string(), name: z.string() });

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
    createdBy: PersonRefSchema.nullable().describe(
      'the person who created it; null for the operator’s tokens (xuke token create) and older ones',
    ),
    lastUsedAt: z
      .string()
      .nullable()
      .describe('the last time it authenticated a request (to the minute); null: never'),
    expiresAt: z.string().nullable().describe('after this it authenticates nothing; null: never'),
  })
  .meta({ id: 'Token' });

export const TokenBodySchema = z.strictObject({
  name: z.string().min(1).max(100).describe('to recognise the token by; recorded as its actor'),
  role: RoleSchema.describe('no wider than the caller’s own'),
  expiresAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('when it stops working (ISO date-time, in the future); without it, until revoked'),
});

export const CreatedTokenSchema = z
  .object({
    token: z.string().describe('the bearer secret: shown once, stored only as its sha256'),
    id: z.string(),
    name: z.string(),
    role: RoleSchema,
    organisation: z.string(),
    createdBy: PersonRefSchema.nullable(),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'CreatedToken' });

export const MeSchema = z
  .object({
    tokenId: z.string().nullable().describe('the API token’s id; null for a browser session'),
    person: z
      .object({ id: z.string(), name: z.string(), email: z.string().nullable() })
      .nullable()
      .describe('the person signed in, or who created the token; null for an operator’s token'),
    role: RoleSchema,
    organisation: z.string(),
    actor: z.string().describe('recorded as the actor on events and audit entries'),
    via: z.enum(['session', 'token']),
  })
  .meta({ id: 'Me' });

export const SessionSchema = z
  .object({
    person: z.object({
      id: z.string(),
      name: z.string(),
      email: z.string().nullable(),
      mobile: z.string().nullable(),
    }),
    organisation: z.object({ id: z.string(), name: z.string(), kind: z.string() }),
    role: RoleSchema,
    organisations: z
      .array(z.object({ id: z.string(), name: z.string(), role: RoleSchema }))
      .describe('the person’s organisations, with their role in each'),
    csrfToken: z
      .string()
      .describe('send it in the x-csrf-token header with every request other than GET'),
    method: z.enum(['password', 'link', 'oidc', 'invitation']).describe('how the session began'),
    secondFactor: z.boolean().describe('a second factor was verified at sign-in'),
    totpEnabled: z
      .boolean()
      .describe('the person has an authenticator app (TOTP) enrolled and in force'),
    passwordSet: z.boolean().describe('false: the person should set a password (or use SSO)'),
    instanceAdmin: z.boolean(),
    createdAt: z.string(),
    expiresAt: z.string().describe('the absolute expiry'),
    idleExpiresAt: z.string().describe('when it ends unless another request comes'),
  })
  .meta({ id: 'Session' });

const PasswordSignInBody = z.strictObject({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(1000),
  otp: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('a 6-digit code of the authenticator, or a recovery code'),
});

/** An API token for a listing: its creator by name. */
async function tokenViews(tokens: readonly ApiToken[], deps: HttpDeps) {
  const names = new Map<string, string>();
  for (const id of new Set(tokens.map((t) => t.createdBy).filter((c) => c !== null))) {
    const user = await deps.accounts.accounts.findUser(id);
    if (user !== undefined) names.set(id, user.name);
  }
  return tokens.map((t) => ({
    id: t.id,
    name: t.name,
    role: t.role,
    kind: t.kind,
    createdAt: t.createdAt,
    revokedAt: t.revokedAt,
    createdBy:
      t.createdBy === null
        ? null
        : { id: t.createdBy, name: names.get(t.createdBy) ?? t.createdBy },
    lastUsedAt: t.lastUsedAt,
    expiresAt: t.expiresAt,
  }));
}

/** GET /session's answer for an active session (in `organisation` with `role` when switched). */
async function sessionView(
  active: ActiveSession,
  deps: HttpDeps,
  switched?: { readonly organisation: string; readonly role: Role },
) {
  const { user } = active;
  const session =
    switched === undefined
      ? active.session
      : { ...active.session, organisation: switched.organisation };
  const memberships = await deps.accounts.accounts.listMemberships(user.id);
  const org = await deps.registry.organisations.findOrganisation(session.organisation);
  return {
    person: { id: user.id, name: user.name, email: user.email, mobile: user.mobile },
    organisation: {
      id: session.organisation,
      name: org?.name ?? session.organisation,
      kind: org?.kind ?? 'holder',
    },
    role: switched?.role ?? active.role,
    organisations: memberships.map((m) => ({
      id: m.organisation,
      name: m.organisationName,
      role: m.role,
    })),
    csrfToken: session.csrfToken,
    method: session.method,
    secondFactor: session.secondFactor,
    totpEnabled: user.totpEnabledAt !== null,
    passwordSet: user.passwordHash !== null,
    instanceAdmin: user.instanceAdmin,
    createdAt: session.createdAt,
    expiresAt: session.expiresAt,
    idleExpiresAt: idleExpiryOf(session, deps.accounts),
  };
}

export function registerSessionRoutes(app: ZodApp, deps: HttpDeps): void {
  const accounts = deps.accounts;

  app.post(
    '/session',
    {
      config: { public: true },
      schema: {
        tags: ['session'],
        operationId: 'signInWithPassword',
        security: NO_TOKEN,
        summary:
          'Sign in with e-mail and password (and a second factor when the account has one): 204 with the session cookie',
        body: PasswordSignInBody,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const { email, password, otp } = request.body;
      const started = await signInWithPassword(
        { email, password, otp, address: clientAddress(request), userAgent: userAgentOf(request) },
        accounts,
      );
      setSessionCookie(reply, request, started.secret, deps);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/session',
    {
      schema: {
        tags: ['session'],
        operationId: 'getSession',
        summary: 'The signed-in person’s session: who, where, with what role, and its CSRF token',
        security: BEARER,
        response: { 200: SessionSchema, ...errorResponses(401, 429) },
      },
    },
    async (request, reply) => {
      const view = await sessionView(signedInSession(request), deps);
      return reply.header('cache-control', 'no-store').send(view);
    },
  );

  app.delete(
    '/session',
    {
      schema: {
        tags: ['session'],
        operationId: 'signOut',
        summary: 'Sign out: this session ends (with everywhere=true, every session of the person)',
        security: BEARER,
        querystring: z.object({
          everywhere: z
            .enum(['true', 'false'])
            .optional()
            .describe('true: every session of the person ends, on every device'),
        }),
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const active = signedInSession(request);
      if (request.query.everywhere === 'true') await endAllSessions(active.user.id, accounts);
      else await endSession(active.session.id, accounts);
      clearSessionCookie(reply, request);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/session/organisation',
    {
      schema: {
        tags: ['session'],
        operationId: 'switchSessionOrganisation',
        summary:
          'Act in another of the person’s organisations (the instance’s administrator: any, as its admin; audited there)',
        security: BEARER,
        body: z.strictObject({ organisation: z.string().min(1).max(64) }),
        response: { 200: SessionSchema, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const active = signedInSession(request);
      const { organisation } = request.body;
      const role = await switchSessionOrganisation(
        { session: active.session, user: active.user, organisation },
        {
          ...accounts,
          organisationExists: async (id) =>
            (await deps.registry.organisations.findOrganisation(id)) !== undefined,
        },
      );
      const member = await accounts.accounts.findMembership(active.user.id, organisation);
      if (member === undefined) {
        // the instance's administrator on another organisation's side: that organisation's chain says so
        await deps.registry.organisations.recordSwitch(
          organisation,
          request.principal?.actor ?? '',
          'session',
        );
      }
      const view = await sessionView(active, deps, { organisation, role });
      return reply.header('cache-control', 'no-store').send(view);
    },
  );

  app.post(
    '/sign-in',
    {
      config: { public: true },
      schema: {
        tags: ['session'],
        operationId: 'signIn',
        security: NO_TOKEN,
        summary:
          'Sign in with a one-time link’s code (the first start’s, or xuke user sign-in-link): 204 with the session cookie',
        body: z.strictObject({ code: z.string().min(10).max(200) }),
        response: { 204: z.null(), ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const started = await signInWithLink(
        {
          code: request.body.code,
          address: clientAddress(request),
          userAgent: userAgentOf(request),
        },
        { ...accounts, legacy: deps.access },
      );
      setSessionCookie(reply, request, started.secret, deps);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: ['session'],
        operationId: 'getCaller',
        summary: 'The caller: the person or token, role and organisation, and the actor recorded',
        security: BEARER,
        response: { 200: MeSchema, ...errorResponses(401, 429) },
      },
    },
    (request) => {
      const p = request.principal;
      if (p === null) throw new DomainError('UNAUTHENTICATED', '未认证', 'Not authenticated');
      return Promise.resolve({
        tokenId: p.tokenId,
        person: p.person,
        role: p.role,
        organisation: p.organisation,
        actor: p.actor,
        via: p.tokenId === null ? ('session' as const) : ('token' as const),
      });
    },
  );

  app.put(
    '/me',
    {
      schema: {
        tags: ['session'],
        operationId: 'updateMe',
        summary: 'The signed-in person changes their name',
        security: BEARER,
        body: z.strictObject({ name: z.string().min(1).max(100) }),
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const active = signedInSession(request);
      await renamePerson(active.user.id, request.body.name, accounts);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/me/password',
    {
      schema: {
        tags: ['session'],
        operationId: 'changeMyPassword',
        summary:
          'The signed-in person sets or changes their password (the current one when one is set); their other sessions end',
        security: BEARER,
        body: z.strictObject({
          currentPassword: z.string().min(1).max(1000).optional(),
          newPassword: z.string().min(1).max(1000),
        }),
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const active = signedInSession(request);
      await changePassword(
        {
          userId: active.user.id,
          currentPassword: request.body.currentPassword,
          newPassword: request.body.newPassword,
          keepSession: active.session.id,
        },
        accounts,
      );
      return reply.code(204).send(null);
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
        querystring: PageQuerySchema,
        response: {
          200: pageOf(TokenSchema),
          ...errorResponses(400, 401, 403, 429),
        },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'manage-tokens');
      const page = paged(
        await listApiTokens(who, deps.access),
        (t) => [t.createdAt, t.id],
        ['asc', 'asc'],
        request.query,
        request.query,
      );
      const items = await tokenViews(page.items, deps);
      return reply.header('cache-control', 'no-store').send({ items, next: page.next });
    },
  );

  app.post(
    '/tokens',
    {
      schema: {
        tags: ['session'],
        operationId: 'createToken',
        summary:
          'Create an API token of the caller’s organisation, of a role no wider than the caller’s, optionally expiring; the secret is shown once',
        security: BEARER,
        body: TokenBodySchema,
        response: { 201: CreatedTokenSchema, ...errorResponses(400, 401, 403, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const { name, role, expiresAt } = request.body;
      const who = authorise(request, 'manage-tokens');
      authoriseGrant(who, role);
      // the organisation is always the caller's: a token never reaches into another tenant
      const created = await createApiToken(
        {
          organisation: who.organisation,
          role,
          name,
          createdBy: who.person?.id ?? null,
          expiresAt: expiresAt ?? null,
        },
        deps.access,
      );
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({
          token: created.token,
          id: created.id,
          name: created.name,
          role: created.role,
          organisation: created.organisation,
          createdBy: who.person === null ? null : { id: who.person.id, name: who.person.name },
          expiresAt: created.expiresAt,
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

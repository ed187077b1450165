/**
 * An organisation's people (docs/accounts.md, "Invitations and membership"): its admins list the
 * members, change a role, remove a member (their sessions there end at once), invite people by
 * e-mail or link, list and revoke invitations, and set the organisation's access policy. The
 * invitation's own routes are public: anyone holding a code may look it up and accept it, as a new
 * person or, signed in, as themselves.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  getAccessPolicy,
  putAccessPolicy,
  type AccessPolicy,
} from '../../../app/accounts/access-policy.js';
import {
  acceptInvitation,
  acceptInvitationAsNewPerson,
  createInvitation,
  listInvitations,
  lookupInvitation,
  revokeInvitation,
  type InvitationView,
} from '../../../app/accounts/invitations.js';
import { changeRole, listMembers, removeMember } from '../../../app/accounts/members.js';
import { startSession } from '../../../app/accounts/sessions.js';
import { DomainError, isDomainError } from '../../../core/errors.js';
import { Role } from '../../../ports/access-store.js';
import type { Member } from '../../../ports/account-store.js';
import { pageOf, paged, PageQuerySchema } from '../paging.js';
import { authorise, bearerOf, principalIfAny, requireCsrf } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { errorResponses } from '../problem.js';
import { BEARER, NO_TOKEN, type ZodApp } from '../route-types.js';
import { clientAddress, setSessionCookie, userAgentOf } from '../session-cookie.js';

const RoleSchema = z.enum(Role);

export const MemberSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    mobile: z.string().nullable(),
    role: RoleSchema,
    secondFactor: z.boolean().describe('signs in with a second factor (TOTP)'),
    hasPassword: z.boolean(),
    ssoLinked: z.boolean().describe('linked to a single sign-on identity'),
    createdAt: z.string().describe('when they joined the organisation'),
  })
  .meta({ id: 'Member' });

export const InvitationSchema = z
  .object({
    id: z.string(),
    email: z
      .string()
      .nullable()
      .describe('the only person who may accept it; null: anyone with the link'),
    role: RoleSchema,
    status: z.enum(['open', 'accepted', 'expired', 'revoked']),
    createdBy: z.string().describe('who invited: an actor string (docs/accounts.md)'),
    createdAt: z.string(),
    expiresAt: z.string(),
    acceptedAt: z.string().nullable(),
    acceptedBy: z.string().nullable().describe('the id of the person who accepted it'),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'Invitation' });

export const CreatedInvitationSchema = z
  .object({
    id: z.string(),
    url: z.string().describe('/invite#code=…: shown once'),
    code: z.string().describe('the invitation’s secret: shown once, stored only as its sha256'),
    email: z.string().nullable(),
    role: RoleSchema,
    expiresAt: z.string(),
    mailed: z.boolean().describe('whether the invitation was sent to the e-mail'),
  })
  .meta({ id: 'CreatedInvitation' });

export const InvitationLookupSchema = z
  .object({
    organisation: z.object({ id: z.string(), name: z.string() }),
    role: RoleSchema,
    email: z.string().nullable().describe('the e-mail it is for; null: anyone with the link'),
    expiresAt: z.string(),
  })
  .meta({ id: 'InvitationLookup' });

export const AccessPolicySchema = z
  .object({
    joinMode: z
      .enum(['invitation', 'domain'])
      .describe(
        'invitation: only invited people join; domain: also single sign-on users with a verified e-mail of a listed domain',
      ),
    joinDomains: z.array(z.string()).describe('lower case, without @'),
    joinRole: RoleSchema.describe('the role of people who join by domain'),
    requireSecondFactor: z
      .boolean()
      .describe('members without a second factor reach only their session and enrolment'),
  })
  .meta({ id: 'AccessPolicy' });

const MemberParams = z.object({ userId: z.string().min(1).max(100) });
const InvitationParams = z.object({ id: z.string().min(1).max(100) });
const Code = z.string().min(10).max(200).describe('the invitation’s code, from its link');

const memberView = (m: Member) => ({
  userId: m.userId,
  name: m.name,
  email: m.email,
  mobile: m.mobile,
  role: m.role,
  secondFactor: m.secondFactor,
  hasPassword: m.hasPassword,
  ssoLinked: m.ssoLinked,
  createdAt: m.createdAt,
});

const invitationView = (i: InvitationView) => ({
  id: i.id,
  email: i.email,
  role: i.role,
  status: i.status,
  createdBy: i.createdBy,
  createdAt: i.createdAt,
  expiresAt: i.expiresAt,
  acceptedAt: i.acceptedAt,
  acceptedBy: i.acceptedBy,
  revokedAt: i.revokedAt,
});

const policyView = (p: AccessPolicy) => ({
  joinMode: p.joinMode,
  joinDomains: [...p.joinDomains],
  joinRole: p.joinRole,
  requireSecondFactor: p.requireSecondFactor,
});

/**
 * The person signed in through a browser session on this request, or null. The invitation's
 * routes are public (no credential needed), so the session is read here when the request has one;
 * a cookie whose session has ended counts as none (the person accepts as someone new). A write for
 * a signed-in person needs the session's CSRF token like any other.
 */
async function signedInPerson(
  request: FastifyRequest,
  deps: HttpDeps,
): Promise<{ userId: string; sessionId: string } | null> {
  if (bearerOf(request) !== undefined) return null;
  try {
    await principalIfAny(request, deps);
  } catch (e) {
    if (isDomainError(e) && e.code === 'UNAUTHENTICATED') return null;
    throw e;
  }
  const active = request.signedIn;
  if (active === null) return null;
  requireCsrf(request);
  return { userId: active.user.id, sessionId: active.session.id };
}

export function registerMemberRoutes(app: ZodApp, deps: HttpDeps): void {
  const accounts = () => ({ ...deps.accounts, organisations: deps.registry.organisations });

  app.get(
    '/members',
    {
      schema: {
        tags: ['members'],
        operationId: 'listMembers',
        summary: 'The organisation’s members, with their role, second factor and sign-in methods',
        security: BEARER,
        querystring: PageQuerySchema,
        response: {
          200: pageOf(MemberSchema),
          ...errorResponses(400, 401, 403, 429),
        },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'manage-organisation');
      const page = paged(
        await listMembers(who.organisation, deps.accounts),
        (m) => [m.createdAt, m.userId],
        ['asc', 'asc'],
        request.query,
        request.query,
      );
      return reply
        .header('cache-control', 'no-store')
        .send({ items: page.items.map(memberView), next: page.next });
    },
  );

  app.patch(
    '/members/:userId',
    {
      schema: {
        tags: ['members'],
        operationId: 'changeMemberRole',
        summary:
          'Change a member’s role; it applies at their next request. The last admin may not be demoted (409)',
        security: BEARER,
        params: MemberParams,
        body: z.strictObject({ role: RoleSchema }),
        response: { 200: MemberSchema, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => {
      const who = authorise(request, 'manage-organisation');
      const member = await changeRole(
        { userId: request.params.userId, role: request.body.role },
        who,
        deps.accounts,
      );
      return memberView(member);
    },
  );

  app.delete(
    '/members/:userId',
    {
      schema: {
        tags: ['members'],
        operationId: 'removeMember',
        summary:
          'Remove a member: their sessions in the organisation end at once. The last admin may not be removed (409)',
        security: BEARER,
        params: MemberParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'manage-organisation');
      await removeMember(request.params.userId, who, deps.accounts);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/invitations',
    {
      schema: {
        tags: ['members'],
        operationId: 'createInvitation',
        summary:
          'Invite a person, by e-mail or as a link, with a role no wider than the caller’s: 7 days, single use; the link is shown once',
        security: BEARER,
        body: z.strictObject({
          email: z
            .email()
            .max(254)
            .nullable()
            .optional()
            .describe('only this person may accept; an e-mail is sent when SMTP is configured'),
          role: RoleSchema,
        }),
        response: {
          201: CreatedInvitationSchema,
          ...errorResponses(400, 401, 403, 413, 415, 429),
        },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'manage-organisation');
      const created = await createInvitation(
        { email: request.body.email ?? null, role: request.body.role },
        who,
        accounts(),
      );
      return reply.code(201).header('cache-control', 'no-store').send({
        id: created.id,
        url: created.url,
        code: created.code,
        email: created.email,
        role: created.role,
        expiresAt: created.expiresAt,
        mailed: created.mailed,
      });
    },
  );

  app.get(
    '/invitations',
    {
      schema: {
        tags: ['members'],
        operationId: 'listInvitations',
        summary:
          'The organisation’s invitations, open, accepted, expired and revoked (never a code)',
        security: BEARER,
        querystring: PageQuerySchema,
        response: {
          200: pageOf(InvitationSchema),
          ...errorResponses(400, 401, 403, 429),
        },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'manage-organisation');
      // newest first: an admin looks for the invitation they just sent
      const page = paged(
        await listInvitations(who.organisation, deps.accounts),
        (i) => [i.createdAt, i.id],
        ['desc', 'desc'],
        request.query,
        request.query,
      );
      return reply
        .header('cache-control', 'no-store')
        .send({ items: page.items.map(invitationView), next: page.next });
    },
  );

  app.delete(
    '/invitations/:id',
    {
      schema: {
        tags: ['members'],
        operationId: 'revokeInvitation',
        summary:
          'Revoke an open invitation of the organisation; 404 when unknown, another organisation’s, accepted or revoked already',
        security: BEARER,
        params: InvitationParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'manage-organisation');
      await revokeInvitation(request.params.id, who, deps.accounts);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/invitations/lookup',
    {
      config: { public: true },
      schema: {
        tags: ['members'],
        operationId: 'lookupInvitation',
        summary:
          'What an invitation offers: the organisation, role, e-mail and expiry; 404 unknown, 410 expired, used or revoked',
        security: NO_TOKEN,
        body: z.strictObject({ code: Code }),
        response: { 200: InvitationLookupSchema, ...errorResponses(400, 404, 410, 429) },
      },
    },
    async (request, reply) => {
      const found = await lookupInvitation(request.body.code, accounts());
      return reply.header('cache-control', 'no-store').send(found);
    },
  );

  app.post(
    '/invitations/accept',
    {
      config: { public: true },
      schema: {
        tags: ['members'],
        operationId: 'acceptInvitation',
        summary:
          'Accept an invitation: signed in, the person joins; otherwise a new person (name, password, and the e-mail when the invitation names none) is created and signed in. 410 when expired, used or revoked',
        security: NO_TOKEN,
        body: z.strictObject({
          code: Code,
          name: z.string().min(1).max(200).optional().describe('a new person’s name'),
          password: z
            .string()
            .min(1)
            .max(1000)
            .optional()
            .describe('a new person’s password (10–200 characters)'),
          email: z
            .email()
            .max(254)
            .optional()
            .describe('a new person’s e-mail, when the invitation names none'),
        }),
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 409, 410, 429) },
      },
    },
    async (request, reply) => {
      const { code, name, password, email } = request.body;
      const address = clientAddress(request);
      const signedIn = await signedInPerson(request, deps);
      if (signedIn !== null) {
        const joined = await acceptInvitation(
          { code, userId: signedIn.userId, address },
          deps.accounts,
        );
        // the session goes on in the organisation just joined
        await deps.accounts.accounts.setSessionOrganisation(
          signedIn.sessionId,
          joined.organisation,
        );
        return reply.code(204).header('cache-control', 'no-store').send(null);
      }
      if (name === undefined || password === undefined) {
        throw new DomainError(
          'INVALID_INPUT',
          '接受邀请需要登录，或为新账户提供姓名和口令',
          'Accepting an invitation needs a signed-in person, or a new person’s name and password',
        );
      }
      const joined = await acceptInvitationAsNewPerson(
        { code, name, password, email: email ?? null, address },
        deps.accounts,
      );
      const started = await startSession(
        {
          userId: joined.userId,
          organisation: joined.organisation,
          method: 'invitation',
          secondFactor: false,
          address,
          userAgent: userAgentOf(request),
        },
        deps.accounts,
      );
      setSessionCookie(reply, request, started.secret, deps);
      return reply.code(204).header('cache-control', 'no-store').send(null);
    },
  );

  app.get(
    '/organisation/access',
    {
      schema: {
        tags: ['members'],
        operationId: 'getAccessPolicy',
        summary:
          'The organisation’s access policy: who may join, with which role, and whether a second factor is required',
        security: BEARER,
        response: { 200: AccessPolicySchema, ...errorResponses(401, 403, 429) },
      },
    },
    async (request) => {
      const who = authorise(request, 'manage-organisation');
      return policyView(await getAccessPolicy(who.organisation, deps.accounts));
    },
  );

  app.put(
    '/organisation/access',
    {
      schema: {
        tags: ['members'],
        operationId: 'putAccessPolicy',
        summary:
          'Set the organisation’s access policy (domains: lower case, without @, no public mail provider; the join role member or viewer)',
        security: BEARER,
        body: z.strictObject({
          joinMode: z.enum(['invitation', 'domain']),
          joinDomains: z.array(z.string().min(1).max(253)).max(20),
          joinRole: RoleSchema,
          requireSecondFactor: z.boolean(),
        }),
        response: { 200: AccessPolicySchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const who = authorise(request, 'manage-organisation');
      return policyView(await putAccessPolicy(request.body, who, deps.accounts));
    },
  );
}

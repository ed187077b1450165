/**
 * Invitations, membership and each organisation's access policy (docs/accounts.md, "Invitations
 * and membership") through the HTTP app on every dialect: an admin invites by e-mail and by link;
 * the code is looked up and accepted (as a new person, who is signed in, or as a signed-in person,
 * who joins); an expired, used or revoked invitation is refused with 410; an invitation addressed
 * to an e-mail is refused to anyone else; only admins invite, and never a role wider than their
 * own; a role change applies at the member's next request; a removal ends their sessions in the
 * organisation at once; the last admin is kept; the access policy is read, written and checked.
 * Then the use cases themselves: the e-mail sent, the audit entries handed to the hook, and the
 * pure checks (role ceiling, domains, dates).
 */
import { describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../src/app/access/authorise-action.js';
import type { AccountDeps } from '../src/app/accounts/account-deps.js';
import { normaliseJoinDomain, PUBLIC_MAIL_DOMAINS } from '../src/app/accounts/access-policy.js';
import {
  acceptInvitation,
  authoriseInvitation,
  beijingTime,
  createInvitation,
  INVITATION_DAYS,
  revokeInvitation,
  widerRole,
} from '../src/app/accounts/invitations.js';
import type { MembershipAuditEntry } from '../src/app/accounts/account-deps.js';
import { changeRole, removeMember } from '../src/app/accounts/members.js';
import { startSession } from '../src/app/accounts/sessions.js';
import { createPerson } from '../src/app/accounts/users.js';
import { personActor } from '../src/core/actor.js';
import type { Principal } from '../src/app/access/access-deps.js';
import { DomainError } from '../src/core/errors.js';
import type { Role } from '../src/ports/access-store.js';
import { bearer, expectProblem, harnessFor, type InjectedResponse } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

const T0 = '2026-11-28T02:00:00.000Z';
const PASSWORD = 'correct horse battery 9';

interface Created {
  id: string;
  url: string;
  code: string;
  email: string | null;
  role: Role;
  expiresAt: string;
  mailed: boolean;
}

interface InvitationItem {
  id: string;
  email: string | null;
  role: Role;
  status: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  acceptedBy: string | null;
  revokedAt: string | null;
}

interface MemberItem {
  userId: string;
  name: string;
  email: string | null;
  mobile: string | null;
  role: Role;
  secondFactor: boolean;
  hasPassword: boolean;
  ssoLinked: boolean;
  createdAt: string;
}

/** A browser's credentials: the cookie and the CSRF token its page would send. */
interface Browser {
  readonly cookie: string;
  readonly csrf: string;
}

/** The session cookie a response sets, as a browser would send it back. */
function cookieOf(res: InjectedResponse): string {
  const set = res.headers['set-cookie'];
  const line = [set].flat().find((c) => typeof c === 'string' && /xuke_session=/u.test(c));
  expect(line, 'a session cookie is set').toBeDefined();
  return String(line).split(';')[0] ?? '';
}

describeEachDialect('invitations and members over HTTP', (dialect) => {
  const h = harnessFor(dialect);
  let n = 0;

  const send = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    as: string | Browser | null,
    body?: unknown,
  ) =>
    h.app.inject({
      method,
      url: `/api/v1${url}`,
      ...(body === undefined ? {} : { payload: body as string }),
      headers:
        as === null
          ? {}
          : typeof as === 'string'
            ? bearer(as)
            : { cookie: as.cookie, 'x-csrf-token': as.csrf },
    });

  const invite = async (body: unknown, token = h.tokens.admin): Promise<Created> => {
    const res = await send('POST', '/invitations', token, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Created>();
  };

  /** A person (created directly) who is a member of `org` with `role`, signed in there. */
  const person = async (
    org: string,
    role: Role | null,
    email = `p${++n}@example.com`,
  ): Promise<{ id: string; email: string; browser: Browser }> => {
    const deps = h.deps.accounts;
    const user = await createPerson({ email, name: `Person ${n}`, password: PASSWORD }, deps);
    if (role !== null) {
      await deps.accounts.putMembership({
        userId: user.id,
        organisation: org,
        role,
        createdAt: deps.clock.now().toISOString(),
        createdBy: null,
      });
    }
    const started = await startSession(
      {
        userId: user.id,
        organisation: org,
        method: 'password',
        secondFactor: false,
        address: null,
        userAgent: null,
      },
      deps,
    );
    return {
      id: user.id,
      email,
      browser: { cookie: `xuke_session=${started.secret}`, csrf: started.session.csrfToken },
    };
  };

  /** What GET /session says of a browser. */
  const session = async (browser: Browser) => {
    const res = await send('GET', '/session', browser);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{
      person: { id: string; name: string; email: string | null };
      organisation: { id: string };
      role: Role;
    }>();
  };

  describe('inviting', () => {
    it('an admin invites by link: 201, the code shown once in /invite#code=…, 7 days', async () => {
      const res = await send('POST', '/invitations', h.tokens.admin, { role: 'member' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      const made = res.json<Created>();
      expect(made).toMatchObject({ email: null, role: 'member', mailed: false });
      expect(made.code).toMatch(/^[\w-]{40,}$/u);
      expect(made.url.endsWith(`/invite#code=${made.code}`)).toBe(true);
      expect(Date.parse(made.expiresAt) - Date.parse(T0)).toBe(INVITATION_DAYS * 86_400_000);

      const list = await send('GET', '/invitations', h.tokens.admin);
      expect(list.statusCode, list.body).toBe(200);
      const item = list.json<{ items: InvitationItem[] }>().items.find((i) => i.id === made.id);
      expect(item).toMatchObject({ status: 'open', role: 'member', email: null, acceptedAt: null });
      expect(item?.createdBy).toMatch(/^token:/u);
      expect(list.body).not.toContain(made.code);
      expect(list.body).not.toContain(h.deps.accounts.secrets.hash(made.code));
    });

    it('by e-mail: the address is checked and lower-cased', async () => {
      const made = await invite({ email: 'Zhang.San@Example.COM', role: 'viewer' });
      expect(made).toMatchObject({ email: 'zhang.san@example.com', role: 'viewer' });
      const bad = await send('POST', '/invitations', h.tokens.admin, {
        email: 'not an address',
        role: 'member',
      });
      expectProblem(bad, 400, 'INVALID_INPUT');
      expectProblem(
        await send('POST', '/invitations', h.tokens.admin, { role: 'owner' }),
        400,
        'INVALID_INPUT',
      );
    });

    it('a member or viewer may not invite; nor may an anonymous caller', async () => {
      for (const role of ['member', 'viewer'] as const) {
        expectProblem(
          await send('POST', '/invitations', h.tokens[role], { role: 'viewer' }),
          403,
          'FORBIDDEN',
        );
        expectProblem(await send('GET', '/invitations', h.tokens[role]), 403, 'FORBIDDEN');
      }
      expectProblem(await send('POST', '/invitations', null, { role: 'viewer' }), 401);
    });

    it('a signed-in admin invites through the session, with the CSRF token', async () => {
      const admin = await person('acme', 'admin');
      const res = await send('POST', '/invitations', admin.browser, { role: 'member' });
      expect(res.statusCode, res.body).toBe(201);
      const list = await send('GET', '/invitations', admin.browser);
      const item = list
        .json<{ items: InvitationItem[] }>()
        .items.find((i) => i.id === res.json<Created>().id);
      expect(item?.createdBy.startsWith(`person:{"id":"${admin.id}",`)).toBe(true);
      const noCsrf = await h.app.inject({
        method: 'POST',
        url: '/api/v1/invitations',
        payload: { role: 'member' },
        headers: { cookie: admin.browser.cookie },
      });
      expectProblem(noCsrf, 403, 'CSRF_REFUSED');
    });
  });

  describe('looking up and accepting', () => {
    it('lookup names the organisation, role, e-mail and expiry; an unknown code is 404', async () => {
      const made = await invite({ email: 'lookup@example.com', role: 'member' });
      const res = await send('POST', '/invitations/lookup', null, { code: made.code });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        organisation: { id: 'acme', name: expect.any(String) as string },
        role: 'member',
        email: 'lookup@example.com',
        expiresAt: made.expiresAt,
      });
      expectProblem(
        await send('POST', '/invitations/lookup', null, { code: 'x'.repeat(43) }),
        404,
        'NOT_FOUND',
      );
      expectProblem(await send('POST', '/invitations/lookup', null, { code: 'short' }), 400);
    });

    it('a new person accepts a link: signed in at once, in the organisation, with the invited role', async () => {
      const made = await invite({ role: 'viewer' });
      const res = await send('POST', '/invitations/accept', null, {
        code: made.code,
        name: '李四',
        password: PASSWORD,
        email: 'Li.Si@Example.com',
      });
      expect(res.statusCode, res.body).toBe(204);
      const browser = { cookie: cookieOf(res), csrf: '' };
      const me = await session(browser);
      expect(me.person).toMatchObject({ name: '李四', email: 'li.si@example.com' });
      expect(me.organisation.id).toBe('acme');
      expect(me.role).toBe('viewer');
      // the invitation is used: listed as accepted by them, and works no more
      const list = await send('GET', '/invitations', h.tokens.admin);
      expect(
        list.json<{ items: InvitationItem[] }>().items.find((i) => i.id === made.id),
      ).toMatchObject({ status: 'accepted', acceptedBy: me.person.id, acceptedAt: T0 });
      const again = await send('POST', '/invitations/accept', null, {
        code: made.code,
        name: '王五',
        password: PASSWORD,
        email: 'wang.wu@example.com',
      });
      expectProblem(again, 410, 'GONE');
      expectProblem(
        await send('POST', '/invitations/lookup', null, { code: made.code }),
        410,
        'GONE',
      );
      // the refused one created nobody
      expect(await h.deps.accounts.accounts.findUserByEmail('wang.wu@example.com')).toBeUndefined();
    });

    it('an e-mail invitation makes its address the new person’s; another address is refused', async () => {
      const made = await invite({ email: 'invited@example.com', role: 'member' });
      expectProblem(
        await send('POST', '/invitations/accept', null, {
          code: made.code,
          name: 'Someone Else',
          password: PASSWORD,
          email: 'else@example.com',
        }),
        400,
        'INVALID_INPUT',
      );
      const res = await send('POST', '/invitations/accept', null, {
        code: made.code,
        name: 'Invited',
        password: PASSWORD,
      });
      expect(res.statusCode, res.body).toBe(204);
      const me = await session({ cookie: cookieOf(res), csrf: '' });
      expect(me.person.email).toBe('invited@example.com');
      expect(me.role).toBe('member');
    });

    it('a new person needs a name, a password that keeps the policy, and an e-mail', async () => {
      const made = await invite({ role: 'member' });
      const cases: [unknown, number][] = [
        [{ code: made.code }, 400],
        [{ code: made.code, name: 'A', password: 'short', email: 'a1@example.com' }, 400],
        [{ code: made.code, name: 'A', password: PASSWORD }, 400],
      ];
      for (const [body, status] of cases) {
        expectProblem(
          await send('POST', '/invitations/accept', null, body),
          status,
          'INVALID_INPUT',
        );
      }
      // still open after the refusals
      expect(
        (await send('POST', '/invitations/lookup', null, { code: made.code })).statusCode,
      ).toBe(200);
    });

    it('an address with an account already is told to sign in first (409)', async () => {
      const existing = await person('other', 'member');
      const made = await invite({ role: 'member' });
      const res = await send('POST', '/invitations/accept', null, {
        code: made.code,
        name: 'Again',
        password: PASSWORD,
        email: existing.email,
      });
      const p = expectProblem(res, 409, 'CONFLICT');
      expect(String(p['detailZh'])).toContain('请先登录');
    });

    it('a signed-in person joins: the session moves to the organisation, with the invited role', async () => {
      const p = await person('other', 'member');
      const made = await invite({ email: p.email, role: 'admin' });
      const res = await send('POST', '/invitations/accept', p.browser, { code: made.code });
      expect(res.statusCode, res.body).toBe(204);
      const me = await session(p.browser);
      expect(me.organisation.id).toBe('acme');
      expect(me.role).toBe('admin');
      // still a member of the first organisation
      expect((await h.deps.accounts.accounts.findMembership(p.id, 'other'))?.role).toBe('member');
    });

    it('a signed-in person must send the CSRF token to accept', async () => {
      const p = await person('other', 'member');
      const made = await invite({ role: 'viewer' });
      const res = await send(
        'POST',
        '/invitations/accept',
        { cookie: p.browser.cookie, csrf: 'x' },
        {
          code: made.code,
        },
      );
      expectProblem(res, 403, 'CSRF_REFUSED');
      expect(await h.deps.accounts.accounts.findMembership(p.id, 'acme')).toBeUndefined();
    });

    it('an invitation addressed to an e-mail is refused to another signed-in person', async () => {
      const p = await person('other', 'member');
      const made = await invite({ email: 'somebody.else@example.com', role: 'member' });
      const res = await send('POST', '/invitations/accept', p.browser, { code: made.code });
      const problem = expectProblem(res, 403, 'FORBIDDEN');
      expect(String(problem['detail'])).toContain('somebody.else@example.com');
      expect(await h.deps.accounts.accounts.findMembership(p.id, 'acme')).toBeUndefined();
      // and it stays open for its addressee
      expect(
        (await send('POST', '/invitations/lookup', null, { code: made.code })).statusCode,
      ).toBe(200);
    });

    it('a member invited again keeps the wider role: an invitation never demotes', async () => {
      const p = await person('acme', 'member');
      const lower = await invite({ role: 'viewer' });
      expect(
        (await send('POST', '/invitations/accept', p.browser, { code: lower.code })).statusCode,
      ).toBe(204);
      expect((await session(p.browser)).role).toBe('member');
      const higher = await invite({ role: 'admin' });
      expect(
        (await send('POST', '/invitations/accept', p.browser, { code: higher.code })).statusCode,
      ).toBe(204);
      expect((await session(p.browser)).role).toBe('admin');
    });

    it('an expired invitation is refused (410), and listed as expired', async () => {
      const made = await invite({ role: 'member' });
      try {
        h.clock.set(new Date(Date.parse(made.expiresAt) + 1000).toISOString());
        expectProblem(
          await send('POST', '/invitations/lookup', null, { code: made.code }),
          410,
          'GONE',
        );
        const res = await send('POST', '/invitations/accept', null, {
          code: made.code,
          name: 'Late',
          password: PASSWORD,
          email: 'late@example.com',
        });
        const p = expectProblem(res, 410, 'GONE');
        expect(String(p['detailZh'])).toContain('过期');
        const list = await send('GET', '/invitations', h.tokens.admin);
        expect(
          list.json<{ items: InvitationItem[] }>().items.find((i) => i.id === made.id)?.status,
        ).toBe('expired');
      } finally {
        h.clock.set(T0);
      }
      // one second before its expiry it worked
      h.clock.set(new Date(Date.parse(made.expiresAt) - 1000).toISOString());
      try {
        expect(
          (await send('POST', '/invitations/lookup', null, { code: made.code })).statusCode,
        ).toBe(200);
      } finally {
        h.clock.set(T0);
      }
    });

    it('a revoked invitation is refused (410); revoking is the admin’s, of its own organisation', async () => {
      const made = await invite({ role: 'member' });
      expectProblem(
        await send('DELETE', `/invitations/${made.id}`, h.tokens.member),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await send('DELETE', `/invitations/${made.id}`, h.tokens.otherAdmin),
        404,
        'NOT_FOUND',
      );
      const res = await send('DELETE', `/invitations/${made.id}`, h.tokens.admin);
      expect(res.statusCode, res.body).toBe(204);
      expectProblem(
        await send('DELETE', `/invitations/${made.id}`, h.tokens.admin),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await send('POST', '/invitations/lookup', null, { code: made.code }),
        410,
        'GONE',
      );
      expectProblem(
        await send('POST', '/invitations/accept', null, {
          code: made.code,
          name: 'Revoked',
          password: PASSWORD,
          email: 'revoked@example.com',
        }),
        410,
        'GONE',
      );
      const list = await send('GET', '/invitations', h.tokens.admin);
      expect(
        list.json<{ items: InvitationItem[] }>().items.find((i) => i.id === made.id),
      ).toMatchObject({ status: 'revoked', revokedAt: T0 });
    });

    it('two people accepting one link at once: exactly one joins', async () => {
      const made = await invite({ role: 'member' });
      const [a, b] = await Promise.all(
        ['race.a@example.com', 'race.b@example.com'].map((email, i) =>
          send('POST', '/invitations/accept', null, {
            code: made.code,
            name: `Race ${i}`,
            password: PASSWORD,
            email,
          }),
        ),
      );
      const statuses = [a?.statusCode, b?.statusCode].sort();
      expect(statuses, `${a?.body} ${b?.body}`).toEqual([204, 410]);
      const members = (await h.deps.accounts.accounts.listMembers('acme')).filter((m) =>
        m.email?.startsWith('race.'),
      );
      expect(members).toHaveLength(1);
      // and the refused one left no account behind
      const users = await Promise.all(
        ['race.a@example.com', 'race.b@example.com'].map((e) =>
          h.deps.accounts.accounts.findUserByEmail(e),
        ),
      );
      expect(users.flatMap((u) => (u === undefined ? [] : [u.id]))).toEqual([members[0]?.userId]);
    });
  });

  describe('members', () => {
    it('an admin lists the members with what it may see; others may not', async () => {
      const p = await person('acme', 'viewer');
      const res = await send('GET', '/members', h.tokens.admin);
      expect(res.statusCode, res.body).toBe(200);
      const item = res.json<{ items: MemberItem[] }>().items.find((m) => m.userId === p.id);
      expect(item).toEqual({
        userId: p.id,
        name: expect.any(String) as string,
        email: p.email,
        mobile: null,
        role: 'viewer',
        secondFactor: false,
        hasPassword: true,
        ssoLinked: false,
        createdAt: T0,
      });
      expect(res.body).not.toContain('argon2');
      expectProblem(await send('GET', '/members', h.tokens.member), 403, 'FORBIDDEN');
      expectProblem(await send('GET', '/members', p.browser), 403, 'FORBIDDEN');
      // another organisation's admin does not see them
      const other = await send('GET', '/members', h.tokens.otherAdmin);
      expect(other.json<{ items: MemberItem[] }>().items.map((m) => m.userId)).not.toContain(p.id);
    });

    it('a role change applies at the member’s next request', async () => {
      const p = await person('acme', 'member');
      expectProblem(await send('GET', '/members', p.browser), 403, 'FORBIDDEN');
      const up = await send('PATCH', `/members/${p.id}`, h.tokens.admin, { role: 'admin' });
      expect(up.statusCode, up.body).toBe(200);
      expect(up.json<MemberItem>()).toMatchObject({ userId: p.id, role: 'admin' });
      expect((await send('GET', '/members', p.browser)).statusCode).toBe(200);
      const down = await send('PATCH', `/members/${p.id}`, h.tokens.admin, { role: 'viewer' });
      expect(down.json<MemberItem>().role).toBe('viewer');
      expectProblem(await send('POST', '/invitations', p.browser, { role: 'viewer' }), 403);
      expect((await session(p.browser)).role).toBe('viewer');
    });

    it('changing a role: 404 for a non-member (or another organisation’s), 400 for no role', async () => {
      const outsider = await person('other', 'member');
      expectProblem(
        await send('PATCH', `/members/${outsider.id}`, h.tokens.admin, { role: 'viewer' }),
        404,
        'NOT_FOUND',
      );
      expectProblem(
        await send('PATCH', `/members/${outsider.id}`, h.tokens.admin, { role: 'root' }),
        400,
        'INVALID_INPUT',
      );
      expectProblem(
        await send('PATCH', `/members/${outsider.id}`, h.tokens.member, { role: 'viewer' }),
        403,
        'FORBIDDEN',
      );
      expect((await h.deps.accounts.accounts.findMembership(outsider.id, 'other'))?.role).toBe(
        'member',
      );
    });

    it('removal ends the member’s sessions in the organisation at once, not elsewhere', async () => {
      const p = await person('acme', 'member');
      await h.deps.accounts.accounts.putMembership({
        userId: p.id,
        organisation: 'other',
        role: 'viewer',
        createdAt: T0,
        createdBy: null,
      });
      const elsewhere = await startSession(
        {
          userId: p.id,
          organisation: 'other',
          method: 'password',
          secondFactor: false,
          address: null,
          userAgent: null,
        },
        h.deps.accounts,
      );
      expect((await send('GET', '/session', p.browser)).statusCode).toBe(200);
      expectProblem(await send('DELETE', `/members/${p.id}`, h.tokens.member), 403, 'FORBIDDEN');
      const res = await send('DELETE', `/members/${p.id}`, h.tokens.admin);
      expect(res.statusCode, res.body).toBe(204);
      // revoked by the removal itself, before the person's next request
      const stored = await h.deps.accounts.accounts.findSession(
        h.deps.accounts.secrets.hash(p.browser.cookie.split('=')[1] ?? ''),
      );
      expect(stored?.revokedAt).toBe(T0);
      expectProblem(await send('GET', '/session', p.browser), 401, 'UNAUTHENTICATED');
      expectProblem(await send('GET', '/licences', p.browser), 401, 'UNAUTHENTICATED');
      const other = await send('GET', '/session', {
        cookie: `xuke_session=${elsewhere.secret}`,
        csrf: '',
      });
      expect(other.statusCode, other.body).toBe(200);
      expectProblem(await send('DELETE', `/members/${p.id}`, h.tokens.admin), 404, 'NOT_FOUND');
    });

    it('the last admin may be neither demoted nor removed', async () => {
      // `third` has no members but the people this test adds
      const org = 'third';
      await h.deps.registry.organisations.createOrganisation(
        { id: org, name: '第三组织', kind: 'holder', jurisdiction: [], publishDeclared: false },
        'test',
      );
      const first = await person(org, 'admin');
      const demote = await send('PATCH', `/members/${first.id}`, first.browser, { role: 'member' });
      const p1 = expectProblem(demote, 409, 'CONFLICT');
      expect(String(p1['detailZh'])).toContain('最后一位管理员');
      expectProblem(await send('DELETE', `/members/${first.id}`, first.browser), 409, 'CONFLICT');
      expect((await h.deps.accounts.accounts.findMembership(first.id, org))?.role).toBe('admin');

      const second = await person(org, 'member');
      const up = await send('PATCH', `/members/${second.id}`, first.browser, { role: 'admin' });
      expect(up.statusCode, up.body).toBe(200);
      // now there are two: the first may step down, and then the second is the last
      const stepDown = await send('PATCH', `/members/${first.id}`, first.browser, {
        role: 'member',
      });
      expect(stepDown.statusCode, stepDown.body).toBe(200);
      expectProblem(await send('DELETE', `/members/${second.id}`, second.browser), 409, 'CONFLICT');
      expect(await h.deps.accounts.accounts.countAdmins(org)).toBe(1);
    });
  });

  describe('the access policy', () => {
    it('defaults to invitations only, without a second factor', async () => {
      const res = await send('GET', '/organisation/access', h.tokens.otherAdmin);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        joinMode: 'invitation',
        joinDomains: [],
        joinRole: 'member',
        requireSecondFactor: false,
      });
    });

    it('an admin sets it: domains lower-cased, without @, once each', async () => {
      const res = await send('PUT', '/organisation/access', h.tokens.admin, {
        joinMode: 'domain',
        joinDomains: ['Example.COM', '@corp.example.cn', 'example.com', '例子.中国'],
        joinRole: 'viewer',
        requireSecondFactor: false,
      });
      expect(res.statusCode, res.body).toBe(200);
      const stored = {
        joinMode: 'domain',
        joinDomains: ['corp.example.cn', 'example.com', 'xn--fsqu00a.xn--fiqs8s'],
        joinRole: 'viewer',
        requireSecondFactor: false,
      };
      expect(res.json()).toEqual(stored);
      expect((await send('GET', '/organisation/access', h.tokens.admin)).json()).toEqual(stored);
      expect(
        (await h.deps.accounts.invitations.organisationsJoinableByDomain('example.com')).map(
          (p) => p.organisation,
        ),
      ).toEqual(['acme']);
      // other's policy is its own
      expect(
        (await send('GET', '/organisation/access', h.tokens.otherAdmin)).json<{
          joinMode: string;
        }>().joinMode,
      ).toBe('invitation');
      // back to invitations only
      const back = await send('PUT', '/organisation/access', h.tokens.admin, {
        joinMode: 'invitation',
        joinDomains: [],
        joinRole: 'member',
        requireSecondFactor: false,
      });
      expect(back.statusCode, back.body).toBe(200);
      expect(
        await h.deps.accounts.invitations.organisationsJoinableByDomain('example.com'),
      ).toEqual([]);
    });

    it('refuses a malformed domain, a public mail provider, an admin join role, a domain mode without domains', async () => {
      const base = {
        joinMode: 'domain',
        joinDomains: ['example.com'],
        joinRole: 'member',
        requireSecondFactor: false,
      };
      const cases: [Record<string, unknown>, string][] = [
        [{ joinDomains: ['not a domain'] }, 'not a domain'],
        [{ joinDomains: ['example'] }, 'example'],
        [{ joinDomains: ['name@example.com'] }, 'name@example.com'],
        [{ joinDomains: ['-bad.example.com'] }, '-bad.example.com'],
        [{ joinDomains: ['QQ.com'] }, 'qq.com'],
        [{ joinRole: 'admin' }, 'admin'],
        [{ joinDomains: [] }, 'domain'],
        [{ joinMode: 'everyone' }, ''],
        [{ requireSecondFactor: 'yes' }, ''],
        [{ extra: true }, ''],
      ];
      for (const [change, word] of cases) {
        const res = await send('PUT', '/organisation/access', h.tokens.admin, {
          ...base,
          ...change,
        });
        const p = expectProblem(res, 400, 'INVALID_INPUT');
        expect(String(p['detail']), JSON.stringify(change)).toContain(word);
      }
      expect(
        (await send('GET', '/organisation/access', h.tokens.admin)).json<{ joinMode: string }>()
          .joinMode,
      ).toBe('invitation');
    });

    it('only admins read or set it', async () => {
      for (const role of ['member', 'viewer'] as const) {
        expectProblem(await send('GET', '/organisation/access', h.tokens[role]), 403, 'FORBIDDEN');
        expectProblem(
          await send('PUT', '/organisation/access', h.tokens[role], {
            joinMode: 'invitation',
            joinDomains: [],
            joinRole: 'member',
            requireSecondFactor: true,
          }),
          403,
          'FORBIDDEN',
        );
      }
    });
  });
});

describeEachDialect('invitation use cases', (dialect) => {
  const h = harnessFor(dialect);

  const admin: Principal = {
    tokenId: null,
    organisation: 'acme',
    role: 'admin',
    actor: personActor({ id: 'u-admin', name: '张三', email: 'zhang@example.com' }, '10.0.0.1'),
    person: { id: 'u-admin', name: '张三', email: 'zhang@example.com' },
    sessionId: null,
  };

  const withRecorders = () => {
    const mails: { to: string; subject: string; text: string }[] = [];
    const audit: MembershipAuditEntry[] = [];
    const deps: AccountDeps & {
      membershipAudit: (e: MembershipAuditEntry) => Promise<void>;
      organisations: typeof h.deps.registry.organisations;
    } = {
      ...h.deps.accounts,
      publicUrl: 'https://xuke.example.com/',
      mail: {
        send: (to, subject, text) => {
          mails.push({ to, subject, text });
          return Promise.resolve();
        },
      },
      membershipAudit: (e) => {
        audit.push(e);
        return Promise.resolve();
      },
      organisations: h.deps.registry.organisations,
    };
    return { deps, mails, audit };
  };

  it('the invitation e-mail: zh-CN then English, the organisation, role, inviter and expiry', async () => {
    await h.deps.registry.organisations.createOrganisation(
      {
        id: 'acme2',
        name: '云智联科技有限公司',
        kind: 'holder',
        jurisdiction: [],
        publishDeclared: false,
      },
      'test',
    );
    const { deps, mails } = withRecorders();
    const made = await createInvitation(
      { email: 'new.person@example.com', role: 'member' },
      { ...admin, organisation: 'acme2' },
      deps,
    );
    expect(made.mailed).toBe(true);
    expect(made.url).toBe(`https://xuke.example.com/invite#code=${made.code}`);
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    expect(mail?.to).toBe('new.person@example.com');
    expect(mail?.subject).toContain('云智联科技有限公司');
    const text = mail?.text ?? '';
    const [zh = '', en = ''] = text.split('\n---\n');
    expect(zh).toContain('张三 <zhang@example.com> 邀请您以“成员”身份加入“云智联科技有限公司”');
    expect(zh).toContain('2026年12月5日 10:00（北京时间）前有效');
    expect(zh).toContain(made.url);
    expect(en).toContain(
      '张三 <zhang@example.com> invites you to join 云智联科技有限公司 on xuke as a member',
    );
    expect(en).toContain('until 5 December 2026, 10:00 (Beijing time)');
    expect(en).toContain(made.url);
    // no e-mail without an address, nor without a mail server
    await createInvitation({ role: 'member' }, admin, deps);
    await createInvitation({ email: 'x@example.com', role: 'viewer' }, admin, {
      ...deps,
      mail: null,
    });
    expect(mails).toHaveLength(1);
    // a mail server that fails does not lose the invitation: the link is shared another way
    const failing = await createInvitation({ email: 'y@example.com', role: 'viewer' }, admin, {
      ...deps,
      mail: { send: () => Promise.reject(new Error('SMTP 421')) },
    });
    expect(failing.mailed).toBe(false);
    expect(
      (await deps.invitations.findInvitationByHash(deps.secrets.hash(failing.code)))?.email,
    ).toBe('y@example.com');
  });

  it('hands each membership change to the audit hook, naming who did it', async () => {
    const { deps, audit } = withRecorders();
    const made = await createInvitation(
      { email: 'audited@example.com', role: 'viewer' },
      admin,
      deps,
    );
    const user = await createPerson(
      { email: 'audited@example.com', name: '王五', password: PASSWORD },
      deps,
    );
    await acceptInvitation({ code: made.code, userId: user.id, address: '192.0.2.7' }, deps);
    await changeRole({ userId: user.id, role: 'member' }, admin, deps);
    await removeMember(user.id, admin, deps);
    const revoked = await createInvitation({ role: 'member' }, admin, deps);
    await revokeInvitation(revoked.id, admin, deps);
    expect(audit.map((e) => [e.action, e.subject])).toEqual([
      ['member.invited', made.id],
      ['member.joined', user.id],
      ['member.role-changed', user.id],
      ['member.removed', user.id],
      ['member.invited', revoked.id],
      ['invitation.revoked', revoked.id],
    ]);
    expect(audit.every((e) => e.organisation === 'acme')).toBe(true);
    expect(audit[1]?.actor).toBe(
      personActor({ id: user.id, name: '王五', email: 'audited@example.com' }, '192.0.2.7'),
    );
    expect(audit[1]?.payload).toMatchObject({
      invitation: made.id,
      role: 'viewer',
      previousRole: null,
    });
    expect(audit[2]?.payload).toMatchObject({ from: 'viewer', to: 'member' });
    expect(audit[3]?.payload).toMatchObject({ role: 'member' });
    expect(audit[0]?.actor).toBe(admin.actor);
    // never a code in an entry
    expect(JSON.stringify(audit)).not.toContain(made.code);
  });

  it('two admins demoting each other at once leave an admin', async () => {
    const org = 'fourth';
    await h.deps.registry.organisations.createOrganisation(
      { id: org, name: '第四组织', kind: 'holder', jurisdiction: [], publishDeclared: false },
      'test',
    );
    const { deps } = withRecorders();
    const admins = await Promise.all(
      ['a', 'b'].map(async (x) => {
        const user = await createPerson(
          { email: `${x}@fourth.example.com`, name: x, password: null },
          deps,
        );
        await deps.accounts.putMembership({
          userId: user.id,
          organisation: org,
          role: 'admin',
          createdAt: T0,
          createdBy: null,
        });
        return { ...admin, organisation: org, actor: `test:${x}`, person: user, id: user.id };
      }),
    );
    const [a, b] = admins as [(typeof admins)[0], (typeof admins)[0]];
    const outcomes = await Promise.allSettled([
      changeRole({ userId: b.id, role: 'member' }, a, deps),
      changeRole({ userId: a.id, role: 'member' }, b, deps),
    ]);
    const done = outcomes.filter((o) => o.status === 'fulfilled').length;
    for (const o of outcomes) {
      if (o.status === 'rejected') expect((o.reason as DomainError).code).toBe('CONFLICT');
    }
    expect(done).toBeLessThanOrEqual(1);
    expect(await deps.accounts.countAdmins(org)).toBe(2 - done);
  });

  it('a refused acceptance audits nothing and uses nothing', async () => {
    const { deps, audit } = withRecorders();
    const made = await createInvitation(
      { email: 'only.me@example.com', role: 'member' },
      admin,
      deps,
    );
    const other = await createPerson(
      { email: 'not.me@example.com', name: 'Not Me', password: PASSWORD },
      deps,
    );
    audit.length = 0;
    const e = await acceptInvitation({ code: made.code, userId: other.id }, deps).catch(
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('FORBIDDEN');
    expect(audit).toEqual([]);
    const stored = await deps.invitations.findInvitationByHash(deps.secrets.hash(made.code));
    expect(stored?.acceptedAt).toBeNull();
  });
});

describe('the checks behind invitations and the access policy', () => {
  it('an admin may invite every role; none may do anything an admin may not', () => {
    for (const role of ['admin', 'member', 'viewer'] as const) {
      expect(() => {
        authoriseInvitation({ role: 'admin' }, role);
      }).not.toThrow();
    }
  });
  it.each(['member', 'viewer'] as const)('a %s may not invite', (role) => {
    expect(() => {
      authoriseInvitation({ role }, 'viewer');
    }).toThrow(/无权邀请成员/u);
  });
  it('a role that may do something the inviter may not is refused', () => {
    // a table where inviting is a member's too, and members may not export
    const table = { ...PERMISSIONS, 'manage-organisation': ['admin', 'member'] as const };
    expect(() => {
      authoriseInvitation({ role: 'member' }, 'admin', table);
    }).toThrow(/不能邀请 admin：admin 可以 /u);
    expect(() => {
      authoriseInvitation({ role: 'member' }, 'viewer', table);
    }).not.toThrow();
  });
  it('the wider of two roles', () => {
    expect(widerRole('viewer', 'member')).toBe('member');
    expect(widerRole('admin', 'viewer')).toBe('admin');
    expect(widerRole('member', 'member')).toBe('member');
  });
  it('domains: lower case, without @, ASCII; malformed and public ones refused', () => {
    expect(normaliseJoinDomain(' @Corp.Example.CN. ')).toBe('corp.example.cn');
    expect(normaliseJoinDomain('例子.中国')).toBe('xn--fsqu00a.xn--fiqs8s');
    for (const bad of ['', 'localhost', 'a..b', 'a_b.com', 'x.123', `${'a'.repeat(64)}.com`]) {
      expect(() => normaliseJoinDomain(bad), bad).toThrow(DomainError);
    }
    for (const d of PUBLIC_MAIL_DOMAINS) expect(() => normaliseJoinDomain(d)).toThrow(/公共邮箱/u);
  });
  it('Beijing time in words', () => {
    expect(beijingTime('2026-12-05T02:00:00.000Z')).toEqual({
      zh: '2026年12月5日 10:00',
      en: '5 December 2026, 10:00',
    });
    // 16:30 UTC on the 31st is the next day (and year) in Beijing
    expect(beijingTime('2026-12-31T16:30:00.000Z').zh).toBe('2027年1月1日 00:30');
  });
});

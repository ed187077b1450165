/**
 * People's browser sessions over HTTP (docs/accounts.md) on every dialect: password sign-in and its
 * throttling (per account, per address, 429 with Retry-After, one lock-out notice), the cookie,
 * idle and absolute expiry on a pinned clock, signing out (everywhere), CSRF, the role read at every
 * request, GET /session, PUT /me and /me/password, switching organisations, a required second
 * factor, one-time sign-in links (the first start's and an older version's code), API tokens with
 * their creator, expiry and last use, and the actor strings a write records.
 */
import { TOTP, Secret } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { createApiToken } from '../src/app/access/create-api-token.js';
import type { AccountMail } from '../src/app/accounts/account-deps.js';
import { createFirstAdministrator } from '../src/app/accounts/first-start.js';
import { addressKey } from '../src/app/accounts/throttle.js';
import { createPerson } from '../src/app/accounts/users.js';
import { personActor, tokenActor } from '../src/core/actor.js';
import type { Role } from '../src/ports/access-store.js';
import {
  bearer,
  expectProblem,
  harnessFor,
  personSession,
  type HttpHarness,
  type InjectedResponse,
} from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

const T0 = '2026-11-28T02:00:00.000Z';
const PASSWORD = 'correct horse battery';
const MINUTE = 60_000;

const at = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();

/** The `name=value` of the response's session cookie, or null. */
function cookieOf(res: InjectedResponse): string | null {
  const set = res.headers['set-cookie'];
  const line = [set].flat().find((c) => typeof c === 'string' && c.includes('xuke_session='));
  return typeof line === 'string' ? (line.split(';')[0] ?? null) : null;
}

async function member(
  h: Pick<HttpHarness, 'deps'>,
  email: string,
  options: { password?: string | null; role?: Role; organisation?: string; name?: string } = {},
) {
  const deps = h.deps.accounts;
  const user = await createPerson(
    {
      email,
      name: options.name ?? '王五',
      password: options.password === undefined ? PASSWORD : options.password,
    },
    deps,
  );
  await deps.accounts.putMembership({
    userId: user.id,
    organisation: options.organisation ?? 'acme',
    role: options.role ?? 'member',
    createdAt: deps.clock.now().toISOString(),
    createdBy: 'test',
  });
  return user;
}

describeEachDialect('browser sessions', (dialect) => {
  const h = harnessFor(dialect);

  const signIn = (body: object, address = '203.0.113.1') =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: body,
      remoteAddress: address,
      headers: { 'user-agent': 'vitest' },
    });
  const get = (url: string, headers: Record<string, string> = {}, address = '203.0.113.1') =>
    h.app.inject({ method: 'GET', url, headers, remoteAddress: address });
  const send = (
    method: 'POST' | 'PUT' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: object,
    address = '203.0.113.1',
  ) =>
    h.app.inject({
      method,
      url,
      headers,
      remoteAddress: address,
      ...(payload === undefined ? {} : { payload }),
    });
  /** the session's headers for a write: the cookie and its CSRF token */
  const withCsrf = async (cookie: string) => {
    const s = await get('/api/v1/session', { cookie });
    expect(s.statusCode, s.body).toBe(200);
    return { cookie, 'x-csrf-token': s.json<{ csrfToken: string }>().csrfToken };
  };

  describe('POST /api/v1/session', () => {
    it('204 with an HttpOnly, SameSite=Lax cookie that opens GET /session and GET /me', async () => {
      h.clock.set(T0);
      const user = await member(h, 'Sign.In@Example.cn', { role: 'admin' });
      const res = await signIn({ email: 'sign.in@example.CN ', password: PASSWORD });
      expect(res.statusCode, res.body).toBe(204);
      const line = String([res.headers['set-cookie']].flat()[0]);
      expect(line).toMatch(/^xuke_session=xk_[\w-]{43}; /u);
      expect(line).toContain('HttpOnly');
      expect(line).toContain('SameSite=Lax');
      expect(line).toContain('Path=/');
      expect(line).toContain(`Max-Age=${12 * 3600}`);
      expect(line).not.toContain('Secure'); // plain http, no https public URL
      expect(res.headers['cache-control']).toBe('no-store');
      const cookie = cookieOf(res) ?? '';
      // only the secret's sha256 is stored
      const secret = cookie.split('=')[1] ?? '';
      expect(await h.deps.accounts.accounts.findSession(secret)).toBeUndefined();
      const stored = await h.deps.accounts.accounts.findSession(
        h.deps.accounts.secrets.hash(secret),
      );
      expect(stored).toMatchObject({
        userId: user.id,
        method: 'password',
        address: '203.0.113.1',
        userAgent: 'vitest',
      });

      const session = await get('/api/v1/session', { cookie });
      expect(session.statusCode, session.body).toBe(200);
      expect(session.headers['cache-control']).toBe('no-store');
      const view = session.json<Record<string, unknown>>();
      expect(Object.keys(view).sort()).toEqual(
        [
          'person',
          'organisation',
          'role',
          'organisations',
          'csrfToken',
          'method',
          'secondFactor',
          'totpEnabled',
          'passwordSet',
          'instanceAdmin',
          'createdAt',
          'expiresAt',
          'idleExpiresAt',
        ].sort(),
      );
      expect(view).toMatchObject({
        person: { id: user.id, name: '王五', email: 'sign.in@example.cn', mobile: null },
        organisation: { id: 'acme', kind: 'holder' },
        role: 'admin',
        organisations: [{ id: 'acme', role: 'admin' }],
        method: 'password',
        secondFactor: false,
        totpEnabled: false,
        passwordSet: true,
        instanceAdmin: false,
        createdAt: T0,
        expiresAt: at(12 * 60 * MINUTE),
        idleExpiresAt: at(120 * MINUTE),
      });
      expect(view['csrfToken']).toMatch(/^xk_[\w-]{43}$/u);

      const me = await get('/api/v1/me', { cookie }, '198.51.100.7');
      expect(me.json()).toEqual({
        tokenId: null,
        person: { id: user.id, name: '王五', email: 'sign.in@example.cn' },
        role: 'admin',
        organisation: 'acme',
        actor: personActor(
          { id: user.id, name: '王五', email: 'sign.in@example.cn' },
          '198.51.100.7',
        ),
        via: 'session',
      });
    });

    it('401 with the same words for a wrong password and an unknown e-mail; 400 for a malformed body', async () => {
      h.clock.set(T0);
      await member(h, 'words@example.cn');
      const wrong = expectProblem(
        await signIn({ email: 'words@example.cn', password: 'not the one!' }, '203.0.113.50'),
        401,
        'UNAUTHENTICATED',
      );
      const unknown = expectProblem(
        await signIn({ email: 'nobody@example.cn', password: PASSWORD }, '203.0.113.50'),
        401,
        'UNAUTHENTICATED',
      );
      expect(unknown['detail']).toBe(wrong['detail']);
      expect(unknown['detailZh']).toBe('电子邮件或口令错误');
      // a person without a password cannot sign in with one
      await member(h, 'nopass@example.cn', { password: null });
      expectProblem(
        await signIn({ email: 'nopass@example.cn', password: PASSWORD }, '203.0.113.50'),
        401,
        'UNAUTHENTICATED',
      );
      expectProblem(await signIn({ email: 'words@example.cn' }), 400, 'INVALID_INPUT');
      expectProblem(
        await signIn({ email: 'words@example.cn', password: PASSWORD, extra: 1 }),
        400,
        'INVALID_INPUT',
      );
    });

    it('a second factor: 401 SECOND_FACTOR_REQUIRED without the code or with a wrong one, 204 with it', async () => {
      h.clock.set(T0);
      const user = await member(h, 'totp@example.cn');
      const secret = new Secret({ size: 20 }).base32;
      await h.deps.accounts.secondFactors.setTotpSecret(user.id, secret);
      await h.deps.accounts.secondFactors.enableTotp(user.id, T0, []);
      const totp = new TOTP({
        secret: Secret.fromBase32(secret),
        digits: 6,
        period: 30,
        algorithm: 'SHA1',
      });
      const code = totp.generate({ timestamp: Date.parse(T0) });
      expectProblem(
        await signIn({ email: 'totp@example.cn', password: PASSWORD }),
        401,
        'SECOND_FACTOR_REQUIRED',
      );
      const wrong = code === '000000' ? '111111' : '000000';
      expectProblem(
        await signIn({ email: 'totp@example.cn', password: PASSWORD, otp: wrong }),
        401,
        'SECOND_FACTOR_REQUIRED',
      );
      // a wrong password with the right code is still a wrong password
      expectProblem(
        await signIn({ email: 'totp@example.cn', password: 'wrong password', otp: code }),
        401,
        'UNAUTHENTICATED',
      );
      const ok = await signIn({ email: 'totp@example.cn', password: PASSWORD, otp: code });
      expect(ok.statusCode, ok.body).toBe(204);
      const view = await get('/api/v1/session', { cookie: cookieOf(ok) ?? '' });
      expect(view.json()).toMatchObject({ secondFactor: true });
      // the same code works once
      expectProblem(
        await signIn({ email: 'totp@example.cn', password: PASSWORD, otp: code }),
        401,
        'SECOND_FACTOR_REQUIRED',
      );
    });
  });

  describe('expiry', () => {
    it('ends after 120 idle minutes; a request within them keeps it alive; last_seen_at is written at most once a minute', async () => {
      h.clock.set(T0);
      await member(h, 'idle@example.cn');
      const cookie = cookieOf(await signIn({ email: 'idle@example.cn', password: PASSWORD })) ?? '';
      const id = h.deps.accounts.secrets.hash(cookie.split('=')[1] ?? '');
      h.clock.set(at(30_000));
      expect((await get('/api/v1/session', { cookie })).statusCode).toBe(200);
      expect((await h.deps.accounts.accounts.findSession(id))?.lastSeenAt).toBe(T0); // under a minute: not written
      h.clock.set(at(119 * MINUTE));
      expect((await get('/api/v1/session', { cookie })).json()).toMatchObject({
        idleExpiresAt: at(239 * MINUTE),
      });
      expect((await h.deps.accounts.accounts.findSession(id))?.lastSeenAt).toBe(at(119 * MINUTE));
      h.clock.set(at(238 * MINUTE));
      expect((await get('/api/v1/session', { cookie })).statusCode).toBe(200);
      h.clock.set(at(358 * MINUTE + 1));
      expectProblem(await get('/api/v1/session', { cookie }), 401, 'UNAUTHENTICATED');
      // and stays ended
      h.clock.set(at(238 * MINUTE));
      expectProblem(await get('/api/v1/session', { cookie }), 401, 'UNAUTHENTICATED');
    });

    it('ends 12 hours after sign-in however busy it is', async () => {
      h.clock.set(T0);
      await member(h, 'busy@example.cn');
      const cookie = cookieOf(await signIn({ email: 'busy@example.cn', password: PASSWORD })) ?? '';
      for (let m = 100; m < 12 * 60; m += 100) {
        h.clock.set(at(m * MINUTE));
        expect((await get('/api/v1/session', { cookie })).statusCode, `minute ${m}`).toBe(200);
      }
      h.clock.set(at(12 * 60 * MINUTE));
      expectProblem(await get('/api/v1/session', { cookie }), 401, 'UNAUTHENTICATED');
    });
  });

  describe('signing out', () => {
    it('DELETE /session ends this session and clears the cookie; ?everywhere=true ends every one', async () => {
      h.clock.set(T0);
      await member(h, 'out@example.cn');
      const one = cookieOf(await signIn({ email: 'out@example.cn', password: PASSWORD })) ?? '';
      const two = cookieOf(await signIn({ email: 'out@example.cn', password: PASSWORD })) ?? '';
      const three = cookieOf(await signIn({ email: 'out@example.cn', password: PASSWORD })) ?? '';
      const out = await send('DELETE', '/api/v1/session', await withCsrf(one));
      expect(out.statusCode, out.body).toBe(204);
      expect(String([out.headers['set-cookie']].flat()[0])).toMatch(/^xuke_session=; .*Max-Age=0/u);
      expectProblem(await get('/api/v1/session', { cookie: one }), 401, 'UNAUTHENTICATED');
      expect((await get('/api/v1/session', { cookie: two })).statusCode).toBe(200);
      const all = await send('DELETE', '/api/v1/session?everywhere=true', await withCsrf(two));
      expect(all.statusCode, all.body).toBe(204);
      expectProblem(await get('/api/v1/session', { cookie: two }), 401);
      expectProblem(await get('/api/v1/session', { cookie: three }), 401);
      // a token has no session to end
      expectProblem(
        await send('DELETE', '/api/v1/session', bearer(h.tokens.admin)),
        401,
        'UNAUTHENTICATED',
      );
      expectProblem(await get('/api/v1/session', bearer(h.tokens.admin)), 401, 'UNAUTHENTICATED');
    });
  });

  describe('CSRF', () => {
    it('a cookie-authenticated write needs the session’s token in x-csrf-token; a read and a bearer request do not', async () => {
      h.clock.set(T0);
      const p = await personSession(h, { role: 'admin' });
      const body = { name: 'from a page', role: 'viewer' };
      expectProblem(await send('POST', '/api/v1/tokens', p.cookieOnly, body), 403, 'CSRF_REFUSED');
      expectProblem(
        await send(
          'POST',
          '/api/v1/tokens',
          { ...p.cookieOnly, 'x-csrf-token': 'xk_not-the-token-of-this-session-at-all-000000' },
          body,
        ),
        403,
        'CSRF_REFUSED',
      );
      const other = await personSession(h, { role: 'admin' });
      expectProblem(
        await send(
          'POST',
          '/api/v1/tokens',
          { ...p.cookieOnly, 'x-csrf-token': other.csrfToken },
          body,
        ),
        403,
        'CSRF_REFUSED',
      );
      expect((await send('POST', '/api/v1/tokens', p.headers, body)).statusCode).toBe(201);
      expect((await get('/api/v1/tokens', p.cookieOnly)).statusCode).toBe(200);
      expect((await send('POST', '/api/v1/tokens', bearer(h.tokens.admin), body)).statusCode).toBe(
        201,
      );
    });

    it('a request with a bearer token and a cookie is the token’s', async () => {
      const p = await personSession(h, { role: 'viewer' });
      const me = await get('/api/v1/me', { ...p.cookieOnly, ...bearer(h.tokens.admin) });
      expect(me.json()).toMatchObject({ via: 'token', role: 'admin', person: null });
      // and needs no CSRF token
      expect(
        (
          await send(
            'POST',
            '/api/v1/tokens',
            { ...p.cookieOnly, ...bearer(h.tokens.admin) },
            { name: 'both', role: 'viewer' },
          )
        ).statusCode,
      ).toBe(201);
    });
  });

  describe('the role, read at every request', () => {
    it('a changed role applies at once; a removed member’s sessions there end', async () => {
      h.clock.set(T0);
      const p = await personSession(h, { role: 'member' });
      const accounts = h.deps.accounts.accounts;
      expectProblem(await get('/api/v1/tokens', p.headers), 403, 'FORBIDDEN');
      await accounts.putMembership({
        userId: p.user.id,
        organisation: 'acme',
        role: 'admin',
        createdAt: T0,
        createdBy: 'test',
      });
      expect((await get('/api/v1/tokens', p.headers)).statusCode).toBe(200);
      expect((await get('/api/v1/session', p.headers)).json()).toMatchObject({ role: 'admin' });
      await accounts.putMembership({
        userId: p.user.id,
        organisation: 'acme',
        role: 'viewer',
        createdAt: T0,
        createdBy: 'test',
      });
      expectProblem(await get('/api/v1/tokens', p.headers), 403, 'FORBIDDEN');
      expect((await get('/api/v1/licences', p.headers)).statusCode).toBe(200);

      // removed, as the members' route does: the membership and the sessions in that organisation
      const q = await personSession(h, { role: 'admin' });
      expect(await accounts.removeMembership(q.user.id, 'acme')).toBe(true);
      expect(await accounts.revokeSessionsOf(q.user.id, T0, 'acme')).toBe(1);
      expectProblem(await get('/api/v1/licences', q.headers), 401, 'UNAUTHENTICATED');
      // a membership removed without revoking: the next request finds none and ends the session
      await accounts.removeMembership(p.user.id, 'acme');
      expectProblem(await get('/api/v1/licences', p.headers), 401, 'UNAUTHENTICATED');
      await accounts.putMembership({
        userId: p.user.id,
        organisation: 'acme',
        role: 'admin',
        createdAt: T0,
        createdBy: 'test',
      });
      expectProblem(await get('/api/v1/licences', p.headers), 401, 'UNAUTHENTICATED');
    });
  });

  describe('PUT /session/organisation', () => {
    it('switches among the person’s organisations; the instance’s administrator reaches any, audited there', async () => {
      h.clock.set(T0);
      const p = await personSession(h, { role: 'viewer' });
      await h.deps.accounts.accounts.putMembership({
        userId: p.user.id,
        organisation: 'other',
        role: 'admin',
        createdAt: at(1),
        createdBy: 'test',
      });
      const switched = await send('PUT', '/api/v1/session/organisation', p.headers, {
        organisation: 'other',
      });
      expect(switched.statusCode, switched.body).toBe(200);
      expect(switched.json()).toMatchObject({ organisation: { id: 'other' }, role: 'admin' });
      expect((await get('/api/v1/me', p.headers)).json()).toMatchObject({
        organisation: 'other',
        role: 'admin',
      });
      const licences = await get('/api/v1/licences', p.headers);
      expect(licences.body).toContain('B1.B2-20233345'); // other's licence
      expectProblem(
        await send('PUT', '/api/v1/session/organisation', p.headers, { organisation: 'nowhere' }),
        404,
        'NOT_FOUND',
      );
      await h.deps.registry.organisations.createOrganisation(
        { id: 'third', name: '第三方', kind: 'holder', jurisdiction: [], publishDeclared: false },
        'test',
      );
      expectProblem(
        await send('PUT', '/api/v1/session/organisation', p.headers, { organisation: 'third' }),
        403,
        'FORBIDDEN',
      );

      const admin = await personSession(h, { role: 'admin', instanceAdmin: true, name: '管理员' });
      const there = await send(
        'PUT',
        '/api/v1/session/organisation',
        admin.headers,
        { organisation: 'third' },
        '192.0.2.5',
      );
      expect(there.statusCode, there.body).toBe(200);
      expect(there.json()).toMatchObject({
        organisation: { id: 'third', name: '第三方' },
        role: 'admin',
        instanceAdmin: true,
      });
      const audit = await h.deps.access.access.listAudit('third', 0, 100);
      expect(audit.at(-1)).toMatchObject({
        action: 'session.switched',
        actor: personActor(
          { id: admin.user.id, name: '管理员', email: admin.user.email },
          '192.0.2.5',
        ),
      });
    });
  });

  describe('PUT /me and /me/password', () => {
    it('sets a first password without the current one; changing it needs it; the other sessions end', async () => {
      h.clock.set(T0);
      const p = await personSession(h, { role: 'member', email: 'pw@example.cn' });
      const elsewhere = await personSession(h, { role: 'member', email: 'pw-other@example.cn' });
      // a second session of p, started through a link
      const link = await import('../src/app/accounts/sign-in-links.js');
      const made = await link.createSignInLink(
        { userId: p.user.id, organisation: 'acme' },
        h.deps.accounts,
      );
      const second = cookieOf(await send('POST', '/api/v1/sign-in', {}, { code: made.code })) ?? '';
      expect((await get('/api/v1/session', { cookie: second })).json()).toMatchObject({
        method: 'link',
        passwordSet: false,
      });

      expectProblem(
        await send('PUT', '/api/v1/me/password', p.headers, { newPassword: 'short' }),
        400,
        'INVALID_INPUT',
      );
      const short = await send('PUT', '/api/v1/me/password', p.headers, { newPassword: 'short' });
      expect(short.json()).toMatchObject({
        detailZh: '口令至少 10 个字符',
        detail: 'A password needs at least 10 characters',
      });
      expectProblem(
        await send('PUT', '/api/v1/me/password', p.headers, { newPassword: '12345678901234' }),
        400,
      );
      expectProblem(
        await send('PUT', '/api/v1/me/password', p.headers, { newPassword: 'pw@example.cn' }),
        400,
      );
      const set = await send('PUT', '/api/v1/me/password', p.headers, { newPassword: PASSWORD });
      expect(set.statusCode, set.body).toBe(204);
      expect((await get('/api/v1/session', p.headers)).json()).toMatchObject({ passwordSet: true });
      expectProblem(await get('/api/v1/session', { cookie: second }), 401); // the other session ended
      expect((await get('/api/v1/session', elsewhere.headers)).statusCode).toBe(200); // another person's did not
      expect((await signIn({ email: 'pw@example.cn', password: PASSWORD })).statusCode).toBe(204);

      expectProblem(
        await send('PUT', '/api/v1/me/password', p.headers, {
          newPassword: 'another fine password',
        }),
        400,
        'INVALID_INPUT',
      );
      expectProblem(
        await send('PUT', '/api/v1/me/password', p.headers, {
          currentPassword: 'not it at all',
          newPassword: 'another fine password',
        }),
        401,
        'UNAUTHENTICATED',
      );
      expect(
        (
          await send('PUT', '/api/v1/me/password', p.headers, {
            currentPassword: PASSWORD,
            newPassword: 'another fine password',
          })
        ).statusCode,
      ).toBe(204);
      expectProblem(await signIn({ email: 'pw@example.cn', password: PASSWORD }), 401);
      expectProblem(
        await send('PUT', '/api/v1/me/password', bearer(h.tokens.admin), { newPassword: PASSWORD }),
        401,
        'UNAUTHENTICATED',
      );
    });

    it('PUT /me renames the person', async () => {
      const p = await personSession(h, { role: 'viewer' });
      expect((await send('PUT', '/api/v1/me', p.headers, { name: '  赵六 ' })).statusCode).toBe(
        204,
      );
      expect((await get('/api/v1/session', p.headers)).json()).toMatchObject({
        person: { name: '赵六' },
      });
      expectProblem(await send('PUT', '/api/v1/me', p.headers, { name: '' }), 400, 'INVALID_INPUT');
      expectProblem(
        await send('PUT', '/api/v1/me', p.headers, { name: '   ' }),
        400,
        'INVALID_INPUT',
      );
    });
  });

  describe('an organisation that requires a second factor', () => {
    it('a member without one reaches only /session, /me and the enrolment routes', async () => {
      h.clock.set(T0);
      await h.deps.registry.organisations.createOrganisation(
        { id: 'strict', name: '严格', kind: 'holder', jurisdiction: [], publishDeclared: false },
        'test',
      );
      await h.deps.accounts.invitations.putAccessPolicy({
        organisation: 'strict',
        joinMode: 'invitation',
        joinDomains: [],
        joinRole: 'member',
        requireSecondFactor: true,
        updatedAt: T0,
      });
      const p = await personSession(h, { role: 'admin', organisation: 'strict' });
      expect((await get('/api/v1/session', p.headers)).statusCode).toBe(200);
      expect((await get('/api/v1/me', p.headers)).statusCode).toBe(200);
      const refused = expectProblem(
        await get('/api/v1/licences', p.headers),
        403,
        'SECOND_FACTOR_REQUIRED',
      );
      expect(String(refused['detailZh'])).toContain('两步验证');
      expectProblem(await get('/api/v1/tokens', p.headers), 403, 'SECOND_FACTOR_REQUIRED');
      // enrolled: everything again, in the same session
      await h.deps.accounts.secondFactors.setTotpSecret(p.user.id, new Secret({ size: 20 }).base32);
      await h.deps.accounts.secondFactors.enableTotp(p.user.id, T0, []);
      expect((await get('/api/v1/licences', p.headers)).statusCode).toBe(200);
    });
  });

  describe('one-time sign-in links', () => {
    it('a link works once and not after 15 minutes; an older version’s first-start code works once', async () => {
      h.clock.set(T0);
      const { createSignInLink } = await import('../src/app/accounts/sign-in-links.js');
      const p = await member(h, 'link@example.cn', { role: 'admin' });
      const made = await createSignInLink(
        { userId: p.id, organisation: 'acme', base: 'http://x.test' },
        h.deps.accounts,
      );
      expect(made.url).toBe(`http://x.test/sign-in#code=${encodeURIComponent(made.code)}`);
      expect(made.link.expiresAt).toBe(at(15 * MINUTE));
      const ok = await send('POST', '/api/v1/sign-in', {}, { code: made.code });
      expect(ok.statusCode, ok.body).toBe(204);
      expect((await get('/api/v1/session', { cookie: cookieOf(ok) ?? '' })).json()).toMatchObject({
        method: 'link',
        person: { id: p.id },
        organisation: { id: 'acme' },
      });
      expectProblem(
        await send('POST', '/api/v1/sign-in', {}, { code: made.code }),
        401,
        'UNAUTHENTICATED',
      );
      const late = await createSignInLink({ userId: p.id, organisation: 'acme' }, h.deps.accounts);
      h.clock.set(at(15 * MINUTE));
      expectProblem(
        await send('POST', '/api/v1/sign-in', {}, { code: late.code }),
        401,
        'UNAUTHENTICATED',
      );
      expectProblem(
        await send('POST', '/api/v1/sign-in', {}, { code: 'xk_unknown-code-0000' }),
        401,
      );

      // before people, the first start printed an api_tokens code of kind sign-in: it still works once,
      // as an admin of its organisation
      h.clock.set(T0);
      const legacy = await createApiToken(
        { organisation: 'acme', role: 'admin', name: 'first-start sign-in', kind: 'sign-in' },
        h.deps.access,
      );
      const old = await send('POST', '/api/v1/sign-in', {}, { code: legacy.token });
      expect(old.statusCode, old.body).toBe(204);
      expect((await get('/api/v1/session', { cookie: cookieOf(old) ?? '' })).json()).toMatchObject({
        role: 'admin',
        organisation: { id: 'acme' },
      });
      expectProblem(await send('POST', '/api/v1/sign-in', {}, { code: legacy.token }), 401);
    });
  });

  describe('API tokens of people', () => {
    it('a token names its creator, may expire, and records its last use at most once a minute', async () => {
      h.clock.set(T0);
      const p = await personSession(h, { role: 'admin', name: '钱七', email: 'qian@example.cn' });
      expectProblem(
        await send('POST', '/api/v1/tokens', p.headers, {
          name: 'past',
          role: 'viewer',
          expiresAt: '2026-11-28T01:00:00Z',
        }),
        400,
        'INVALID_INPUT',
      );
      expectProblem(
        await send('POST', '/api/v1/tokens', p.headers, {
          name: 'bad',
          role: 'viewer',
          expiresAt: 'tomorrow',
        }),
        400,
        'INVALID_INPUT',
      );
      const made = await send('POST', '/api/v1/tokens', p.headers, {
        name: 'ci',
        role: 'admin',
        expiresAt: '2026-11-29T02:00:00+00:00',
      });
      expect(made.statusCode, made.body).toBe(201);
      const created = made.json<{ token: string; id: string }>();
      expect(made.json()).toMatchObject({
        createdBy: { id: p.user.id, name: '钱七' },
        expiresAt: '2026-11-29T02:00:00.000Z',
      });

      const me = await get('/api/v1/me', bearer(created.token), '198.51.100.20');
      expect(me.json()).toEqual({
        tokenId: created.id,
        person: { id: p.user.id, name: '钱七', email: 'qian@example.cn' },
        role: 'admin',
        organisation: 'acme',
        actor: tokenActor(
          { id: created.id, name: 'ci' },
          { id: p.user.id, name: '钱七' },
          '198.51.100.20',
        ),
        via: 'token',
      });
      const row = async () =>
        (await h.deps.access.access.listTokens('acme')).find((t) => t.id === created.id);
      expect((await row())?.lastUsedAt).toBe(T0);
      h.clock.set(at(59_000));
      await get('/api/v1/me', bearer(created.token));
      expect((await row())?.lastUsedAt).toBe(T0);
      h.clock.set(at(61_000));
      await get('/api/v1/me', bearer(created.token));
      expect((await row())?.lastUsedAt).toBe(at(61_000));

      const listed = (await get('/api/v1/tokens', p.headers))
        .json<{ items: Record<string, unknown>[] }>()
        .items.find((t) => t['id'] === created.id);
      expect(listed).toMatchObject({
        createdBy: { id: p.user.id, name: '钱七' },
        expiresAt: '2026-11-29T02:00:00.000Z',
        lastUsedAt: at(61_000),
      });

      h.clock.set('2026-11-29T02:00:00.000Z');
      const expired = expectProblem(
        await get('/api/v1/me', bearer(created.token)),
        401,
        'UNAUTHENTICATED',
      );
      expect(String(expired['detail'])).toContain('expired');
      h.clock.set(T0);
    });

    it('a write records the person and their address, through a session and through their token', async () => {
      h.clock.set(T0);
      const p = await personSession(h, { role: 'admin', name: '孙八', email: 'sun@example.cn' });
      const viaSession = await send(
        'PUT',
        '/api/v1/organisation/settings',
        p.headers,
        { publishDeclared: true },
        '198.51.100.31',
      );
      expect(viaSession.statusCode, viaSession.body).toBe(200);
      let audit = await h.deps.access.access.listAudit('acme', 0, 1000);
      expect(audit.at(-1)?.actor).toBe(
        personActor({ id: p.user.id, name: '孙八', email: 'sun@example.cn' }, '198.51.100.31'),
      );

      const token = (
        await send('POST', '/api/v1/tokens', p.headers, { name: 'robot', role: 'admin' })
      ).json<{ token: string; id: string }>();
      const viaToken = await send(
        'PUT',
        '/api/v1/organisation/settings',
        bearer(token.token),
        { publishDeclared: false },
        '198.51.100.32',
      );
      expect(viaToken.statusCode, viaToken.body).toBe(200);
      audit = await h.deps.access.access.listAudit('acme', 0, 1000);
      expect(audit.at(-1)?.actor).toBe(
        tokenActor(
          { id: token.id, name: 'robot' },
          { id: p.user.id, name: '孙八' },
          '198.51.100.32',
        ),
      );
      // an operator's token names no person
      await send(
        'PUT',
        '/api/v1/organisation/settings',
        bearer(h.tokens.admin),
        { publishDeclared: true },
        '198.51.100.33',
      );
      audit = await h.deps.access.access.listAudit('acme', 0, 1000);
      expect(audit.at(-1)?.actor).toMatch(
        /^token:\{"id":"[^"]+","name":"acme-admin","createdBy":null,"address":"198\.51\.100\.33"\}$/u,
      );
    });
  });
});

describeEachDialect('the first start', (dialect) => {
  const h = harnessFor(dialect);
  const post = (code: string) =>
    h.app.inject({ method: 'POST', url: '/api/v1/sign-in', payload: { code } });

  it('makes 管理员 <admin@localhost>, the instance’s administrator without a password, whose link works once within 15 minutes', async () => {
    h.clock.set(T0);
    const first = await createFirstAdministrator(
      { organisations: ['acme', 'other'] },
      h.deps.accounts,
    );
    expect(first?.user).toMatchObject({
      name: '管理员',
      email: 'admin@localhost',
      instanceAdmin: true,
      passwordHash: null,
    });
    expect(first?.link.link.expiresAt).toBe(at(15 * MINUTE));
    expect(await createFirstAdministrator({ organisations: ['acme'] }, h.deps.accounts)).toBeNull();
    h.clock.set(at(15 * MINUTE - 1000));
    const res = await post(first?.link.code ?? '');
    expect(res.statusCode, res.body).toBe(204);
    const view = await h.app.inject({
      method: 'GET',
      url: '/api/v1/session',
      headers: { cookie: cookieOf(res) ?? '' },
    });
    expect(view.json()).toMatchObject({
      person: { name: '管理员', email: 'admin@localhost' },
      organisation: { id: 'acme' },
      role: 'admin',
      organisations: [
        { id: 'acme', role: 'admin' },
        { id: 'other', role: 'admin' },
      ],
      method: 'link',
      passwordSet: false,
      instanceAdmin: true,
    });
    expectProblem(await post(first?.link.code ?? ''), 401, 'UNAUTHENTICATED');
  });
});

describeEachDialect('the first start, late', (dialect) => {
  const h = harnessFor(dialect);
  it('the link no longer works after 15 minutes', async () => {
    h.clock.set(T0);
    const first = await createFirstAdministrator({ organisations: ['acme'] }, h.deps.accounts);
    h.clock.set(at(15 * MINUTE));
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/v1/sign-in',
      payload: { code: first?.link.code ?? '' },
    });
    expectProblem(res, 401, 'UNAUTHENTICATED');
  });
});

describeEachDialect('sign-in throttling', (dialect) => {
  const sent: { to: string; subject: string; text: string }[] = [];
  const mail: AccountMail = {
    send: (to, subject, text) => {
      sent.push({ to, subject, text });
      return Promise.resolve();
    },
  };
  const h = harnessFor(dialect, {}, { mail, publicUrl: 'https://xuke.example.cn' });
  const signIn = (body: object, address: string) =>
    h.app.inject({ method: 'POST', url: '/api/v1/session', payload: body, remoteAddress: address });

  it('an https public URL makes the cookie __Host-xuke_session, Secure', async () => {
    h.clock.set(T0);
    await member(h, 'secure@example.cn');
    const res = await signIn({ email: 'secure@example.cn', password: PASSWORD }, '192.0.2.1');
    expect(res.statusCode, res.body).toBe(204);
    const line = String([res.headers['set-cookie']].flat()[0]);
    expect(line).toMatch(
      /^__Host-xuke_session=xk_[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Secure; /u,
    );
    const cookie = cookieOf(res) ?? '';
    expect(
      (await h.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie } }))
        .statusCode,
    ).toBe(200);
  });

  it('5 failures within 15 minutes lock the account for 15 minutes, with one notice; a success clears the count', async () => {
    h.clock.set(T0);
    const user = await member(h, 'locked@example.cn', { name: '周九' });
    // 4 failures, a success (cleared), 4 more: still open
    for (let i = 0; i < 4; i++)
      expectProblem(
        await signIn({ email: 'locked@example.cn', password: `wrong ${i} xxxxx` }, '192.0.2.10'),
        401,
      );
    expect(
      (await signIn({ email: 'locked@example.cn', password: PASSWORD }, '192.0.2.10')).statusCode,
    ).toBe(204);
    for (let i = 0; i < 4; i++)
      expectProblem(
        await signIn({ email: 'locked@example.cn', password: `wrong ${i} xxxxx` }, '192.0.2.11'),
        401,
      );
    expect(sent).toHaveLength(0);
    h.clock.set(at(MINUTE));
    expectProblem(
      await signIn({ email: 'locked@example.cn', password: 'the fifth wrong one' }, '192.0.2.12'),
      401,
    );
    // locked now: even the right password, from any address
    const locked = expectProblem(
      await signIn({ email: 'LOCKED@example.cn', password: PASSWORD }, '192.0.2.13'),
      429,
      'RATE_LIMITED',
    );
    const until = at(16 * MINUTE);
    expect(String(locked['detail'])).toContain(until);
    expect(String(locked['detailZh'])).toContain(until);
    const res = await signIn({ email: 'locked@example.cn', password: PASSWORD }, '192.0.2.13');
    expect(res.headers['retry-after']).toBe(String(15 * 60));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe('locked@example.cn');
    expect(sent[0]?.subject).toContain('锁定');
    expect(sent[0]?.text).toContain(until);
    expect(sent[0]?.text).toContain('周九');
    expect(sent[0]?.text).toContain('https://xuke.example.cn/sign-in');
    expect(sent[0]?.text).not.toContain(PASSWORD);
    h.clock.set(at(10 * MINUTE));
    expect(
      (await signIn({ email: 'locked@example.cn', password: PASSWORD }, '192.0.2.14')).headers[
        'retry-after'
      ],
    ).toBe(String(6 * 60));
    expect(sent).toHaveLength(1); // one notice per lock
    h.clock.set(until);
    const after = await signIn({ email: 'locked@example.cn', password: PASSWORD }, '192.0.2.14');
    expect(after.statusCode, after.body).toBe(204);
    expect(
      await h.deps.accounts.accounts.findThrottle(`account:${user.email ?? ''}`),
    ).toBeUndefined();
  });

  it('20 failures from one address (an IPv6 client by its /64) lock the address, not others', async () => {
    h.clock.set(T0);
    await member(h, 'addr@example.cn');
    for (let i = 0; i < 20; i++) {
      // different (unknown) e-mails, so no account locks; addresses within one /64
      const address = `2001:db8:1:2::${(i + 1).toString(16)}`;
      expectProblem(
        await signIn({ email: `nobody${i}@example.cn`, password: PASSWORD }, address),
        401,
      );
    }
    const locked = await signIn(
      { email: 'addr@example.cn', password: PASSWORD },
      '2001:db8:1:2:ffff::9',
    );
    expectProblem(locked, 429, 'RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBe(15 * 60);
    expect(sent.filter((m) => m.to === 'addr@example.cn')).toEqual([]); // an address lock sends no notice
    expect(
      (await signIn({ email: 'addr@example.cn', password: PASSWORD }, '2001:db8:1:3::1'))
        .statusCode,
    ).toBe(204);
    expect(
      (await signIn({ email: 'addr@example.cn', password: PASSWORD }, '192.0.2.99')).statusCode,
    ).toBe(204);
    h.clock.set(at(15 * MINUTE));
    expect(
      (await signIn({ email: 'addr@example.cn', password: PASSWORD }, '2001:db8:1:2::77'))
        .statusCode,
    ).toBe(204);
  });

  it('keys an address: IPv4 as is, an IPv4-mapped one as IPv4, IPv6 by its /64', () => {
    expect(addressKey('203.0.113.9')).toBe('address:203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('address:203.0.113.9');
    expect(addressKey('2001:db8:1:2::1')).toBe('address:2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:aaaa:bbbb:cccc:dddd')).toBe('address:2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('address:2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('address:0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('address:fe80:0:0:0::/64');
  });
});

describeEachDialect('the rate limit of a browser session', (dialect) => {
  const h = harnessFor(dialect, { rateLimitPerMinute: 3 });
  it('counts per session, not per address', async () => {
    h.clock.set(T0);
    const a = await personSession(h, { role: 'viewer' });
    const b = await personSession(h, { role: 'viewer' });
    const get = (headers: Record<string, string>) =>
      h.app.inject({ method: 'GET', url: '/api/v1/me', headers, remoteAddress: '192.0.2.200' });
    for (let i = 0; i < 3; i++) expect((await get(a.cookieOnly)).statusCode).toBe(200);
    expectProblem(await get(a.cookieOnly), 429, 'RATE_LIMITED');
    for (let i = 0; i < 3; i++) expect((await get(b.cookieOnly)).statusCode).toBe(200);
  });
});

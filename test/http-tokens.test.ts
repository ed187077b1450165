/**
 * An admin manages its organisation's tokens over the API (GET, POST /api/v1/tokens, DELETE
 * /api/v1/tokens/{id}) on every dialect: success, validation failure, missing token, wrong role,
 * another organisation, and the role ceiling of a new token.
 */
import { describe, expect, it } from 'vitest';
import { authoriseGrant, PERMISSIONS } from '../src/app/access/authorise-action.js';
import { createApiToken } from '../src/app/access/create-api-token.js';
import { ROLES, type Role } from '../src/ports/access-store.js';
import { bearer, expectProblem, harnessFor } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

interface TokenItem {
  id: string;
  name: string;
  role: string;
  kind: string;
  createdAt: string;
  revokedAt: string | null;
}

describeEachDialect('API tokens over HTTP', (dialect) => {
  const h = harnessFor(dialect);

  const list = (token?: string) =>
    h.app.inject({
      method: 'GET',
      url: '/api/v1/tokens',
      headers: token === undefined ? {} : bearer(token),
    });
  const create = (body: unknown, token?: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      payload: body as string,
      headers: token === undefined ? {} : bearer(token),
    });
  const revoke = (id: string, token?: string) =>
    h.app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${encodeURIComponent(id)}`,
      headers: token === undefined ? {} : bearer(token),
    });

  describe('GET /api/v1/tokens', () => {
    it('lists the organisation’s tokens without a secret or hash', async () => {
      const res = await list(h.tokens.admin);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const items = res.json<{ items: TokenItem[] }>().items;
      expect(items.map((t) => t.name).sort()).toEqual(
        ['acme-admin', 'acme-member', 'acme-viewer'].sort(),
      );
      for (const t of items) {
        expect(Object.keys(t).sort()).toEqual(
          [
            'createdAt',
            'createdBy',
            'expiresAt',
            'id',
            'kind',
            'lastUsedAt',
            'name',
            'revokedAt',
            'role',
          ].sort(),
        );
        // made by the operator (the harness), without an expiry
        expect(t).toMatchObject({ kind: 'api', revokedAt: null, createdBy: null, expiresAt: null });
      }
      for (const secret of Object.values(h.tokens)) expect(res.body).not.toContain(secret);
      expect(res.body).not.toMatch(/[0-9a-f]{64}/u);
    });
    it('another organisation’s admin sees only its own', async () => {
      const res = await list(h.tokens.otherAdmin);
      expect(res.json<{ items: TokenItem[] }>().items.map((t) => t.name)).toEqual(['other-admin']);
    });
    it('401 without a token; 403 for every role but admin', async () => {
      expectProblem(await list(), 401, 'UNAUTHENTICATED');
      for (const role of ['member', 'viewer'] as const) {
        expectProblem(await list(h.tokens[role]), 403, 'FORBIDDEN');
      }
    });
  });

  describe('POST /api/v1/tokens', () => {
    it('201: a token of the caller’s organisation, shown once, that works at once', async () => {
      const res = await create({ name: '  onboarding  ', role: 'member' }, h.tokens.admin);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.headers['cache-control']).toBe('no-store');
      const made = res.json<{
        token: string;
        id: string;
        name: string;
        role: string;
        organisation: string;
      }>();
      expect(made).toMatchObject({ name: 'onboarding', role: 'member', organisation: 'acme' });
      expect(made.token).toMatch(/^xk_/u);
      const me = await h.app.inject({ url: '/api/v1/me', headers: bearer(made.token) });
      expect(me.json()).toMatchObject({ organisation: 'acme', role: 'member' });
      const listed = (await list(h.tokens.admin)).json<{ items: TokenItem[] }>().items;
      expect(listed.find((t) => t.id === made.id)).toMatchObject({
        name: 'onboarding',
        role: 'member',
        kind: 'api',
      });
      expect(JSON.stringify(listed)).not.toContain(made.token);
    });
    it('an admin may create any role of its organisation; `authority` is no role any more', async () => {
      expect([...ROLES].sort()).toEqual(['admin', 'member', 'viewer']);
      for (const role of ROLES) {
        const res = await create({ name: `made-${role}`, role }, h.tokens.admin);
        expect(res.statusCode, res.body).toBe(201);
        expect(res.json()).toMatchObject({ role, organisation: 'acme' });
      }
      // issuing power comes from an authority organisation, not from a role
      expectProblem(
        await create({ name: 'issuer', role: 'authority' }, h.tokens.admin),
        400,
        'INVALID_INPUT',
      );
    });
    it('the organisation cannot be chosen: another admin’s token lands in its own', async () => {
      const res = await create(
        { name: 'x', role: 'viewer', organisation: 'acme' },
        h.tokens.otherAdmin,
      );
      expectProblem(res, 400, 'INVALID_INPUT');
      const ok = await create({ name: 'x', role: 'viewer' }, h.tokens.otherAdmin);
      expect(ok.json()).toMatchObject({ organisation: 'other' });
    });
    it('400 on a missing, empty, blank or long name, an unknown role, a non-object', async () => {
      for (const body of [
        { role: 'viewer' },
        { name: '', role: 'viewer' },
        { name: '   ', role: 'viewer' },
        { name: 'x'.repeat(101), role: 'viewer' },
        { name: 'x', role: 'root' },
        { name: 'x' },
        [],
      ]) {
        expectProblem(await create(body, h.tokens.admin), 400, 'INVALID_INPUT');
      }
    });
    it('401 without a token; 403 for every role but admin', async () => {
      expectProblem(await create({ name: 'x', role: 'viewer' }), 401);
      for (const role of ['member', 'viewer'] as const) {
        expectProblem(await create({ name: 'x', role: 'viewer' }, h.tokens[role]), 403);
      }
    });
  });

  describe('DELETE /api/v1/tokens/{id}', () => {
    it('204, after which the token authenticates nothing; a second revocation is 404', async () => {
      const made = await createApiToken(
        { organisation: 'acme', role: 'viewer', name: 'to revoke' },
        h.deps.access,
      );
      const read = () => h.app.inject({ url: '/api/v1/licences', headers: bearer(made.token) });
      expect((await read()).statusCode).toBe(200); // now cached by the read cache
      const res = await revoke(made.id, h.tokens.admin);
      expect(res.statusCode, res.body).toBe(204);
      expect(res.body).toBe('');
      expectProblem(await read(), 401);
      const listed = (await list(h.tokens.admin)).json<{ items: TokenItem[] }>().items;
      expect(listed.find((t) => t.id === made.id)?.revokedAt).toEqual(expect.any(String));
      expectProblem(await revoke(made.id, h.tokens.admin), 404, 'NOT_FOUND');
    });
    it('revokes a calendar feed key of the organisation too', async () => {
      const key = await h.app.inject({
        method: 'POST',
        url: '/api/v1/calendar/keys',
        headers: bearer(h.tokens.member),
      });
      const { id } = key.json<{ id: string }>();
      const listed = (await list(h.tokens.admin)).json<{ items: TokenItem[] }>().items;
      expect(listed.find((t) => t.id === id)?.kind).toBe('calendar');
      expect((await revoke(id, h.tokens.admin)).statusCode).toBe(204);
    });
    it('404 for an unknown id and for another organisation’s token, which stays valid', async () => {
      expectProblem(await revoke('no-such-token', h.tokens.admin), 404, 'NOT_FOUND');
      const theirs = await createApiToken(
        { organisation: 'other', role: 'viewer', name: 'theirs' },
        h.deps.access,
      );
      expectProblem(await revoke(theirs.id, h.tokens.admin), 404, 'NOT_FOUND');
      const still = await h.app.inject({ url: '/api/v1/me', headers: bearer(theirs.token) });
      expect(still.statusCode).toBe(200);
    });
    it('refuses an over-long id; 401 without a token; 403 for every role but admin', async () => {
      // fastify's router refuses a path parameter over 100 characters before any handler
      const long = await revoke('x'.repeat(101), h.tokens.admin);
      expect(long.statusCode).toBe(414);
      const made = await createApiToken(
        { organisation: 'acme', role: 'viewer', name: 'kept' },
        h.deps.access,
      );
      expectProblem(await revoke(made.id), 401);
      for (const role of ['member', 'viewer'] as const) {
        expectProblem(await revoke(made.id, h.tokens[role]), 403, 'FORBIDDEN');
      }
      const me = await h.app.inject({ url: '/api/v1/me', headers: bearer(made.token) });
      expect(me.statusCode).toBe(200);
    });
  });
});

describe('the role ceiling of a new token', () => {
  const principal = (role: Role) => ({
    tokenId: 't',
    organisation: 'o',
    role,
    actor: 'a',
    person: null,
    sessionId: null,
  });

  it('an admin may grant every role: none may do anything an admin may not', () => {
    for (const role of ROLES) {
      expect(() => {
        authoriseGrant(principal('admin'), role);
      }).not.toThrow();
    }
    for (const roles of Object.values(PERMISSIONS)) expect(roles).toContain('admin');
  });
  it.each(['member', 'viewer'] as const)('a %s grants nothing', (role) => {
    expect(() => {
      authoriseGrant(principal(role), 'viewer');
    }).toThrow(/manage-tokens/u);
  });
  it('a role that may do something the granter may not is refused', () => {
    const table = { ...PERMISSIONS, 'write-register': ['member'] as const };
    expect(() => {
      authoriseGrant(principal('admin'), 'member', table);
    }).toThrow(/不能创建 member 令牌：member 可以 write-register/u);
    expect(() => {
      authoriseGrant(principal('admin'), 'viewer', table);
    }).not.toThrow();
  });
});

/**
 * `xuke token create|revoke` as a user runs them, against the service on the same database:
 * the printed token works (and only for its organisation), a revoked one stops working.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/main/server.js';
import { xuke } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'xuke-token-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('xuke token', { timeout: 120_000 }, () => {
  it('create --json prints {token, id}; the token works; revoke ends it', async () => {
    const db = `sqlite://${join(dir, 'x.sqlite')}`;
    const created = xuke([
      'token',
      'create',
      '--role',
      'viewer',
      '--org',
      'demo',
      '--name',
      'ci',
      '--json',
      '--db',
      db,
    ]);
    expect(created.code, created.stderr).toBe(0);
    const { token, id } = JSON.parse(created.stdout) as { token: string; id: string };
    expect(token).toMatch(/^xk_[\w-]{43}$/u);
    expect(id).toMatch(/^[0-9a-f-]{36}$/u);

    const server = await startServer({
      env: { XUKE_DATABASE_URL: db, XUKE_READ_CACHE_MS: '0' },
      port: 0,
      host: '127.0.0.1',
      logger: false,
      print: () => undefined,
    });
    try {
      const auth = { authorization: `Bearer ${token}` };
      const res = await fetch(`${server.url}/api/v1/licences`, { headers: auth });
      expect(res.status).toBe(200);
      // the first start seeded the demo organisation, whose token this is
      expect(((await res.json()) as { items: unknown[] }).items).toHaveLength(1);

      const revoked = xuke(['token', 'revoke', id, '--db', db]);
      expect(revoked.code, revoked.stderr).toBe(0);
      expect((await fetch(`${server.url}/api/v1/licences`, { headers: auth })).status).toBe(401);
    } finally {
      await server.close();
    }

    expect(xuke(['token', 'revoke', id, '--db', db]).code).toBe(3);
    const bad = xuke(['token', 'create', '--role', 'root', '--name', 'x', '--db', db]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('root');
    // issuing power comes from an authority organisation, not from a role
    const authority = xuke(['token', 'create', '--role', 'authority', '--name', 'x', '--db', db]);
    expect(authority.code).toBe(2);
    expect(authority.stderr).toContain('没有 authority 角色');
    expect(authority.stderr).toContain('--kind authority');
  });
});

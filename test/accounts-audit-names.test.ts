/**
 * Every audited action names its person (issue 18, docs/accounts.md): a person signed in through a
 * browser session does a round of different audited things (a holder's event, a document saved as
 * a new licence, an invitation, the access policy, a token), then the token they created does one
 * more; every entry the round appended to the organisation's chain names that person (or their
 * token and them as its creator) and the client's address. On every dialect.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseActor } from '../src/core/actor.js';
import type { AuditEntry } from '../src/ports/access-store.js';
import { FIXTURES } from './fixtures.js';
import { bearer, harnessFor, personSession, SEED } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

describeEachDialect('every audited action names its person', (dialect) => {
  const h = harnessFor(dialect);

  it('a session’s writes, and its token’s, are the person’s in the audit chain', async () => {
    const before = await h.deps.access.access.listAudit('acme', 0, 10_000);
    const after = before.at(-1)?.seq ?? 0;
    const me = await personSession(h, { name: '赵审计', address: '203.0.113.9' });
    const send = async (method: 'POST' | 'PUT', url: string, payload: unknown) => {
      const res = await h.app.inject({
        method,
        url,
        headers: me.headers,
        remoteAddress: '203.0.113.9',
        payload: payload as string,
      });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
      return res;
    };

    await send('POST', `/api/v1/licences/${SEED}/events`, {
      kind: 'annual-report-filed',
      year: 2025,
      on: '2026-03-01',
    });
    const text = readFileSync(FIXTURES.seed, 'utf8').replaceAll('20180910', '20180777');
    const saved = await h.app.inject({
      method: 'POST',
      url: `/api/v1/documents?save=true&acknowledge=${encodeURIComponent('测试：已人工复核')}`,
      headers: { ...me.headers, 'content-type': 'text/plain; charset=utf-8' },
      remoteAddress: '203.0.113.9',
      payload: text,
    });
    expect(saved.statusCode, saved.body).toBeLessThan(300);
    await send('POST', '/api/v1/invitations', { role: 'viewer' });
    await send('PUT', '/api/v1/organisation/access', {
      joinMode: 'invitation',
      joinDomains: [],
      joinRole: 'member',
      requireSecondFactor: false,
    });
    const token = (await send('POST', '/api/v1/tokens', { name: 'nightly', role: 'member' })).json<{
      token: string;
    }>().token;
    const byToken = await h.app.inject({
      method: 'POST',
      url: `/api/v1/licences/${SEED}/events`,
      headers: bearer(token),
      remoteAddress: '198.51.100.4',
      payload: { kind: 'annual-report-filed', year: 2024, on: '2025-03-01' } as unknown as string,
    });
    expect(byToken.statusCode, byToken.body).toBe(201);

    const round: AuditEntry[] = await h.deps.access.access.listAudit('acme', after, 10_000);
    const actions = round.map((e) => e.action);
    // the round's kinds of action, each at least once: not a chain the test could pass by being empty
    expect(new Set(actions).size).toBeGreaterThanOrEqual(4);
    expect(actions).toEqual(expect.arrayContaining(['member.invited']));
    for (const e of round) {
      const who = parseActor(e.actor);
      if ('person' in who) {
        expect(who.person, e.action).toMatchObject({ id: me.user.id, name: '赵审计' });
        expect(who.address, e.action).toBe('203.0.113.9');
      } else if ('token' in who) {
        expect(who.createdBy, e.action).toEqual({ id: me.user.id, name: '赵审计' });
        expect(who.address, e.action).toBe('198.51.100.4');
      } else {
        throw new Error(`${e.action} was recorded as ${e.actor}, naming nobody`);
      }
    }
    expect(round.some((e) => e.actor.startsWith('token:'))).toBe(true);
  });
});

/**
 * The audit log names people (docs/accounts.md): entries written by a person and by a token a
 * person created are found by that person, by licence, by action and by day (China's calendar
 * day), and exported as CSV with the person's name; on every dialect.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { parseDocument } from '../src/app/documents/parse-document.js';
import { registerLicence } from '../src/app/registry/register-licence.js';
import { personActor, tokenActor } from '../src/core/actor.js';
import { bearer, harnessFor } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';
import { FIXTURES, TEXT_DOCUMENTS } from './fixtures.js';

const ZHANG = { id: 'u_zh%ng_1', name: '张三', email: 'zhang@example.com' };
const LI = { id: 'u_li', name: '李四', email: 'li@example.com' };

interface Item {
  seq: number;
  at: string;
  action: string;
  subject: string;
  address: string | null;
  by: {
    kind: string;
    name: string;
    email: string | null;
    personId: string | null;
    tokenName: string | null;
  };
}

describeEachDialect('the audit log names people', (dialect) => {
  const h = harnessFor(dialect);

  const audit = async (query: string): Promise<Item[]> => {
    const res = await h.app.inject({
      method: 'GET',
      url: `/api/v1/audit?limit=1000&${query}`,
      headers: bearer(h.tokens.admin),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Item[] }>().items;
  };

  const write = async (actor: string, at: string, number: string) => {
    h.clock.set(at);
    const text = readFileSync(FIXTURES.seed, 'utf8').replaceAll('20180910', number);
    const bytes = new TextEncoder().encode(text);
    const parsed = await parseDocument(bytes, 'x.txt', TEXT_DOCUMENTS);
    await registerLicence(
      {
        licence: parsed.licence,
        document: { sha256: parsed.source.sha256, format: 'text', bytes },
      },
      { organisation: 'acme', actor },
      h.deps.registry,
    );
  };

  it('filters by person (their tokens too), licence, action and day, and exports CSV', async () => {
    // 2026-12-01 23:30 in Shanghai is 15:30 UTC: it belongs to the 1st, not the 2nd
    await write(personActor(ZHANG, '203.0.113.7'), '2026-12-01T15:30:00.000Z', '20190001');
    await write(
      tokenActor({ id: 't1', name: 'ci' }, ZHANG, '198.51.100.2'),
      '2026-12-01T16:30:00.000Z',
      '20190002',
    );
    await write(personActor(LI, '2001:db8::1'), '2026-12-03T02:00:00.000Z', '20190003');

    const zhang = await audit(`person=${encodeURIComponent(ZHANG.id)}`);
    expect(zhang.map((i) => i.subject)).toEqual(['京B2-20190001', '京B2-20190002']);
    expect(zhang[0]?.by).toMatchObject({
      kind: 'person',
      name: '张三',
      email: 'zhang@example.com',
    });
    expect(zhang[0]?.address).toBe('203.0.113.7');
    expect(zhang[1]?.by).toMatchObject({ kind: 'token', name: '张三', tokenName: 'ci' });
    // the LIKE wildcards in an id match only themselves
    expect(await audit('person=u_zh_ng_1')).toEqual([]);

    const li = await audit('person=u_li');
    expect(li.map((i) => i.subject)).toEqual(['京B2-20190003']);

    // a number as a person writes it finds the entry stored under its canonical form
    const byLicence = await audit(`licence=${encodeURIComponent('京 b2-20190003')}`);
    expect(byLicence.map((i) => i.by.name)).toEqual(['李四']);

    expect((await audit('from=2026-12-01&to=2026-12-01')).map((i) => i.subject)).toEqual([
      '京B2-20190001',
    ]);
    expect((await audit('from=2026-12-02')).map((i) => i.subject)).toEqual([
      '京B2-20190002',
      '京B2-20190003',
    ]);
    const actions = new Set((await audit('')).map((i) => i.action));
    const action = [...actions][0] ?? '';
    expect((await audit(`action=${action}`)).every((i) => i.action === action)).toBe(true);

    const csv = await h.app.inject({
      method: 'GET',
      url: `/api/v1/audit/export?person=${encodeURIComponent(ZHANG.id)}`,
      headers: bearer(h.tokens.admin),
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/u);
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(1 + zhang.length);
    expect(lines[1]).toContain('张三');
    expect(lines[1]).toContain('203.0.113.7');
    expect(lines[2]).toContain('ci');
  });

  it('refuses a malformed day and a member', async () => {
    const bad = await h.app.inject({
      method: 'GET',
      url: '/api/v1/audit?from=2026-13-01',
      headers: bearer(h.tokens.admin),
    });
    expect(bad.statusCode).toBe(400);
    const member = await h.app.inject({
      method: 'GET',
      url: '/api/v1/audit/export',
      headers: bearer(h.tokens.member),
    });
    expect(member.statusCode).toBe(403);
  });
});

/**
 * The dashboard's and the review screen's reads on every dialect: POST /api/v1/checks (a record
 * edited by hand), GET /api/v1/findings (the organisation's findings as of today) and GET
 * /api/v1/events (its recent lifecycle and obligation events). Success, validation failure,
 * missing or wrong kind of token, and another organisation's data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/app/access/create-api-token.js';
import { tokenActor } from '../src/core/actor.js';
import type { Licence } from '../src/core/licence.js';
import {
  addAuthority,
  bearer,
  expectProblem,
  harnessFor,
  OTHER_NUMBER,
  SEED,
  SEED_NUMBER,
} from './http-harness.js';
import { fixtureText } from './fixtures.js';
import { describeEachDialect, fixedClock } from './registry-dialects.js';

interface Report {
  schema: string;
  status: string;
  findings: { ruleId: string; severity: string; evidence: unknown[] }[];
}

interface FindingItem {
  number: string;
  holder: string | null;
  ruleId: string;
  severity: string;
  message: string;
  messageEn: string;
  fields: string[];
  evidence: unknown[];
  basis: string;
  basisEn: string;
}

interface Findings {
  items: FindingItem[];
  total: number;
  checked: number;
  truncated: boolean;
}

interface EventItem {
  number: string;
  kind: string;
  category: string;
  on: string;
  note: string | null;
  actor: string;
  recordedAt: string;
}

const SEVERITY_RANK: Record<string, number> = { error: 0, warning: 1, info: 2 };

describeEachDialect('the dashboard and review reads', (dialect) => {
  const h = harnessFor(dialect);
  let seed: Licence;
  /** a one-time sign-in code of acme: not an API token */
  let signInCode: string;
  beforeAll(async () => {
    const res = await h.app.inject({
      url: `/api/v1/licences/${SEED}`,
      headers: bearer(h.tokens.viewer),
    });
    seed = res.json<{ licence: Licence }>().licence;
    signInCode = (
      await createApiToken(
        { organisation: 'acme', role: 'admin', name: 'sign-in', kind: 'sign-in' },
        h.deps.access,
      )
    ).token;
  });

  const get = (url: string, token?: string) =>
    h.app.inject({ method: 'GET', url, headers: token === undefined ? {} : bearer(token) });
  const check = (body: unknown, token?: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/checks',
      payload: body as string,
      headers: token === undefined ? {} : bearer(token),
    });
  const rules = (r: Report) => r.findings.map((f) => f.ruleId);

  describe('POST /api/v1/checks', () => {
    it('any role checks a record: the CheckReport of the record as it stands', async () => {
      for (const role of ['admin', 'member', 'viewer'] as const) {
        const res = await check({ licence: seed }, h.tokens[role]);
        expect(res.statusCode, res.body).toBe(200);
        const report = res.json<Report>();
        expect(report.schema).toBe('xuke.check/v1');
        expect(report.status).toBe('expired');
        expect(rules(report)).toContain('expired');
      }
    });
    it('a corrected field changes the report; today may be given', async () => {
      const renewed = { ...seed, expiresOn: '2029-05-03' };
      const after = (await check({ licence: renewed }, h.tokens.viewer)).json<Report>();
      expect(rules(after)).not.toContain('expired');
      const before = await check({ licence: seed, today: '2023-01-01' }, h.tokens.viewer);
      expect(rules(before.json<Report>())).not.toContain('expired');
    });
    it('the parse’s page labels and evidence come along when given', async () => {
      const res = await check(
        {
          licence: seed,
          pageLabels: ['23', '23', '25'],
          evidence: { expiresOn: { line: 7, text: '有效期至2023年05月03日', confidence: 1 } },
        },
        h.tokens.viewer,
      );
      expect(res.statusCode, res.body).toBe(200);
      const report = res.json<Report>();
      expect(rules(report)).toContain('page-sequence');
      const expired = report.findings.find((f) => f.ruleId === 'expired');
      expect(expired?.evidence).toEqual([{ line: 7, text: '有效期至2023年05月03日' }]);
    });
    it('400 naming the field: no record, a field of the wrong type, an unknown key, a bad day', async () => {
      // each failure: a JSON pointer into the body for programs, the field in words for people
      const cases: [unknown, string, string][] = [
        [{}, '/licence', '请填写许可证'],
        [{ licence: { ...seed, services: [{ code: 1 }] } }, '/licence/services/0', '第 1 项业务'],
        [{ licence: seed, extra: true }, '', '不接受的字段“extra”'],
        [{ licence: seed, today: '2026-02-30' }, '/today', '核验日期应为'],
        [{ licence: { ...seed, issuedOn: '3 May 2018' } }, '/licence/issuedOn', '发证日期应为'],
        [
          { licence: seed, pageLabels: Array.from({ length: 1001 }, () => '1') },
          '/pageLabels',
          '页码最多 1000 项',
        ],
      ];
      for (const [body, path, words] of cases) {
        const p = expectProblem(await check(body, h.tokens.viewer), 400, 'INVALID_INPUT');
        const errors = p['errors'] as { path: string; in: string }[];
        const paths = errors.map((e) => e.path);
        expect(
          paths.some((x) => x.startsWith(path)),
          `${JSON.stringify(paths)} ∌ ${path}`,
        ).toBe(true);
        expect(errors.every((e) => e.in === 'body')).toBe(true);
        expect(String(p['detailZh'])).toContain(words);
      }
    });
    it('413 over 512 KiB; 400 for a body that is not JSON', async () => {
      const huge = { licence: { ...seed, facilities: ['机房'.repeat(200_000)] } };
      expectProblem(await check(huge, h.tokens.viewer), 413, 'INPUT_TOO_LARGE');
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/checks',
        payload: 'licence',
        headers: { 'content-type': 'text/plain', ...bearer(h.tokens.viewer) },
      });
      // text/plain is a document type the app reads as bytes: not an object, so invalid here
      expectProblem(res, 400, 'INVALID_INPUT');
    });
    it('401 without a token, or with a sign-in code instead of an API token', async () => {
      expectProblem(await check({ licence: seed }), 401, 'UNAUTHENTICATED');
      expectProblem(await check({ licence: seed }, signInCode), 401, 'UNAUTHENTICATED');
    });
  });

  describe('GET /api/v1/findings', () => {
    it('the organisation’s findings as of today, errors first, with number and holder', async () => {
      const res = await get('/api/v1/findings', h.tokens.viewer);
      expect(res.statusCode, res.body).toBe(200);
      const f = res.json<Findings>();
      expect(f).toMatchObject({ checked: 1, truncated: false });
      expect(f.total).toBe(f.items.length);
      expect(f.items.every((i) => i.number === SEED_NUMBER)).toBe(true);
      expect(f.items[0]).toMatchObject({
        number: SEED_NUMBER,
        holder: '云智联网络科技（北京）有限公司',
        severity: 'error',
        evidence: [],
      });
      expect(f.items.map((i) => i.ruleId)).toEqual(expect.arrayContaining(['expired']));
      const ranks = f.items.map((i) => SEVERITY_RANK[i.severity] ?? 9);
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      for (const i of f.items) {
        expect(Object.keys(i).sort()).toEqual(
          [
            'basis',
            'basisEn',
            'evidence',
            'fields',
            'holder',
            'message',
            'messageEn',
            'number',
            'ruleId',
            'severity',
          ].sort(),
        );
      }
    });
    it('filters by severity and cuts at limit, counting what it cut', async () => {
      const all = (await get('/api/v1/findings', h.tokens.viewer)).json<Findings>();
      const errors = (
        await get('/api/v1/findings?severity=error', h.tokens.viewer)
      ).json<Findings>();
      expect(errors.items.length).toBeGreaterThan(0);
      expect(errors.items.every((i) => i.severity === 'error')).toBe(true);
      const some = (
        await get('/api/v1/findings?severity=warning,info', h.tokens.member)
      ).json<Findings>();
      expect(some.items.every((i) => i.severity !== 'error')).toBe(true);
      expect(errors.total + some.total).toBe(all.total);
      const one = (await get('/api/v1/findings?limit=1', h.tokens.viewer)).json<Findings>();
      expect(one.items).toHaveLength(1);
      expect(one.total).toBe(all.total);
    });
    it('another organisation sees its own licences’ findings only', async () => {
      const f = (await get('/api/v1/findings', h.tokens.otherAdmin)).json<Findings>();
      expect(f.checked).toBe(1);
      expect(f.items.every((i) => i.number === OTHER_NUMBER)).toBe(true);
    });
    it('400 on a bad limit or severity', async () => {
      for (const q of ['limit=0', 'limit=201', 'limit=x', 'severity=fatal', 'severity=error,']) {
        expectProblem(await get(`/api/v1/findings?${q}`, h.tokens.viewer), 400, 'INVALID_INPUT');
      }
    });
    it('401 without a token, or with a sign-in code', async () => {
      expectProblem(await get('/api/v1/findings'), 401);
      expectProblem(await get('/api/v1/findings', signInCode), 401);
    });
  });

  describe('GET /api/v1/events', () => {
    it('lifecycle and obligation events, newest first, readable by any role', async () => {
      const clock = h.deps.registry.clock as ReturnType<typeof fixedClock>;
      clock.set('2026-11-28T03:00:00.000Z');
      const filed = await h.app.inject({
        method: 'POST',
        url: `/api/v1/licences/${SEED}/events`,
        payload: { kind: 'annual-report-filed', year: 2025, on: '2026-03-01', note: '年报' },
        headers: bearer(h.tokens.member),
      });
      expect(filed.statusCode, filed.body).toBe(201);
      clock.set('2026-11-28T04:00:00.000Z');
      const disposed = await h.app.inject({
        method: 'POST',
        url: `/api/v1/licences/${SEED}/events`,
        payload: { kind: 'illegal-content-disposed', date: '2026-11-27', note: '删除' },
        headers: bearer(h.tokens.member),
      });
      expect(disposed.statusCode, disposed.body).toBe(201);
      clock.set('2026-11-28T02:00:00.000Z');

      // the actor names the token (core/actor.ts) and the address it came from (inject's)
      const member = await h.deps.access.access.findTokenByHash(
        h.deps.access.secrets.hash(h.tokens.member),
      );
      const actor = tokenActor({ id: member?.id ?? '', name: 'acme-member' }, null, '127.0.0.1');
      for (const role of ['admin', 'member', 'viewer'] as const) {
        const res = await get('/api/v1/events', h.tokens[role]);
        expect(res.statusCode, res.body).toBe(200);
        const items = res.json<{ items: EventItem[] }>().items;
        expect(items.map((e) => [e.kind, e.category])).toEqual([
          ['illegal-content-disposed', 'obligation'],
          ['annual-report-filed', 'lifecycle'],
          ['issued', 'lifecycle'],
        ]);
        expect(items[0]).toEqual({
          number: SEED_NUMBER,
          kind: 'illegal-content-disposed',
          category: 'obligation',
          on: '2026-11-27',
          note: '删除',
          actor,
          recordedAt: '2026-11-28T04:00:00.000Z',
        });
        expect(items[1]).toMatchObject({ on: '2026-03-01', note: '年报' });
      }
      const one = (await get('/api/v1/events?limit=1', h.tokens.viewer)).json<{
        items: EventItem[];
      }>();
      expect(one.items.map((e) => e.kind)).toEqual(['illegal-content-disposed']);
    });
    it('another organisation sees only its own', async () => {
      const items = (await get('/api/v1/events', h.tokens.otherAdmin)).json<{
        items: EventItem[];
      }>().items;
      expect(items.map((e) => [e.number, e.kind])).toEqual([[OTHER_NUMBER, 'issued']]);
    });
    it('400 on a bad limit; 401 without a token, or with a sign-in code', async () => {
      for (const q of ['limit=0', 'limit=101', 'limit=-1']) {
        expectProblem(await get(`/api/v1/events?${q}`, h.tokens.viewer), 400, 'INVALID_INPUT');
      }
      expectProblem(await get('/api/v1/events'), 401);
      expectProblem(await get('/api/v1/events', signInCode), 401);
    });
  });

  it('cancelled licences drop out of the findings; only the register cancels', async () => {
    // a holder cannot cancel its own licence: that is the issuer's decision
    expectProblem(
      await h.app.inject({
        method: 'POST',
        url: `/api/v1/licences/${SEED}/events`,
        payload: { kind: 'cancelled', note: '注销' },
        headers: bearer(h.tokens.admin),
      }),
      403,
      'FORBIDDEN',
    );
    expect((await get('/api/v1/findings', h.tokens.viewer)).json<Findings>().checked).toBe(1);
    // the authority's register: issued, then cancelled with its reason and 文号
    const authority = await addAuthority(h);
    const issued = await h.app.inject({
      method: 'POST',
      url: '/api/v1/register/licences',
      payload: { licence: seed, reason: '准予许可', decisionNumber: '京通信管〔2022〕9号' },
      headers: bearer(authority.token),
    });
    expect(issued.statusCode, issued.body).toBe(201);
    expect((await get('/api/v1/findings', authority.token)).json<Findings>().checked).toBe(1);
    const res = await h.app.inject({
      method: 'POST',
      url: `/api/v1/register/licences/${SEED}/events`,
      payload: {
        kind: 'cancelled',
        reason: '企业申请注销',
        decisionNumber: '京通信管〔2026〕88号',
      },
      headers: bearer(authority.token),
    });
    expect(res.statusCode, res.body).toBe(201);
    const f = (await get('/api/v1/findings', authority.token)).json<Findings>();
    expect(f).toMatchObject({ items: [], total: 0, checked: 0 });
  });
});

describeEachDialect('the events of one licence', (dialect) => {
  const h = harnessFor(dialect);
  const HU_NUMBER = '沪B2-20200731';
  beforeAll(async () => {
    const clock = h.deps.registry.clock as ReturnType<typeof fixedClock>;
    // a second licence in acme, and an obligation event on each
    const saved = await h.app.inject({
      method: 'POST',
      url: '/api/v1/documents?save=true',
      payload: fixtureText('hu'),
      headers: { ...bearer(h.tokens.member), 'content-type': 'text/plain' },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    for (const [i, [number, kind, date]] of [
      [SEED_NUMBER, 'illegal-content-disposed', '2022-09-27'],
      [HU_NUMBER, 'incident', '2026-11-20'],
      [SEED_NUMBER, 'entity-change-decided', '2026-11-02'],
    ].entries()) {
      clock.set(`2026-11-28T0${i + 3}:00:00.000Z`);
      const res = await h.app.inject({
        method: 'POST',
        url: `/api/v1/licences/${encodeURIComponent(number ?? '')}/events`,
        payload: { kind, date },
        headers: bearer(h.tokens.member),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    clock.set('2026-11-28T02:00:00.000Z');
  });

  const events = async (query: string, token = h.tokens.viewer) => {
    const res = await h.app.inject({ url: `/api/v1/events?${query}`, headers: bearer(token) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: EventItem[] }>().items;
  };

  it('number: that licence’s lifecycle and obligation events only, by the day they happened', async () => {
    // recorded 2022-09-27, 2026-11-20, 2026-11-02: listed by the day each happened, newest first
    const all = await events('limit=100');
    expect(all.map((e) => [e.number, e.kind])).toEqual([
      [HU_NUMBER, 'incident'],
      [SEED_NUMBER, 'entity-change-decided'],
      [HU_NUMBER, 'issued'],
      [SEED_NUMBER, 'illegal-content-disposed'],
      [SEED_NUMBER, 'issued'],
    ]);
    const days = all.map((e) => e.on);
    expect(days).toEqual([...days].sort().reverse());
    // the first two of the organisation's, not the last two recorded
    expect((await events('limit=2')).map((e) => e.kind)).toEqual([
      'incident',
      'entity-change-decided',
    ]);
    const seed = await events(`number=${SEED}`);
    expect(seed.map((e) => [e.kind, e.category, e.on])).toEqual([
      ['entity-change-decided', 'obligation', '2026-11-02'],
      ['illegal-content-disposed', 'obligation', '2022-09-27'],
      ['issued', 'lifecycle', '2022-09-05'],
    ]);
    expect(seed.every((e) => e.number === SEED_NUMBER)).toBe(true);
    expect((await events(`number=${encodeURIComponent(HU_NUMBER)}`)).map((e) => e.kind)).toEqual([
      'incident',
      'issued',
    ]);
  });

  it('takes the number in any written form, and cuts at limit', async () => {
    const lower = await events(`number=${encodeURIComponent(' 京b2－20180910 ')}&limit=2`);
    expect(lower.map((e) => [e.number, e.kind])).toEqual([
      [SEED_NUMBER, 'entity-change-decided'],
      [SEED_NUMBER, 'illegal-content-disposed'],
    ]);
  });

  it('404 for a licence the organisation does not hold; 400 for what is not a licence number', async () => {
    const missing = await h.app.inject({
      url: `/api/v1/events?number=${SEED}`,
      headers: bearer(h.tokens.otherAdmin),
    });
    expectProblem(missing, 404, 'NOT_FOUND');
    const unknown = await h.app.inject({
      url: `/api/v1/events?number=${encodeURIComponent('京B2-20990101')}`,
      headers: bearer(h.tokens.viewer),
    });
    expectProblem(unknown, 404, 'NOT_FOUND');
    for (const q of ['number=hello', 'number=', `number=${'9'.repeat(101)}`]) {
      expectProblem(
        await h.app.inject({ url: `/api/v1/events?${q}`, headers: bearer(h.tokens.viewer) }),
        400,
        'INVALID_INPUT',
      );
    }
    expectProblem(await h.app.inject({ url: `/api/v1/events?number=${SEED}` }), 401);
  });
});

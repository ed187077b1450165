/**
 * Every endpoint of the HTTP API through `app.inject()`, on every dialect: success, validation
 * failure (400 problem+json), missing token (401), wrong role (403) and another organisation's
 * licence (404).
 */
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/adapters/http/app.js';
import { HTTP_STATUS } from '../src/adapters/http/problem.js';
import { createApiToken } from '../src/app/access/create-api-token.js';
import { DomainErrorCode } from '../src/core/errors.js';
import { fixtureText } from './fixtures.js';
import {
  addAuthority,
  bearer,
  expectProblem,
  harnessFor,
  OTHER,
  OTHER_NUMBER,
  personSession,
  SEED,
  SEED_NUMBER,
  startHarness,
} from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

describeEachDialect('the HTTP API', (dialect) => {
  const h = harnessFor(dialect);

  const get = (url: string, token?: string) =>
    h.app.inject({ method: 'GET', url, headers: token === undefined ? {} : bearer(token) });
  const post = (url: string, body: unknown, token?: string) =>
    h.app.inject({
      method: 'POST',
      url,
      payload: body as string,
      headers: token === undefined ? {} : bearer(token),
    });

  describe('GET /api/v1/licences', () => {
    it('lists the organisation’s licences, filtered and paged', async () => {
      const res = await get('/api/v1/licences?company=云智联&limit=1', h.tokens.viewer);
      expect(res.statusCode).toBe(200);
      const page = res.json<{ items: { number: string }[]; next: string | null }>();
      expect(page.items.map((l) => l.number)).toEqual([SEED_NUMBER]);
      const byStatus = await get('/api/v1/licences?status=expired', h.tokens.viewer);
      expect(byStatus.json<{ items: unknown[] }>().items).toHaveLength(1);
      const expiring = await get('/api/v1/licences?expiring-within=30', h.tokens.viewer);
      expect(expiring.json<{ items: unknown[] }>().items).toHaveLength(0);
    });
    it('400 on a bad filter', async () => {
      expectProblem(await get('/api/v1/licences?limit=0', h.tokens.viewer), 400, 'INVALID_INPUT');
      expectProblem(await get('/api/v1/licences?status=nope', h.tokens.viewer), 400);
    });
    it('401 without a token, and with a bad one', async () => {
      const res = await get('/api/v1/licences');
      expectProblem(res, 401, 'UNAUTHENTICATED');
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/u);
      expectProblem(await get('/api/v1/licences', 'xk_not-a-token'), 401, 'UNAUTHENTICATED');
    });
    it('another organisation sees only its own', async () => {
      const res = await get(`/api/v1/licences?number=${SEED}`, h.tokens.otherAdmin);
      expect(res.json<{ items: unknown[] }>().items).toEqual([]);
    });
    it('a part of a number finds the numbers containing it; one character is not a search', async () => {
      const numbers = async (part: string) =>
        (await get(`/api/v1/licences?number=${encodeURIComponent(part)}`, h.tokens.viewer))
          .json<{ items: { number: string }[] }>()
          .items.map((i) => i.number);
      expect(await numbers('20180910')).toEqual(['京B2-20180910']);
      expect(await numbers('ｂ２－２０１８')).toEqual(['京B2-20180910']);
      expect(await numbers('20990101')).toEqual([]);
      expectProblem(
        await get('/api/v1/licences?number=%25', h.tokens.viewer),
        400,
        'INVALID_INPUT',
      );
    });
  });

  describe.each(['', '/history', '/documents', '/deadlines'])(
    'GET /api/v1/licences/{number}%s',
    (suffix) => {
      it('200 for its organisation, any written form of the number', async () => {
        const res = await get(
          `/api/v1/licences/${encodeURIComponent('京Ｂ２－２０１８０９１０')}${suffix}`,
          h.tokens.viewer,
        );
        expect(res.statusCode, res.body).toBe(200);
      });
      it('400 for something that is not a licence number', async () => {
        expectProblem(await get(`/api/v1/licences/hello${suffix}`, h.tokens.viewer), 400);
      });
      it('401 without a token', async () => {
        expectProblem(await get(`/api/v1/licences/${SEED}${suffix}`), 401);
      });
      it('404 for another organisation’s licence', async () => {
        expectProblem(
          await get(`/api/v1/licences/${OTHER}${suffix}`, h.tokens.viewer),
          404,
          'NOT_FOUND',
        );
        expectProblem(await get(`/api/v1/licences/${SEED}${suffix}`, h.tokens.otherAdmin), 404);
      });
    },
  );

  it('history lists versions and events; documents their sha256; deadlines the report', async () => {
    const hist = (await get(`/api/v1/licences/${SEED}/history`, h.tokens.viewer)).json<{
      versions: unknown[];
      events: { kind: string }[];
    }>();
    expect(hist.events[0]?.kind).toBe('issued');
    const docs = (await get(`/api/v1/licences/${SEED}/documents`, h.tokens.viewer)).json<{
      items: { sha256: string }[];
    }>();
    expect(docs.items[0]?.sha256).toMatch(/^[0-9a-f]{64}$/u);
    const dl = (await get(`/api/v1/licences/${SEED}/deadlines`, h.tokens.viewer)).json<{
      schema: string;
      occurrences: unknown[];
    }>();
    expect(dl.schema).toBe('xuke.deadlines/v1');
    expect(dl.occurrences.length).toBeGreaterThan(0);
  });

  describe('POST /api/v1/licences/{number}/events', () => {
    it('a member records the holder’s event: 201 and a new version', async () => {
      const res = await post(
        `/api/v1/licences/${SEED}/events`,
        { kind: 'annual-report-filed', year: 2025, on: '2026-03-01' },
        h.tokens.member,
      );
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<{ version: number }>().version).toBe(2);
    });
    it('400 on an unknown kind, an extra field, a bad date', async () => {
      for (const body of [
        { kind: 'nope' },
        { kind: 'annual-report-filed', year: 2025, extra: 1 },
        { kind: 'renewed', expiresOn: '2030-02-30' },
      ]) {
        expectProblem(await post(`/api/v1/licences/${SEED}/events`, body, h.tokens.admin), 400);
      }
    });
    it('401 without a token', async () => {
      expectProblem(await post(`/api/v1/licences/${SEED}/events`, { kind: 'expired' }), 401);
    });
    it('403: a viewer records nothing; no holder role records an issuer event', async () => {
      expectProblem(
        await post(`/api/v1/licences/${SEED}/events`, { kind: 'expired' }, h.tokens.viewer),
        403,
        'FORBIDDEN',
      );
      for (const token of [h.tokens.member, h.tokens.admin]) {
        for (const body of [
          { kind: 'revoked', note: 'x' },
          { kind: 'cancelled', note: 'x' },
          { kind: 'renewed', expiresOn: '2031-09-10' },
          { kind: 'reinstated' },
        ]) {
          expectProblem(
            await post(`/api/v1/licences/${SEED}/events`, body, token),
            403,
            'FORBIDDEN',
          );
        }
      }
    });
    it('404 on another organisation’s licence', async () => {
      expectProblem(
        await post(`/api/v1/licences/${SEED}/events`, { kind: 'expired' }, h.tokens.otherAdmin),
        404,
      );
    });
    it('an obligation event starts its deadline, in the licence’s and the organisation’s lists', async () => {
      const res = await post(
        `/api/v1/licences/${SEED}/events`,
        { kind: 'illegal-content-disposed', date: '2026-11-20', note: '删除违法信息' },
        h.tokens.member,
      );
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ kind: 'illegal-content-disposed', number: SEED_NUMBER });
      const report = await get(`/api/v1/licences/${SEED}/deadlines`, h.tokens.viewer);
      const ids = report.json<{ occurrences: { id: string }[] }>().occurrences.map((o) => o.id);
      expect(ids).toContain('illegal-content-report@2026-11-20');
      const all = await get('/api/v1/deadlines?from=2026-11-20', h.tokens.viewer);
      const items = all.json<{ items: { id: string; licence: string }[] }>().items;
      expect(items).toContainEqual(
        expect.objectContaining({ id: 'illegal-content-report@2026-11-20', licence: SEED_NUMBER }),
      );
      // 400 on a day that does not exist, 403 for a viewer, 404 for another organisation
      const body = { kind: 'incident', date: '2026-02-30' };
      expectProblem(await post(`/api/v1/licences/${SEED}/events`, body, h.tokens.member), 400);
      const ok = { kind: 'incident', date: '2026-11-21' };
      expectProblem(await post(`/api/v1/licences/${SEED}/events`, ok, h.tokens.viewer), 403);
      expectProblem(await post(`/api/v1/licences/${SEED}/events`, ok, h.tokens.otherAdmin), 404);
    });
    it('409 when the lifecycle refuses or the version moved on', async () => {
      // the seed expired in 2026: too late to apply for its renewal
      expectProblem(
        await post(`/api/v1/licences/${SEED}/events`, { kind: 'renewal-applied' }, h.tokens.member),
        409,
        'ILLEGAL_TRANSITION',
      );
      expectProblem(
        await post(
          `/api/v1/licences/${SEED}/events`,
          { kind: 'annual-report-filed', year: 2024, expectedVersion: 1 },
          h.tokens.member,
        ),
        409,
        'CONFLICT',
      );
    });
  });

  describe('POST /api/v1/documents', () => {
    const send = (query: string, body: string | Buffer, type: string, token?: string) =>
      h.app.inject({
        method: 'POST',
        url: `/api/v1/documents${query}`,
        payload: body,
        headers: { 'content-type': type, ...(token === undefined ? {} : bearer(token)) },
      });
    it('parses and checks a text document: ParseResult and CheckReport', async () => {
      const res = await send('', fixtureText('hu'), 'text/plain', h.tokens.viewer);
      expect(res.statusCode, res.body).toBe(200);
      const r = res.json<{
        parse: { schema: string };
        report: { findings: unknown[] };
        saved: null;
      }>();
      expect(r.parse.schema).toBe('xuke.licence/v1');
      expect(Array.isArray(r.report.findings)).toBe(true);
      expect(r.saved).toBeNull();
    });
    it('?save=true stores a new licence (201), then finds it unchanged (200)', async () => {
      const first = await send('?save=true', fixtureText('hu'), 'text/plain', h.tokens.member);
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json<{ saved: { outcome: string } }>().saved.outcome).toBe('created');
      const again = await send('?save=true', fixtureText('hu'), 'text/plain', h.tokens.member);
      expect(again.statusCode).toBe(200);
      expect(again.json<{ saved: { outcome: string } }>().saved.outcome).toBe('unchanged');
    });
    it('accepts multipart/form-data', async () => {
      const boundary = 'xukeboundary';
      const body = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.txt"\r\nContent-Type: text/plain\r\n\r\n${fixtureText('b1b2')}\r\n--${boundary}--\r\n`,
      );
      const res = await send(
        '',
        body,
        `multipart/form-data; boundary=${boundary}`,
        h.tokens.viewer,
      );
      expect(res.statusCode, res.body).toBe(200);
    });
    it('400 on a bad query, an empty body; 415 on JSON; 422 on no licence', async () => {
      expectProblem(await send('?save=maybe', 'x', 'text/plain', h.tokens.member), 400);
      expectProblem(await send('', '', 'text/plain', h.tokens.member), 400);
      expectProblem(await send('', '{"a":1}', 'application/json', h.tokens.member), 415);
      expectProblem(await send('', 'hello world', 'text/plain', h.tokens.member), 422);
    });
    it('401 without a token; 403 saving as a viewer', async () => {
      expectProblem(await send('', 'x', 'text/plain'), 401);
      expectProblem(
        await send('?save=true', fixtureText('hu'), 'text/plain', h.tokens.viewer),
        403,
      );
    });
    it('a save by another organisation never touches this one’s licence', async () => {
      // the seed runs 240 days: a suspect document, saved only with a reason
      const res = await send(
        `?save=true&acknowledge=${encodeURIComponent('原件已核对')}`,
        fixtureText('seed'),
        'text/plain',
        h.tokens.otherAdmin,
      );
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json<{ saved: { outcome: string } }>().saved.outcome).toBe('created');
      const mine = await get(`/api/v1/licences/${SEED}/history`, h.tokens.viewer);
      expect(mine.json<{ versions: unknown[] }>().versions.length).toBe(2);
    });
  });

  describe('GET /api/v1/deadlines and the calendar feed', () => {
    it('lists the organisation’s occurrences, filtered', async () => {
      const res = await get('/api/v1/deadlines?status=overdue,due-soon,upcoming', h.tokens.viewer);
      expect(res.statusCode, res.body).toBe(200);
      const items = res.json<{ items: { licence: string; status: string }[] }>().items;
      expect(items.every((o) => ['overdue', 'due-soon', 'upcoming'].includes(o.status))).toBe(true);
      expect(items.some((o) => o.licence === OTHER_NUMBER)).toBe(false);
    });
    it('400 on a bad date; 401 without a token', async () => {
      expectProblem(await get('/api/v1/deadlines?from=2026-13-01', h.tokens.viewer), 400);
      expectProblem(await get('/api/v1/deadlines'), 401);
    });
    it('a member makes a secret feed URL; the feed is iCalendar; a wrong key is 401', async () => {
      expectProblem(await post('/api/v1/calendar/keys', undefined, h.tokens.viewer), 403);
      expectProblem(await post('/api/v1/calendar/keys', undefined), 401);
      const key = await post('/api/v1/calendar/keys', undefined, h.tokens.member);
      expect(key.statusCode, key.body).toBe(201);
      const { url } = key.json<{ url: string }>();
      const path = url.replace(/^https?:\/\/[^/]+/u, '');
      const feed = await get(path);
      expect(feed.statusCode, feed.body).toBe(200);
      expect(String(feed.headers['content-type'])).toMatch(/^text\/calendar/u);
      expect(feed.body).toContain('BEGIN:VCALENDAR');
      expectProblem(await get('/api/v1/calendar.ics?key=xk_wrong-key-here'), 401);
      expectProblem(await get('/api/v1/calendar.ics?key=x'), 400);
      // an API token is not a feed key, nor the other way round
      expectProblem(await get(`/api/v1/calendar.ics?key=${h.tokens.admin}`), 401);
      const feedKey = new URL(url).searchParams.get('key') ?? '';
      expectProblem(await get('/api/v1/licences', feedKey), 401);
    });
  });

  describe('/api/v1/webhooks', () => {
    it('a member subscribes, lists (no secret), deletes', async () => {
      const made = await post(
        '/api/v1/webhooks',
        { url: 'https://hooks.example.com/xuke', description: 'ops' },
        h.tokens.member,
      );
      expect(made.statusCode, made.body).toBe(201);
      const w = made.json<{ id: string; secret: string }>();
      expect(w.secret).toMatch(/^xk_/u);
      const list = await get('/api/v1/webhooks', h.tokens.admin);
      expect(list.body).not.toContain(w.secret);
      expect(list.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toContain(w.id);
      expectProblem(
        await h.app.inject({
          method: 'DELETE',
          url: `/api/v1/webhooks/${w.id}`,
          headers: bearer(h.tokens.otherAdmin),
        }),
        404,
      );
      const del = await h.app.inject({
        method: 'DELETE',
        url: `/api/v1/webhooks/${w.id}`,
        headers: bearer(h.tokens.member),
      });
      expect(del.statusCode).toBe(204);
      expectProblem(
        await h.app.inject({
          method: 'DELETE',
          url: `/api/v1/webhooks/${w.id}`,
          headers: bearer(h.tokens.member),
        }),
        404,
      );
    });
    it('400 on a bad URL; 422 on a refused one; 401 without a token; 403 for a viewer', async () => {
      expectProblem(
        await post('/api/v1/webhooks', { url: 'ftp://x.example' }, h.tokens.member),
        400,
      );
      const port = expectProblem(
        await post('/api/v1/webhooks', { url: 'https://hooks.example:8443/x' }, h.tokens.member),
        422,
        'TARGET_REFUSED',
      );
      // The refusal says whom to ask, in words: neither the service's setting nor the CLI's option.
      expect(String(port['detailZh'])).toContain('请联系管理员在服务设置中允许 hooks.example:8443');
      expect(JSON.stringify(port)).not.toMatch(/XUKE_WEBHOOK_ALLOW_HOSTS|--allow-host/u);
      expectProblem(await post('/api/v1/webhooks', { url: 'https://x.example' }), 401);
      expectProblem(await get('/api/v1/webhooks', h.tokens.viewer), 403);
      expectProblem(
        await post('/api/v1/webhooks', { url: 'https://x.example' }, h.tokens.viewer),
        403,
      );
    });
  });

  describe('/api/v1/audit and /api/v1/export', () => {
    it('the audit log, paged, only this organisation’s; and its verification', async () => {
      const res = await get('/api/v1/audit?limit=1', h.tokens.admin);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<{ items: { seq: number; subject: string }[]; next: number }>();
      expect(page.items).toHaveLength(1);
      const rest = await get(`/api/v1/audit?after=${page.next}`, h.tokens.admin);
      const all = [...page.items, ...rest.json<{ items: { subject: string }[] }>().items];
      expect(all.some((e) => e.subject === OTHER_NUMBER)).toBe(false);
      const verified = await get('/api/v1/audit/verify', h.tokens.admin);
      expect(verified.json()).toMatchObject({ ok: true });
    });
    it('400, 401, 403', async () => {
      expectProblem(await get('/api/v1/audit?limit=0', h.tokens.admin), 400);
      expectProblem(await get('/api/v1/audit'), 401);
      expectProblem(await get('/api/v1/audit', h.tokens.member), 403);
      expectProblem(await get('/api/v1/audit/verify', h.tokens.viewer), 403);
    });
    it('exports the organisation’s licences as JSONL', async () => {
      const res = await get('/api/v1/export', h.tokens.member);
      expect(res.statusCode).toBe(200);
      const lines = res.body
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { number: string });
      expect(lines.map((l) => l.number)).toContain(SEED_NUMBER);
      expect(lines.map((l) => l.number)).not.toContain(OTHER_NUMBER);
      expectProblem(await get('/api/v1/export'), 401);
      expectProblem(await get('/api/v1/export', h.tokens.viewer), 403);
    });
  });

  describe('/api/v1/scans', () => {
    it('202 and a job id; the job finishes with a report', async () => {
      const res = await post(
        '/api/v1/scans',
        { url: 'http://example.test/', licence: SEED_NUMBER },
        h.tokens.member,
      );
      expect(res.statusCode, res.body).toBe(202);
      const { id } = res.json<{ id: string }>();
      let job: { status: string; report: { schema: string } | null } = {
        status: 'running',
        report: null,
      };
      for (let i = 0; i < 100 && job.status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 20));
        job = (await get(`/api/v1/scans/${id}`, h.tokens.viewer)).json();
      }
      expect(job.status).toBe('done');
      expect(job.report?.schema).toBe('xuke.scan/v1');
      expectProblem(await get(`/api/v1/scans/${id}`, h.tokens.otherAdmin), 404);
    });
    it('a refused target ends as a failed job with its code', async () => {
      const res = await post('/api/v1/scans', { url: 'http://10.0.0.1/' }, h.tokens.member);
      const { id } = res.json<{ id: string }>();
      let job: { status: string; error: { code: string } | null } = {
        status: 'running',
        error: null,
      };
      for (let i = 0; i < 100 && job.status === 'running'; i++) {
        await new Promise((r) => setTimeout(r, 20));
        job = (await get(`/api/v1/scans/${id}`, h.tokens.viewer)).json();
      }
      expect(job.status).toBe('failed');
      expect(job.error?.code).toBe('TARGET_REFUSED');
    });
    it('400, 401, 403', async () => {
      expectProblem(
        await post('/api/v1/scans', { url: 'javascript:alert(1)' }, h.tokens.member),
        400,
      );
      expectProblem(await post('/api/v1/scans', { url: 'http://example.test/' }), 401);
      expectProblem(
        await post('/api/v1/scans', { url: 'http://example.test/' }, h.tokens.viewer),
        403,
      );
      expectProblem(await get('/api/v1/scans/nope', h.tokens.viewer), 404);
    });
  });

  describe('GET /api/v1/public/licences/{number}', () => {
    // An instance of its own, where an authority (京) issued the seed into its register.
    const pub = harnessFor(dialect);
    beforeAll(async () => {
      const authority = await addAuthority(pub);
      const seed = await pub.app.inject({
        url: `/api/v1/licences/${SEED}`,
        headers: bearer(pub.tokens.viewer),
      });
      const issued = await pub.app.inject({
        method: 'POST',
        url: '/api/v1/register/licences',
        payload: {
          licence: seed.json<{ licence: unknown }>().licence,
          reason: '准予许可',
          decisionNumber: '京通信管〔2018〕91号',
        },
        headers: bearer(authority.token),
      });
      expect(issued.statusCode, issued.body).toBe(201);
    });

    it('verifies from the register without a token and shows no private field', async () => {
      const res = await pub.app.inject({ url: `/api/v1/public/licences/${SEED}` });
      expect(res.statusCode, res.body).toBe(200);
      const v = res.json<Record<string, unknown>>();
      expect(Object.keys(v).sort()).toEqual(
        [
          'number',
          'status',
          'holder',
          'services',
          'websites',
          'issuer',
          'issuedOn',
          'validFrom',
          'expiresOn',
          'provenance',
          'authority',
          'registerVersion',
          'registerUpdatedAt',
          'verificationUrl',
          'notice',
          'noticeEn',
          'annualReports',
          'creditListings',
        ].sort(),
      );
      expect(v).toMatchObject({
        annualReports: [],
        creditListings: [],
        provenance: 'issued',
        authority: { id: 'beijing', name: '北京市通信管理局' },
        registerVersion: 1,
        verificationUrl: `/verify/${SEED}`,
        notice: null,
      });
      expect(res.body).not.toContain('李国杰'); // the legal representative
      expect(res.body).not.toMatch(/"version"|actor|organisation|provisions|signatures/u);
    });
    it('400 for a non-number; 404 for a number no register holds', async () => {
      expectProblem(await pub.app.inject({ url: '/api/v1/public/licences/hello' }), 400);
      expectProblem(
        await pub.app.inject({ url: `/api/v1/public/licences/${OTHER}` }),
        404,
        'NOT_IN_REGISTER',
      );
    });
    it('a number held only as a declaration is not answered for (404 NOT_IN_REGISTER)', async () => {
      // the main instance has no authority: acme's seed is its own declared copy
      expectProblem(await get(`/api/v1/public/licences/${SEED}`), 404, 'NOT_IN_REGISTER');
    });
  });

  describe('operations', () => {
    it('healthz, readyz, openapi.json and docs need no token', async () => {
      expect((await get('/healthz')).json()).toEqual({ status: 'ok' });
      expect((await get('/readyz')).json()).toEqual({ status: 'ready', database: 'ok' });
      expect((await get('/openapi.json')).statusCode).toBe(200);
      expect((await get('/docs/')).statusCode).toBe(200);
    });
    it('metrics: admin only', async () => {
      const res = await get('/metrics', h.tokens.admin);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('xuke_http_request_duration_seconds');
      expectProblem(await get('/metrics'), 401);
      expectProblem(await get('/metrics', h.tokens.viewer), 403);
    });
    it('security headers on every response, no CORS unless configured', async () => {
      const res = await h.app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { origin: 'https://evil.example' },
      });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toBeDefined();
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });
    it('an unknown route is a 404 problem', async () => {
      expectProblem(await get('/api/v1/nope', h.tokens.admin), 404);
    });
    it('a revoked token is refused', async () => {
      const made = await createApiToken(
        { organisation: 'acme', role: 'viewer', name: 'short-lived' },
        h.deps.access,
      );
      expect((await get('/api/v1/licences', made.token)).statusCode).toBe(200);
      await h.deps.access.access.revokeToken(made.id, new Date().toISOString());
      expectProblem(await get('/api/v1/licences', made.token), 401);
    });
    it('an older version’s one-time sign-in code works once, as an admin of its organisation', async () => {
      const code = await createApiToken(
        { organisation: 'acme', role: 'admin', name: 'sign-in', kind: 'sign-in' },
        h.deps.access,
      );
      const signIn = () =>
        h.app.inject({ method: 'POST', url: '/api/v1/sign-in', payload: { code: code.token } });
      // nobody to sign in as yet: refused, and the code stays unused
      expectProblem(await signIn(), 401);
      const admin = await personSession(h, { role: 'admin', name: '管理员' });
      const first = await signIn();
      expect(first.statusCode, first.body).toBe(204);
      expect(first.headers['cache-control']).toBe('no-store');
      const cookie = String([first.headers['set-cookie']].flat()[0]).split(';')[0] ?? '';
      expect(
        (await h.app.inject({ url: '/api/v1/licences', headers: { cookie } })).statusCode,
      ).toBe(200);
      const me = await h.app.inject({ url: '/api/v1/me', headers: { cookie } });
      expect(me.json()).toMatchObject({
        role: 'admin',
        organisation: 'acme',
        via: 'session',
        person: { id: admin.user.id },
      });
      expectProblem(await get('/api/v1/me'), 401);
      expectProblem(await signIn(), 401);
      expectProblem(
        await h.app.inject({ method: 'POST', url: '/api/v1/sign-in', payload: { code: 'short' } }),
        400,
      );
      // a sign-in code is not an API token
      expectProblem(await get('/api/v1/licences', code.token), 401);
    });
  });
});

describeEachDialect('the HTTP API’s limits and logs', (dialect) => {
  it('every DomainError code has an HTTP status; 5xx hide the message', async () => {
    for (const code of Object.values(DomainErrorCode)) expect(HTTP_STATUS[code]).toBeGreaterThan(0);
    const h = await startHarness(dialect);
    try {
      const failing = await buildApp({
        ...h.deps,
        registry: {
          ...h.deps.registry,
          store: {
            ...h.deps.registry.store,
            findLicence: () => Promise.reject(new Error('SELECT secret FROM internals')),
          },
        },
      });
      const res = await failing.inject({
        method: 'GET',
        url: `/api/v1/licences/${SEED}`,
        headers: bearer(h.tokens.viewer),
      });
      expectProblem(res, 500, 'INTERNAL');
      expect(res.body).not.toContain('secret');
      await failing.close();
    } finally {
      await h.close();
    }
  });

  it('per-token rate limits: 429 problem+json; another token is not affected', async () => {
    const h = await startHarness(dialect, { rateLimitPerMinute: 3, publicRateLimitPerMinute: 2 });
    try {
      for (let i = 0; i < 3; i++) {
        expect(
          (await h.app.inject({ url: '/api/v1/licences', headers: bearer(h.tokens.viewer) }))
            .statusCode,
        ).toBe(200);
      }
      const limited = await h.app.inject({
        url: '/api/v1/licences',
        headers: bearer(h.tokens.viewer),
      });
      expectProblem(limited, 429, 'RATE_LIMITED');
      // the wait in each language's words, not the plugin's English (`请 59 seconds 后重试`)
      const detail = limited.json<{ detail: string; detailZh: string }>();
      expect(detail.detailZh).toMatch(/^请求过多，请 \d{1,2} 秒后重试$/u);
      expect(detail.detail).toMatch(/^Too many requests; retry in \d{1,2} seconds?$/u);
      expect(
        (await h.app.inject({ url: '/api/v1/licences', headers: bearer(h.tokens.member) }))
          .statusCode,
      ).toBe(200);
      await h.app.inject({ url: `/api/v1/public/licences/${SEED}` });
      await h.app.inject({ url: `/api/v1/public/licences/${SEED}` });
      expectProblem(await h.app.inject({ url: `/api/v1/public/licences/${SEED}` }), 429);
    } finally {
      await h.close();
    }
  });

  it('logs never hold a token, a sign-in code or a document’s content', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const { loggerOptions } = await import('../src/adapters/http/app.js');
    const h = await startHarness(dialect, { logger: { ...loggerOptions('trace'), stream } });
    try {
      await h.app.inject({ url: '/api/v1/licences', headers: bearer(h.tokens.admin) });
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/sign-in',
        payload: { code: h.tokens.viewer },
      });
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/documents?save=true',
        payload: fixtureText('b1b2'),
        headers: { 'content-type': 'text/plain', ...bearer(h.tokens.member) },
      });
      const log = lines.join('');
      expect(log).toContain('/api/v1/documents');
      for (const t of Object.values(h.tokens)) expect(log).not.toContain(t);
      expect(log).not.toContain('星桥云数据');
    } finally {
      await h.close();
    }
  });

  it('a 40 MB upload is refused with 413 before it is read', async () => {
    const h = await startHarness(dialect);
    try {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/documents',
        payload: Buffer.alloc(40 * 1024 * 1024, 0x41),
        headers: { 'content-type': 'application/pdf', ...bearer(h.tokens.member) },
      });
      expectProblem(res, 413, 'INPUT_TOO_LARGE');
    } finally {
      await h.close();
    }
  });

  it('headers over the limit: 431 as problem+json, from the connection itself', async () => {
    const h = await startHarness(dialect);
    try {
      // inject() has no HTTP parser: a real socket meets node's 16 KiB header limit
      const url = await h.app.listen({ port: 0, host: '127.0.0.1' });
      const res = await fetch(`${url}/healthz`, { headers: { 'x-padding': 'a'.repeat(20_000) } });
      expect(res.status).toBe(431);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/u);
      expect(await res.json()).toMatchObject({
        status: 431,
        code: 'INPUT_TOO_LARGE',
        title: 'Request Header Fields Too Large',
      });
      // and the server answers the next request as usual
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    } finally {
      await h.close();
    }
  });

  it('CORS only for configured origins', async () => {
    const h = await startHarness(dialect, { corsOrigins: ['https://ui.example'] });
    try {
      const ok = await h.app.inject({
        url: '/healthz',
        headers: { origin: 'https://ui.example' },
      });
      expect(ok.headers['access-control-allow-origin']).toBe('https://ui.example');
      const other = await h.app.inject({
        url: '/healthz',
        headers: { origin: 'https://evil.example' },
      });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await h.close();
    }
  });
});

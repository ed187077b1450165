/**
 * The deadline write routes and the calendar, through `app.inject()` on every dialect: marking an
 * occurrence done and undoing it (audit-logged, reflected in every deadline read), a webhook's test
 * delivery, and the working-day calendar of the web UI's month view. Each route: success,
 * validation failure, missing token, wrong role and another organisation.
 */
import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { KyselyReminderDirectory } from '../src/adapters/db/reminder.repository.js';
import { buildApp, loggerOptions } from '../src/adapters/http/app.js';
import { guardedPost } from '../src/adapters/notify/guarded-post.js';
import { reminderChannels } from '../src/adapters/notify/reminder-channels.js';
import { createSafeFetcher } from '../src/adapters/web/safe-fetcher.js';
import type { FetchRequest, WebFetcher } from '../src/ports/web-fetcher.js';
import { bearer, expectProblem, harnessFor, OTHER, SEED, SEED_NUMBER } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

// the harness's today is 2026-11-28; the seed expired on 2023-05-03, its renewal is overdue
const RENEWAL = 'renewal@2023-05-03';
const DONE = `/api/v1/licences/${SEED}/deadlines/${RENEWAL}/done`;
const SHA = 'ABCDEF0123456789'.repeat(4);

interface Occurrence {
  id: string;
  licence?: string;
  status: string;
  done: {
    on: string;
    evidence: { note: string | null; document: string | null };
    actor?: string;
    recordedAt?: string;
  } | null;
}

describeEachDialect('deadline writes and the calendar over HTTP', (dialect) => {
  const h = harnessFor(dialect);

  const inject = (method: 'GET' | 'POST' | 'DELETE', url: string, token?: string, body?: unknown) =>
    h.app.inject({
      method,
      url,
      headers: token === undefined ? {} : bearer(token),
      ...(body === undefined ? {} : { payload: body as string }),
    });
  const occurrenceOf = async (token: string) =>
    (await inject('GET', `/api/v1/licences/${SEED}/deadlines`, token))
      .json<{ occurrences: Occurrence[] }>()
      .occurrences.find((o) => o.id === RENEWAL);

  describe('POST and DELETE /api/v1/licences/{number}/deadlines/{occurrenceId}/done', () => {
    it('a member marks an occurrence done: 201 with the occurrence, seen by every deadline read', async () => {
      const res = await inject('POST', DONE, h.tokens.member, {
        on: '2023-01-10',
        note: '已提交延续申请，受理回执 118',
        documentSha256: SHA,
      });
      expect(res.statusCode, res.body).toBe(201);
      const occurrence = res.json<Occurrence>();
      expect(occurrence).toMatchObject({
        licence: SEED_NUMBER,
        id: RENEWAL,
        status: 'done',
        done: {
          occurrenceId: RENEWAL,
          on: '2023-01-10',
          evidence: { note: '已提交延续申请，受理回执 118', document: SHA.toLowerCase() },
          recordedAt: '2026-11-28T02:00:00.000Z',
        },
      });
      expect(occurrence.done?.actor).toMatch(/acme-member/u);

      expect(await occurrenceOf(h.tokens.viewer)).toMatchObject({
        status: 'done',
        done: occurrence.done,
      });
      const list = await inject('GET', '/api/v1/deadlines?status=done', h.tokens.viewer);
      expect(list.json<{ items: Occurrence[] }>().items).toEqual([occurrence]);

      const key = await inject('POST', '/api/v1/calendar/keys', h.tokens.member);
      const feedUrl = new URL(key.json<{ url: string }>().url);
      const feed = await inject('GET', `${feedUrl.pathname}${feedUrl.search}`);
      expect(feed.body).toContain('【已完成】');
      expect(feed.body).toContain('已于 2023-01-10 完成');

      const audit = await inject('GET', '/api/v1/audit?limit=1000', h.tokens.admin);
      const entries = audit.json<{
        items: { action: string; subject: string; payload: unknown }[];
      }>().items;
      expect(entries.at(-1)).toMatchObject({
        action: 'obligation.done',
        subject: SEED_NUMBER,
        payload: { occurrenceId: RENEWAL, on: '2023-01-10', documentSha256: SHA.toLowerCase() },
      });
      expect((await inject('GET', '/api/v1/audit/verify', h.tokens.admin)).json()).toMatchObject({
        ok: true,
      });
    });

    it('409 when it is already done; 204 on undo, then 404 on a second undo', async () => {
      expectProblem(await inject('POST', DONE, h.tokens.admin, { note: 'twice' }), 409, 'CONFLICT');
      const undo = await inject('DELETE', DONE, h.tokens.admin);
      expect(undo.statusCode, undo.body).toBe(204);
      expect(undo.body).toBe('');
      expect(await occurrenceOf(h.tokens.viewer)).toMatchObject({ status: 'overdue', done: null });
      expectProblem(await inject('DELETE', DONE, h.tokens.admin), 404, 'NOT_FOUND');
      const audit = await inject('GET', '/api/v1/audit?limit=1000', h.tokens.admin);
      expect(audit.json<{ items: { action: string }[] }>().items.at(-1)?.action).toBe(
        'obligation.undone',
      );
      // the day defaults to today (Asia/Shanghai)
      const again = await inject('POST', DONE, h.tokens.member, { note: '补录' });
      expect(again.statusCode, again.body).toBe(201);
      expect(again.json<Occurrence>().done?.on).toBe('2026-11-28');
      expect((await inject('DELETE', DONE, h.tokens.member)).statusCode).toBe(204);
    });

    it('400 on a bad body or occurrence id', async () => {
      for (const body of [
        {},
        { note: '' },
        { note: 'x'.repeat(2001) },
        { note: 'ok', documentSha256: 'abc' },
        { note: 'ok', on: '2023-02-30' },
        { note: 'ok', on: '2026-11-29' },
        { note: 'ok', extra: true },
        { note: '   ' },
      ]) {
        expectProblem(await inject('POST', DONE, h.tokens.member, body), 400, 'INVALID_INPUT');
      }
      expectProblem(
        await inject('POST', `/api/v1/licences/${SEED}/deadlines/not-an-id/done`, h.tokens.member, {
          note: 'ok',
        }),
        400,
      );
      expectProblem(
        await inject('POST', `/api/v1/licences/hello/deadlines/${RENEWAL}/done`, h.tokens.member, {
          note: 'ok',
        }),
        400,
      );
    });

    it('401 without a token; 403 for a viewer', async () => {
      expectProblem(await inject('POST', DONE, undefined, { note: 'ok' }), 401);
      expectProblem(await inject('DELETE', DONE), 401);
      expectProblem(await inject('POST', DONE, h.tokens.viewer, { note: 'ok' }), 403, 'FORBIDDEN');
      expectProblem(await inject('DELETE', DONE, h.tokens.viewer), 403, 'FORBIDDEN');
    });

    it('404 for an occurrence the licence does not have, and for another organisation', async () => {
      expectProblem(
        await inject(
          'POST',
          `/api/v1/licences/${SEED}/deadlines/renewal@1999-01-01/done`,
          h.tokens.member,
          { note: 'ok' },
        ),
        404,
        'NOT_FOUND',
      );
      expectProblem(await inject('POST', DONE, h.tokens.otherAdmin, { note: 'ok' }), 404);
      expectProblem(await inject('DELETE', DONE, h.tokens.otherAdmin), 404);
      expectProblem(
        await inject(
          'POST',
          `/api/v1/licences/${OTHER}/deadlines/${RENEWAL}/done`,
          h.tokens.admin,
          { note: 'ok' },
        ),
        404,
      );
      // and nothing was written for either organisation
      expect((await occurrenceOf(h.tokens.viewer))?.done).toBeNull();
    });
  });

  describe('POST /api/v1/webhooks/{id}/test', () => {
    const subscribe = async (url: string) => {
      const res = await inject('POST', '/api/v1/webhooks', h.tokens.member, { url });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: string; secret: string }>();
    };

    it('sends a signed sample reminder now: 200 ok, with the receiver’s status', async () => {
      const w = await subscribe('http://example.test/hooks/xuke');
      const res = await inject('POST', `/api/v1/webhooks/${w.id}/test`, h.tokens.member);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ ok: true, status: 200, error: null, errorZh: null });
    });

    it('a failing receiver is 200 with ok false, its status and the error, secrets masked', async () => {
      const requests: FetchRequest[] = [];
      const failing: WebFetcher = {
        check: () => Promise.resolve(),
        fetch: (request) => {
          requests.push(request);
          return Promise.resolve({
            url: request.url,
            finalUrl: request.url,
            redirects: [],
            status: 500,
            headers: {},
            contentType: '',
            body: new Uint8Array(),
          });
        },
      };
      const app = await buildApp({
        ...h.deps,
        reminders: reminderChannels({
          directory: new KyselyReminderDirectory(h.db.open.db),
          post: guardedPost(failing),
        }),
      });
      try {
        const w = await subscribe('https://hooks.example.com/xuke?token=s3cr3t-value');
        const res = await app.inject({
          method: 'POST',
          url: `/api/v1/webhooks/${w.id}/test`,
          headers: bearer(h.tokens.admin),
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toEqual({
          ok: false,
          status: 500,
          error:
            'The receiver answered HTTP 500 and did not take the reminder; check the receiver’s settings and logs',
          errorZh: '接收方答复 HTTP 500，没有接受提醒；请检查接收方的设置和日志',
        });
        expect(res.body).not.toContain('s3cr3t-value');
        // the request was signed with the subscription's secret, over the raw body
        const sent = requests[0];
        const body = new TextDecoder().decode(sent?.body);
        const timestamp = sent?.headers?.['x-xuke-timestamp'] ?? '';
        const mac = createHmac('sha256', w.secret).update(`${timestamp}.${body}`).digest('hex');
        expect(sent?.headers?.['x-xuke-signature']).toBe(`sha256=${mac}`);
        expect(sent?.method).toBe('POST');
        expect(JSON.parse(body)).toMatchObject({
          schema: 'xuke.reminder/v1',
          reminder: { key: `test/${w.id}#10`, licenceNumber: null },
        });
      } finally {
        await app.close();
      }
    });

    it('an unreachable receiver is ok false without a status, said in words; the system’s code is logged', async () => {
      const lines: string[] = [];
      const stream = new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString());
          done();
        },
      });
      // the service's own fetcher, with a resolver that finds no such host
      const fetcher = createSafeFetcher({
        maxRedirects: 0,
        allowSetting: 'XUKE_WEBHOOK_ALLOW_HOSTS',
        resolve: (host) =>
          Promise.reject(
            Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }),
          ),
      });
      const app = await buildApp(
        {
          ...h.deps,
          reminders: reminderChannels({
            directory: new KyselyReminderDirectory(h.db.open.db),
            post: guardedPost(fetcher),
          }),
        },
        { logger: { ...loggerOptions('debug'), stream } },
      );
      try {
        const w = await subscribe('https://unreachable.example/hook');
        const res = await app.inject({
          method: 'POST',
          url: `/api/v1/webhooks/${w.id}/test`,
          headers: bearer(h.tokens.member),
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json()).toEqual({
          ok: false,
          status: null,
          error: 'The host unreachable.example could not be found; check the address',
          errorZh: '找不到主机 unreachable.example，请检查地址是否写对',
        });
        expect(res.body).not.toMatch(/ENOTFOUND|getaddrinfo|XUKE_/u);
        const warned = lines
          .map((l) => JSON.parse(l) as { level: number; msg: string; detail?: string })
          .find((l) => l.msg === 'webhook test failed');
        expect(warned?.level).toBe(40);
        expect(warned?.detail).toContain('ENOTFOUND');
      } finally {
        await app.close();
        await fetcher.close();
      }
    });

    it('refuses an odd port in words, saying whom to ask; the setting and rule only in the log', async () => {
      const lines: string[] = [];
      const stream = new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString());
          done();
        },
      });
      const app = await buildApp(h.deps, { logger: { ...loggerOptions('info'), stream } });
      try {
        const p = expectProblem(
          await app.inject({
            method: 'POST',
            url: '/api/v1/webhooks',
            headers: bearer(h.tokens.member),
            payload: { url: 'https://hooks.example.com:8443/hook' },
          }),
          422,
          'TARGET_REFUSED',
        );
        expect(p['detailZh']).toBe(
          '不能向 https://hooks.example.com:8443/hook 发送提醒：端口 8443 不在允许范围内：只连接 80 和 443 端口。该地址不在允许的主机列表中；如确需使用，请联系管理员在服务设置中允许 hooks.example.com:8443',
        );
        expect(p['detail']).toBe(
          'Refused to deliver to https://hooks.example.com:8443/hook: port 8443 is not allowed: only ports 80 and 443 are used. The address is not on the list of allowed hosts; if it must be used, ask your administrator to allow hooks.example.com:8443 in the service’s settings',
        );
        expect(JSON.stringify(p)).not.toMatch(/XUKE_|--allow-host|规则|\(rule/u);
        const warned = lines
          .map((l) => JSON.parse(l) as { level: number; msg: string; detail?: string })
          .find((l) => l.msg === 'request refused');
        expect(warned?.level).toBe(40);
        expect(warned?.detail).toBe(
          'address policy rule port; XUKE_WEBHOOK_ALLOW_HOSTS hooks.example.com:8443 would allow it',
        );
      } finally {
        await app.close();
      }
    });

    it('refuses private, loopback, metadata and odd-port targets when subscribing (422)', async () => {
      for (const url of [
        'http://127.0.0.1/hook',
        'http://localhost/hook',
        'http://169.254.169.254/latest/meta-data',
        'http://10.0.0.5/hook',
        'http://[::1]/hook',
        'https://user:pw@hooks.example.com/hook',
        'https://hooks.example.com:8443/hook',
      ]) {
        expectProblem(
          await inject('POST', '/api/v1/webhooks', h.tokens.member, { url }),
          422,
          'TARGET_REFUSED',
        );
      }
    });

    it('400 on a malformed body, 401 without a token, 403 for a viewer, 404 for an unknown or another organisation’s id', async () => {
      const w = await subscribe('http://example.test/hooks/other');
      expectProblem(await inject('POST', `/api/v1/webhooks/${w.id}/test`), 401);
      expectProblem(
        await inject('POST', `/api/v1/webhooks/${w.id}/test`, h.tokens.viewer),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await inject('POST', `/api/v1/webhooks/${w.id}/test`, h.tokens.otherAdmin),
        404,
        'NOT_FOUND',
      );
      expectProblem(await inject('POST', '/api/v1/webhooks/nope/test', h.tokens.member), 404);
      // a body is not expected: malformed JSON is a 400 before anything is sent
      const malformed = await h.app.inject({
        method: 'POST',
        url: `/api/v1/webhooks/${w.id}/test`,
        headers: { ...bearer(h.tokens.member), 'content-type': 'application/json' },
        payload: '{',
      });
      expectProblem(malformed, 400);
    });
  });

  describe('GET /api/v1/calendar/days', () => {
    const days = (from: string, to: string, token = h.tokens.viewer) =>
      inject('GET', `/api/v1/calendar/days?from=${from}&to=${to}`, token);

    it('says what each day is: holidays named, adjusted working days, weekends', async () => {
      const res = await days('2022-09-30', '2022-10-10');
      expect(res.statusCode, res.body).toBe(200);
      const list = res.json<{ days: Record<string, unknown>[] }>().days;
      expect(list).toHaveLength(11);
      expect(list[0]).toEqual({
        date: '2022-09-30',
        workday: true,
        kind: 'workday',
        holiday: null,
        holidayEn: null,
        known: true,
      });
      expect(list[1]).toEqual({
        date: '2022-10-01',
        workday: false,
        kind: 'holiday',
        holiday: '国庆节',
        holidayEn: 'National Day',
        known: true,
      });
      expect(list[8]).toMatchObject({
        date: '2022-10-08',
        workday: true,
        kind: 'adjusted-workday',
        holiday: '国庆节',
      });
      expect(list[10]).toMatchObject({ date: '2022-10-10', kind: 'workday' });
      const weekend = await days('2022-09-24', '2022-09-24', h.tokens.admin);
      expect(weekend.json()).toEqual({
        days: [
          {
            date: '2022-09-24',
            workday: false,
            kind: 'weekend',
            holiday: null,
            holidayEn: null,
            known: true,
          },
        ],
      });
    });

    it('marks days no notice covers yet as not known', async () => {
      const list = (await days('2026-12-24', '2027-01-01')).json<{
        days: { date: string; known: boolean; kind: string }[];
      }>().days;
      expect(list.map((d) => [d.date, d.known])).toEqual([
        ['2026-12-24', true],
        ['2026-12-25', false],
        ['2026-12-26', false],
        ['2026-12-27', false],
        ['2026-12-28', false],
        ['2026-12-29', false],
        ['2026-12-30', false],
        ['2026-12-31', false],
        ['2027-01-01', false],
      ]);
      // 1 January is a fixed-date statutory holiday: estimated as one
      expect(list.at(-1)?.kind).toBe('holiday');
    });

    it('400 beyond 62 days, backwards, on a bad or missing date; 401 without a token', async () => {
      expect((await days('2026-01-01', '2026-03-03')).statusCode).toBe(200);
      expectProblem(await days('2026-01-01', '2026-03-04'), 400, 'INVALID_INPUT');
      expectProblem(await days('2026-03-01', '2026-02-28'), 400, 'INVALID_INPUT');
      expectProblem(await days('2026-02-30', '2026-03-01'), 400);
      expectProblem(
        await inject('GET', '/api/v1/calendar/days?from=2026-01-01', h.tokens.viewer),
        400,
      );
      expectProblem(await days('1980-01-01', '1980-01-02'), 400);
      expectProblem(
        await inject('GET', '/api/v1/calendar/days?from=2026-01-01&to=2026-01-02'),
        401,
      );
    });
  });
});

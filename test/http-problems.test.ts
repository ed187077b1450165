/**
 * What a client and a person read when the API refuses a request: a request that fails its schema
 * names each field in words and says what is expected (zh-CN and English), with a JSON pointer per
 * failure for programs; fastify's own refusals speak both languages; and a request that arrives
 * while the server shuts down is a 503 problem document like every other error.
 */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fieldWords, type RequestPart } from '../src/adapters/http/validation-problem.js';
import { bearer, expectProblem, harnessFor, SEED, startHarness } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

interface FieldError {
  path: string;
  in: string;
  code: string;
  message: string;
  messageZh: string;
}

/** Nothing of zod's English, no field path, no request part's name in what a person reads. */
function expectWords(p: Record<string, unknown>): void {
  for (const text of [String(p['detail']), String(p['detailZh'])]) {
    expect(text).not.toMatch(/Invalid input|Required|expected \w+, received|body\/|querystring/u);
  }
  expect(String(p['detailZh'])).toMatch(/^请求有误：.*。请改正后重试。$/u);
  expect(String(p['detail'])).toMatch(/^The request is invalid: .*\. Correct it and try again\.$/u);
}

describeEachDialect('problems a person can read', (dialect) => {
  const h = harnessFor(dialect);
  const send = (method: 'GET' | 'POST', url: string, body?: unknown, token = h.tokens.member) =>
    h.app.inject({
      method,
      url,
      headers: bearer(token),
      ...(body === undefined ? {} : { payload: body as string }),
    });
  const DONE = `/api/v1/licences/${SEED}/deadlines/renewal@2023-05-03/done`;

  describe('a request that fails its schema', () => {
    it('names a missing field in words, with its JSON pointer for programs', async () => {
      const p = expectProblem(await send('POST', DONE, {}), 400, 'INVALID_INPUT');
      expectWords(p);
      expect(p['detailZh']).toBe('请求有误：请填写说明。请改正后重试。');
      expect(p['detail']).toBe(
        'The request is invalid: Note is missing. Correct it and try again.',
      );
      expect(p['errors']).toEqual([
        {
          path: '/note',
          in: 'body',
          code: 'invalid_type',
          message: 'Note is missing',
          messageZh: '请填写说明',
        },
      ]);
    });

    it('says what a value must be: a type, a length, a form, one of a few', async () => {
      const cases: [string, 'GET' | 'POST', string, unknown, string, string][] = [
        ['a wrong type', 'POST', DONE, { note: 5 }, '说明应为文字', 'Note must be text'],
        [
          'a length',
          'POST',
          DONE,
          { note: 'x'.repeat(2001) },
          '说明最多 2000 个字符',
          'Note must be at most 2000 characters long',
        ],
        ['an empty text', 'POST', DONE, { note: '' }, '说明不能为空', 'Note must not be empty'],
        [
          'a date',
          'POST',
          DONE,
          { note: 'ok', on: '2023-02-30' },
          '日期应为 YYYY-MM-DD 格式的日期，且须是真实存在的日子',
          'Date must be a real date written YYYY-MM-DD',
        ],
        [
          'a pattern the table explains',
          'POST',
          DONE,
          { note: 'ok', documentSha256: 'abc' },
          '凭证文件的 SHA-256 应为 64 位十六进制字符（0–9、a–f）',
          'Evidence document SHA-256 must be 64 hexadecimal characters (0–9, a–f)',
        ],
        [
          'a field it does not take',
          'POST',
          DONE,
          { note: 'ok', extra: true },
          '请求内容中有不接受的字段“extra”，请删去',
          'The request body has a field it does not take (“extra”); remove it',
        ],
        [
          'a URL',
          'POST',
          '/api/v1/webhooks',
          { url: 'ftp://x.example' },
          '网址应为以 http:// 或 https:// 开头的网址',
          'URL must be an http:// or https:// URL',
        ],
        [
          'a number in the query',
          'GET',
          '/api/v1/licences?limit=0',
          undefined,
          '条数上限不能小于 1',
          'Limit must be at least 1',
        ],
        [
          'a path parameter',
          'POST',
          `/api/v1/licences/${SEED}/deadlines/not-an-id/done`,
          { note: 'ok' },
          '期限事项应为形如 renewal@2023-05-03 的期限事项编号',
          'Occurrence must be an occurrence id such as renewal@2023-05-03',
        ],
        [
          'one of a few',
          'POST',
          '/api/v1/documents?save=maybe',
          undefined,
          '是否保存应为以下之一：“true”、“false”',
          'Save must be one of “true”, “false”',
        ],
      ];
      for (const [what, method, url, body, zh, en] of cases) {
        const p = expectProblem(await send(method, url, body), 400, 'INVALID_INPUT');
        expectWords(p);
        const errors = p['errors'] as FieldError[];
        expect(
          errors.map((e) => e.messageZh),
          what,
        ).toContain(zh);
        expect(
          errors.map((e) => e.message),
          what,
        ).toContain(en);
        expect(String(p['detailZh']), what).toContain(zh);
      }
    });

    it('names a licence record’s field as the record’s table does', async () => {
      const stored = await send('GET', `/api/v1/licences/${SEED}`);
      const licence = stored.json<{ licence: { services: Record<string, unknown>[] } }>().licence;
      const services = licence.services.map((s, i) => (i === 0 ? { ...s, qualifier: 7 } : s));
      const p = expectProblem(
        await send('POST', '/api/v1/checks', { licence: { ...licence, services } }),
        400,
      );
      expectWords(p);
      expect(p['errors']).toEqual([
        {
          path: '/licence/services/0/qualifier',
          in: 'body',
          code: 'invalid_type',
          message: 'Service 1: qualifier must be text',
          messageZh: '第 1 项业务的限定说明应为文字',
        },
      ]);
    });

    it('tells of the event a request meant, not of every kind it could have been', async () => {
      // an obligation event without its day: not a lifecycle event with a dozen failures
      const p = expectProblem(
        await send('POST', `/api/v1/licences/${SEED}/events`, { kind: 'incident' }),
        400,
      );
      expectWords(p);
      expect(p['detailZh']).toBe('请求有误：请填写日期。请改正后重试。');
      expect((p['errors'] as FieldError[]).map((e) => e.path)).toEqual(['/date']);
    });

    it('has words for every field a request of the API document names', async () => {
      const doc = (await h.app.inject({ url: '/openapi.json' })).json<OpenApi>();
      const unnamed: string[] = [];
      const seen: string[] = [];
      const check = (part: RequestPart, path: (string | number)[], where: string) => {
        seen.push(`${part} ${path.join('/')}`);
        const zh = fieldWords(part, path, 'zh');
        const en = fieldWords(part, path, 'en');
        if (!zh.known || !en.known) unnamed.push(`${where} ${part} ${path.join('/')}`);
      };
      for (const [route, operations] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(operations)) {
          const where = `${method.toUpperCase()} ${route}`;
          for (const p of op.parameters ?? []) {
            check(p.in === 'query' ? 'querystring' : 'params', [p.name], where);
          }
          for (const media of Object.values(op.requestBody?.content ?? {})) {
            walk(doc, media.schema, [], new Set(), (path) => {
              check('body', path, where);
            });
          }
        }
      }
      expect(unnamed.join('\n')).toBe('');
      // the walk reached into the records and lists the requests carry
      expect(seen).toEqual(
        expect.arrayContaining([
          'params occurrenceId',
          'querystring limit',
          'body note',
          'body licence/services/0/qualifier',
          'body licence/holder/creditCode',
          'body services/0/coverage',
          'body attachment/base64',
        ]),
      );
    });
  });

  describe('fastify’s own refusals', () => {
    it('say in both languages that a body is not JSON', async () => {
      const p = expectProblem(
        await h.app.inject({
          method: 'POST',
          url: DONE,
          headers: { ...bearer(h.tokens.member), 'content-type': 'application/json' },
          payload: '{"note":',
        }),
        400,
        'INVALID_INPUT',
      );
      expect(p['detailZh']).toBe('请求内容不是有效的 JSON，请检查括号、引号和逗号');
      expect(p['detail']).toBe(
        'The request body is not valid JSON; check its brackets, quotes and commas',
      );
    });
  });
});

describeEachDialect('a request that arrives while the server shuts down', (dialect) => {
  it('is answered 503 as a problem document, and the server still closes', async () => {
    const harness = await startHarness(dialect);
    const app = harness.app;
    try {
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const socket = connect(Number(new URL(address).port), '127.0.0.1');
      const received: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => received.push(chunk));
      const ended = new Promise<void>((resolve) => {
        socket.on('close', () => {
          resolve();
        });
      });
      await new Promise<void>((resolve) => {
        socket.on('connect', () => {
          resolve();
        });
      });
      // a request begun before the shutdown: its connection is not idle, so it is not cut
      socket.write('GET /healthz HTTP/1.1\r\n');
      await new Promise((r) => setTimeout(r, 50));
      const closed = app.close();
      await new Promise((r) => setTimeout(r, 50));
      socket.write('Host: 127.0.0.1\r\n\r\n');
      await ended;
      await closed;
      const text = Buffer.concat(received).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 503 /u);
      expect(head.toLowerCase()).toContain('content-type: application/problem+json');
      expect(head.toLowerCase()).toContain('retry-after: 5');
      expect(head.toLowerCase()).toContain('connection: close');
      expect(JSON.parse(body)).toEqual({
        type: 'urn:xuke:problem:service-unavailable',
        title: 'Service Unavailable',
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        detail: 'The service is shutting down; try again in a moment.',
        detailZh: '服务正在关闭，请稍后重试',
        instance: '/healthz',
      });
    } finally {
      await harness.close();
    }
  });
});

interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string }[];
        requestBody?: { content: Record<string, { schema?: unknown }> };
      }
    >
  >;
  components?: { schemas?: Record<string, unknown> };
}

/** Every property path of a request body's schema (an array's items as index 0), refs followed. */
function walk(
  doc: OpenApi,
  schema: unknown,
  path: (string | number)[],
  seen: Set<string>,
  visit: (path: (string | number)[]) => void,
): void {
  if (schema === null || typeof schema !== 'object') return;
  const s = schema as Record<string, unknown>;
  const ref = s['$ref'];
  if (typeof ref === 'string') {
    if (seen.has(ref)) return;
    const name = ref.slice('#/components/schemas/'.length);
    walk(doc, doc.components?.schemas?.[name], path, new Set([...seen, ref]), visit);
    return;
  }
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const options = s[key];
    if (Array.isArray(options)) for (const o of options) walk(doc, o, path, seen, visit);
  }
  const properties = s['properties'];
  if (properties !== null && typeof properties === 'object') {
    for (const [name, sub] of Object.entries(properties)) {
      visit([...path, name]);
      walk(doc, sub, [...path, name], seen, visit);
    }
  }
  if (s['items'] !== undefined) walk(doc, s['items'], [...path, 0], seen, visit);
}

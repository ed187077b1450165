/**
 * Hostile input to every write endpoint: malformed JSON, wrong content types, huge and empty
 * uploads, hostile strings. Each request gets a 4xx problem+json, the server keeps answering, and
 * the database is exactly as before (every table dumped and compared).
 */
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { Database } from '../src/adapters/db/tables/database.js';
import { fixtureText } from './fixtures.js';
import { bearer, harnessFor, type HttpHarness, SEED } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

const TABLES: readonly (keyof Database)[] = [
  'organisations',
  'documents',
  'licences',
  'licence_versions',
  'licence_domains',
  'licence_name_grams',
  'licence_events',
  'audit_log',
  'audit_heads',
  'api_tokens',
  'webhooks',
  'obligation_events',
  'obligation_completions',
  'reminder_log',
];

async function dump(h: HttpHarness): Promise<string> {
  const out: Record<string, string[]> = {};
  for (const table of TABLES) {
    const rows = await h.db.open.db.selectFrom(table).selectAll().execute();
    out[table] = rows
      // a token's last use is written by authenticating it, whatever the request then asks
      .map((r) => (table === 'api_tokens' ? { ...r, last_used_at: null } : r))
      .map((r) =>
        JSON.stringify(r, (_k, v: unknown) =>
          v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v,
        ),
      )
      .sort();
  }
  return JSON.stringify(out);
}

const HOSTILE = [
  "'; DROP TABLE licences; --",
  '../../../../etc/passwd',
  '\u0000\u0001\uFFFF',
  '<script>alert(1)</script>',
  '{{7*7}}${7*7}',
  '\uD800',
  'A'.repeat(100_000),
  '京B2-20180910\u202E',
  '__proto__',
  'constructor',
];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
);

/** A JSON value that is not a valid body for any write endpoint (never a usable URL or kind). */
const hostileJson = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.array(hostileString, { maxLength: 3 }),
  fc.dictionary(hostileString, fc.oneof(hostileString, fc.integer(), fc.constant(null)), {
    maxKeys: 4,
  }),
  hostileString.map((s) => ({ kind: s, url: s, note: s })),
  fc.constant({ __proto__: { kind: 'expired' } }),
  fc.constant(JSON.parse('{"__proto__": {"kind": "expired"}}') as unknown),
  fc.constant({ kind: 'annual-report-filed', year: 'x'.repeat(10_000) }),
  fc.constant({ url: 'https://ok.example', description: 'x'.repeat(10_000) }),
);

const CONTENT_TYPES = [
  'application/json',
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zzz',
  'multipart/form-data',
  'image/png',
  'application/pdf',
  'application/octet-stream',
  'text/html; charset=gb2312',
  'application/json; charset=utf-16',
  'nonsense',
];

describeEachDialect('the HTTP API under hostile input', (dialect) => {
  const h = harnessFor(dialect, { bodyLimit: 256 * 1024, rateLimitPerMinute: 1_000_000 });
  let before: string;
  beforeAll(async () => {
    // a small body limit so "huge" stays cheap; rate limits out of the way
    before = await dump(h);
  });

  const endpoints = [
    { method: 'POST', url: `/api/v1/licences/${SEED}/events` },
    { method: 'POST', url: '/api/v1/documents?save=true' },
    { method: 'POST', url: '/api/v1/webhooks' },
    { method: 'POST', url: '/api/v1/scans' },
    { method: 'DELETE', url: '/api/v1/webhooks/nope' },
    // an occurrence the seed does not have: a body that happens to be valid is a 404, never a write
    { method: 'POST', url: `/api/v1/licences/${SEED}/deadlines/renewal@1999-01-01/done` },
    { method: 'DELETE', url: `/api/v1/licences/${SEED}/deadlines/renewal@2023-05-03/done` },
    { method: 'POST', url: '/api/v1/webhooks/nope/test' },
    { method: 'POST', url: '/api/v1/tokens' },
    { method: 'DELETE', url: '/api/v1/tokens/nope' },
    { method: 'POST', url: '/api/v1/checks' },
  ] as const;

  async function expect4xx(
    method: 'POST' | 'DELETE',
    url: string,
    payload: string | Buffer,
    contentType: string,
  ): Promise<void> {
    const res = await h.app.inject({
      method,
      url,
      payload,
      headers: { 'content-type': contentType, ...bearer(h.tokens.admin) },
    });
    const where = `${method} ${url} ${contentType} ${String(payload).slice(0, 80)}`;
    expect(res.statusCode, `${where}: ${res.body.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, where).toBeLessThan(500);
    expect(String(res.headers['content-type']), where).toMatch(/^application\/problem\+json/u);
    const p = res.json<{ status: number; code: string }>();
    expect(p.status).toBe(res.statusCode);
    expect(typeof p.code).toBe('string');
  }

  it('malformed JSON and hostile JSON values', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...endpoints),
        fc.oneof(
          hostileJson.map((v) => JSON.stringify(v)),
          hostileString,
          fc.constantFrom(
            '{',
            '{"kind":',
            '[1,2',
            '{"a":1}}',
            'nul',
            '\uFEFF{}',
            '{"kind":"expired",}',
          ),
        ),
        async (e, body) => {
          await expect4xx(e.method, e.url, body, 'application/json');
        },
      ),
      { numRuns: 150 },
    );
  });

  it('wrong content types with hostile bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...endpoints),
        fc.constantFrom(...CONTENT_TYPES),
        fc.oneof(
          hostileString,
          fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
        ),
        async (e, type, body) => {
          await expect4xx(e.method, e.url, body, type);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('paths too long or malformed for the router', async () => {
    for (const url of [
      `/api/v1/licences/${'京'.repeat(200)}`,
      `/api/v1/licences/${SEED}/deadlines/${'x'.repeat(150)}/done`,
      '/api/v1/licences/%E4%ZZ',
    ]) {
      const res = await h.app.inject({ method: 'GET', url, headers: bearer(h.tokens.admin) });
      expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(String(res.headers['content-type']), url).toMatch(/^application\/problem\+json/u);
      expect(res.json<{ status: number }>().status).toBe(res.statusCode);
    }
  });

  it('huge and empty uploads', async () => {
    const huge = Buffer.alloc(300 * 1024, 0x7b);
    for (const e of endpoints) {
      for (const type of ['application/json', 'text/plain', 'application/pdf', 'image/png']) {
        await expect4xx(e.method, e.url, huge, type);
        await expect4xx(e.method, e.url, '', type);
      }
    }
    const boundary = 'b0undary';
    const multipart = (content: Buffer) =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
        ),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
    const type = `multipart/form-data; boundary=${boundary}`;
    await expect4xx('POST', '/api/v1/documents?save=true', multipart(Buffer.alloc(0)), type);
    await expect4xx('POST', '/api/v1/documents?save=true', multipart(huge), type);
    await expect4xx('POST', '/api/v1/documents?save=true', `--${boundary}\r\n`, type);
    await expect4xx(
      'POST',
      '/api/v1/documents?save=true',
      Buffer.from('%PDF-1.7\n garbage'),
      'application/pdf',
    );
  });

  it('a document with a hostile corrected record', async () => {
    const boundary = 'r3cord';
    const type = `multipart/form-data; boundary=${boundary}`;
    const withRecord = (record: string, recordType?: string) =>
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="seed.txt"\r\nContent-Type: text/plain\r\n\r\n${fixtureText('seed')}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="record"${recordType === undefined ? '' : `\r\nContent-Type: ${recordType}`}\r\n\r\n${record}\r\n--${boundary}--\r\n`,
      );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          hostileJson.map((v) => JSON.stringify(v)),
          hostileString,
          fc.constantFrom('{', '{"number":', '{"__proto__":{"number":"京B2-20180910"}}'),
        ),
        fc.constantFrom(undefined, 'application/json', 'text/plain'),
        async (record, recordType) => {
          await expect4xx(
            'POST',
            '/api/v1/documents?save=true',
            withRecord(record, recordType),
            type,
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the server still answers and the database is unchanged', async () => {
    expect((await h.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const res = await h.app.inject({
      url: `/api/v1/licences/${SEED}`,
      headers: bearer(h.tokens.viewer),
    });
    expect(res.statusCode).toBe(200);
    expect(await dump(h)).toBe(before);
  });
});

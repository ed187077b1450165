/**
 * The OpenAPI 3.1 document is generated from the zod route schemas: pinned by a snapshot
 * (test/__snapshots__/openapi.json; update with `npx vitest run -u`), and checked to list every
 * route with its schemas and error responses.
 */
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { beforeAll, describe, expect, it } from 'vitest';
import { servedRoutes } from '../src/adapters/http/app.js';
import type { ZodApp } from '../src/adapters/http/route-types.js';
import { harnessFor } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

interface Operation {
  security?: unknown[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/** Every route the app serves in OpenAPI's notation, except the docs' own pages and `/`. */
function served(app: ZodApp): string[] {
  return servedRoutes(app)
    .map((r) => r.replace(/:(\w+)/gu, '{$1}'))
    .filter((r) => !/ \/docs|\/openapi\.json$| \/$|^OPTIONS /u.test(r))
    .sort();
}

describeEachDialect('the OpenAPI document', (dialect) => {
  const h = harnessFor(dialect);
  let doc: { openapi: string; paths: Record<string, Record<string, Operation>> };
  beforeAll(async () => {
    doc = (await h.app.inject({ url: '/openapi.json' })).json();
  });

  it('is OpenAPI 3.1 and matches the snapshot', async () => {
    expect(doc.openapi).toBe('3.1.0');
    if (dialect.name === 'SQLite') {
      // formatted as `npx prettier --check .` wants it
      const file = fileURLToPath(new URL('./__snapshots__/openapi.json', import.meta.url));
      const options = await resolveConfig(file);
      const text = await format(JSON.stringify(doc), { ...options, filepath: file });
      await expect(text).toMatchFileSnapshot('./__snapshots__/openapi.json');
    }
  });

  it('lists every route the server serves', () => {
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const routes = served(h.app);
    expect(routes.length).toBeGreaterThan(20);
    expect(documented).toEqual(routes);
  });

  describe('every operation', () => {
    it('has a success response with a schema and problem+json error responses', () => {
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          const where = `${method.toUpperCase()} ${path}`;
          const codes = Object.keys(op.responses);
          expect(
            codes.some((c) => c.startsWith('2')),
            where,
          ).toBe(true);
          if (path === '/healthz') continue;
          const errors = codes.filter((c) => /^[45]/u.test(c));
          expect(errors.length, where).toBeGreaterThan(0);
          for (const c of errors) {
            expect(op.responses[c]?.content, `${where} ${c}`).toBeDefined();
          }
          // a route behind a token documents the bearer scheme and its 401
          if (op.security !== undefined) expect(codes, where).toContain('401');
        }
      }
    });
    it('write endpoints document their request bodies and 400', () => {
      for (const [path, ops] of Object.entries(doc.paths)) {
        const post = ops['post'];
        // actions without a body: a new feed key, a test delivery
        if (post === undefined || /\/calendar\/keys$|\/webhooks\/\{id\}\/test$/u.test(path)) {
          continue;
        }
        expect(post.requestBody, path).toBeDefined();
        expect(Object.keys(post.responses), path).toContain('400');
      }
    });
  });
});

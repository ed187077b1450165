/**
 * The OpenAPI 3.1 document is generated from the zod route schemas: pinned by a snapshot
 * (test/__snapshots__/openapi.json; update with `npx vitest run -u`), checked to list every route
 * with its operationId, credential, schemas and problem+json error responses, and validated by a
 * second validator (@seriousme/openapi-schema-validator; Redocly's lint is `npm run lint:api`).
 * Every response the tests receive is checked against it: test/contract-setup.ts.
 */
import { fileURLToPath } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { format, resolveConfig } from 'prettier';
import { beforeAll, describe, expect, it } from 'vitest';
import { servedRoutes } from '../src/adapters/http/app.js';
import type { ZodApp } from '../src/adapters/http/route-types.js';
import { harnessFor } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

interface Operation {
  operationId?: string;
  security?: Record<string, unknown>[];
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
  let doc: {
    openapi: string;
    info: { license?: unknown };
    servers?: unknown;
    paths: Record<string, Record<string, Operation>>;
    components?: {
      schemas?: Record<string, unknown>;
      securitySchemes?: Record<string, unknown>;
    };
  };
  const operations = (): [string, string, Operation][] =>
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([m, op]): [string, string, Operation] => [
        m.toUpperCase(),
        path,
        op,
      ]),
    );
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

  it('declares its server (relative) and licence, and no schema nothing refers to', () => {
    expect(doc.servers).toEqual([{ url: '/', description: 'this server' }]);
    expect(doc.info.license).toEqual({ name: 'MIT', identifier: 'MIT' });
    const text = JSON.stringify(doc.paths);
    const schemas = Object.keys(doc.components?.schemas ?? {});
    expect(schemas.filter((n) => n.endsWith('Input'))).toEqual([]);
    for (const name of schemas) {
      const ref = `"#/components/schemas/${name}"`;
      const elsewhere = JSON.stringify(doc.components?.schemas ?? {});
      expect(text.includes(ref) || elsewhere.includes(ref), name).toBe(true);
    }
  });

  it('is valid OpenAPI 3.1 to a second validator (the specification’s own JSON Schema)', async () => {
    const result = await new Validator().validate(structuredClone(doc));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
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
          // a success, or for single sign-on's steps a redirect (to the provider, or back home)
          expect(
            codes.some((c) => c.startsWith('2') || (/\/oidc\//u.test(path) && c === '302')),
            where,
          ).toBe(true);
          if (path === '/healthz') continue;
          const errors = codes.filter((c) => /^[45]/u.test(c));
          expect(errors.length, where).toBeGreaterThan(0);
          for (const c of errors) {
            expect(op.responses[c]?.content, `${where} ${c}`).toBeDefined();
          }
          // a route behind a credential documents its scheme and its 401
          if (op.security !== undefined && op.security.length > 0) {
            expect(codes, where).toContain('401');
          }
        }
      }
    });
    it('has a stable, unique camelCase verbNoun operationId', () => {
      const ids = operations().map(([, , op]) => op.operationId);
      for (const id of ids) expect(id).toMatch(/^[a-z]+(?:[A-Z][a-z]*)+$/u);
      expect(new Set(ids).size).toBe(ids.length);
    });
    it('declares its credential: a bearer token or a session, none (security: []) or the feed’s key', () => {
      const open =
        /^\/(healthz|readyz|\.well-known\/)|^\/api\/v1\/(sign-in|public\/|register\/(checkpoint|entries|proofs\/)|oidc(\/|$)|invitations\/(lookup|accept)$)/u;
      for (const [method, path, op] of operations()) {
        const where = `${method} ${path}`;
        if (path === '/api/v1/calendar.ics') {
          expect(op.security, where).toEqual([{ calendarKey: [] }]);
        } else if (open.test(path) || `${method} ${path}` === 'POST /api/v1/session') {
          expect(op.security, where).toEqual([]);
        } else {
          expect(op.security, where).toEqual([{ bearer: [] }, { session: [] }]);
        }
      }
      expect(doc.components?.securitySchemes?.['session']).toMatchObject({
        type: 'apiKey',
        in: 'cookie',
        name: 'xuke_session',
      });
      expect(doc.components?.securitySchemes?.['calendarKey']).toMatchObject({
        type: 'apiKey',
        in: 'query',
        name: 'key',
      });
    });
    it('documents its errors as application/problem+json, 500 included', () => {
      for (const [method, path, op] of operations()) {
        if (path === '/healthz') continue;
        const errors = Object.entries(op.responses).filter(([c]) => /^[45]/u.test(c));
        expect(Object.keys(op.responses), `${method} ${path}`).toContain('500');
        for (const [code, r] of errors) {
          expect(Object.keys(r.content ?? {}), `${method} ${path} ${code}`).toEqual([
            'application/problem+json',
          ]);
        }
      }
    });
    it('documents a client error (4xx), except the health and readiness probes', () => {
      // Redocly's operation-4xx-response, with the probes' exception (redocly.yaml)
      for (const [method, path, op] of operations()) {
        if (path === '/healthz' || path === '/readyz') continue;
        expect(
          Object.keys(op.responses).some((c) => c.startsWith('4')),
          `${method} ${path}`,
        ).toBe(true);
      }
    });
    it('documents 413 and 415 wherever a body is read (POST, PUT, DELETE)', () => {
      for (const [method, path, op] of operations()) {
        if (method === 'GET') continue;
        expect(Object.keys(op.responses), `${method} ${path}`).toEqual(
          expect.arrayContaining(['413', '415']),
        );
      }
    });
    it('write endpoints document their request bodies and 400', () => {
      for (const [path, ops] of Object.entries(doc.paths)) {
        const post = ops['post'];
        // actions without a body: a new feed key, a test delivery, a second factor's enrolment,
        // a bulk check run again on the documents it read
        if (
          post === undefined ||
          /\/calendar\/keys$|\/webhooks\/\{id\}\/test$|\/me\/totp$|\/bulk-checks\/\{id\}\/recheck$/u.test(
            path,
          )
        ) {
          continue;
        }
        expect(post.requestBody, path).toBeDefined();
        expect(Object.keys(post.responses), path).toContain('400');
      }
    });
  });
});

/** Health, readiness, metrics, the one-time sign-in link, and a landing page. */
import type { Registry } from 'prom-client';
import { z } from 'zod';
import { exchangeSignInCode } from '../../../app/exchange-sign-in-code.js';
import { DomainError } from '../../../core/errors.js';
import { authorise } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { errorResponses } from '../problem.js';
import { BEARER, type ZodApp } from '../route-types.js';
import { HealthSchema, ReadySchema } from '../schemas.js';

const escapeHtml = (s: string) => s.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:42rem;margin:2rem auto">${body}</body></html>`;
}

export function registerOpsRoutes(app: ZodApp, deps: HttpDeps, metrics: Registry): void {
  app.get(
    '/healthz',
    {
      config: { public: true, rateLimit: false },
      schema: {
        tags: ['operations'],
        summary: 'Liveness: the process answers',
        response: { 200: HealthSchema },
      },
    },
    () => Promise.resolve({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { public: true, rateLimit: false },
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the database answers',
        response: { 200: ReadySchema, ...errorResponses(503) },
      },
    },
    async () => {
      try {
        await deps.access.access.ping();
      } catch (e) {
        throw new DomainError('STORAGE_FAILURE', '数据库无响应', 'The database does not answer', {
          cause: e,
        });
      }
      return { status: 'ready' as const, database: 'ok' as const };
    },
  );

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics (admin token)',
        security: BEARER,
        produces: ['text/plain'],
        response: { 200: z.string(), ...errorResponses(401, 403, 429) },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'read-audit');
      if (who.role !== 'admin') {
        throw new DomainError('FORBIDDEN', '仅管理员可读取指标', 'Only an admin may read metrics');
      }
      return reply.type(metrics.contentType).send(await metrics.metrics());
    },
  );

  app.get(
    '/sign-in',
    {
      config: { public: true },
      schema: {
        tags: ['operations'],
        summary: 'Exchange the one-time sign-in code printed on first start for an admin token',
        querystring: z.object({ code: z.string().min(10).max(200) }),
        produces: ['text/html'],
        response: { 200: z.string(), ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const created = await exchangeSignInCode(request.query.code, deps.access);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(
          page(
            'xuke: signed in',
            `<h1>许可 xuke</h1><p>管理员令牌（仅显示一次）/ Your admin API token (shown once), organisation <b>${escapeHtml(created.organisation)}</b>:</p><pre style="user-select:all;background:#eee;padding:1em">${escapeHtml(created.token)}</pre><p>Use it as <code>Authorization: Bearer …</code>. API reference: <a href="/docs">/docs</a>.</p>`,
          ),
        );
    },
  );

  app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .send(
        page(
          'xuke',
          '<h1>许可 xuke</h1><p>增值电信业务经营许可证 API. <a href="/docs">API reference</a> · <a href="/openapi.json">openapi.json</a> · <a href="/healthz">healthz</a></p>',
        ),
      ),
  );
}

/** Health, readiness and metrics. */
import type { Registry } from 'prom-client';
import { z } from 'zod';
import { DomainError } from '../../../core/errors.js';
import { authorise } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { errorResponses } from '../problem.js';
import { BEARER, NO_TOKEN, type ZodApp } from '../route-types.js';
import { HealthSchema, ReadySchema } from '../schemas.js';

export function registerOpsRoutes(app: ZodApp, deps: HttpDeps, metrics: Registry): void {
  app.get(
    '/healthz',
    {
      config: { public: true, rateLimit: false },
      schema: {
        tags: ['operations'],
        operationId: 'getHealth',
        security: NO_TOKEN,
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
        operationId: 'getReadiness',
        security: NO_TOKEN,
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
        operationId: 'getMetrics',
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
}

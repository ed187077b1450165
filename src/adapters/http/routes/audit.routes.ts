/** The audit log, its verification, and the export. */
import { Readable } from 'node:stream';
import { exportLicences } from '../../../app/registry/export-licences.js';
import { verifyAudit } from '../../../app/registry/verify-audit.js';
import { z } from 'zod';
import { actorOf, authorise } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { errorResponses } from '../problem.js';
import { BEARER, type ZodApp } from '../route-types.js';
import { AuditPageSchema, AuditQuerySchema, AuditVerificationSchema } from '../schemas.js';

export function registerAuditRoutes(app: ZodApp, deps: HttpDeps): void {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        operationId: 'listAuditEntries',
        summary: 'The organisation’s audit log, oldest first, paged by sequence number',
        security: BEARER,
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const who = authorise(request, 'read-audit');
      const { after, limit } = request.query;
      const items = await deps.access.access.listAudit(who.organisation, after, limit);
      const last = items.at(-1);
      return { items, next: items.length === limit && last ? last.seq : null };
    },
  );

  app.get(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        operationId: 'verifyAuditLog',
        summary: 'Recompute the audit hash chain; ok false names the first entry that fails',
        security: BEARER,
        response: { 200: AuditVerificationSchema, ...errorResponses(401, 403, 429) },
      },
    },
    async (request) => {
      const who = authorise(request, 'read-audit');
      return verifyAudit(actorOf(who), deps.registry);
    },
  );

  app.get(
    '/export',
    {
      schema: {
        tags: ['licences'],
        operationId: 'exportLicences',
        summary: 'Every licence as JSONL (xuke.export/v1), streamed; `xuke import` reads it back',
        security: BEARER,
        produces: ['application/x-ndjson'],
        response: { 200: z.string(), ...errorResponses(401, 403, 429) },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'export');
      const lines = exportLicences(actorOf(who), deps.registry);
      async function* ndjson() {
        for await (const line of lines) yield `${JSON.stringify(line)}\n`;
      }
      return reply
        .type('application/x-ndjson; charset=utf-8')
        .header('content-disposition', 'attachment; filename="xuke-export.jsonl"')
        .send(Readable.from(ndjson()) as unknown as string);
    },
  );
}

/** The audit log, its verification, and the export. */
import { Readable } from 'node:stream';
import { exportLicences } from '../../../app/registry/export-licences.js';
import { verifyAudit } from '../../../app/registry/verify-audit.js';
import { z } from 'zod';
import { actorOf, authorise } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { errorResponses } from '../problem.js';
import { BEARER, type ZodApp } from '../route-types.js';
import { csvRecord } from '../../csv.js';
import { parseActor } from '../../../core/actor.js';
import { canonicalLicenceNumber } from '../../../app/registry/registry-deps.js';
import type { AuditEntry } from '../../../ports/access-store.js';
import type { AuditFilter } from '../../../ports/audit-log.js';
import { AuditPageSchema, AuditQuerySchema, AuditVerificationSchema } from '../schemas.js';

export function registerAuditRoutes(app: ZodApp, deps: HttpDeps): void {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        operationId: 'listAuditEntries',
        summary:
          'The organisation’s audit log, oldest first, paged by sequence number; filtered by person, licence, action and dates',
        security: BEARER,
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const who = authorise(request, 'read-audit');
      const { limit } = request.query;
      const items = await deps.audit.list(who.organisation, auditFilter(request.query));
      const last = items.at(-1);
      return {
        items: items.map(auditItem),
        next: items.length === limit && last ? last.seq : null,
      };
    },
  );

  app.get(
    '/audit/export',
    {
      schema: {
        tags: ['audit'],
        operationId: 'exportAuditEntries',
        summary:
          'The audit log with the same filters as CSV (UTF-8 with a byte-order mark), at most 100,000 entries',
        security: BEARER,
        querystring: AuditQuerySchema.omit({ limit: true }),
        produces: ['text/csv'],
        response: { 200: z.string(), ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'read-audit');
      const base = auditFilter({ ...request.query, limit: EXPORT_PAGE });
      async function* rows() {
        yield `\uFEFF${csvRecord(AUDIT_CSV_HEADER)}`;
        let after = base.after;
        for (let n = 0; n < EXPORT_MAX; n += EXPORT_PAGE) {
          const page = await deps.audit.list(who.organisation, { ...base, after });
          for (const e of page) yield csvRecord(auditCsvRow(auditItem(e)));
          const last = page.at(-1);
          if (page.length < EXPORT_PAGE || last === undefined) return;
          after = last.seq;
        }
      }
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="xuke-audit.csv"')
        .header('cache-control', 'no-store')
        .send(Readable.from(rows()) as unknown as string);
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

const EXPORT_PAGE = 1000;
const EXPORT_MAX = 100_000;

/** A calendar day in China (UTC+8) → the ISO instant it starts at. */
function dayStart(day: string, plusDays = 0): string {
  const t = Date.parse(`${day}T00:00:00+08:00`) + plusDays * 86_400_000;
  return new Date(t).toISOString();
}

/** The query's filters; a licence number is matched in its canonical form, as stored. */
export function auditFilter(q: {
  after: number;
  limit: number;
  person?: string | undefined;
  licence?: string | undefined;
  action?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}): AuditFilter {
  return {
    after: q.after,
    limit: q.limit,
    ...(q.person === undefined ? {} : { person: q.person }),
    ...(q.licence === undefined ? {} : { subject: canonicalLicenceNumber(q.licence) }),
    ...(q.action === undefined ? {} : { action: q.action }),
    ...(q.from === undefined ? {} : { from: dayStart(q.from) }),
    // `to` is inclusive: the whole of that day
    ...(q.to === undefined ? {} : { to: dayStart(q.to, 1) }),
  };
}

/** An entry with its actor in parts: who (a person, or a token and its creator) and from where. */
export function auditItem(e: AuditEntry) {
  const p = parseActor(e.actor);
  const by =
    'person' in p
      ? {
          kind: 'person' as const,
          name: p.person.name,
          email: p.person.email,
          personId: p.person.id,
          tokenName: null,
          createdBy: null,
        }
      : 'token' in p
        ? {
            kind: 'token' as const,
            name: p.createdBy?.name ?? p.token.name,
            email: null,
            personId: p.createdBy?.id ?? null,
            tokenName: p.token.name,
            createdBy: p.createdBy,
          }
        : {
            kind: 'other' as const,
            name: e.actor,
            email: null,
            personId: null,
            tokenName: null,
            createdBy: null,
          };
  const address = 'address' in p ? p.address : null;
  return { ...e, by, address };
}

const AUDIT_CSV_HEADER = [
  '序号 seq',
  '时间 at',
  '操作人 person',
  '邮箱 email',
  '令牌 token',
  '地址 address',
  '操作 action',
  '对象 subject',
  '内容 payload',
  '哈希 hash',
];

function auditCsvRow(i: ReturnType<typeof auditItem>): string[] {
  return [
    String(i.seq),
    i.at,
    i.by.name,
    i.by.email ?? '',
    i.by.tokenName ?? '',
    i.address ?? '',
    i.action,
    i.subject,
    JSON.stringify(i.payload),
    i.hash,
  ];
}

/**
 * The organisation at a glance (the dashboard): its current check findings and its recent events;
 * and the checks of a record edited by hand (the upload-review screen, at every correction).
 */
import { z } from 'zod';
import { assessReport } from '../../../app/trust/assess-report.js';
import { checkRecord } from '../../../app/documents/check-record.js';
import { FINDINGS_LICENCE_CAP, listFindings } from '../../../app/registry/list-findings.js';
import { listRecentEvents } from '../../../app/registry/list-recent-events.js';
import { Severity } from '../../../core/checks/index.js';
import { EvidenceSchema, LicenceSchema } from '../../../core/licence.js';
import { actorOf, authorise } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { errorResponses } from '../problem.js';
import { BEARER, type ZodApp } from '../route-types.js';
import { CheckReportSchema, FindingSchema } from '../schemas.js';

const TAGS = ['insights'];
const SEVERITIES = Object.values(Severity);

/** A licence record is about 5 KB; a hundredfold is room for any real one, not for abuse. */
const CHECK_BODY_LIMIT = 512 * 1024;

export const CheckBodySchema = z.strictObject({
  licence: LicenceSchema.describe('the licence record, as ParseResult.licence'),
  today: z.iso.date().optional().describe('check as of this day (default today, Asia/Shanghai)'),
  evidence: z
    .record(z.string().max(200), EvidenceSchema)
    .optional()
    .describe('ParseResult.evidence: findings then cite their document lines'),
  pageLabels: z
    .array(z.string().max(100))
    .max(1000)
    .optional()
    .describe('ParseResult.source.pageLabels: runs the page-sequence check'),
});

export const FindingsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  severity: z
    .string()
    .regex(/^(error|warning|info)(,(error|warning|info))*$/u)
    .optional()
    .describe('comma-separated: error, warning, info (default all)'),
});

export const LicenceFindingSchema = z
  .object({
    number: z.string(),
    holder: z.string().nullable(),
    ...FindingSchema.shape,
    evidence: FindingSchema.shape.evidence.describe('empty: a stored record has no document lines'),
  })
  .meta({ id: 'LicenceFinding' });

export const FindingsSchema = z.object({
  items: z.array(LicenceFindingSchema).describe('errors first, then warnings, then info'),
  total: z.number().int().describe('findings of the severities asked for, before limit'),
  checked: z.number().int().describe('licences checked'),
  truncated: z
    .boolean()
    .describe(`true when the organisation has more than ${FINDINGS_LICENCE_CAP} licences to check`),
});

export const RecentEventsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  number: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('only this licence’s events (any written form of its number); 404 when not held'),
});

export const RecentEventSchema = z
  .object({
    number: z.string(),
    kind: z.string().describe('a lifecycle event kind or an obligation event kind'),
    category: z.enum(['lifecycle', 'obligation']),
    on: z.string().describe('the day it happened'),
    note: z.string().nullable(),
    actor: z.string(),
    recordedAt: z.string(),
  })
  .meta({ id: 'RecentEvent' });

export function registerInsightRoutes(app: ZodApp, deps: HttpDeps): void {
  app.post(
    '/checks',
    {
      bodyLimit: CHECK_BODY_LIMIT,
      schema: {
        tags: TAGS,
        operationId: 'checkRecord',
        summary:
          'Check a licence record (edited by hand) without its document: the CheckReport, as POST /documents returns it',
        security: BEARER,
        body: CheckBodySchema,
        response: { 200: CheckReportSchema, ...errorResponses(400, 401, 403, 413, 415, 429) },
      },
    },
    async (request) => {
      const who = authorise(request, 'check-documents');
      const b = request.body;
      const today = b.today ?? deps.registry.clock.today();
      const report = checkRecord(
        {
          licence: b.licence,
          today,
          ...(b.evidence === undefined ? {} : { evidence: b.evidence }),
          ...(b.pageLabels === undefined ? {} : { pageLabels: b.pageLabels }),
        },
        deps.registry,
      );
      return assessReport(report, today, who.organisation, deps.registry, b.evidence);
    },
  );

  app.get(
    '/findings',
    {
      schema: {
        tags: TAGS,
        operationId: 'listFindings',
        summary: `The organisation’s check findings as of today across its licences (not cancelled or revoked; the first ${FINDINGS_LICENCE_CAP} by number), errors first`,
        security: BEARER,
        querystring: FindingsQuerySchema,
        response: { 200: FindingsSchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const who = authorise(request, 'read-licences');
      const { limit, severity } = request.query;
      const severities =
        severity === undefined
          ? undefined
          : SEVERITIES.filter((s) => severity.split(',').includes(s));
      const found = await listFindings(
        { limit, ...(severities === undefined ? {} : { severities }) },
        actorOf(who),
        deps.registry,
      );
      return {
        items: found.items.map((f) => ({
          number: f.number,
          holder: f.holder,
          ruleId: f.ruleId,
          severity: f.severity,
          message: f.message,
          messageEn: f.messageEn,
          fields: f.fields,
          evidence: f.evidence.map((e) => ({ line: e.line, text: e.text })),
          basis: f.basis,
          basisEn: f.basisEn,
        })),
        total: found.total,
        checked: found.checked,
        truncated: found.truncated,
      };
    },
  );

  app.get(
    '/events',
    {
      schema: {
        tags: TAGS,
        operationId: 'listRecentEvents',
        summary:
          'The organisation’s most recent lifecycle and obligation events across its licences, or of one licence (number), newest first',
        security: BEARER,
        querystring: RecentEventsQuerySchema,
        response: {
          200: z.object({ items: z.array(RecentEventSchema) }),
          ...errorResponses(400, 401, 403, 404, 429),
        },
      },
    },
    async (request) => {
      const who = authorise(request, 'read-licences');
      const { limit, number } = request.query;
      const events = await listRecentEvents(
        { limit, ...(number === undefined ? {} : { number }) },
        actorOf(who),
        { ...deps.registry, events: deps.obligations },
      );
      return {
        items: events.map((e) => ({
          number: e.number,
          kind: e.kind,
          category: e.category,
          on: e.on,
          note: e.note,
          actor: e.actor,
          recordedAt: e.recordedAt,
        })),
      };
    },
  );
}

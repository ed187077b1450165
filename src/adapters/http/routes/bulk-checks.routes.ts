/**
 * Bulk verification (docs/bulk-check.md): POST a customer list (CSV, XLSX) or a ZIP of documents →
 * 202 and a job; poll it for its progress and, when done, its report; download the report as
 * JSON, CSV or XLSX; re-check a finished batch to see what changed since. Jobs are the caller's
 * organisation's: another organisation's id is 404. Each is a queue job of kind `bulk-check`
 * (start-bulk-check-job.ts), so its JobView is under /api/v1/jobs too, where it can be cancelled
 * (shown here as `failed` with code GONE).
 *
 * Registered by app.ts with `registerBulkCheckRoutes(api, deps)` beside the scan routes. The raw
 * body types (text/csv, XLSX, application/zip) are parsed in this plugin's own scope, so no other
 * route accepts them.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  deleteBulkCheckSchedule,
  getBulkCheckSchedule,
  MAX_EVERY_DAYS,
  MIN_EVERY_DAYS,
  setBulkCheckSchedule,
} from '../../../app/bulk-check/bulk-check-schedules.js';
import {
  bulkJobInput,
  bulkJobResult,
  recheckBulkJob,
  startBulkCheckJob,
} from '../../../app/bulk-check/start-bulk-check-job.js';
import { DomainError, isDomainError } from '../../../core/errors.js';
import { ROW_STATUSES, type BulkReport } from '../../../core/bulk-check/types.js';
import { VALIDITIES, VERDICTS } from '../../../core/trust/types.js';
import type { BulkCheckSchedule } from '../../../ports/bulk-check-schedule-store.js';
import type { JobRecord } from '../../../ports/job-queue.js';
import { CSV_TYPE, readBulkInput, XLSX_TYPE, ZIP_TYPE } from '../../bulk-check/read-bulk-input.js';
import { reportCsv } from '../../bulk-check/report-table.js';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from '../../bulk-check/zip-entries.js';
import { authorise } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { errorResponses } from '../problem.js';
import { BEARER, type ZodApp } from '../route-types.js';
import { IdParams } from '../schemas.js';

export const BULK_CHECK_CONTENT_TYPES = [CSV_TYPE, XLSX_TYPE, ZIP_TYPE] as const;

const ProblemSchema = z.object({
  code: z.string(),
  row: z.number().int().optional(),
  column: z.string().optional(),
  entry: z.string().optional(),
  message: z.string(),
  messageEn: z.string(),
});

const RowSchema = z.object({
  source: z.union([
    z.object({ kind: z.literal('list'), row: z.number().int() }),
    z.object({ kind: z.literal('document'), entry: z.string() }),
  ]),
  customer: z.string(),
  licence: z.string().nullable(),
  found: z.boolean(),
  verdict: z.enum(VERDICTS).nullable().describe('null only for status error'),
  verdictReason: z.string().nullable(),
  verdictReasonEn: z.string().nullable(),
  validity: z.enum(VALIDITIES).nullable(),
  status: z.enum(ROW_STATUSES),
  holder: z.string().nullable(),
  expiresOn: z.string().nullable(),
  register: z
    .object({
      provenance: z.string(),
      authority: z.string().nullable(),
      found: z.boolean(),
      status: z.string().nullable(),
    })
    .nullable(),
  findings: z.array(
    z.object({
      ruleId: z.string(),
      severity: z.enum(['error', 'warning', 'info']),
      message: z.string(),
      messageEn: z.string(),
    }),
  ),
  domains: z.array(
    z.object({ domain: z.string(), covered: z.boolean(), coveredBy: z.string().nullable() }),
  ),
  problem: ProblemSchema.nullable(),
});

const Keyed = z.object({ key: z.string(), status: z.enum(ROW_STATUSES) });

const DiffSchema = z.object({
  since: z.object({ id: z.string().nullable(), createdAt: z.string().nullable() }),
  added: z.array(Keyed),
  removed: z.array(Keyed),
  changed: z.array(
    z.object({
      key: z.string(),
      customer: z.string(),
      licence: z.string().nullable(),
      changes: z.array(
        z.object({
          field: z.enum(['verdict', 'status', 'validity', 'found', 'domains']),
          before: z.string(),
          after: z.string(),
        }),
      ),
    }),
  ),
  unchanged: z.number().int(),
});

const SummarySchema = z.object({
  total: z.number().int(),
  pass: z.number().int(),
  review: z.number().int(),
  fail: z.number().int(),
  error: z.number().int(),
  notFound: z.number().int(),
  uncoveredDomains: z.number().int(),
});

export const BulkReportSchema = z
  .object({
    schema: z.literal('xuke.bulk-check/v1'),
    organisation: z.string().nullable(),
    today: z.string(),
    createdAt: z.string(),
    input: z.object({
      kind: z.enum(['list', 'documents']),
      name: z.string(),
      count: z.number().int(),
    }),
    summary: SummarySchema,
    rows: z.array(RowSchema),
    changes: DiffSchema.nullable(),
  })
  .describe('xuke.bulk-check/v1');

const BulkJobSchema = z.object({
  id: z.string(),
  url: z.string().describe('where to poll the job'),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  progress: z.object({ done: z.number().int(), total: z.number().int() }),
  previous: z.string().nullable().describe('the job this one re-checks'),
  summary: SummarySchema.nullable(),
  report: BulkReportSchema.nullable().describe('when done'),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

const ScheduleSchema = z
  .object({
    bulkCheck: z.string().describe('the bulk check the schedule was set on'),
    everyDays: z.number().int(),
    nextDue: z.string().describe('ISO instant of the next re-check'),
    follows: z.string().describe('the latest finished run: the next re-check compares with it'),
    lastRun: z.string().nullable().describe('the latest re-check the schedule started'),
    createdBy: z.string(),
    createdAt: z.string(),
  })
  .describe('a scheduled re-check');

const ScheduleBody = z.object({
  everyDays: z
    .number()
    .int()
    .min(MIN_EVERY_DAYS)
    .max(MAX_EVERY_DAYS)
    .describe('days between re-checks'),
});

function scheduleOut(s: BulkCheckSchedule): z.infer<typeof ScheduleSchema> {
  return {
    bulkCheck: s.bulkCheck,
    everyDays: s.everyDays,
    nextDue: s.nextDue,
    follows: s.follows,
    lastRun: s.lastRun,
    createdBy: s.createdBy,
    createdAt: s.createdAt,
  };
}

const PostQuery = z.object({
  name: z.string().min(1).max(200).optional().describe('the file name a raw body is reported by'),
});

const ReportQuery = z.object({
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  lang: z.enum(['zh', 'en']).default('zh').describe('the words of the CSV and XLSX reasons'),
});

export interface BulkCheckRouteOptions {
  readonly zipLimits?: ZipLimits;
  readonly maxPendingPerOrganisation?: number;
}

/** The ZIP limits of an upload (and of the handler that reads it again): one document's size. */
export function bulkZipLimits(maxDocumentBytes: number): ZipLimits {
  return { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: maxDocumentBytes };
}

type ReportOut = z.infer<typeof BulkReportSchema>;

/** The report as the schema types it (the same shape; the core's arrays are readonly). */
function reportOut(report: BulkReport): ReportOut {
  return report as unknown as ReportOut;
}

const STATUS = {
  queued: 'queued',
  running: 'running',
  done: 'done',
  failed: 'failed',
  cancelled: 'failed',
} as const;

/** The bulk check's own view of its queue job (its JobView is under /api/v1/jobs too). */
function view(j: JobRecord, withReport: boolean) {
  const report = bulkJobResult(j)?.report ?? null;
  const error =
    j.error ??
    (j.state === 'cancelled' ? { code: 'GONE', message: 'The bulk check was cancelled' } : null);
  return {
    id: j.id,
    url: `/api/v1/bulk-checks/${j.id}`,
    status: STATUS[j.state],
    createdAt: j.createdAt,
    finishedAt: j.finishedAt,
    progress: j.progress === null ? { done: 0, total: 0 } : { ...j.progress },
    previous: bulkJobInput(j).previous,
    summary: report?.summary ?? null,
    report: withReport && report !== null ? reportOut(report) : null,
    error: error === null ? null : { code: error.code, message: error.message },
  };
}

async function uploaded(
  request: FastifyRequest,
  fallbackName: string,
): Promise<{ bytes: Uint8Array; name: string; contentType?: string }> {
  if (request.isMultipart()) {
    let file: { bytes: Uint8Array; name: string; contentType: string } | undefined;
    try {
      for await (const part of request.parts()) {
        if (part.type === 'file') {
          file = {
            bytes: await part.toBuffer(),
            name: part.filename === '' ? fallbackName : part.filename.slice(0, 200),
            contentType: part.mimetype,
          };
        }
      }
    } catch (e) {
      if (isDomainError(e)) throw e;
      const status = (e as { statusCode?: unknown }).statusCode;
      if (status === 413 && (e as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new DomainError('INPUT_TOO_LARGE', '文件过大', 'The file is too large', { cause: e });
      }
      throw new DomainError(
        'INVALID_INPUT',
        'multipart 请求格式错误（只需一个字段 file）',
        'The multipart body is malformed (send one field, file)',
        { cause: e },
      );
    }
    if (file === undefined) {
      throw new DomainError(
        'INVALID_INPUT',
        'multipart 请求中没有文件',
        'The multipart request holds no file',
      );
    }
    return file;
  }
  if (request.body instanceof Uint8Array) {
    const contentType = request.headers['content-type'];
    return {
      bytes: request.body,
      name: fallbackName,
      ...(contentType === undefined ? {} : { contentType }),
    };
  }
  throw new DomainError(
    'UNSUPPORTED_FORMAT',
    '请以 CSV、XLSX、ZIP 或 multipart/form-data 提交文件',
    `Send the file as ${BULK_CHECK_CONTENT_TYPES.join(', ')} or multipart/form-data`,
  );
}

export function registerBulkCheckRoutes(
  app: ZodApp,
  deps: HttpDeps,
  options: BulkCheckRouteOptions = {},
): void {
  const pending =
    options.maxPendingPerOrganisation === undefined
      ? {}
      : { maxPendingPerOrganisation: options.maxPendingPerOrganisation };
  // the upload route's limit: one document's size, and a little for the envelope
  const bodyLimit = deps.documents.maxBytes + 1024 * 1024;
  const zipLimits: ZipLimits = options.zipLimits ?? bulkZipLimits(deps.documents.maxBytes);
  const find = async (organisation: string, id: string): Promise<JobRecord> => {
    const job = await deps.jobs.get(organisation, id);
    if (job?.kind !== 'bulk-check') {
      throw new DomainError('NOT_FOUND', `没有批量核验任务 ${id}`, `No bulk check job ${id}`);
    }
    return job;
  };

  void app.register((scope: ZodApp) => {
    scope.addContentTypeParser(
      [...BULK_CHECK_CONTENT_TYPES],
      { parseAs: 'buffer', bodyLimit },
      (_request, body, done) => {
        done(null, body);
      },
    );

    scope.post(
      '/bulk-checks',
      {
        bodyLimit,
        schema: {
          tags: ['bulk-checks'],
          operationId: 'startBulkCheck',
          summary:
            'Check many customers (CSV or XLSX: customer, licence, domains) or documents (ZIP) in one background job',
          security: BEARER,
          querystring: PostQuery,
          response: { 202: BulkJobSchema, ...errorResponses(400, 401, 403, 413, 415, 422, 429) },
        },
      },
      async (request, reply) => {
        const who = authorise(request, 'scan');
        const file = await uploaded(request, request.query.name ?? 'upload');
        const input = await readBulkInput(file.bytes, file.name, {
          ...(file.contentType === undefined ? {} : { contentType: file.contentType }),
          zipLimits,
        });
        const job = await startBulkCheckJob(input, who, deps.jobs, {
          ...pending,
          ...(input.kind === 'documents' ? { zip: file.bytes } : {}),
        });
        return reply
          .code(202)
          .header('location', `/api/v1/bulk-checks/${job.id}`)
          .send(view(job, false));
      },
    );

    scope.get(
      '/bulk-checks/:id',
      {
        schema: {
          tags: ['bulk-checks'],
          operationId: 'getBulkCheck',
          summary:
            'A bulk check job: queued, running (with progress), done (with its report) or failed',
          security: BEARER,
          params: IdParams,
          response: { 200: BulkJobSchema, ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (request) => {
        const who = authorise(request, 'read-licences');
        return view(await find(who.organisation, request.params.id), true);
      },
    );

    scope.get(
      '/bulk-checks/:id/report',
      {
        schema: {
          tags: ['bulk-checks'],
          operationId: 'getBulkCheckReport',
          summary: 'A finished bulk check’s report as JSON, CSV (formulas neutralised) or XLSX',
          security: BEARER,
          params: IdParams,
          querystring: ReportQuery,
          produces: ['application/json', 'text/csv', XLSX_TYPE],
          response: { 200: BulkReportSchema, ...errorResponses(400, 401, 403, 404, 409, 429) },
        },
      },
      async (request, reply) => {
        const who = authorise(request, 'read-licences');
        const job = await find(who.organisation, request.params.id);
        const report = bulkJobResult(job)?.report ?? null;
        if (report === null) {
          throw new DomainError(
            'CONFLICT',
            `批量核验任务 ${job.id} 尚未完成（${job.state}）`,
            `Bulk check job ${job.id} has not finished (${job.state})`,
          );
        }
        const { format, lang } = request.query;
        const file = `xuke-bulk-check-${job.id}`;
        if (format === 'csv') {
          return reply
            .type('text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${file}.csv"`)
            .send(reportCsv(report, lang) as unknown as ReportOut);
        }
        if (format === 'xlsx') {
          const { writeXlsxReport } = await import('../../bulk-check/xlsx.js');
          const bytes = await writeXlsxReport(report, lang);
          return reply
            .type(XLSX_TYPE)
            .header('content-disposition', `attachment; filename="${file}.xlsx"`)
            .send(Buffer.from(bytes) as unknown as ReportOut);
        }
        return reportOut(report);
      },
    );

    scope.post(
      '/bulk-checks/:id/recheck',
      {
        schema: {
          tags: ['bulk-checks'],
          operationId: 'recheckBulkCheck',
          summary:
            'Run a finished bulk check again as of today: a new job whose report says what changed since',
          security: BEARER,
          params: IdParams,
          response: { 202: BulkJobSchema, ...errorResponses(400, 401, 403, 404, 409, 429) },
        },
      },
      async (request, reply) => {
        const who = authorise(request, 'scan');
        const job = await recheckBulkJob(request.params.id, who, deps.jobs, pending);
        return reply
          .code(202)
          .header('location', `/api/v1/bulk-checks/${job.id}`)
          .send(view(job, false));
      },
    );
    return Promise.resolve();
  });
  registerScheduleRoutes(app, deps, options.maxPendingPerOrganisation);
}

/** A bulk check's scheduled re-check (docs/bulk-check.md "Scheduled re-check"). */
function registerScheduleRoutes(app: ZodApp, deps: HttpDeps, maxPending?: number): void {
  const store = () => {
    if (deps.bulkCheckSchedules === undefined) {
      throw new DomainError(
        'NOT_FOUND',
        '本实例没有定期复核',
        'Scheduled re-checks are not set up',
      );
    }
    return {
      schedules: deps.bulkCheckSchedules,
      jobs: deps.jobs,
      clock: deps.registry.clock,
      ...(maxPending === undefined ? {} : { maxPendingPerOrganisation: maxPending }),
    };
  };
  const path = '/bulk-checks/:id/schedule';
  void app.register((scope: ZodApp) => {
    scope.put(
      path,
      {
        schema: {
          tags: ['bulk-checks'],
          operationId: 'setBulkCheckSchedule',
          summary: 'Re-check a bulk check every N days (1–90); each re-check reports what changed',
          security: BEARER,
          params: IdParams,
          body: ScheduleBody,
          response: { 200: ScheduleSchema, ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (request) => {
        const who = authorise(request, 'scan');
        const s = await setBulkCheckSchedule(
          request.params.id,
          request.body.everyDays,
          who,
          store(),
        );
        return scheduleOut(s);
      },
    );
    scope.get(
      path,
      {
        schema: {
          tags: ['bulk-checks'],
          operationId: 'getBulkCheckSchedule',
          summary: 'A bulk check’s scheduled re-check; 404 when it has none',
          security: BEARER,
          params: IdParams,
          response: { 200: ScheduleSchema, ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (request) => {
        const who = authorise(request, 'read-licences');
        return scheduleOut(await getBulkCheckSchedule(request.params.id, who, store()));
      },
    );
    scope.delete(
      path,
      {
        schema: {
          tags: ['bulk-checks'],
          operationId: 'deleteBulkCheckSchedule',
          summary: 'Stop a bulk check’s scheduled re-check',
          security: BEARER,
          params: IdParams,
          response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (request, reply) => {
        const who = authorise(request, 'scan');
        await deleteBulkCheckSchedule(request.params.id, who, store());
        return reply.code(204).send(null);
      },
    );
    return Promise.resolve();
  });
}

/**
 * Website scans as queue jobs (kind `scan`, start-scan-job.ts): 202 and a job id, then poll. The
 * job's JobView is under /api/v1/jobs too; here a queued job shows as `running` and a cancelled one
 * as `failed` (code GONE), the shape this route always had.
 */
import { scanJobInput, startScanJob } from '../../../app/scans/start-scan-job.js';
import { canonicalLicenceNumber } from '../../../app/registry/registry-deps.js';
import { DomainError } from '../../../core/errors.js';
import { authorise } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { errorResponses } from '../problem.js';
import { BEARER, type ZodApp } from '../route-types.js';
import { IdParams, ScanBodySchema, ScanJobSchema } from '../schemas.js';
import type { JobRecord } from '../../../ports/job-queue.js';

const STATUS = {
  queued: 'running',
  running: 'running',
  done: 'done',
  failed: 'failed',
  cancelled: 'failed',
} as const;

function view(j: JobRecord) {
  const error =
    j.error ??
    (j.state === 'cancelled' ? { code: 'GONE', message: 'The scan was cancelled' } : null);
  return {
    id: j.id,
    url: scanJobInput(j).url,
    status: STATUS[j.state],
    createdAt: j.createdAt,
    finishedAt: j.finishedAt,
    // the scan report's own type (core/scan) is documented loosely in the schema
    report:
      j.state === 'done'
        ? (j.result as (Record<string, unknown> & { schema: string }) | null)
        : null,
    error: error === null ? null : { code: error.code, message: error.message },
  };
}

export function registerScanRoutes(app: ZodApp, deps: HttpDeps): void {
  app.post(
    '/scans',
    {
      schema: {
        tags: ['scans'],
        operationId: 'startScan',
        summary:
          'Scan a website against its licence in the background (static fetch, SSRF-guarded)',
        security: BEARER,
        body: ScanBodySchema,
        response: { 202: ScanJobSchema, ...errorResponses(400, 401, 403, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'scan');
      const { url, licence } = request.body;
      const choice =
        licence === undefined
          ? ({ from: 'domain' } as const)
          : ({ from: 'registry', number: canonicalLicenceNumber(licence) } as const);
      const job = await startScanJob(url, choice, who, deps.jobs);
      return reply.code(202).header('location', `/api/v1/scans/${job.id}`).send(view(job));
    },
  );

  app.get(
    '/scans/:id',
    {
      schema: {
        tags: ['scans'],
        operationId: 'getScan',
        summary: 'A scan job: running, done (with its xuke.scan/v1 report) or failed',
        security: BEARER,
        params: IdParams,
        response: { 200: ScanJobSchema, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const who = authorise(request, 'read-licences');
      const job = await deps.jobs.get(who.organisation, request.params.id);
      if (job?.kind !== 'scan') {
        const id = request.params.id;
        throw new DomainError('NOT_FOUND', `没有扫描任务 ${id}`, `No scan job ${id}`);
      }
      return view(job);
    },
  );
}

/**
 * The jobs' HTTP view (docs/http-api.md, "Jobs"): one JobView for every kind of queued work (an
 * uploaded document read asynchronously, a website scan, a bulk check), as GET /api/v1/jobs/{id},
 * the SSE stream and a 202 answer show it. The presenter lives here so the documents, scans and
 * bulk-check routes answer the same shape the jobs routes do; the web UI reads it through the
 * OpenAPI types.
 */
import { z } from 'zod';
import {
  JOB_KINDS,
  JOB_STATES,
  type Json,
  type JobKind,
  type JobRecord,
} from '../../ports/job-queue.js';
import { RegressionSchema } from './problem.js';

export const JobViewSchema = z
  .object({
    id: z.string(),
    kind: z.enum(JOB_KINDS),
    state: z
      .enum(JOB_STATES)
      .describe('queued → running → done | failed | cancelled; a retry is queued again'),
    progress: z
      .object({ done: z.number().int(), total: z.number().int() })
      .nullable()
      .describe('work done of the total (pages, rows); null before the job reports any'),
    position: z
      .number()
      .int()
      .nullable()
      .describe('queued jobs of the same kind ahead of this one (0: next); null unless queued'),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    error: z
      .object({
        code: z.string(),
        /** in English */
        message: z.string(),
        /** in Chinese, when the failure had a Chinese message (every expected failure has) */
        messageZh: z.string().optional(),
        regressions: z
          .array(RegressionSchema)
          .optional()
          .describe(
            'REGRESSION: what the refused save would lose against the held version, as the synchronous 409 lists it',
          ),
      })
      .nullable(),
    result: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe(
        'when done: for a document the body POST /documents answers; for a scan its xuke.scan/v1 report; for a bulk check its xuke.bulk-check/v1 report',
      ),
    links: z.object({
      self: z.string().describe('/api/v1/jobs/{id}'),
      events: z.string().describe('/api/v1/jobs/{id}/events: server-sent events'),
    }),
  })
  .meta({ id: 'JobView' });

export type JobView = z.infer<typeof JobViewSchema>;

/** The job's URL, as the Location header and `links.self` give it. */
export function jobUrl(id: string): string {
  return `/api/v1/jobs/${encodeURIComponent(id)}`;
}

function objectOrNull(value: Json | null): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/**
 * What a kind's result shows publicly: a bulk check keeps the documents it read beside its report
 * (for a re-check); the view shows the report alone.
 */
function publicResult(kind: JobKind, result: Json | null): Record<string, unknown> | null {
  const r = objectOrNull(result);
  if (r === null) return null;
  if (kind === 'bulk-check') return objectOrNull((r['report'] ?? null) as Json | null);
  return r;
}

export function jobView(job: JobRecord): JobView {
  return {
    id: job.id,
    kind: job.kind,
    state: job.state,
    progress: job.progress === null ? null : { ...job.progress },
    position: job.state === 'queued' ? job.position : null,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    error:
      job.error === null
        ? null
        : {
            code: job.error.code,
            message: job.error.message,
            ...(job.error.messageZh === undefined ? {} : { messageZh: job.error.messageZh }),
            ...(job.error.regressions === undefined
              ? {}
              : { regressions: [...job.error.regressions] }),
          },
    result: publicResult(job.kind, job.result),
    links: { self: jobUrl(job.id), events: `${jobUrl(job.id)}/events` },
  };
}

/** Whether a job is over: no further change will come. */
export function isFinished(job: Pick<JobRecord, 'state'>): boolean {
  return job.state === 'done' || job.state === 'failed' || job.state === 'cancelled';
}

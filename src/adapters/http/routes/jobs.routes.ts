/**
 * The jobs API (docs/http-api.md, "Jobs"; issue 19): every queued piece of work of the caller's
 * organisation (an uploaded document read asynchronously, a scan, a bulk check) as a JobView: the
 * list, one job, its server-sent events until it finishes, and cancellation. Another
 * organisation's job is 404, as an unknown one is. Any role reads; cancelling needs the role that
 * could have started the job (a viewer may cancel only the document checks it started itself).
 *
 * The event stream is one request (counted once by the rate limits) that polls the job every
 * 400 ms and sends `event: job` when the view changed, a `: keep-alive` comment every 15 s, and
 * ends after the final state; a client that goes away stops the polling at once. Each caller
 * keeps at most STREAMS_PER_PRINCIPAL streams open.
 */
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../../../app/access/access-deps.js';
import type { Action } from '../../../app/access/authorise-action.js';
import { DomainError } from '../../../core/errors.js';
import type { JobQueue, JobRecord } from '../../../ports/job-queue.js';
import { authorise } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { JOB_KINDS } from '../../../ports/job-queue.js';
import { isFinished, jobView, JobViewSchema } from '../job-schemas.js';
import { pageOf, pageQuery } from '../paging.js';
import { errorResponses } from '../problem.js';
import { BEARER, type ZodApp } from '../route-types.js';
import { IdParams } from '../schemas.js';

/** How often a stream looks at its job (the contract: at most 500 ms). */
export const EVENTS_POLL_MS = 400;
/** A comment line this often keeps proxies from closing an idle stream. */
export const KEEP_ALIVE_MS = 15_000;
/** Open event streams per token or person. */
export const STREAMS_PER_PRINCIPAL = 8;

const ListQuery = z.object({ kind: z.enum(JOB_KINDS).optional(), ...pageQuery(50, 200) });

export function notFoundJob(id: string): DomainError {
  return new DomainError('NOT_FOUND', `没有任务 ${id}`, `No job ${id}`);
}

/** The caller's organisation's job, or NOT_FOUND (another organisation's job included). */
export async function getJob(queue: JobQueue, who: Principal, id: string): Promise<JobRecord> {
  const job = await queue.get(who.organisation, id);
  if (job === undefined) throw notFoundJob(id);
  return job;
}

/** The action that starts a job of this kind (with this input): cancelling it needs the same. */
export function startActionOf(job: JobRecord): Action {
  switch (job.kind) {
    case 'document': {
      const input = job.input as { save?: unknown } | null;
      return input !== null && typeof input === 'object' && input.save === true
        ? 'write-licences'
        : 'check-documents';
    }
    case 'scan':
    case 'bulk-check':
      return 'scan';
    case 'reminders':
    case 'follow':
    case 'bulk-check-schedules':
      return 'manage-organisation';
  }
}

function streamKey(who: Principal): string {
  return who.tokenId ?? who.sessionId ?? who.actor;
}

/** `event: job` with the view as its data (JSON holds no newline). */
function sseEvent(view: unknown): string {
  return `event: job\ndata: ${JSON.stringify(view)}\n\n`;
}

/**
 * The stream of one job's views: the current one at once, then each change, ending after the
 * final state. `gone` aborts when the client disconnects: the wait in between ends at once.
 */
async function* jobEvents(
  queue: JobQueue,
  who: Principal,
  first: JobRecord,
  gone: AbortSignal,
  pollMs: number,
  keepAliveMs: number,
): AsyncGenerator<string> {
  let last = JSON.stringify(jobView(first));
  yield sseEvent(jobView(first));
  if (isFinished(first)) return;
  let quiet = 0;
  const isGone = () => gone.aborted;
  while (!isGone()) {
    await sleep(pollMs, gone);
    if (isGone()) return;
    const job = await queue.get(who.organisation, first.id);
    if (job === undefined) return;
    const view = jobView(job);
    const text = JSON.stringify(view);
    if (text !== last) {
      last = text;
      quiet = 0;
      yield sseEvent(view);
    } else {
      quiet += pollMs;
      if (quiet >= keepAliveMs) {
        quiet = 0;
        yield ': keep-alive\n\n';
      }
    }
    if (isFinished(job)) return;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

export interface JobRouteOptions {
  readonly pollMs?: number;
  readonly keepAliveMs?: number;
  readonly streamsPerPrincipal?: number;
}

export function registerJobRoutes(
  app: ZodApp,
  deps: HttpDeps,
  options: JobRouteOptions = {},
): void {
  const pollMs = Math.min(options.pollMs ?? EVENTS_POLL_MS, 500);
  const keepAliveMs = options.keepAliveMs ?? KEEP_ALIVE_MS;
  const maxStreams = options.streamsPerPrincipal ?? STREAMS_PER_PRINCIPAL;
  const open = new Map<string, number>();

  app.get(
    '/jobs',
    {
      schema: {
        tags: ['jobs'],
        operationId: 'listJobs',
        summary:
          'The organisation’s jobs (documents read asynchronously, scans, bulk checks), newest first, paged by cursor',
        security: BEARER,
        querystring: ListQuery,
        response: { 200: pageOf(JobViewSchema), ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const who = authorise(request, 'read-licences');
      const { kind, limit, cursor } = request.query;
      const page = await deps.jobs.list(who.organisation, {
        limit,
        ...(kind === undefined ? {} : { kind }),
        ...(cursor === undefined ? {} : { cursor }),
      });
      return { items: page.items.map(jobView), next: page.next };
    },
  );

  app.get(
    '/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        operationId: 'getJob',
        summary: 'One job: its state, progress, queue position and, when done, its result',
        security: BEARER,
        params: IdParams,
        response: { 200: JobViewSchema, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const who = authorise(request, 'read-licences');
      return jobView(await getJob(deps.jobs, who, request.params.id));
    },
  );

  app.get(
    '/jobs/:id/events',
    {
      schema: {
        tags: ['jobs'],
        operationId: 'streamJobEvents',
        summary:
          'Server-sent events: `event: job` with the JobView whenever it changes, until it finishes; `: keep-alive` every 15 s',
        security: BEARER,
        params: IdParams,
        produces: ['text/event-stream'],
        response: {
          200: z.string().describe('text/event-stream of `event: job` / `data: JobView`'),
          ...errorResponses(400, 401, 403, 404, 429),
        },
      },
    },
    async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const who = authorise(request, 'read-licences');
      const first = await getJob(deps.jobs, who, request.params.id);
      const key = streamKey(who);
      const count = open.get(key) ?? 0;
      if (count >= maxStreams) {
        throw new DomainError(
          'RATE_LIMITED',
          `已打开 ${maxStreams} 个任务事件流：请先关闭一个`,
          `${maxStreams} job event streams are open already: close one first`,
          { retryAfterSeconds: 5 },
        );
      }
      open.set(key, count + 1);
      const gone = new AbortController();
      const release = () => {
        if (gone.signal.aborted) return;
        gone.abort();
        const n = (open.get(key) ?? 1) - 1;
        if (n <= 0) open.delete(key);
        else open.set(key, n);
      };
      // the client went away (or the stream ended): stop polling
      request.raw.once('close', release);
      reply.raw.once('close', release);
      const events = jobEvents(deps.jobs, who, first, gone.signal, pollMs, keepAliveMs);
      async function* guarded() {
        try {
          yield* events;
        } finally {
          release();
        }
      }
      return reply
        .type('text/event-stream; charset=utf-8')
        .header('cache-control', 'no-cache, no-transform')
        .header('x-accel-buffering', 'no')
        .send(Readable.from(guarded()));
    },
  );

  app.delete(
    '/jobs/:id',
    {
      schema: {
        tags: ['jobs'],
        operationId: 'cancelJob',
        summary:
          'Cancel a queued or running job (its work stops within a second); a finished job is answered as it finished',
        security: BEARER,
        params: IdParams,
        response: { 200: JobViewSchema, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const who = authorise(request, 'read-licences');
      const job = await getJob(deps.jobs, who, request.params.id);
      authorise(request, startActionOf(job));
      if (who.role === 'viewer' && job.owner !== who.actor) {
        throw new DomainError(
          'FORBIDDEN',
          '查看者只能取消自己提交的任务',
          'A viewer may cancel only the jobs it started',
        );
      }
      const cancelled = await deps.jobs.cancel(who.organisation, job.id);
      if (cancelled === undefined) throw notFoundJob(job.id);
      return jobView(cancelled);
    },
  );
}

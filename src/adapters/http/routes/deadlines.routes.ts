/**
 * The organisation's deadlines (with the occurrences marked done), marking an occurrence done and
 * undoing it, the evidence file stored with a completion, the working-day calendar the web UI
 * draws, and the iCalendar feed by secret URL.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticateToken } from '../../../app/access/authenticate-token.js';
import { createApiToken } from '../../../app/access/create-api-token.js';
import { getCompletionEvidence } from '../../../app/deadlines/get-completion-evidence.js';
import { getLicenceDeadlines } from '../../../app/deadlines/get-licence-deadlines.js';
import { listCalendarDays } from '../../../app/deadlines/list-calendar-days.js';
import { listOrganisationDeadlines } from '../../../app/deadlines/list-organisation-deadlines.js';
import {
  pageOrganisationDeadlines,
  type DeadlinePosition,
} from '../../../app/deadlines/page-organisation-deadlines.js';
import {
  markOccurrenceDone,
  type MarkDoneInput,
} from '../../../app/deadlines/mark-occurrence-done.js';
import { undoOccurrenceDone } from '../../../app/deadlines/undo-occurrence-done.js';
import { DomainError, isDomainError } from '../../../core/errors.js';
import type { Occurrence } from '../../../core/obligations/compute-deadlines.js';
import type { Completion, EvidenceFile } from '../../../core/obligations/events.js';
import {
  EVIDENCE_MAX_BYTES,
  EVIDENCE_MEDIA_TYPES,
} from '../../../core/obligations/evidence-file.js';
import { deadlinesFeed } from '../../calendar/ical-feed.js';
import { actorOf, authorise } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { badCursor, decodeCursor, encodeCursor } from '../paging.js';
import { errorResponses, problem, PROBLEM_CONTENT_TYPE } from '../problem.js';
import { BEARER, CALENDAR_KEY, type ZodApp } from '../route-types.js';
import {
  CalendarDaysQuerySchema,
  CalendarDaysSchema,
  CalendarKeySchema,
  CalendarQuerySchema,
  DeadlinesQuerySchema,
  DeadlinesReportSchema,
  DoneBodySchema,
  DoneFormSchema,
  LicenceOccurrenceSchema,
  NumberParams,
  OccurrenceParams,
  OrganisationDeadlinesSchema,
} from '../schemas.js';
import { RequestValidationError } from '../validation-problem.js';

/** Where an occurrence's evidence file is downloaded. */
export function evidenceUrl(licence: string, occurrenceId: string): string {
  return `/api/v1/licences/${encodeURIComponent(licence)}/deadlines/${encodeURIComponent(occurrenceId)}/evidence`;
}

/** A completion as the API shows it: its evidence file with where to download it. */
interface DoneView extends Omit<Completion, 'evidence'> {
  readonly evidence: {
    readonly note: string | null;
    readonly document: string | null;
    readonly file: (EvidenceFile & { readonly url: string }) | null;
  };
}

/**
 * An occurrence as the API shows it: a completion's evidence file described with where to
 * download it (null when there is none), never its bytes.
 */
function occurrenceView<O extends Occurrence>(
  licence: string | null,
  o: O,
): Omit<O, 'done'> & { readonly done: DoneView | null } {
  if (o.done === null) return { ...o, done: null };
  const file = o.done.evidence.file ?? null;
  return {
    ...o,
    done: {
      ...o.done,
      evidence: {
        note: o.done.evidence.note,
        document: o.done.evidence.document,
        file:
          file === null || licence === null
            ? null
            : { ...file, url: evidenceUrl(licence, o.done.occurrenceId) },
      },
    },
  };
}

/** The mark-done form's text fields and its one file part, read from multipart/form-data. */
async function readDoneForm(
  request: FastifyRequest,
): Promise<{ fields: Record<string, string>; file?: NonNullable<MarkDoneInput['file']> }> {
  const fields: Record<string, string> = {};
  let file: NonNullable<MarkDoneInput['file']> | undefined;
  try {
    for await (const part of request.parts({
      limits: { fileSize: EVIDENCE_MAX_BYTES, files: 1, fields: 3, parts: 4, fieldSize: 8192 },
    })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          await part.toBuffer().catch(() => undefined);
          throw new DomainError(
            'INVALID_INPUT',
            `请以字段 file 上传凭证文件（收到的是“${part.fieldname}”）`,
            `Send the evidence file as the part named file (not “${part.fieldname}”)`,
          );
        }
        const bytes = await part.toBuffer();
        file = { name: part.filename, declaredType: part.mimetype, bytes };
      } else {
        if (Object.hasOwn(fields, part.fieldname)) {
          throw new DomainError(
            'INVALID_INPUT',
            `字段 ${part.fieldname} 只能有一个`,
            `The field ${part.fieldname} may be sent once`,
          );
        }
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (e) {
    if (isDomainError(e)) throw e;
    const code = (e as { code?: unknown }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new DomainError(
        'INPUT_TOO_LARGE',
        `凭证文件过大：最大 ${EVIDENCE_MAX_BYTES / 1024 / 1024} MiB，请压缩或拆分后再上传`,
        `The evidence file is too large: ${EVIDENCE_MAX_BYTES / 1024 / 1024} MiB at most; compress or split it`,
        { cause: e },
      );
    }
    // the part limits are 413 to @fastify/multipart: they are a count, not a size
    if (code === 'FST_FILES_LIMIT') {
      throw new DomainError(
        'INVALID_INPUT',
        '只能上传一个凭证文件：请求中有多个文件',
        'Only one evidence file is taken: the form holds more than one',
        { cause: e },
      );
    }
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new DomainError(
        'INVALID_INPUT',
        '表单的字段过多：只需 on、note、documentSha256 和文件 file',
        'The form has too many fields: send on, note, documentSha256 and the file',
        { cause: e },
      );
    }
    // anything else is a body busboy could not read (a broken boundary, a part cut short)
    throw new DomainError(
      'INVALID_INPUT',
      '表单无法读取：multipart/form-data 格式有误，请重新提交',
      'The form could not be read: the multipart/form-data body is malformed; send it again',
      { cause: e },
    );
  }
  return file === undefined ? { fields } : { fields, file };
}

/**
 * The mark-done request's OpenAPI entry: JSON, or the same fields as multipart/form-data with the
 * evidence file (zod describes both; only the JSON is validated by fastify, the form by the route).
 */
const doneRequestTransform: typeof jsonSchemaTransform = (doc) => {
  const body = (part: z.ZodType) =>
    (jsonSchemaTransform({ ...doc, schema: { body: part } }).schema as { body: unknown }).body;
  const { schema, url } = jsonSchemaTransform({
    ...doc,
    schema: { ...doc.schema, body: undefined },
  });
  return {
    url,
    schema: {
      ...schema,
      body: {
        content: {
          'application/json': { schema: body(DoneBodySchema) },
          'multipart/form-data': { schema: body(DoneFormSchema) },
        },
      },
    },
  };
};

/** The evidence file's name for Content-Disposition (RFC 6266): ASCII fallback and UTF-8. */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/gu, '_');
  const utf8 = encodeURIComponent(name).replace(
    /['()*]/gu,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

const TAGS = ['deadlines'];

/** How long one page of GET /deadlines may take when DeadlineDeps names no budget. */
export const DEADLINES_BUDGET_MS = 5000;

/** The page's position as the opaque cursor: base64url of its sort key (paging.ts). */
function cursorOf(p: DeadlinePosition): string {
  return encodeCursor([p.batch, p.licence, p.after?.dueOn ?? null, p.after?.id ?? null]);
}

/** A cursor of GET /deadlines back to its position; another is a 400 naming `cursor`. */
function positionOf(cursor: string, query: unknown): DeadlinePosition {
  const [batch, licence, dueOn, id] = decodeCursor(cursor, 4, query);
  const text = (v: unknown) => v === null || typeof v === 'string';
  if (
    !text(batch) ||
    !text(licence) ||
    !text(dueOn) ||
    !text(id) ||
    (dueOn === null) !== (id === null)
  ) {
    throw badCursor(query);
  }
  return {
    batch: batch,
    licence: licence,
    after: dueOn === null ? null : { dueOn: dueOn, id: id as string },
  };
}

/**
 * A page that ran out of its time budget: 503 and when to ask again, rather than holding the
 * event loop; the work stopped at the licence it had reached.
 */
function overBudget(reply: FastifyReply, request: FastifyRequest) {
  const p = problem(
    503,
    'SERVICE_UNAVAILABLE',
    'The deadlines page took longer than its time budget; ask again in a moment, or for fewer (limit, status, from, to).',
    {
      detailZh: '本页期限计算超出时间预算：请稍后重试，或缩小范围（limit、status、from、to）',
      instance: request.url.split('?')[0] ?? '',
    },
  );
  return reply
    .code(503)
    .header('retry-after', '5')
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(p));
}

export function registerDeadlineRoutes(app: ZodApp, deps: HttpDeps, publicUrl?: string): void {
  app.get(
    '/licences/:number/deadlines',
    {
      schema: {
        tags: TAGS,
        operationId: 'getLicenceDeadlines',
        summary: 'The licence’s obligations and dated occurrences as of today, explained',
        security: BEARER,
        params: NumberParams,
        response: { 200: DeadlinesReportSchema, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const who = authorise(request, 'read-licences');
      const report = await getLicenceDeadlines(request.params.number, actorOf(who), deps.deadlines);
      return {
        ...report,
        occurrences: report.occurrences.map((o) => occurrenceView(report.licence.number, o)),
      };
    },
  );

  app.get(
    '/deadlines',
    {
      schema: {
        tags: TAGS,
        operationId: 'listDeadlines',
        summary:
          'The occurrences of the organisation’s licences, paged by cursor: by licence number, then due date (at most 1,000 a page, 100 by default); 503 with Retry-After when a page exceeds its time budget',
        security: BEARER,
        querystring: DeadlinesQuerySchema,
        response: {
          200: OrganisationDeadlinesSchema,
          ...errorResponses(400, 401, 403, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'read-licences');
      const { status, from, to, limit, cursor } = request.query;
      const after = cursor === undefined ? undefined : positionOf(cursor, request.query);
      // the page's time budget, and the client's going away, stop the computation
      const budgetMs = deps.deadlines.pageBudgetMs ?? DEADLINES_BUDGET_MS;
      const gone = new AbortController();
      const onClose = () => {
        if (!reply.raw.writableEnded) gone.abort(new Error('the client went away'));
      };
      reply.raw.once('close', onClose);
      const signal = AbortSignal.any([AbortSignal.timeout(budgetMs), gone.signal]);
      try {
        const page = await pageOrganisationDeadlines(
          who.organisation,
          {
            limit,
            ...(after === undefined ? {} : { after }),
            ...(status === undefined ? {} : { statuses: status.split(',') }),
            ...(from === undefined ? {} : { from }),
            ...(to === undefined ? {} : { to }),
            signal,
          },
          deps.deadlines,
        );
        return {
          items: page.items.map((o) => occurrenceView(o.licence, o)),
          next: page.next === null ? null : cursorOf(page.next),
        };
      } catch (e) {
        if (signal.aborted && e === signal.reason) return await overBudget(reply, request);
        throw e;
      } finally {
        reply.raw.off('close', onClose);
      }
    },
  );

  app.post(
    '/licences/:number/deadlines/:occurrenceId/done',
    {
      // the JSON form is validated by its schema; the multipart form's fields by the handler
      config: { swaggerTransform: doneRequestTransform },
      schema: {
        tags: TAGS,
        operationId: 'markOccurrenceDone',
        summary:
          'Mark an occurrence done with its evidence: a note and, as multipart/form-data, the evidence file stored with the completion (or, as JSON, a document’s sha256); audit-logged with the file’s sha256',
        security: BEARER,
        params: OccurrenceParams,
        body: { content: { 'application/json': { schema: DoneBodySchema } } },
        response: {
          201: LicenceOccurrenceSchema,
          ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429),
        },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'complete-obligations');
      // the role is checked before a byte of an upload is read
      const form = request.isMultipart()
        ? await readDoneForm(request)
        : { fields: request.body, file: undefined };
      const checked = DoneBodySchema.safeParse(form.fields ?? undefined);
      if (!checked.success) {
        throw RequestValidationError.of('body', checked.error.issues, form.fields);
      }
      const { on, note, documentSha256 } = checked.data;
      const occurrence = await markOccurrenceDone(
        request.params.number,
        request.params.occurrenceId,
        {
          note,
          ...(on === undefined ? {} : { on }),
          ...(documentSha256 === undefined ? {} : { documentSha256 }),
          ...(form.file === undefined ? {} : { file: form.file }),
        },
        actorOf(who),
        { ...deps.deadlines, hasher: deps.documents.hasher },
      );
      return reply.code(201).send(occurrenceView(occurrence.licence, occurrence));
    },
  );

  app.get(
    '/licences/:number/deadlines/:occurrenceId/evidence',
    {
      schema: {
        tags: TAGS,
        operationId: 'getCompletionEvidence',
        summary:
          'Download the evidence file stored with a completed occurrence (an attachment, as the type its content tells)',
        security: BEARER,
        params: OccurrenceParams,
        response: {
          200: {
            description: 'the evidence file, as uploaded',
            content: Object.fromEntries(
              EVIDENCE_MEDIA_TYPES.map((type) => [
                type,
                { schema: z.string().meta({ format: 'binary' }) },
              ]),
            ),
          },
          ...errorResponses(400, 401, 403, 404, 429),
        },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'read-licences');
      const file = await getCompletionEvidence(
        request.params.number,
        request.params.occurrenceId,
        actorOf(who),
        deps.deadlines,
      );
      // the response schema documents bytes as a binary string: the reply sends the Buffer raw
      const body = Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength);
      // saved, never shown in place; and nothing in it runs, should a browser open it anyway
      void reply
        .type(file.mediaType)
        .header('content-disposition', attachment(file.name))
        .header('content-length', String(file.size))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('etag', `"${file.sha256}"`);
      return reply.send(body as unknown as string);
    },
  );

  app.delete(
    '/licences/:number/deadlines/:occurrenceId/done',
    {
      schema: {
        tags: TAGS,
        operationId: 'undoOccurrenceDone',
        summary: 'Undo marking an occurrence done (its reminders resume); audit-logged',
        security: BEARER,
        params: OccurrenceParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'complete-obligations');
      await undoOccurrenceDone(
        request.params.number,
        request.params.occurrenceId,
        actorOf(who),
        deps.deadlines,
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/calendar/days',
    {
      schema: {
        tags: TAGS,
        operationId: 'listCalendarDays',
        summary:
          'China’s working-day calendar for up to 62 days: working day or not, holiday names, whether a notice covers each day',
        security: BEARER,
        querystring: CalendarDaysQuerySchema,
        response: { 200: CalendarDaysSchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    (request) => {
      authorise(request, 'read-licences');
      return Promise.resolve({ days: listCalendarDays(request.query.from, request.query.to) });
    },
  );

  app.post(
    '/calendar/keys',
    {
      schema: {
        tags: TAGS,
        operationId: 'createCalendarKey',
        summary:
          'A secret feed URL for calendar clients (shown once; revoke with xuke token revoke)',
        security: BEARER,
        response: { 201: CalendarKeySchema, ...errorResponses(401, 403, 429) },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'manage-calendar-keys');
      const created = await createApiToken(
        { organisation: who.organisation, role: 'viewer', name: 'calendar feed', kind: 'calendar' },
        deps.access,
      );
      const base = publicUrl ?? `${request.protocol}://${request.host}`;
      return reply.code(201).send({
        id: created.id,
        key: created.token,
        url: `${base}/api/v1/calendar.ics?key=${encodeURIComponent(created.token)}`,
      });
    },
  );

  app.get(
    '/calendar.ics',
    {
      config: { public: true },
      schema: {
        tags: TAGS,
        operationId: 'getCalendarFeed',
        security: CALENDAR_KEY,
        summary:
          'The organisation’s deadlines as iCalendar (secret URL: the key is the credential)',
        querystring: CalendarQuerySchema,
        produces: ['text/calendar'],
        response: { 200: z.string(), ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const who = await authenticateToken(request.query.key, deps.access, 'calendar');
      const reports = await listOrganisationDeadlines(who.organisation, deps.deadlines);
      const body = deadlinesFeed(reports, {
        stamp: deps.registry.clock.now(),
        lang: request.query.lang,
      });
      return reply.type('text/calendar; charset=utf-8').send(body);
    },
  );
}

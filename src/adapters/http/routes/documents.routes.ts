/**
 * POST /documents: a licence document (text, PDF or image; raw body or multipart) → ParseResult,
 * CheckReport and the extracted text (bounded); with ?save=true taken into the registry by the
 * ingest use case (app/documents/ingest-document.ts, as `xuke import` does): a new licence, a new
 * version, or unchanged (a document the organisation holds already). A multipart `record` field
 * (the review screen's corrections) is what is checked and saved in place of the parsed record. A
 * new version that loses what the held one has is 409 REGRESSION, listing the regressions, unless
 * `force=true`; every answer on a held licence carries `regressions` for the review screen.
 */
import type { FastifyRequest } from 'fastify';
import { DomainError, isDomainError } from '../../../core/errors.js';
import { LicenceSchema, type Licence } from '../../../core/licence.js';
import { actorOf, authorise } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { clientGone } from '../client-gone.js';
import { errorResponses } from '../problem.js';
import { BEARER, type ZodApp } from '../route-types.js';
import { DocumentQuerySchema, DocumentResultSchema } from '../schemas.js';
import { documentAnswer, enqueueDocumentJob, goesAsync } from '../document-jobs.js';
import { jobUrl, jobView, JobViewSchema } from '../job-schemas.js';

/** Raw bodies the documents route accepts, beside multipart/form-data. */
export const DOCUMENT_CONTENT_TYPES = [
  'text/plain',
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/tiff',
  'application/octet-stream',
] as const;

/** The multipart field that carries a record corrected by hand (JSON of the licence record). */
const RECORD_FIELD = 'record';

interface MultipartBody {
  readonly bytes: Uint8Array;
  readonly name: string;
  /** the `record` field: text, or a value when the part declared application/json */
  readonly record?: unknown;
}

/**
 * The file of a multipart body and its optional `record` field, in either order. A malformed body
 * (no boundary, truncated, no file, a second file, too many parts) is INVALID_INPUT, a file or field
 * over its limit (the document limit; 1 MiB for a field) INPUT_TOO_LARGE: never a 5xx. Other fields
 * are ignored.
 */
async function readMultipartBody(
  request: FastifyRequest,
  fallbackName: string,
): Promise<MultipartBody> {
  let file: { bytes: Uint8Array; name: string } | undefined;
  let record: unknown;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        file = { bytes, name: part.filename === '' ? fallbackName : part.filename.slice(0, 200) };
      } else if (part.fieldname === RECORD_FIELD) {
        if (part.valueTruncated) {
          throw new DomainError(
            'INPUT_TOO_LARGE',
            '字段 record 过大（上限 1 MiB）',
            'The record field is too large (1 MiB at most)',
          );
        }
        if (record !== undefined) {
          throw new DomainError(
            'INVALID_INPUT',
            '字段 record 只能有一个',
            'The multipart body holds more than one record field',
          );
        }
        record = part.value;
      }
    }
  } catch (e) {
    if (isDomainError(e)) throw e;
    const status = (e as { statusCode?: unknown }).statusCode;
    const code = (e as { code?: unknown }).code;
    // the part limits (one file, a few fields) are 413 to @fastify/multipart: a count, not a size
    if (code === 'FST_FILES_LIMIT') {
      throw new DomainError(
        'INVALID_INPUT',
        '只能上传一个文件：请求中有多个文件',
        'Only one file is accepted: the multipart body holds more than one',
        { cause: e },
      );
    }
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new DomainError(
        'INVALID_INPUT',
        'multipart 请求的部分过多：只需字段 file 和可选的 record',
        'The multipart body has too many parts: send the field file and, optionally, record',
        { cause: e },
      );
    }
    if (status === 413) {
      throw new DomainError('INPUT_TOO_LARGE', '文件过大', 'The file is too large', { cause: e });
    }
    if (code === 'FST_INVALID_JSON_FIELD_ERROR') {
      throw new DomainError(
        'INVALID_INPUT',
        '字段 record 不是有效的 JSON',
        'The record field is not valid JSON',
        { cause: e },
      );
    }
    throw new DomainError(
      'INVALID_INPUT',
      'multipart 请求格式错误',
      'The multipart body is malformed',
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
  return record === undefined ? file : { ...file, record };
}

/** `services[0].coverage` for zod's ['services', 0, 'coverage']: the record's field-path notation. */
function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/**
 * The `record` field → a licence record, validated by the record's schema (unknown keys dropped).
 * INVALID_INPUT naming the field path of each failure (the first five).
 */
function correctedRecord(raw: unknown): Licence {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw) as unknown;
    } catch (e) {
      throw new DomainError(
        'INVALID_INPUT',
        '字段 record 不是有效的 JSON',
        'The record field is not valid JSON',
        { cause: e },
      );
    }
  }
  const checked = LicenceSchema.safeParse(value);
  if (checked.success) return checked.data;
  const issues = checked.error.issues
    .slice(0, 5)
    .map(
      (i) => `${RECORD_FIELD}${i.path.length === 0 ? '' : '.'}${fieldPath(i.path)}: ${i.message}`,
    );
  throw new DomainError(
    'INVALID_INPUT',
    `字段 record 不是有效的许可证记录：${issues.join('；')}`,
    `The record field is not a valid licence record: ${issues.join('; ')}`,
  );
}

export function registerDocumentRoutes(app: ZodApp, deps: HttpDeps): void {
  app.post(
    '/documents',
    {
      schema: {
        tags: ['documents'],
        operationId: 'parseDocument',
        summary:
          'Parse and check a licence document (text, PDF, PNG/JPEG/TIFF; raw body or multipart field "file"); ?save=true stores it',
        security: BEARER,
        querystring: DocumentQuerySchema,
        response: {
          200: DocumentResultSchema,
          201: DocumentResultSchema,
          202: JobViewSchema,
          ...errorResponses(400, 401, 403, 409, 413, 415, 422, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const save = request.query.save === 'true';
      const force = request.query.force === 'true';
      const who = authorise(request, save ? 'write-licences' : 'check-documents');
      let bytes: Uint8Array;
      let name = request.query.name ?? 'upload';
      let record: Licence | undefined;
      if (request.isMultipart()) {
        const body = await readMultipartBody(request, name);
        ({ bytes, name } = body);
        if (body.record !== undefined) record = correctedRecord(body.record);
      } else if (request.body instanceof Uint8Array) {
        bytes = request.body;
      } else {
        throw new DomainError(
          'UNSUPPORTED_FORMAT',
          '请以文本、PDF、图片或 multipart/form-data 提交文件',
          `Send the document as ${DOCUMENT_CONTENT_TYPES.join(', ')} or multipart/form-data`,
        );
      }
      if (bytes.length === 0) {
        throw new DomainError('INVALID_INPUT', '文件为空', 'The document is empty');
      }
      // large or asked for: a job, answered 202 (document-jobs.ts)
      if (await goesAsync(bytes, request.headers.prefer, deps.asyncDocuments)) {
        const ingest = { name, bytes, record, save, force, acknowledge: request.query.acknowledge };
        const job = await enqueueDocumentJob(ingest, who, deps.jobs);
        return reply.code(202).header('location', jobUrl(job.id)).send(jobView(job));
      }
      // the client gone before the answer: the OCR stops, its processes are killed, nothing is sent
      const signal = clientGone(reply);
      // one answer for both paths: the job's result is this body (document-jobs.ts)
      const answer = await documentAnswer(
        { name, bytes, record, save, force, acknowledge: request.query.acknowledge },
        actorOf(who),
        { ...deps.registry, documents: deps.documents },
        signal,
      ).catch((e: unknown) => {
        if (signal.aborted) return null;
        throw e;
      });
      if (answer === null) return reply.hijack();
      return reply.code(answer.status).send(answer.body);
    },
  );
}

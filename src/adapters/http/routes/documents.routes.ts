/**
 * POST /documents: a licence document (text, PDF or image; raw body or multipart) → ParseResult and
 * CheckReport; with ?save=true stored as a new licence or a new version.
 */
import { checkDocument } from '../../../app/check-document.js';
import { registerLicence } from '../../../app/register-licence.js';
import type { FastifyRequest } from 'fastify';
import { DomainError, isDomainError } from '../../../core/errors.js';
import { effectiveStatus } from '../../../core/lifecycle/lifecycle.js';
import { actorOf, authorise } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { errorResponses } from '../problem.js';
import { BEARER, type ZodApp } from '../route-types.js';
import { DocumentQuerySchema, DocumentResultSchema } from '../schemas.js';
import { licenceView } from './licences.routes.js';

/** Raw bodies the documents route accepts, beside multipart/form-data. */
export const DOCUMENT_CONTENT_TYPES = [
  'text/plain',
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/tiff',
  'application/octet-stream',
] as const;

/**
 * The one file of a multipart body. A malformed body (no boundary, truncated, no file) is
 * INVALID_INPUT, a file over the limit INPUT_TOO_LARGE: never a 5xx.
 */
async function readMultipartFile(
  request: FastifyRequest,
  fallbackName: string,
): Promise<{ bytes: Uint8Array; name: string }> {
  try {
    const file = await request.file();
    if (file === undefined) {
      throw new DomainError(
        'INVALID_INPUT',
        'multipart 请求中没有文件',
        'The multipart request holds no file',
      );
    }
    const bytes = await file.toBuffer();
    return { bytes, name: file.filename === '' ? fallbackName : file.filename.slice(0, 200) };
  } catch (e) {
    if (isDomainError(e)) throw e;
    const status = (e as { statusCode?: unknown }).statusCode;
    if (status === 413) {
      throw new DomainError('INPUT_TOO_LARGE', '文件过大', 'The file is too large', { cause: e });
    }
    throw new DomainError(
      'INVALID_INPUT',
      'multipart 请求格式错误',
      'The multipart body is malformed',
      { cause: e },
    );
  }
}

export function registerDocumentRoutes(app: ZodApp, deps: HttpDeps): void {
  app.post(
    '/documents',
    {
      schema: {
        tags: ['documents'],
        summary:
          'Parse and check a licence document (text, PDF, PNG/JPEG/TIFF; raw body or multipart field "file"); ?save=true stores it',
        security: BEARER,
        querystring: DocumentQuerySchema,
        response: {
          200: DocumentResultSchema,
          201: DocumentResultSchema,
          ...errorResponses(400, 401, 403, 409, 413, 415, 422, 429),
        },
      },
    },
    async (request, reply) => {
      const save = request.query.save === 'true';
      const who = authorise(request, save ? 'write-licences' : 'check-documents');
      let bytes: Uint8Array;
      let name = request.query.name ?? 'upload';
      if (request.isMultipart()) {
        ({ bytes, name } = await readMultipartFile(request, name));
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
      const today = deps.registry.clock.today();
      const checked = await checkDocument(bytes, name, today, deps.documents);
      if (!save) return { ...checked, saved: null };
      const r = await registerLicence(
        {
          licence: checked.parse.licence,
          document: {
            sha256: checked.parse.source.sha256,
            format: checked.parse.source.format,
            bytes,
          },
        },
        actorOf(who),
        deps.registry,
      );
      const saved = {
        outcome: r.outcome,
        licence: licenceView({
          ...r.licence,
          currentStatus: effectiveStatus(r.licence.status, r.licence.licence.expiresOn, today),
        }),
      };
      return reply.code(r.outcome === 'created' ? 201 : 200).send({ ...checked, saved });
    },
  );
}

/**
 * Errors as RFC 9457 problem details (`application/problem+json`), carrying the domain error code.
 * Every DomainError code has its HTTP status in ONE table, so a new code does not compile until it is
 * mapped here. 5xx responses never carry the error's message: it is logged, not sent.
 */
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isDomainError, type DomainErrorCode } from '../../core/errors.js';
import {
  RequestValidationError,
  validationFailure,
  type RequestPart,
} from './validation-problem.js';

export const HTTP_STATUS: Readonly<Record<DomainErrorCode, number>> = {
  UNREADABLE_DOCUMENT: 422,
  NOT_A_LICENCE: 422,
  UNSUPPORTED_FORMAT: 415,
  INPUT_TOO_LARGE: 413,
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  STORAGE_FAILURE: 503,
  TARGET_REFUSED: 422,
  FETCH_FAILED: 502,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  NOT_IN_REGISTER: 404,
  ACKNOWLEDGEMENT_REQUIRED: 409,
  REGISTER_TAMPERED: 502,
  RENDERER_UNAVAILABLE: 503,
  CSRF_REFUSED: 403,
  /** a sign-in that needs its code; `withStatus(e, 403)` where a session lacks an enrolment */
  SECOND_FACTOR_REQUIRED: 401,
  GONE: 410,
  BUSY: 503,
  REGRESSION: 409,
};

const STATUS_OVERRIDES = new WeakMap<object, number>();

/**
 * The error answered with another status than its code's: SECOND_FACTOR_REQUIRED is 401 for a
 * sign-in that needs its code, 403 for a signed-in person whose organisation requires enrolment.
 */
export function withStatus<E extends Error>(e: E, status: number): E {
  STATUS_OVERRIDES.set(e, status);
  return e;
}

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** One field a new reading loses against the held version (core/regressions.ts). */
export const RegressionSchema = z
  .object({
    field: z.string().describe("the field's path in the new record (services[0].excludes)"),
    fieldName: z.string().describe('the field in words, zh-CN'),
    fieldNameEn: z.string().describe('the field in words, English'),
    kind: z
      .enum(['lost', 'shrunk', 'furniture'])
      .describe(
        'lost: it had a value and has none; shrunk: fewer items, or the text with characters deleted; furniture: it gained page furniture (a URL, a page counter, a date stamp, a page header)',
      ),
    before: z.string().describe('the held value as text (list items joined with 、)'),
    after: z.string().describe('the new value as text; empty for none'),
  })
  .meta({ id: 'Regression' });

/** The problem document every error response carries. */
export const ProblemSchema = z
  .object({
    type: z.string().describe('urn:xuke:problem:<code>'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    /** zh-CN */
    detailZh: z.string().optional(),
    code: z.string().describe('the domain error code (INVALID_INPUT, NOT_FOUND …) or INTERNAL'),
    instance: z.string().optional(),
    errors: z
      .array(
        z.object({
          path: z
            .string()
            .describe('a JSON pointer (RFC 6901) to the field in its part of the request'),
          in: z
            .enum(['body', 'querystring', 'params', 'headers'])
            .optional()
            .describe('the part of the request the field is in'),
          code: z
            .string()
            .optional()
            .describe('what failed: invalid_type, too_small, too_big, invalid_format …'),
          message: z.string().describe('the field in words and what it expects, in English'),
          messageZh: z.string().optional().describe('the same in zh-CN'),
        }),
      )
      .optional()
      .describe('validation failures, one per field; the detail tells the first five in words'),
    links: z
      .record(z.string(), z.string())
      .optional()
      .describe('where to go next, by name (officialQuery: the authority’s own licence query)'),
    regressions: z
      .array(RegressionSchema)
      .optional()
      .describe('REGRESSION: what the refused save would lose against the held version'),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;

export function problem(
  status: number,
  code: string,
  detail: string,
  extra: Partial<Problem> = {},
): Problem {
  return {
    type: `urn:xuke:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...extra,
  };
}

/** fastify's own refusals of a request, by their code, in words: zh-CN and English. */
const FASTIFY_WORDS: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ['请求内容过大', 'The request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    '这里不接受这种内容类型（Content-Type）的请求',
    'A request of this content type is not accepted here',
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [
    '请求内容的长度与 Content-Length 不符',
    'The request body does not match its Content-Length',
  ],
  FST_ERR_CTP_EMPTY_JSON_BODY: [
    '请求声明为 JSON，但没有内容',
    'The request says it is JSON but has no body',
  ],
  FST_ERR_CTP_INVALID_JSON_BODY: [
    '请求内容不是有效的 JSON，请检查括号、引号和逗号',
    'The request body is not valid JSON; check its brackets, quotes and commas',
  ],
  FST_ERR_BAD_URL: [
    '网址中有无效的部分，请检查网址',
    'A part of the URL is not valid; check the URL',
  ],
  FST_ERR_MAX_PARAM_LENGTH: ['网址中的一段过长', 'A part of the URL is too long'],
  FST_ERR_ROUTE_MISSING_CONTENT_TYPE: [
    '请求缺少内容类型（Content-Type）',
    'The request has no Content-Type',
  ],
};

/** The status code of fastify's own 4xx errors, by their code. */
function fastifyProblem(e: FastifyError): Problem | undefined {
  const status = e.statusCode;
  if (status === undefined || status < 400 || status >= 500) return undefined;
  const code: DomainErrorCode | 'METHOD_NOT_ALLOWED' =
    status === 413
      ? 'INPUT_TOO_LARGE'
      : status === 415
        ? 'UNSUPPORTED_FORMAT'
        : status === 404
          ? 'NOT_FOUND'
          : status === 429
            ? 'RATE_LIMITED'
            : status === 401
              ? 'UNAUTHENTICATED'
              : status === 403
                ? 'FORBIDDEN'
                : status === 405
                  ? 'METHOD_NOT_ALLOWED'
                  : 'INVALID_INPUT';
  const words = Object.hasOwn(FASTIFY_WORDS, e.code) ? FASTIFY_WORDS[e.code] : undefined;
  if (words !== undefined) return problem(status, code, words[1], { detailZh: words[0] });
  // fastify's other 4xx messages describe the request, not the server (no internals)
  return problem(status, code, e.message);
}

/**
 * An issue's path as fastify-type-provider-zod writes it (its parts joined by `/`, unescaped):
 * `/services/0/qualifier` → ['services', 0, 'qualifier']; `/` → [].
 */
function pathOf(instancePath: string): (string | number)[] {
  if (instancePath === '/' || instancePath === '') return [];
  return instancePath
    .split('/')
    .slice(1)
    .map((p) => (/^\d+$/u.test(p) ? Number(p) : p));
}

const PARTS: readonly RequestPart[] = ['body', 'querystring', 'params', 'headers'];

function requestData(request: FastifyRequest | undefined, part: RequestPart): unknown {
  if (request === undefined) return undefined;
  return part === 'body'
    ? request.body
    : part === 'querystring'
      ? request.query
      : part === 'params'
        ? request.params
        : request.headers;
}

/**
 * Error → problem document; unexpected errors become a bare 500. `request`, when given, tells a
 * missing field from a wrong one in a validation failure.
 */
export function toProblem(e: unknown, request?: FastifyRequest): Problem {
  if (isDomainError(e)) {
    const status = STATUS_OVERRIDES.get(e) ?? HTTP_STATUS[e.code];
    if (status >= 500) return problem(status, e.code, 'The service cannot complete the request.');
    return problem(status, e.code, e.messageEn, {
      detailZh: e.message,
      ...(e.links === undefined ? {} : { links: { ...e.links } }),
      ...(e.regressions === undefined ? {} : { regressions: [...e.regressions] }),
    });
  }
  if (e instanceof RequestValidationError) {
    const { detail, detailZh, errors } = validationFailure(e.part, e.issues, e.data);
    return problem(400, 'INVALID_INPUT', detail, { detailZh, errors });
  }
  if (hasZodFastifySchemaValidationErrors(e)) {
    const part = PARTS.find((p) => p === e.validationContext) ?? 'body';
    const { detail, detailZh, errors } = validationFailure(
      part,
      e.validation.map((v) => ({
        code: v.keyword,
        path: pathOf(v.instancePath),
        params: v.params,
      })),
      requestData(request, part),
    );
    return problem(400, 'INVALID_INPUT', detail, { detailZh, errors });
  }
  if (e instanceof Error && 'statusCode' in e) {
    const p = fastifyProblem(e as FastifyError);
    if (p) return p;
  }
  return problem(500, 'INTERNAL', 'The service failed unexpectedly.');
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, e: unknown) {
  const p = { ...toProblem(e, request), instance: request.url.split('?')[0] ?? '' };
  // a full queue (BUSY) is the machine protecting itself, not a failure: logged as a refusal
  if (p.status >= 500 && p.code !== 'BUSY') request.log.error({ err: e }, 'request failed');
  else logRefusal(request, p, e);
  if (p.status === 401) reply.header('www-authenticate', 'Bearer realm="xuke"');
  // a throttled sign-in or second factor says how long to wait (throttle.ts, second-factor.ts)
  const wait = (e as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
  if ((p.status === 429 || p.status === 503) && typeof wait === 'number') {
    reply.header('retry-after', String(wait));
  }
  return reply.code(p.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(p));
}

/**
 * The answer to a request that arrives while the server shuts down (app.ts): 503, to be asked
 * again in a moment, of this instance once it is back or of another behind the same address.
 */
export function sendShuttingDown(reply: FastifyReply, request: FastifyRequest) {
  const p = problem(
    503,
    'SERVICE_UNAVAILABLE',
    'The service is shutting down; try again in a moment.',
    { detailZh: '服务正在关闭，请稍后重试', instance: request.url.split('?')[0] ?? '' },
  );
  return reply
    .code(503)
    .header('retry-after', '5')
    .type(PROBLEM_CONTENT_TYPE)
    .send(JSON.stringify(p));
}

/**
 * A refused target (TARGET_REFUSED) carries, in its cause, what the operator needs and the person
 * who asked must not see: the address policy's rule and the setting that would let the target in.
 * Logged as a warning (someone tried to reach an address the policy keeps out), never sent. Other
 * 4xx causes are not logged: they may quote what a client sent (a body is never logged).
 */
function logRefusal(request: FastifyRequest, p: Problem, e: unknown): void {
  if (!isDomainError(e) || e.code !== 'TARGET_REFUSED' || e.cause === undefined) return;
  const detail = e.cause instanceof Error ? e.cause.message : JSON.stringify(e.cause);
  request.log.warn({ code: e.code, status: p.status, detail }, 'request refused');
}

/**
 * The connection's own refusals, before a request reaches the router (fastify's
 * `clientErrorHandler`): headers over the size limit (431), a request that timed out (408), bytes
 * that are not HTTP (400). Answered as problem documents like every other error, then closed.
 */
export function sendClientErrorProblem(e: Error & { code?: string }, socket: Socket): void {
  // a reset connection has nobody left to answer
  if (e.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail, detailZh] =
    e.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'INPUT_TOO_LARGE', 'The request headers are too large.', '请求头过大']
      : e.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'REQUEST_TIMEOUT', 'The request did not arrive in time.', '请求未能及时送达']
        : [400, 'INVALID_INPUT', 'The request is not valid HTTP.', '请求不是有效的 HTTP'];
  const body = JSON.stringify(problem(status, code, detail, { detailZh }));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${TITLES[status] ?? 'Error'}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(e);
}

/** The media type of every error response. */
export const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** One error response of a route's OpenAPI entry: a problem document, as problem+json. */
function problemResponse(status: number) {
  return {
    description: `${TITLES[status] ?? 'Error'}: a problem document (RFC 9457)`,
    content: { [PROBLEM_MEDIA_TYPE]: { schema: ProblemSchema } },
  };
}

/**
 * Error responses for a route's OpenAPI entry, as `application/problem+json` (what `sendProblem`
 * answers); 500, which any route may answer, is always among them.
 */
export function errorResponses(...statuses: readonly number[]) {
  return Object.fromEntries(
    [...new Set([...statuses, 500])].map((s) => [s, problemResponse(s)]),
  ) as Record<number, ReturnType<typeof problemResponse>>;
}

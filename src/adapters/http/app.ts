/**
 * The HTTP API (Fastify 5): zod route schemas validate requests and generate the OpenAPI 3.1
 * document; errors are problem+json from DomainError codes (problem.ts); bearer tokens
 * (auth.ts) with rate limits per address before authentication and per caller after it
 * (rate-limits.ts); helmet headers; no CORS unless origins are configured.
 * `buildApp` does not listen: main/server.ts does, tests use `app.inject()`.
 */
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions, type onRequestHookHandler } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { DomainError } from '../../core/errors.js';
import { authenticateRequest, bearerHashOf, sessionHashOf } from './auth.js';
import type { HttpDeps, HttpOptions } from './http-deps.js';
import {
  BoundedRateLimitStore,
  rateLimitedError,
  RequestLimits,
  RequestLogs,
} from './rate-limits.js';
import {
  errorResponses,
  sendClientErrorProblem,
  sendProblem,
  sendShuttingDown,
} from './problem.js';
import type { ZodApp } from './route-types.js';
import { registerAnnualReportRoutes } from './routes/annual-reports.routes.js';
import { registerAuditRoutes } from './routes/audit.routes.js';
import { registerDeadlineRoutes } from './routes/deadlines.routes.js';
import { DOCUMENT_CONTENT_TYPES, registerDocumentRoutes } from './routes/documents.routes.js';
import { registerInsightRoutes } from './routes/insights.routes.js';
import { registerLicenceRoutes } from './routes/licences.routes.js';
import { registerOpsRoutes } from './routes/ops.routes.js';
import { registerPublicRoutes } from './routes/public.routes.js';
import { registerTrustRoutes } from './routes/trust.routes.js';
import { registerScanRoutes } from './routes/scans.routes.js';
import { registerJobRoutes } from './routes/jobs.routes.js';
import { BULK_CHECK_CONTENT_TYPES, registerBulkCheckRoutes } from './routes/bulk-checks.routes.js';
import { registerSigningRoutes, registerWellKnownRoutes } from './routes/signing.routes.js';
import { registerSessionRoutes } from './routes/session.routes.js';
import { registerMemberRoutes } from './routes/members.routes.js';
import { registerOidcRoutes } from './routes/oidc.routes.js';
import { registerTotpRoutes } from './routes/totp.routes.js';
import { registerSpotCheckRoutes } from './routes/spot-checks.routes.js';
import { registerWebhookRoutes } from './routes/webhooks.routes.js';
import { registerWebAssets, webUiIndex } from './web-ui.js';

export const API_PREFIX = '/api/v1';
export const API_VERSION = '1.0.0';

/** A URL without its query: query strings may carry secrets (sign-in codes, feed keys). */
export function withoutQuery(url: string): string {
  const i = url.indexOf('?');
  return i < 0 ? url : `${url.slice(0, i)}?[redacted]`;
}

/**
 * pino options for the server: JSON lines, the Authorization and Cookie headers redacted, URLs
 * logged without their query, bodies never logged (so no document content and no token).
 */
export function loggerOptions(level = 'info'): Record<string, unknown> {
  return {
    level,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    serializers: {
      req: (req: { method: string; url: string; ip?: string; id?: string }) => ({
        id: req.id,
        method: req.method,
        url: withoutQuery(req.url),
        remoteAddress: req.ip,
      }),
    },
  };
}

/** Routes that need no token although they do not say so themselves (docs pages). */
function isDocsRoute(url: string): boolean {
  return url === '/docs' || url.startsWith('/docs/') || url === '/openapi.json';
}

const SERVED = new WeakMap<object, string[]>();

/** The methods fastify reads a request body for. */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface OpenApiObject {
  paths?: Record<string, Record<string, { requestBody?: unknown }>>;
  components?: { schemas?: Record<string, unknown> };
}

/**
 * The document without the component schemas nothing refers to. fastify-type-provider-zod lists
 * every schema registered with an id (`.meta({ id })`) twice, as `X` for responses and `XInput`
 * for requests, whether or not any route uses it that way: every id'd schema here is a response,
 * so each `XInput` was an unused component. Kept: those the paths refer to, and theirs.
 */
export function withoutUnusedSchemas<T extends OpenApiObject>(doc: T): T {
  const schemas = doc.components?.schemas;
  if (schemas === undefined) return doc;
  const used = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
          const name = v.slice('#/components/schemas/'.length);
          if (!used.has(name)) {
            used.add(name);
            visit(schemas[name]);
          }
        } else {
          visit(v);
        }
      }
    }
  };
  visit(doc.paths);
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return { ...doc, components: { ...doc.components, schemas: kept } };
}

/** Every route the app serves, as `METHOD /path` (HEAD left out): the OpenAPI test's reference. */
export function servedRoutes(app: ZodApp): readonly string[] {
  return SERVED.get(app) ?? [];
}

export async function buildApp(deps: HttpDeps, options: HttpOptions = {}): Promise<ZodApp> {
  const bodyLimit = options.bodyLimit ?? deps.documents.maxBytes + 1024 * 1024;
  const limits = new RequestLimits({
    perWindow: options.rateLimitPerMinute ?? 600,
    // the credential's hash (sha256, no look-up): the secret never becomes a map key
    credentialOf: (request) => bearerHashOf(request, deps) ?? sessionHashOf(request, deps),
    summaryMs: options.rateLimitSummaryMs ?? 60_000,
  });
  const fastifyOptions: FastifyServerOptions = {
    bodyLimit,
    logger: options.logger ?? false,
    // the request id is generated here, never taken from a header a client controls
    requestIdHeader: false,
    // a request that arrives while the server closes is answered 503 by the hook below, as a
    // problem document: fastify's own 503 is bare JSON
    return503OnClosing: false,
    // The router's own refusals (a path segment over 100 characters, a malformed URL) are problem
    // documents like every other error, not fastify's bare JSON.
    frameworkErrors: (e, request, reply) => {
      void sendProblem(reply, request, e);
    },
    // and so are the connection's, before a request is routed: headers too large (431) …
    clientErrorHandler: sendClientErrorProblem,
    // XUKE_TRUST_PROXY: X-Forwarded-For is believed only from these peers, and `request.ip` is
    // the right-most hop that is not one of them; none by default (the peer is the client)
    trustProxy:
      options.trustProxy !== undefined && options.trustProxy.length > 0
        ? [...options.trustProxy]
        : false,
    // each request is logged once, when answered; one a rate limit refused only at debug
    logController: new RequestLogs(limits),
  };
  const app = Fastify(fastifyOptions).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  // Responses are built field by field by the handlers; the response schemas document them (and
  // the OpenAPI snapshot test pins them) without a second validation pass per response.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.decorateRequest('principal', null);
  app.decorateRequest('signedIn', null);
  app.setErrorHandler((e, request, reply) => sendProblem(reply, request, e));
  const serveWebUi = webUiIndex(options.webRoot);
  app.setNotFoundHandler((request, reply) => {
    if (serveWebUi(request, reply)) return;
    sendProblem(
      reply,
      request,
      new DomainError(
        'NOT_FOUND',
        `没有 ${request.method} ${withoutQuery(request.url)}`,
        `No route ${request.method} ${withoutQuery(request.url)}`,
      ),
    );
  });

  // Graceful close: requests in flight when close() begins finish, and their connections close
  // after the response instead of idling until the keep-alive timeout holds the shutdown up. A
  // request that arrives meanwhile (pipelined, or on a kept-alive connection) is not started: it
  // is answered 503 with a problem document, before the rate limit and authentication run, and
  // every route documents that answer.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onRequest', (request, reply, done) => {
    if (!closing) {
      done();
      return;
    }
    void sendShuttingDown(reply, request);
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });

  // the rate limits' counters and summary (rate-limits.ts; the hooks are below)
  limits.start(app.log);
  app.addHook('onClose', (_instance, done) => {
    limits.stop();
    done();
  });

  // Metrics: request durations by route pattern (never by raw URL: numbers would explode labels).
  const metrics = new Registry();
  collectDefaultMetrics({ register: metrics });
  const durations = new Histogram({
    name: 'xuke_http_request_duration_seconds',
    help: 'HTTP request duration by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
    registers: [metrics],
  });
  app.addHook('onResponse', (request, reply, done) => {
    durations
      .labels(request.method, request.routeOptions.url ?? 'unmatched', String(reply.statusCode))
      .observe(reply.elapsedTime / 1000);
    done();
  });

  await app.register(helmet, {
    // an API and its docs page: nothing is framed, nothing loads from elsewhere
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        frameAncestors: ["'none'"],
      },
    },
  });

  const origins = new Set(options.corsOrigins ?? []);
  if (origins.size > 0) {
    app.addHook('onRequest', (request, reply, done) => {
      const origin = request.headers.origin;
      if (origin !== undefined && origins.has(origin)) {
        reply
          .header('access-control-allow-origin', origin)
          .header('vary', 'Origin')
          .header('access-control-allow-headers', 'authorization, content-type, x-csrf-token')
          .header('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE');
        if (request.method === 'OPTIONS') {
          void reply.code(204).send();
          return;
        }
      }
      done();
    });
  }

  // The first stage of the rate limits, before any look-up (rate-limits.ts): a request with a
  // credential this process has seen authenticate counts against its caller, any other against
  // its address, so a flood of garbage tokens is refused here without touching the database.
  // Routes without a limit (health) are left alone; a route with its own limit (the public
  // verification) keeps it, through the plugin below, on top of this one.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.routeOptions.config.rateLimit === false) {
      done();
      return;
    }
    done(limits.beforeAuthentication(request, reply));
  });
  // the routes' own limits, on bounded counters that junk cannot evict an active key from
  await app.register(rateLimit, {
    global: false,
    max: options.rateLimitPerMinute ?? 600,
    timeWindow: '1 minute',
    store: BoundedRateLimitStore,
    onExceeded: (request) => {
      limits.routeRefused(request);
    },
    // the wait in whole seconds, in each language's words (the plugin's `after` is English)
    errorResponseBuilder: (_request, context) => rateLimitedError(context.ttl),
  });

  // Authentication runs after the first stage of the rate limit (app-level hooks run before a
  // route's), and before the body is read: an unauthenticated upload is refused without being
  // buffered. Once it settles, the second stage counts a valid caller per token or person.
  const served: string[] = [];
  SERVED.set(app, served);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') served.push(`${method} ${route.url}`);
    }
  });
  app.addHook('onRoute', (route) => {
    // the web UI's assets are public like its index page: the API behind them is not
    if (route.config?.public === true || isDocsRoute(route.url) || route.url.startsWith('/assets/'))
      return;
    const auth: onRequestHookHandler = (request, reply, done) => {
      authenticateRequest(request, deps, options.adminOrganisation ?? 'demo').then(
        () => {
          done(limits.afterAuthentication(request, reply));
        },
        (e: unknown) => {
          limits.afterAuthentication(request, reply);
          done(e as Error);
        },
      );
    };
    const existing = route.onRequest;
    route.onRequest = existing === undefined ? [auth] : [...[existing].flat(), auth];
  });

  // Any request with a body can be refused before its handler runs: over the body limit (413) or
  // of a content type no parser takes (415), bodiless actions (DELETE, a test delivery) included.
  // Every route that reads bodies documents both, whether or not its own schema lists them; and
  // every route documents the 503 of a request that arrives while the server shuts down.
  app.addHook('onRoute', (route) => {
    const schema = route.schema as
      { response?: Record<number, unknown>; hide?: boolean } | undefined;
    if (schema?.response === undefined || schema.hide === true) return;
    const body = [route.method].flat().some((m) => BODY_METHODS.has(m));
    schema.response = {
      ...(body ? errorResponses(413, 415, 503) : errorResponses(503)),
      ...schema.response,
    };
  });

  await app.register(multipart, {
    limits: { fileSize: deps.documents.maxBytes, files: 1, fields: 5, parts: 6 },
  });
  app.addContentTypeParser(
    [...DOCUMENT_CONTENT_TYPES],
    { parseAs: 'buffer', bodyLimit },
    (_request, body, done) => {
      done(null, body);
    },
  );

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'xuke API',
        description:
          '增值电信业务经营许可证 registry, checks and deadlines. Errors are RFC 9457 problem+json with the domain error code.',
        version: API_VERSION,
        license: { name: 'MIT', identifier: 'MIT' },
      },
      // relative: the API is served where the document is
      servers: [{ url: '/', description: 'this server' }],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description:
              'an API token (xuke token create, POST /api/v1/tokens, or the web sign-in): `Authorization: Bearer <token>`',
          },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'xuke_session',
            description:
              'a person’s browser session (POST /api/v1/session, a sign-in link, single sign-on, an invitation): `__Host-xuke_session` over https; writes also send the session’s csrfToken in `x-csrf-token`',
          },
          calendarKey: {
            type: 'apiKey',
            in: 'query',
            name: 'key',
            description:
              'the calendar feed’s secret key (POST /api/v1/calendar/keys): the feed URL is the credential',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (documentObject) => {
      const doc = withoutUnusedSchemas(jsonSchemaTransformObject(documentObject) as OpenApiObject);
      // the documents route reads raw bodies: describe them (zod has no schema for bytes)
      const post = doc.paths?.[`${API_PREFIX}/documents`]?.['post'];
      if (post) {
        post.requestBody = {
          required: true,
          content: {
            ...Object.fromEntries(
              DOCUMENT_CONTENT_TYPES.map((t) => [
                t,
                { schema: { type: 'string', format: 'binary' } },
              ]),
            ),
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: {
                  file: { type: 'string', format: 'binary' },
                  record: {
                    type: 'string',
                    contentMediaType: 'application/json',
                    description:
                      'optional: the licence record corrected by hand (JSON, as ParseResult.licence, 1 MiB at most); checked and saved in place of the parsed record',
                  },
                },
                required: ['file'],
              },
              encoding: { record: { contentType: 'application/json, text/plain' } },
            },
          },
        };
      }
      // a bulk check's customer list or ZIP of documents is its raw bytes (bulk-checks.routes.ts)
      const bulk = doc.paths?.[`${API_PREFIX}/bulk-checks`]?.['post'];
      if (bulk) {
        bulk.requestBody = {
          required: true,
          content: {
            ...Object.fromEntries(
              BULK_CHECK_CONTENT_TYPES.map((t) => [
                t,
                { schema: { type: 'string', format: 'binary' } },
              ]),
            ),
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: { file: { type: 'string', format: 'binary' } },
                required: ['file'],
              },
            },
          },
        };
      }
      // an annual report's attachment is its raw bytes (annual-reports.routes.ts)
      const attach = doc.paths?.[`${API_PREFIX}/annual-reports/{id}/attachments`]?.['post'];
      if (attach) {
        attach.requestBody = {
          required: true,
          content: Object.fromEntries(
            ['application/pdf', 'image/png', 'image/jpeg', 'text/plain'].map((t) => [
              t,
              { schema: { type: 'string', format: 'binary' } },
            ]),
          ),
        };
      }
      return doc;
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, () =>
    Promise.resolve(app.swagger()),
  );

  registerOpsRoutes(app, deps, metrics);
  registerWellKnownRoutes(app, deps, options.publicRateLimitPerMinute ?? 120);
  await registerWebAssets(app, options.webRoot);
  await app.register(
    (api: ZodApp) => {
      registerSessionRoutes(api, deps);
      registerTotpRoutes(api, deps);
      registerMemberRoutes(api, deps);
      registerOidcRoutes(api, deps, deps.oidc ?? null);
      registerLicenceRoutes(api, deps);
      registerDocumentRoutes(api, deps);
      registerDeadlineRoutes(api, deps, options.publicUrl);
      registerWebhookRoutes(api, deps);
      registerAuditRoutes(api, deps);
      registerScanRoutes(api, deps);
      registerJobRoutes(api, deps);
      registerBulkCheckRoutes(api, deps);
      registerInsightRoutes(api, deps);
      registerPublicRoutes(api, deps, options.publicRateLimitPerMinute ?? 120);
      registerAnnualReportRoutes(api, deps, options.publicRateLimitPerMinute ?? 120);
      registerTrustRoutes(api, deps, options.adminOrganisation ?? 'demo');
      registerSpotCheckRoutes(api, deps, options.publicRateLimitPerMinute ?? 120);
      registerSigningRoutes(api, deps, {
        perMinute: options.publicRateLimitPerMinute ?? 120,
        publicUrl: options.publicUrl,
      });
      return Promise.resolve();
    },
    { prefix: API_PREFIX },
  );
  // not readied here: listen() and inject() ready it, and a caller may add a route first (the bench)
  return app;
}

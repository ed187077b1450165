/** Licences: look-ups, one licence, its history and documents, its events and deadlines. */
import { assessStoredLicences } from '../../../app/trust/assess-report.js';
import { findLicences } from '../../../app/registry/find-licences.js';
import { getLicenceHistory } from '../../../app/registry/get-licence-history.js';
import { getLicence } from '../../../app/registry/get-licence.js';
import { getLicenceDocument } from '../../../app/registry/get-licence-document.js';
import { recordEvent } from '../../../app/registry/record-event.js';
import { DomainError } from '../../../core/errors.js';
import {
  isLicenceEventKind,
  isLicenceStatus,
  type LicenceStatus,
} from '../../../core/lifecycle/lifecycle.js';
import { recordObligationEvent } from '../../../app/deadlines/record-obligation-event.js';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FindCriteria, FoundLicence } from '../../../app/registry/find-licences.js';
import { actorOf, authorise } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { licenceView } from '../presenters.js';
import { paged, PageQuerySchema } from '../paging.js';
import { errorResponses } from '../problem.js';
import { BEARER, type ZodApp } from '../route-types.js';
import {
  EventBodySchema,
  HistorySchema,
  DocumentPageParams,
  DocumentParams,
  LicenceDocumentsSchema,
  LicencePageSchema,
  LicenceQuerySchema,
  LifecycleEventBodySchema,
  NumberParams,
  ObligationEventBodySchema,
  ObligationEventSchema,
  StoredLicenceSchema,
} from '../schemas.js';

export function parseStatuses(raw: string | undefined): LicenceStatus[] | undefined {
  if (raw === undefined) return undefined;
  return raw.split(',').map((s) => {
    if (!isLicenceStatus(s)) {
      throw new DomainError('INVALID_INPUT', `状态 ${s} 无效`, `Status ${s} is invalid`);
    }
    return s;
  });
}

/** The look-up query (`GET /licences`, `GET /register/licences`) as the use case's criteria. */
export function criteriaOf(q: z.infer<typeof LicenceQuerySchema>): FindCriteria {
  const statuses = parseStatuses(q.status);
  return {
    ...(q.number === undefined ? {} : { number: q.number }),
    ...(q.domain === undefined ? {} : { domain: q.domain }),
    ...(q.company === undefined ? {} : { company: q.company }),
    ...(statuses === undefined ? {} : { statuses }),
    ...(q.service === undefined ? {} : { service: q.service }),
    ...(q['expiring-within'] === undefined ? {} : { expiringWithinDays: q['expiring-within'] }),
    limit: q.limit,
    ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
  };
}

const TAGS = ['licences'];

/** The media types an original is answered as (documented in the route's responses). */
const ORIGINAL_MEDIA_TYPES = [
  'application/pdf',
  'text/plain',
  'image/png',
  'image/jpeg',
  'image/tiff',
] as const;

const binary = (types: readonly string[], description: string) => ({
  description,
  content: Object.fromEntries(
    types.map((type) => [type, { schema: z.string().meta({ format: 'binary' }) }]),
  ),
});

/**
 * The headers every original and page image carries: shown in place (对照原件), kept out of shared
 * caches, and inert should a browser be asked to run anything in it.
 */
const ORIGINAL_CACHE = 'private, max-age=300';

/** An original's bytes (or a page image), inline, never sniffed, cached privately by its ETag. */
function sendOriginal(reply: FastifyReply, mediaType: string, etag: string, bytes: Uint8Array) {
  void reply
    .type(mediaType)
    .header('content-disposition', 'inline')
    .header('content-length', String(bytes.length))
    .header('cache-control', ORIGINAL_CACHE)
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-security-policy',
      "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
    )
    .header('etag', etag);
  const body = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return reply.send(body);
}

/** 304 for a client that holds this ETag already. */
function sendNotModified(reply: FastifyReply, etag: string) {
  return reply.code(304).header('etag', etag).header('cache-control', ORIGINAL_CACHE).send(null);
}

/** Whether the request's If-None-Match names this ETag (or any: `*`). */
function notModified(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (header === undefined) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//u, ''))
    .some((t) => t === etag || t === '*');
}

/**
 * The JSON bytes of a licence view, kept per (organisation, number, version, status as of today):
 * a stored version never changes, and serialising a 5 KB record of CJK text (JSON, then UTF-8) is
 * most of what this route costs (bench/http.bench.ts). Per app, bounded.
 */
function serializedViews(max = 2000): (l: FoundLicence) => Buffer {
  const bodies = new Map<string, Buffer>();
  return (l) => {
    const key = `${l.organisation}\u0000${l.number}\u0000${l.version}\u0000${l.updatedAt}\u0000${l.currentStatus}`;
    let body = bodies.get(key);
    if (body === undefined) {
      body = Buffer.from(JSON.stringify(licenceView(l)), 'utf8');
      if (bodies.size >= max) bodies.clear();
      bodies.set(key, body);
    }
    return body;
  };
}

export function registerLicenceRoutes(app: ZodApp, deps: HttpDeps): void {
  const serialized = serializedViews();
  app.get(
    '/licences',
    {
      schema: {
        tags: TAGS,
        operationId: 'findLicences',
        summary: 'Find licences (filters combine with AND), paged by cursor',
        security: BEARER,
        querystring: LicenceQuerySchema,
        response: { 200: LicencePageSchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const who = authorise(request, 'read-licences');
      const page = await findLicences(criteriaOf(request.query), actorOf(who), deps.registry);
      const trust = await assessStoredLicences(page.items, who.organisation, deps.registry);
      return {
        items: page.items.map((l, i) => ({ ...licenceView(l), trust: trust[i] ?? null })),
        next: page.next,
      };
    },
  );

  app.get(
    '/licences/:number',
    {
      schema: {
        tags: TAGS,
        operationId: 'getLicence',
        summary: 'One licence, current record and status',
        security: BEARER,
        params: NumberParams,
        response: { 200: StoredLicenceSchema, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'read-licences');
      const found = await getLicence(request.params.number, actorOf(who), deps.registry);
      // already JSON: sent as is (the StoredLicence schema above documents it)
      return reply
        .type('application/json; charset=utf-8')
        .send(serialized(found) as unknown as ReturnType<typeof licenceView>);
    },
  );

  app.get(
    '/licences/:number/history',
    {
      schema: {
        tags: TAGS,
        operationId: 'getLicenceHistory',
        summary: 'Every version and lifecycle event, oldest first',
        security: BEARER,
        params: NumberParams,
        response: { 200: HistorySchema, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const who = authorise(request, 'read-licences');
      const h = await getLicenceHistory(request.params.number, actorOf(who), deps.registry);
      return { licence: licenceView(h.licence), versions: h.versions, events: h.events };
    },
  );

  app.get(
    '/licences/:number/documents',
    {
      schema: {
        tags: TAGS,
        operationId: 'listLicenceDocuments',
        summary: 'The source documents the versions were read from (sha256), by version, paged',
        security: BEARER,
        params: NumberParams,
        querystring: PageQuerySchema,
        response: { 200: LicenceDocumentsSchema, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const who = authorise(request, 'read-licences');
      const h = await getLicenceHistory(request.params.number, actorOf(who), deps.registry);
      return paged(
        h.versions.flatMap((v) =>
          v.documentSha256 === null
            ? []
            : [{ version: v.version, sha256: v.documentSha256, recordedAt: v.recordedAt }],
        ),
        (d) => [d.version],
        ['asc'],
        request.query,
        request.query,
      );
    },
  );

  app.get(
    '/licences/:number/documents/:sha256',
    {
      schema: {
        tags: TAGS,
        operationId: 'getLicenceDocument',
        summary:
          'The original document a version was read from, as stored (inline, its format’s type); 404 unless a version of this licence in the caller’s organisation cites it',
        security: BEARER,
        params: DocumentParams,
        response: {
          200: binary(ORIGINAL_MEDIA_TYPES, 'the original, byte for byte'),
          304: z.null().describe('not modified (If-None-Match): no body'),
          ...errorResponses(400, 401, 403, 404, 429),
        },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'read-licences');
      const { number, sha256 } = request.params;
      const doc = await getLicenceDocument(number, sha256, actorOf(who), deps.registry);
      const etag = `"${doc.sha256}"`;
      if (notModified(request, etag)) {
        return sendNotModified(reply, etag);
      }
      return sendOriginal(reply, deps.originals.mediaType(doc), etag, doc.bytes);
    },
  );

  app.get(
    '/licences/:number/documents/:sha256/pages/:page',
    {
      schema: {
        tags: TAGS,
        operationId: 'getLicenceDocumentPage',
        summary:
          'One page of an original as an upright image (a PDF page rasterised at 150 dpi as PNG; a scan turned upright by its orientation tag, as JPEG); 404 for a text document, a page past the last, or a document that is not this licence’s',
        security: BEARER,
        params: DocumentPageParams,
        response: {
          200: binary(['image/png', 'image/jpeg'], 'the page'),
          304: z.null().describe('not modified (If-None-Match): no body'),
          ...errorResponses(400, 401, 403, 404, 422, 429),
        },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'read-licences');
      const { number, sha256 } = request.params;
      const page = Number(request.params.page);
      const doc = await getLicenceDocument(number, sha256, actorOf(who), deps.registry);
      const etag = `"${doc.sha256}-p${page}"`;
      if (notModified(request, etag)) {
        return sendNotModified(reply, etag);
      }
      const image = await deps.originals.renderPage(
        doc,
        page,
        `${doc.number} ${doc.sha256.slice(0, 12)}`,
      );
      void reply.header('x-page-count', String(image.pages));
      return sendOriginal(reply, image.mediaType, etag, image.bytes);
    },
  );

  app.post(
    '/licences/:number/events',
    {
      schema: {
        tags: TAGS,
        operationId: 'recordLicenceEvent',
        summary:
          'Record a holder’s lifecycle event on its declared copy (renewal applied, annual report filed, changed; the issuer’s decisions are the register’s: 403) or an obligation event (starts a deadline)',
        security: BEARER,
        params: NumberParams,
        body: EventBodySchema,
        response: {
          201: z.union([StoredLicenceSchema, ObligationEventSchema]),
          ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429),
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      if (!('kind' in body) || !isLicenceEventKind(body.kind)) {
        const who = authorise(request, 'write-licences');
        const ob = body as z.infer<typeof ObligationEventBodySchema>;
        const recorded = await recordObligationEvent(
          request.params.number,
          { kind: ob.kind, date: ob.date, ...(ob.note === undefined ? {} : { note: ob.note }) },
          actorOf(who),
          { ...deps.registry, events: deps.obligations, secrets: deps.access.secrets },
        );
        return reply.code(201).send(recorded);
      }
      const kind = body.kind;
      // the issuer's decisions are refused by the use case (FORBIDDEN): they belong to the register
      const who = authorise(request, 'write-licences');
      const b = body as z.infer<typeof LifecycleEventBodySchema>;
      const stored = await recordEvent(
        request.params.number,
        {
          kind,
          ...(b.on === undefined ? {} : { on: b.on }),
          ...(b.note === undefined ? {} : { note: b.note }),
          ...(b.expiresOn === undefined ? {} : { expiresOn: b.expiresOn }),
          ...(b.year === undefined ? {} : { year: b.year }),
          ...(b.expectedVersion === undefined ? {} : { expectedVersion: b.expectedVersion }),
        },
        actorOf(who),
        deps.registry,
      );
      return reply.code(201).send(licenceView(stored));
    },
  );
}

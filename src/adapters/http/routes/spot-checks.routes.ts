/**
 * Random spot checks (双随机、一公开, docs/spot-checks.md): an authority draws the licences to inspect
 * and their inspectors, reproducibly from a published seed, and records each inspection's result;
 * anyone reads the published draw and recomputes it.
 *
 *   POST /spot-checks                      an authority's admin or member: draw
 *   GET  /spot-checks, /spot-checks/{id}   the authority's own draws
 *   POST /spot-checks/{id}/results         record a drawn licence's inspection
 *   GET  /public/spot-checks/{id}          the published record (no token, rate-limited)
 *   GET  /public/spot-checks?authority=    an authority's draws (no token, rate-limited)
 */
import { addressBucket } from '../rate-limits.js';
import { drawSpotCheck } from '../../../app/spot-checks/draw-spot-check.js';
import { getSpotCheck, listSpotChecks } from '../../../app/spot-checks/get-spot-check.js';
import {
  getPublicSpotCheck,
  listPublicSpotChecks,
} from '../../../app/spot-checks/public-spot-checks.js';
import { recordSpotCheckResult } from '../../../app/spot-checks/record-spot-check-result.js';
import { actorOf, authorise } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { paged, pageQuery } from '../paging.js';
import { errorResponses } from '../problem.js';
import { BEARER, NO_TOKEN, type ZodApp } from '../route-types.js';
import {
  PublicSpotCheckListSchema,
  PublicSpotCheckQuerySchema,
  PublicSpotCheckSchema,
  SpotCheckDrawBodySchema,
  SpotCheckListSchema,
  SpotCheckParams,
  SpotCheckQuerySchema,
  SpotCheckResultBodySchema,
  SpotCheckSchema,
} from '../spot-check-schemas.js';

export function registerSpotCheckRoutes(app: ZodApp, deps: HttpDeps, perMinute: number): void {
  const spotChecks = deps.spotChecks;
  const publicConfig = {
    public: true,
    rateLimit: {
      max: perMinute,
      timeWindow: '1 minute',
      keyGenerator: (request: { ip: string }) => `public:${addressBucket(request.ip)}`,
    },
  };

  app.post(
    '/spot-checks',
    {
      schema: {
        tags: ['spot-checks'],
        operationId: 'drawSpotCheck',
        summary:
          'Draw spot checks (双随机): licences from the caller’s register and inspectors for each, none in conflict, from a fresh published seed',
        security: BEARER,
        body: SpotCheckDrawBodySchema,
        response: { 201: SpotCheckSchema, ...errorResponses(400, 401, 403, 409, 429) },
      },
    },
    async (request, reply) => {
      const p = authorise(request, 'write-register');
      const b = request.body;
      const drawn = await drawSpotCheck(
        {
          year: b.year,
          count: b.count,
          inspectors: b.inspectors,
          ...(b.inspectorsPerCheck === undefined
            ? {}
            : { inspectorsPerCheck: b.inspectorsPerCheck }),
          ...(b.conflicts === undefined ? {} : { conflicts: b.conflicts }),
          ...(b.population === undefined ? {} : { population: b.population }),
        },
        actorOf(p),
        spotChecks,
      );
      return reply.code(201).send(drawn);
    },
  );

  app.get(
    '/spot-checks',
    {
      schema: {
        tags: ['spot-checks'],
        operationId: 'listSpotChecks',
        summary:
          'The caller’s (an authority’s) spot-check draws, newest first, with their progress, paged by cursor',
        security: BEARER,
        querystring: SpotCheckQuerySchema.extend(pageQuery()),
        response: { 200: SpotCheckListSchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const p = authorise(request, 'read-licences');
      const year = request.query.year;
      return paged(
        await listSpotChecks(actorOf(p), year === undefined ? {} : { year }, spotChecks),
        (c) => [c.createdAt, c.id],
        ['desc', 'asc'],
        request.query,
        request.query,
      );
    },
  );

  app.get(
    '/spot-checks/:id',
    {
      schema: {
        tags: ['spot-checks'],
        operationId: 'getSpotCheck',
        summary:
          'One of the caller’s spot-check draws: seed, inputs, result, and each check’s result with who recorded it',
        security: BEARER,
        params: SpotCheckParams,
        response: { 200: SpotCheckSchema, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const p = authorise(request, 'read-licences');
      return getSpotCheck(request.params.id, actorOf(p), spotChecks);
    },
  );

  app.post(
    '/spot-checks/:id/results',
    {
      schema: {
        tags: ['spot-checks'],
        operationId: 'recordSpotCheckResult',
        summary:
          'Record a drawn licence’s inspection: planned → done with its outcome, note, day and finding (once)',
        security: BEARER,
        params: SpotCheckParams,
        body: SpotCheckResultBodySchema,
        response: { 201: SpotCheckSchema, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const p = authorise(request, 'write-register');
      const b = request.body;
      const updated = await recordSpotCheckResult(
        request.params.id,
        {
          number: b.number,
          outcome: b.outcome,
          note: b.note,
          ...(b.on === undefined ? {} : { on: b.on }),
          ...(b.finding === undefined ? {} : { finding: b.finding }),
        },
        actorOf(p),
        spotChecks,
      );
      return reply.code(201).send(updated);
    },
  );

  app.get(
    '/public/spot-checks/:id',
    {
      config: publicConfig,
      schema: {
        tags: ['public'],
        operationId: 'getPublicSpotCheck',
        summary:
          'A spot-check draw as published (一公开): seed, inputs, result and each check’s result; recompute it with xuke spot-check verify',
        security: NO_TOKEN,
        params: SpotCheckParams,
        response: { 200: PublicSpotCheckSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (request) => getPublicSpotCheck(request.params.id, spotChecks),
  );

  app.get(
    '/public/spot-checks',
    {
      config: publicConfig,
      schema: {
        tags: ['public'],
        operationId: 'listPublicSpotChecks',
        summary:
          'An authority’s published spot-check draws, newest first (by the day drawn), with their progress, paged by cursor',
        security: NO_TOKEN,
        querystring: PublicSpotCheckQuerySchema.extend(pageQuery()),
        response: { 200: PublicSpotCheckListSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (request) => {
      const { authority, year } = request.query;
      return paged(
        await listPublicSpotChecks(authority, year === undefined ? {} : { year }, spotChecks),
        (c) => [c.drawnOn, c.id],
        ['desc', 'asc'],
        request.query,
        request.query,
      );
    },
  );
}

/**
 * GET /api/v1/public/licences/{number}: the public verification. No token; rate-limited per
 * address. Answers from one organisation (the issuing authority's registry) and shows only what a
 * licence's public notice shows: status, holder name, services and coverage, websites, validity.
 */
import { getLicence } from '../../../app/get-licence.js';
import type { FoundLicence } from '../../../app/find-licences.js';
import type { HttpDeps } from '../http-deps.js';
import { errorResponses } from '../problem.js';
import type { ZodApp } from '../route-types.js';
import { NumberParams, PublicLicenceSchema } from '../schemas.js';

/** Built field by field: a private field added to the record later never leaks by default. */
export function publicView(l: FoundLicence) {
  const r = l.licence;
  return {
    number: l.number,
    status: l.currentStatus,
    holder: r.holder.name,
    services: r.services.map((s) => ({
      code: s.code,
      name: s.name,
      qualifier: s.qualifier,
      includes: s.includes,
      excludes: s.excludes,
      coverage: s.coverage,
    })),
    websites: r.websites.map((w) => ({ name: w.name, domains: w.domains })),
    issuer: r.issuer,
    issuedOn: r.issuedOn,
    validFrom: r.validFrom,
    expiresOn: r.expiresOn,
  };
}

export function registerPublicRoutes(
  app: ZodApp,
  deps: HttpDeps,
  organisation: string,
  perMinute: number,
): void {
  app.get(
    '/public/licences/:number',
    {
      config: {
        public: true,
        rateLimit: {
          max: perMinute,
          timeWindow: '1 minute',
          keyGenerator: (request) => `public:${request.ip}`,
        },
      },
      schema: {
        tags: ['public'],
        summary: 'Verify a licence: status, holder, services and coverage, websites, validity',
        params: NumberParams,
        response: { 200: PublicLicenceSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (request) =>
      publicView(
        await getLicence(request.params.number, { organisation, actor: 'public' }, deps.registry),
      ),
  );
}

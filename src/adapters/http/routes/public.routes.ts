/**
 * GET /api/v1/public/licences/{number}: the public verification. No token; rate-limited per
 * address. Answers from the issuing authorities' registers only (docs/trust.md), with the
 * authority's name, the provenance and the register's last change; a number held only as
 * declarations is 404 NOT_IN_REGISTER linking to the official query, unless an organisation opted in
 * to publishing its declared records (then marked as such). Shows only what a licence's public
 * notice shows: status, holder name, services and coverage, websites, validity.
 */
import { addressBucket } from '../rate-limits.js';
import {
  publicAnnualRecords,
  type PublicListing,
  type PublicReport,
} from '../../../app/annual-report/issuer-records.js';
import { verifyPublicLicence, type PublicAnswer } from '../../../app/trust/verify-public.js';
import type { HttpDeps } from '../http-deps.js';
import { errorResponses } from '../problem.js';
import { NO_TOKEN, type ZodApp } from '../route-types.js';
import { NumberParams, PublicLicenceSchema } from '../schemas.js';

/** Built field by field: a private field added to the record later never leaks by default. */
export function publicView(
  a: PublicAnswer,
  annual: { annualReports: readonly PublicReport[]; creditListings: readonly PublicListing[] } = {
    annualReports: [],
    creditListings: [],
  },
) {
  const r = a.licence;
  return {
    number: a.number,
    status: a.status,
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
    provenance: a.provenance,
    authority: a.authority,
    registerVersion: a.registerVersion,
    registerUpdatedAt: a.registerUpdatedAt,
    verificationUrl: `/verify/${encodeURIComponent(a.number)}`,
    notice: a.notice,
    noticeEn: a.noticeEn,
    annualReports: annual.annualReports.map((r) => ({
      year: r.year,
      filedOn: r.filedOn,
      acceptedOn: r.acceptedOn,
      items: r.items.map((i) => ({ ...i, withheld: [...i.withheld] })),
    })),
    creditListings: [...annual.creditListings],
  };
}

export function registerPublicRoutes(app: ZodApp, deps: HttpDeps, perMinute: number): void {
  app.get(
    '/public/licences/:number',
    {
      config: {
        public: true,
        rateLimit: {
          max: perMinute,
          timeWindow: '1 minute',
          keyGenerator: (request) => `public:${addressBucket(request.ip)}`,
        },
      },
      schema: {
        tags: ['public'],
        operationId: 'verifyPublicLicence',
        security: NO_TOKEN,
        summary:
          'Verify a licence against the issuing authorities’ registers: status, holder, services and coverage, websites, validity, provenance',
        params: NumberParams,
        response: { 200: PublicLicenceSchema, ...errorResponses(400, 404, 429) },
      },
    },
    async (request) => {
      const answer = await verifyPublicLicence(request.params.number, deps.registry);
      // the cycle's public part, as the register's authority recorded it; none for a declared copy
      const annual =
        answer.authority === null || answer.provenance !== 'issued'
          ? undefined
          : await publicAnnualRecords(answer.number, answer.authority.id, deps.annualReports);
      return publicView(answer, annual);
    },
  );
}

/**
 * The annual-report cycle over HTTP (docs/annual-report.md). Holders: draft, save, attach, sign
 * off, submit, print. Authorities: the reports submitted to them, decisions, the cycle of their
 * register (who has filed), make-up orders, the credit lists, the overview. The public: the lists.
 */
import { addressBucket } from '../rate-limits.js';
import { Readable } from 'node:stream';
import { z } from 'zod';
import {
  addListing,
  annualReportCycle,
  annualReportOverview,
  decideAnnualReport,
  listListings,
  listSubmittedReports,
  orderAllLate,
  orderMakeUp,
  removeListing,
} from '../../../app/annual-report/authority.js';
import { visibleReport } from '../../../app/annual-report/annual-report-deps.js';
import { publicListing } from '../../../app/annual-report/issuer-records.js';
import {
  attachToAnnualReport,
  draftAnnualReport,
  listOwnReports,
  saveAnnualReport,
  signOffAnnualReport,
  submitAnnualReport,
} from '../../../app/annual-report/holder.js';
import { viewReport } from '../../../app/annual-report/report-view.js';
import { DomainError } from '../../../core/errors.js';
import type { CreditList, StoredReport } from '../../../ports/annual-report-store.js';
import {
  AnnualReportListSchema,
  AnnualReportSchema,
  AttachmentParams,
  AttachmentQuerySchema,
  CreditListEntrySchema,
  CycleSchema,
  DecisionBodySchema,
  DraftBodySchema,
  ListingBodySchema,
  ListingQuerySchema,
  MakeUpOrderSchema,
  OrderBodySchema,
  OverviewSchema,
  PublicListingQuerySchema,
  PublicListingSchema,
  RemovalBodySchema,
  ReportIdParams,
  ReportListQuerySchema,
  SaveBodySchema,
  SubmitBodySchema,
  VersionBodySchema,
  YearQuerySchema,
} from '../annual-report-schemas.js';
import { actorOf, authorise } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { pageOf, paged, pageQuery } from '../paging.js';
import { errorResponses } from '../problem.js';
import { BEARER, NO_TOKEN, type ZodApp } from '../route-types.js';
import { NumberParams } from '../schemas.js';
import { creditListCsv } from '../../credit-list-csv.js';

const BASE = '/api/v1/annual-reports';

function summaryOf(r: StoredReport) {
  return {
    id: r.id,
    organisation: r.organisation,
    number: r.number,
    year: r.year,
    status: r.status,
    holderName: r.holderName,
    creditCode: r.creditCode,
    authority: r.authority,
    version: r.version,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    signedOffBy: r.signedOffBy,
    signedOffAt: r.signedOffAt,
    submittedAt: r.submittedAt,
    decidedAt: r.decidedAt,
    decidedBy: r.decidedBy,
    services: [...r.prefill.services],
    history: [...r.history],
    attachments: r.attachments.map((a) => ({
      ...a,
      url: `${BASE}/${encodeURIComponent(r.id)}/attachments/${encodeURIComponent(a.id)}`,
    })),
    pdfUrl: `${BASE}/${encodeURIComponent(r.id)}/pdf`,
  };
}

export function reportBody(r: StoredReport) {
  const view = viewReport(r);
  return {
    ...summaryOf(r),
    items: view.items.map((i) => ({
      ...i,
      facts: [...i.facts],
      fields: [...i.fields],
      problems: [...i.problems],
    })),
    problems: [...view.problems],
    complete: view.complete,
    publicPreview: view.publicPreview.map((p) => ({ ...p, withheld: [...p.withheld] })),
  };
}

function listSummary(r: StoredReport) {
  const view = viewReport(r);
  return { ...summaryOf(r), problems: [...view.problems], complete: view.complete };
}

/** The list query as the use case takes it. */
function listingFilter(q: {
  list?: CreditList | undefined;
  current?: boolean | undefined;
  number?: string | undefined;
}) {
  return {
    ...(q.list === undefined ? {} : { list: q.list }),
    ...(q.current === undefined ? {} : { current: q.current }),
    ...(q.number === undefined ? {} : { number: q.number }),
  };
}

export function registerAnnualReportRoutes(app: ZodApp, deps: HttpDeps, perMinute: number): void {
  const ar = deps.annualReports;

  app.post(
    '/licences/:number/annual-reports',
    {
      schema: {
        tags: ['annual-reports'],
        operationId: 'draftAnnualReport',
        summary:
          'Draft the annual report on a licence and year, pre-filled from what xuke knows (the holder)',
        security: BEARER,
        params: NumberParams,
        body: DraftBodySchema,
        response: { 201: AnnualReportSchema, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const p = authorise(request, 'file-annual-reports');
      const r = await draftAnnualReport(request.params.number, request.body.year, actorOf(p), ar);
      return reply.code(201).send(reportBody(r));
    },
  );

  app.get(
    '/annual-reports',
    {
      schema: {
        tags: ['annual-reports'],
        operationId: 'listAnnualReports',
        summary:
          'The caller’s annual reports (holder), or those submitted to it (authority, side=authority); newest year first, then by number; paged by cursor',
        security: BEARER,
        querystring: ReportListQuerySchema,
        response: { 200: AnnualReportListSchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const p = authorise(request, 'read-licences');
      const q = request.query;
      const filter = {
        ...(q.year === undefined ? {} : { year: q.year }),
        ...(q.status === undefined ? {} : { status: q.status }),
        ...(q.number === undefined ? {} : { number: q.number }),
      };
      const items =
        q.side === 'authority'
          ? await listSubmittedReports(actorOf(p), filter, ar)
          : await listOwnReports(actorOf(p), filter, ar);
      const page = paged(items, (r) => [r.year, r.number, r.id], ['desc', 'asc', 'asc'], q, q);
      return { items: page.items.map(listSummary), next: page.next };
    },
  );

  app.get(
    '/annual-reports/:id',
    {
      schema: {
        tags: ['annual-reports'],
        operationId: 'getAnnualReport',
        summary: 'One annual report with its items, facts, fields still to complete and problems',
        security: BEARER,
        params: ReportIdParams,
        response: { 200: AnnualReportSchema, ...errorResponses(401, 403, 404, 429) },
      },
    },
    async (request) => {
      const p = authorise(request, 'read-licences');
      return reportBody(await visibleReport(request.params.id, actorOf(p), ar));
    },
  );

  app.put(
    '/annual-reports/:id/answers',
    {
      bodyLimit: 512 * 1024,
      schema: {
        tags: ['annual-reports'],
        operationId: 'saveAnnualReport',
        summary: 'Save the answers (a signed-off or returned report goes back to draft)',
        security: BEARER,
        params: ReportIdParams,
        body: SaveBodySchema,
        response: { 200: AnnualReportSchema, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => {
      const p = authorise(request, 'file-annual-reports');
      const r = await saveAnnualReport(request.params.id, request.body, actorOf(p), ar);
      return reportBody(r);
    },
  );

  app.post(
    '/annual-reports/:id/attachments',
    {
      schema: {
        tags: ['annual-reports'],
        operationId: 'attachToAnnualReport',
        summary:
          'Attach a file (PDF, PNG, JPEG or plain text, ≤ 10 MB) to an item: the raw bytes, with the item, name and version in the query',
        security: BEARER,
        params: ReportIdParams,
        querystring: AttachmentQuerySchema,
        response: {
          201: AnnualReportSchema,
          ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429),
        },
      },
    },
    async (request, reply) => {
      const p = authorise(request, 'file-annual-reports');
      const body = request.body;
      if (!(body instanceof Uint8Array)) {
        throw new DomainError(
          'UNSUPPORTED_FORMAT',
          '请以文件的原始字节上传附件，并用 Content-Type 标明 PDF、PNG、JPEG 或纯文本',
          'Upload the attachment as its raw bytes, with Content-Type PDF, PNG, JPEG or plain text',
        );
      }
      const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
      const r = await attachToAnnualReport(
        request.params.id,
        { ...request.query, mediaType, bytes: new Uint8Array(body) },
        actorOf(p),
        ar,
      );
      return reply.code(201).send(reportBody(r));
    },
  );

  app.get(
    '/annual-reports/:id/attachments/:attachment',
    {
      schema: {
        tags: ['annual-reports'],
        operationId: 'downloadAnnualReportAttachment',
        summary: 'An attachment’s bytes',
        security: BEARER,
        params: AttachmentParams,
        response: {
          200: z.any().describe('the file, as uploaded'),
          ...errorResponses(401, 403, 404, 429),
        },
      },
    },
    async (request, reply) => {
      const p = authorise(request, 'read-licences');
      const { id, attachment } = request.params;
      await visibleReport(id, actorOf(p), ar);
      const found = await ar.reports.readAttachment(id, attachment);
      if (found === undefined) {
        throw new DomainError(
          'NOT_FOUND',
          `年报 ${id} 没有附件 ${attachment}`,
          `Report ${id} has no attachment ${attachment}`,
        );
      }
      return reply
        .header('content-type', found.attachment.mediaType)
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-disposition',
          `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(found.attachment.name)}`,
        )
        .send(Buffer.from(found.bytes));
    },
  );

  app.post(
    '/annual-reports/:id/sign-off',
    {
      schema: {
        tags: ['annual-reports'],
        operationId: 'signOffAnnualReport',
        summary:
          'Sign a complete report off inside the holder (an admin); an incomplete one is refused with every item named',
        security: BEARER,
        params: ReportIdParams,
        body: VersionBodySchema,
        response: { 200: AnnualReportSchema, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => {
      const p = authorise(request, 'sign-off-annual-reports');
      return reportBody(await signOffAnnualReport(request.params.id, request.body, actorOf(p), ar));
    },
  );

  app.post(
    '/annual-reports/:id/submit',
    {
      schema: {
        tags: ['annual-reports'],
        operationId: 'submitAnnualReport',
        summary: 'Submit a signed-off report to the authority whose jurisdiction covers the number',
        security: BEARER,
        params: ReportIdParams,
        body: SubmitBodySchema,
        response: { 200: AnnualReportSchema, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => {
      const p = authorise(request, 'file-annual-reports');
      const b = request.body;
      return reportBody(
        await submitAnnualReport(
          request.params.id,
          {
            expectedVersion: b.expectedVersion,
            ...(b.authority === undefined ? {} : { authority: b.authority }),
          },
          actorOf(p),
          ar,
        ),
      );
    },
  );

  app.post(
    '/annual-reports/:id/decision',
    {
      schema: {
        tags: ['annual-reports'],
        operationId: 'decideAnnualReport',
        summary:
          'Accept a submitted report, or return it with reasons (the authority it was submitted to)',
        security: BEARER,
        params: ReportIdParams,
        body: DecisionBodySchema,
        response: { 200: AnnualReportSchema, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => {
      const p = authorise(request, 'write-register');
      const b = request.body;
      return reportBody(
        await decideAnnualReport(
          request.params.id,
          {
            decision: b.decision,
            expectedVersion: b.expectedVersion,
            ...(b.reason === undefined ? {} : { reason: b.reason }),
            ...(b.decisionNumber === undefined ? {} : { decisionNumber: b.decisionNumber }),
          },
          actorOf(p),
          ar,
        ),
      );
    },
  );

  app.get(
    '/annual-reports/:id/pdf',
    {
      schema: {
        tags: ['annual-reports'],
        operationId: 'printAnnualReport',
        summary: 'The report as a printable zh-CN A4 PDF',
        security: BEARER,
        params: ReportIdParams,
        response: {
          200: z.any().describe('application/pdf'),
          ...errorResponses(401, 403, 404, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const p = authorise(request, 'read-licences');
      const r = await visibleReport(request.params.id, actorOf(p), ar);
      if (deps.renderAnnualReportPdf === undefined) {
        throw new DomainError(
          'RENDERER_UNAVAILABLE',
          '本服务未配置 PDF 打印',
          'This service cannot print PDFs',
        );
      }
      let pdf: Uint8Array;
      try {
        pdf = await deps.renderAnnualReportPdf(viewReport(r));
      } catch (e) {
        const zh = e instanceof Error ? e.message : String(e);
        const en = (e as { messageEn?: unknown }).messageEn;
        throw new DomainError('RENDERER_UNAVAILABLE', zh, typeof en === 'string' ? en : zh, {
          cause: e,
        });
      }
      return reply
        .header('content-type', 'application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="annual-report-${r.year}.pdf"; filename*=UTF-8''${encodeURIComponent(`${r.number}-${r.year}年度年报.pdf`)}`,
        )
        .send(Readable.from(Buffer.from(pdf)));
    },
  );

  app.get(
    '/annual-report-cycle',
    {
      schema: {
        tags: ['annual-reports'],
        operationId: 'getAnnualReportCycle',
        summary:
          'Every licence of the caller’s register that owes the year’s report, and how it stands',
        security: BEARER,
        querystring: YearQuerySchema,
        response: { 200: CycleSchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const p = authorise(request, 'read-licences');
      const items = await annualReportCycle(request.query.year, actorOf(p), ar);
      return {
        year: request.query.year,
        items: items.map((i) => ({ ...i, services: [...i.services] })),
      };
    },
  );

  app.get(
    '/annual-report-cycle/overview',
    {
      schema: {
        tags: ['annual-reports'],
        operationId: 'getAnnualReportOverview',
        summary:
          'The cycle’s figures: filing rate by region and by service, late filers, listed holders',
        security: BEARER,
        querystring: YearQuerySchema,
        response: { 200: OverviewSchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const p = authorise(request, 'read-licences');
      const o = await annualReportOverview(request.query.year, actorOf(p), ar);
      return { ...o, byRegion: [...o.byRegion], byService: [...o.byService] };
    },
  );

  app.post(
    '/make-up-orders',
    {
      schema: {
        tags: ['annual-reports'],
        operationId: 'orderMakeUp',
        summary:
          'Order a late filer (or every late filer of the year) to make up its report within one month (art. 38)',
        security: BEARER,
        body: OrderBodySchema,
        response: {
          201: z.object({ items: z.array(MakeUpOrderSchema) }),
          ...errorResponses(400, 401, 403, 404, 409, 429),
        },
      },
    },
    async (request, reply) => {
      const p = authorise(request, 'write-register');
      const b = request.body;
      const input = {
        year: b.year,
        decisionNumber: b.decisionNumber,
        ...(b.on === undefined ? {} : { on: b.on }),
        ...(b.reason === undefined ? {} : { reason: b.reason }),
      };
      const items =
        b.number === undefined
          ? await orderAllLate(input, actorOf(p), ar)
          : [await orderMakeUp(b.number, input, actorOf(p), ar)];
      return reply.code(201).send({ items });
    },
  );

  app.post(
    '/credit-lists/entries',
    {
      schema: {
        tags: ['annual-reports'],
        operationId: 'addCreditListing',
        summary:
          'Put a holder of the caller’s register on the 不良名单 (or 失信名单), within 30 days of the decision',
        security: BEARER,
        body: ListingBodySchema,
        response: { 201: CreditListEntrySchema, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const p = authorise(request, 'write-register');
      const b = request.body;
      const entry = await addListing(
        b.number,
        {
          reasonKind: b.reasonKind,
          decidedOn: b.decidedOn,
          ...(b.list === undefined ? {} : { list: b.list }),
          ...(b.year === undefined ? {} : { year: b.year }),
          ...(b.listedOn === undefined ? {} : { listedOn: b.listedOn }),
          ...(b.reason === undefined ? {} : { reason: b.reason }),
        },
        actorOf(p),
        ar,
      );
      return reply.code(201).send(entry);
    },
  );

  app.post(
    '/credit-lists/entries/:id/removal',
    {
      schema: {
        tags: ['annual-reports'],
        operationId: 'removeCreditListing',
        summary: 'Take an entry off its list (a missing report’s only once the report is accepted)',
        security: BEARER,
        params: ReportIdParams,
        body: RemovalBodySchema,
        response: { 200: CreditListEntrySchema, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request) => {
      const p = authorise(request, 'write-register');
      const b = request.body;
      return removeListing(
        request.params.id,
        {
          ...(b.on === undefined ? {} : { on: b.on }),
          ...(b.reason === undefined ? {} : { reason: b.reason }),
        },
        actorOf(p),
        ar,
      );
    },
  );

  app.get(
    '/credit-lists/entries',
    {
      schema: {
        tags: ['annual-reports'],
        operationId: 'listCreditListings',
        summary:
          'The caller’s list entries (an authority), latest listed first, paged by cursor; /export for all of them as CSV',
        security: BEARER,
        querystring: ListingQuerySchema.extend(pageQuery()),
        response: {
          200: pageOf(CreditListEntrySchema),
          ...errorResponses(400, 401, 403, 429),
        },
      },
    },
    async (request) => {
      const p = authorise(request, 'read-licences');
      const q = request.query;
      return paged(
        await listListings(actorOf(p), listingFilter(q), ar),
        (e) => [e.listedOn, e.number, e.id],
        ['desc', 'asc', 'asc'],
        q,
        q,
      );
    },
  );

  app.get(
    '/credit-lists/entries/export',
    {
      schema: {
        tags: ['annual-reports'],
        operationId: 'exportCreditListings',
        summary:
          'The caller’s list entries as CSV (经营者名称、统一社会信用代码、许可证编号、处理日期、列入事由、列入单位 …)',
        security: BEARER,
        querystring: ListingQuerySchema,
        produces: ['text/csv'],
        response: { 200: z.string(), ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const p = authorise(request, 'export');
      const items = await listListings(actorOf(p), listingFilter(request.query), ar);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="credit-list.csv"')
        .send(creditListCsv(items));
    },
  );

  app.get(
    '/public/credit-lists',
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
        operationId: 'listPublicCreditListings',
        summary:
          'The current 不良名单 and 失信名单 entries of every authority on this instance, latest listed first, paged by cursor',
        security: NO_TOKEN,
        querystring: PublicListingQuerySchema.extend(pageQuery()),
        response: {
          200: pageOf(PublicListingSchema),
          ...errorResponses(400, 429),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const entries = await ar.reports.listListings({
        current: true,
        ...(q.list === undefined ? {} : { list: q.list }),
      });
      const page = paged(
        entries,
        (e) => [e.listedOn, e.number, e.id],
        ['desc', 'asc', 'asc'],
        q,
        q,
      );
      return { items: page.items.map(publicListing), next: page.next };
    },
  );
}

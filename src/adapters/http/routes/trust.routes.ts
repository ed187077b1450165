/**
 * Trust (docs/trust.md): organisations and their kinds, the register an authority keeps, official
 * query confirmations, and a stored licence's comparison with the register.
 *
 *   GET  /organisations, POST /organisations       the instance's administrator
 *   POST /session/switch                           the administrator: an admin token of another organisation
 *   GET  /organisation, PUT /organisation/settings the caller's own organisation
 *   GET  /register/licences, POST /register/licences, POST /register/licences/{number}/events
 *   POST /confirmations, GET /confirmations?number=
 *   GET  /licences/{number}/trust
 */
import type { Principal } from '../../../app/access/access-deps.js';
import { assessStoredLicences } from '../../../app/trust/assess-report.js';
import { listConfirmations, recordConfirmation } from '../../../app/trust/confirmations.js';
import { createApiToken } from '../../../app/access/create-api-token.js';
import { findLicences } from '../../../app/registry/find-licences.js';
import { getLicence } from '../../../app/registry/get-licence.js';
import { createOrganisation, getOwnOrganisation } from '../../../app/trust/organisations.js';
import { issueLicence, recordRegisterEvent } from '../../../app/trust/register.js';
import { sniffDocumentFormat } from '../../../core/document-format.js';
import { describeActor } from '../../../core/actor.js';
import { DomainError } from '../../../core/errors.js';
import { LICENCE_STATUSES } from '../../../core/lifecycle/lifecycle.js';
import { actorOf, authorise } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { confirmationView, licenceView } from '../presenters.js';
import { pageOf, pageQuery, paged, PageQuerySchema } from '../paging.js';
import { errorResponses } from '../problem.js';
import { BEARER, type ZodApp } from '../route-types.js';
import {
  ConfirmationBodySchema,
  ConfirmationQuerySchema,
  ConfirmationSchema,
  IssueBodySchema,
  LicenceTrustSchema,
  NumberParams,
  OrganisationBodySchema,
  OrganisationSchema,
  OrganisationSettingsBodySchema,
  RegisterEventBodySchema,
  RegisterPageSchema,
  RegisterQuerySchema,
  StoredLicenceSchema,
  SwitchBodySchema,
  SwitchResultSchema,
} from '../schemas.js';
import { criteriaOf } from './licences.routes.js';
import { z } from 'zod';

/**
 * FORBIDDEN unless the caller is the instance's administrator: a person flagged so, or a token of
 * an admin of the administrator organisation (auth.ts sets `instanceAdmin` for both).
 */
function requireInstanceAdmin(p: Principal, adminOrganisation: string): void {
  if (p.instanceAdmin !== true) {
    throw new DomainError(
      'FORBIDDEN',
      `只有本实例的管理员（机构 ${adminOrganisation} 的 admin）可以管理机构`,
      `Only the instance's administrator (an admin of ${adminOrganisation}) may manage organisations`,
    );
  }
}

export function registerTrustRoutes(app: ZodApp, deps: HttpDeps, adminOrganisation: string): void {
  const registry = deps.registry;

  app.get(
    '/organisations',
    {
      schema: {
        tags: ['organisations'],
        operationId: 'listOrganisations',
        summary:
          'Every organisation on the instance (the instance’s administrator), by id, paged by cursor',
        security: BEARER,
        querystring: PageQuerySchema,
        response: {
          200: pageOf(OrganisationSchema),
          ...errorResponses(400, 401, 403, 429),
        },
      },
    },
    async (request) => {
      const p = authorise(request, 'manage-tokens');
      requireInstanceAdmin(p, adminOrganisation);
      return paged(
        await registry.organisations.listOrganisations(),
        (o) => [o.id],
        ['asc'],
        request.query,
        request.query,
      );
    },
  );

  app.post(
    '/organisations',
    {
      schema: {
        tags: ['organisations'],
        operationId: 'createOrganisation',
        summary:
          'Create an organisation: an authority with its jurisdiction, a holder or a platform (the instance’s administrator)',
        security: BEARER,
        body: OrganisationBodySchema,
        response: { 201: OrganisationSchema, ...errorResponses(400, 401, 403, 409, 429) },
      },
    },
    async (request, reply) => {
      const p = authorise(request, 'manage-tokens');
      requireInstanceAdmin(p, adminOrganisation);
      const b = request.body;
      const created = await createOrganisation(
        {
          id: b.id,
          name: b.name,
          kind: b.kind,
          ...(b.jurisdiction === undefined ? {} : { jurisdiction: b.jurisdiction }),
          ...(b.publishDeclared === undefined ? {} : { publishDeclared: b.publishDeclared }),
        },
        p.actor,
        registry,
      );
      return reply.code(201).send(created);
    },
  );

  app.post(
    '/session/switch',
    {
      schema: {
        tags: ['organisations'],
        operationId: 'switchOrganisation',
        summary:
          'The instance’s administrator switches to another organisation’s side: a new admin token of it (audited there)',
        security: BEARER,
        body: SwitchBodySchema,
        response: { 201: SwitchResultSchema, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const p = authorise(request, 'manage-tokens');
      requireInstanceAdmin(p, adminOrganisation);
      const target = await registry.organisations.findOrganisation(request.body.organisation);
      if (target === undefined) {
        throw new DomainError(
          'NOT_FOUND',
          `未找到机构 ${request.body.organisation}`,
          `No organisation ${request.body.organisation}`,
        );
      }
      const created = await createApiToken(
        {
          organisation: target.id,
          role: 'admin',
          name: `switch from ${describeActor(p.actor, 'en')}`.slice(0, 200),
          createdBy: p.person?.id ?? null,
        },
        deps.access,
      );
      await registry.organisations.recordSwitch(target.id, p.actor, created.id);
      return reply.code(201).send({ token: created.token, organisation: target });
    },
  );

  app.get(
    '/organisation',
    {
      schema: {
        tags: ['organisations'],
        operationId: 'getOwnOrganisation',
        summary: 'The caller’s own organisation: kind, jurisdiction, settings',
        security: BEARER,
        response: {
          200: OrganisationSchema.extend({ instanceAdmin: z.boolean() }),
          ...errorResponses(401, 403, 429),
        },
      },
    },
    async (request) => {
      const p = authorise(request, 'read-licences');
      const org = await getOwnOrganisation(p.organisation, registry);
      return {
        ...org,
        instanceAdmin: p.instanceAdmin === true,
      };
    },
  );

  app.put(
    '/organisation/settings',
    {
      schema: {
        tags: ['organisations'],
        operationId: 'updateOrganisationSettings',
        summary:
          'Whether public verification may show this organisation’s declared records (marked 由持证单位自行登记，未经发证机关核实)',
        security: BEARER,
        body: OrganisationSettingsBodySchema,
        response: { 200: OrganisationSchema, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const p = authorise(request, 'manage-organisation');
      await getOwnOrganisation(p.organisation, registry);
      return registry.organisations.setPublishDeclared(
        p.organisation,
        request.body.publishDeclared,
        p.actor,
      );
    },
  );

  app.get(
    '/register/licences',
    {
      schema: {
        tags: ['register'],
        operationId: 'listRegisterLicences',
        summary: 'The caller’s register (an authority organisation): entries, filters, counts',
        security: BEARER,
        querystring: RegisterQuerySchema,
        response: { 200: RegisterPageSchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const p = authorise(request, 'read-licences');
      const org = await getOwnOrganisation(p.organisation, registry);
      if (org.kind !== 'authority') {
        throw new DomainError(
          'FORBIDDEN',
          `机构 ${org.id} 不是发证机关，没有登记簿`,
          `Organisation ${org.id} is not an issuing authority and keeps no register`,
        );
      }
      const page = await findLicences(criteriaOf(request.query), actorOf(p), registry);
      // one counting query per status over the whole register, as the look-ups judge status
      const today = registry.clock.today();
      const counts: Record<string, number> = {};
      for (const status of LICENCE_STATUSES) {
        const n = await registry.store.countLicences(p.organisation, { statuses: [status], today });
        if (n > 0) counts[status] = n;
      }
      return { items: page.items.map(licenceView), next: page.next, counts };
    },
  );

  app.post(
    '/register/licences',
    {
      schema: {
        tags: ['register'],
        operationId: 'issueLicence',
        summary:
          'Issue a licence into the caller’s register (an authority with jurisdiction over the number), with the reason and 文号',
        security: BEARER,
        body: IssueBodySchema,
        response: { 201: StoredLicenceSchema, ...errorResponses(400, 401, 403, 409, 422, 429) },
      },
    },
    async (request, reply) => {
      const p = authorise(request, 'write-register');
      const b = request.body;
      const stored = await issueLicence(
        {
          licence: b.licence,
          reason: b.reason,
          decisionNumber: b.decisionNumber,
          ...(b.on === undefined ? {} : { on: b.on }),
        },
        actorOf(p),
        registry,
      );
      return reply.code(201).send(licenceView(stored));
    },
  );

  app.post(
    '/register/licences/:number/events',
    {
      schema: {
        tags: ['register'],
        operationId: 'recordRegisterEvent',
        summary:
          'Record an authority’s decision on a register entry: renew, change, annual report, inspection, suspend, reinstate, cancel, revoke',
        security: BEARER,
        params: NumberParams,
        body: RegisterEventBodySchema,
        response: { 201: StoredLicenceSchema, ...errorResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      const p = authorise(request, 'write-register');
      const b = request.body;
      const stored = await recordRegisterEvent(
        request.params.number,
        {
          kind: b.kind,
          reason: b.reason,
          decisionNumber: b.decisionNumber,
          ...(b.on === undefined ? {} : { on: b.on }),
          ...(b.expiresOn === undefined ? {} : { expiresOn: b.expiresOn }),
          ...(b.year === undefined ? {} : { year: b.year }),
          ...(b.licence === undefined ? {} : { licence: b.licence }),
          ...(b.expectedVersion === undefined ? {} : { expectedVersion: b.expectedVersion }),
        },
        actorOf(p),
        registry,
      );
      return reply.code(201).send(licenceView(stored));
    },
  );

  app.post(
    '/confirmations',
    {
      bodyLimit: 16 * 1024 * 1024,
      schema: {
        tags: ['confirmations'],
        operationId: 'recordConfirmation',
        summary:
          'Record what the authority’s official query showed for a number (provenance confirmed), with a screenshot or saved page',
        security: BEARER,
        body: ConfirmationBodySchema,
        response: { 201: ConfirmationSchema, ...errorResponses(400, 401, 403, 413, 429) },
      },
    },
    async (request, reply) => {
      const p = authorise(request, 'confirm-licences');
      const b = request.body;
      let attachment = null;
      if (b.attachment !== undefined) {
        const bytes = Buffer.from(b.attachment.base64, 'base64');
        if (bytes.length === 0) {
          throw new DomainError(
            'INVALID_INPUT',
            'attachment：附件为空或不是 base64',
            'attachment: empty or not base64',
          );
        }
        const sniffed = sniffDocumentFormat(bytes);
        const format = sniffed === 'pdf' || sniffed === 'text' ? sniffed : ('image' as const);
        attachment = { sha256: deps.documents.hasher.sha256(bytes), format, bytes };
      }
      const c = await recordConfirmation(
        {
          number: b.number,
          officialStatus: b.officialStatus,
          ...(b.checkedOn === undefined ? {} : { checkedOn: b.checkedOn }),
          ...(b.holderName === undefined ? {} : { holderName: b.holderName }),
          ...(b.services === undefined
            ? {}
            : {
                services: b.services.map((x) => ({
                  name: x.name,
                  ...(x.coverage === undefined ? {} : { coverage: x.coverage }),
                })),
              }),
          ...(b.validFrom === undefined ? {} : { validFrom: b.validFrom }),
          ...(b.expiresOn === undefined ? {} : { expiresOn: b.expiresOn }),
          ...(b.note === undefined ? {} : { note: b.note }),
          attachment,
        },
        actorOf(p),
        { ...registry, secrets: deps.access.secrets },
      );
      return reply.code(201).send(confirmationView(c));
    },
  );

  app.get(
    '/confirmations',
    {
      schema: {
        tags: ['confirmations'],
        operationId: 'listConfirmations',
        summary:
          'The organisation’s confirmations of a number, newest first (checked, then recorded), paged by cursor',
        security: BEARER,
        querystring: ConfirmationQuerySchema.extend(pageQuery()),
        response: {
          200: pageOf(ConfirmationSchema),
          ...errorResponses(400, 401, 403, 429),
        },
      },
    },
    async (request) => {
      const p = authorise(request, 'read-licences');
      const page = paged(
        (await listConfirmations(request.query.number, actorOf(p), registry)).map(confirmationView),
        (c) => [c.checkedOn, c.recordedAt, c.id],
        ['desc', 'desc', 'asc'],
        request.query,
        request.query,
      );
      return page;
    },
  );

  app.get(
    '/licences/:number/trust',
    {
      schema: {
        tags: ['licences'],
        operationId: 'getLicenceTrust',
        summary:
          'A stored licence compared with the register (or the organisation’s confirmation): verdict, validity, differences',
        security: BEARER,
        params: NumberParams,
        response: { 200: LicenceTrustSchema, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const p = authorise(request, 'read-licences');
      const found = await getLicence(request.params.number, actorOf(p), registry);
      const [trust] = await assessStoredLicences([found], p.organisation, registry);
      if (trust === undefined) throw new Error('no assessment');
      return trust;
    },
  );
}

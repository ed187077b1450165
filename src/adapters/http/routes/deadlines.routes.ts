/** The organisation's deadlines, and its iCalendar feed by secret URL. */
import { authenticateToken } from '../../../app/authenticate-token.js';
import { computeDeadlines, type DeadlinesReport } from '../../../app/compute-deadlines.js';
import { createApiToken } from '../../../app/create-api-token.js';
import { deadlinesFeed } from '../../calendar/ical-feed.js';
import { authorise } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { errorResponses } from '../problem.js';
import { BEARER, type ZodApp } from '../route-types.js';
import {
  CalendarKeySchema,
  CalendarQuerySchema,
  DeadlinesQuerySchema,
  OrganisationDeadlinesSchema,
} from '../schemas.js';
import { z } from 'zod';

/** Every licence of the organisation, with its deadlines as of today. */
async function organisationReports(org: string, deps: HttpDeps): Promise<DeadlinesReport[]> {
  const { store, clock } = deps.registry;
  const today = clock.today();
  const reports: DeadlinesReport[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.findLicences(org, {
      today,
      limit: 1000,
      ...(cursor === undefined ? {} : { cursor }),
    });
    for (const l of page.items) {
      const events = await deps.obligations.listObligationEvents(org, l.number);
      reports.push(
        computeDeadlines({
          licence: l.licence,
          events: events.map((e) => ({ kind: e.kind, date: e.date, note: e.note })),
          today,
        }),
      );
    }
    cursor = page.next ?? undefined;
  } while (cursor !== undefined);
  return reports;
}

export function registerDeadlineRoutes(app: ZodApp, deps: HttpDeps, publicUrl?: string): void {
  app.get(
    '/deadlines',
    {
      schema: {
        tags: ['deadlines'],
        summary: 'Every occurrence of every licence of the organisation, by due date',
        security: BEARER,
        querystring: DeadlinesQuerySchema,
        response: { 200: OrganisationDeadlinesSchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request) => {
      const who = authorise(request, 'read-licences');
      const { status, from, to } = request.query;
      const statuses = status?.split(',');
      const items = (await organisationReports(who.organisation, deps))
        .flatMap((r) => r.occurrences.map((o) => ({ licence: r.licence.number ?? '', ...o })))
        .filter((o) => statuses === undefined || statuses.includes(o.status))
        .filter((o) => from === undefined || o.dueOn >= from)
        .filter((o) => to === undefined || o.dueOn <= to)
        .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
      return { items };
    },
  );

  app.post(
    '/calendar/keys',
    {
      schema: {
        tags: ['deadlines'],
        summary:
          'A secret feed URL for calendar clients (shown once; revoke with xuke token revoke)',
        security: BEARER,
        response: { 201: CalendarKeySchema, ...errorResponses(401, 403, 429) },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'manage-calendar-keys');
      const created = await createApiToken(
        { organisation: who.organisation, role: 'viewer', name: 'calendar feed', kind: 'calendar' },
        deps.access,
      );
      const base = publicUrl ?? `${request.protocol}://${request.host}`;
      return reply.code(201).send({
        id: created.id,
        key: created.token,
        url: `${base}/api/v1/calendar.ics?key=${encodeURIComponent(created.token)}`,
      });
    },
  );

  app.get(
    '/calendar.ics',
    {
      config: { public: true },
      schema: {
        tags: ['deadlines'],
        summary:
          'The organisation’s deadlines as iCalendar (secret URL: the key is the credential)',
        querystring: CalendarQuerySchema,
        produces: ['text/calendar'],
        response: { 200: z.string(), ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const who = await authenticateToken(request.query.key, deps.access, 'calendar');
      const reports = await organisationReports(who.organisation, deps);
      const body = deadlinesFeed(reports, {
        stamp: deps.registry.clock.now(),
        lang: request.query.lang,
      });
      return reply.type('text/calendar; charset=utf-8').send(body);
    },
  );
}

/**
 * The organisation's deadlines (with the occurrences marked done), marking an occurrence done and
 * undoing it, the working-day calendar the web UI draws, and the iCalendar feed by secret URL.
 */
import { z } from 'zod';
import { authenticateToken } from '../../../app/access/authenticate-token.js';
import { createApiToken } from '../../../app/access/create-api-token.js';
import { getLicenceDeadlines } from '../../../app/deadlines/get-licence-deadlines.js';
import { listCalendarDays } from '../../../app/deadlines/list-calendar-days.js';
import { listOrganisationDeadlines } from '../../../app/deadlines/list-organisation-deadlines.js';
import { markOccurrenceDone } from '../../../app/deadlines/mark-occurrence-done.js';
import { undoOccurrenceDone } from '../../../app/deadlines/undo-occurrence-done.js';
import { deadlinesFeed } from '../../calendar/ical-feed.js';
import { actorOf, authorise } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { errorResponses } from '../problem.js';
import { BEARER, CALENDAR_KEY, type ZodApp } from '../route-types.js';
import {
  CalendarDaysQuerySchema,
  CalendarDaysSchema,
  CalendarKeySchema,
  CalendarQuerySchema,
  DeadlinesQuerySchema,
  DeadlinesReportSchema,
  DoneBodySchema,
  LicenceOccurrenceSchema,
  NumberParams,
  OccurrenceParams,
  OrganisationDeadlinesSchema,
} from '../schemas.js';

const TAGS = ['deadlines'];

export function registerDeadlineRoutes(app: ZodApp, deps: HttpDeps, publicUrl?: string): void {
  app.get(
    '/licences/:number/deadlines',
    {
      schema: {
        tags: TAGS,
        operationId: 'getLicenceDeadlines',
        summary: 'The licence’s obligations and dated occurrences as of today, explained',
        security: BEARER,
        params: NumberParams,
        response: { 200: DeadlinesReportSchema, ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request) => {
      const who = authorise(request, 'read-licences');
      return getLicenceDeadlines(request.params.number, actorOf(who), deps.deadlines);
    },
  );

  app.get(
    '/deadlines',
    {
      schema: {
        tags: TAGS,
        operationId: 'listDeadlines',
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
      const items = (await listOrganisationDeadlines(who.organisation, deps.deadlines))
        .flatMap((r) => r.occurrences.map((o) => ({ licence: r.licence.number ?? '', ...o })))
        .filter((o) => statuses === undefined || statuses.includes(o.status))
        .filter((o) => from === undefined || o.dueOn >= from)
        .filter((o) => to === undefined || o.dueOn <= to)
        .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
      return { items };
    },
  );

  app.post(
    '/licences/:number/deadlines/:occurrenceId/done',
    {
      schema: {
        tags: TAGS,
        operationId: 'markOccurrenceDone',
        summary:
          'Mark an occurrence done with its evidence (a note, optionally a document’s sha256); audit-logged',
        security: BEARER,
        params: OccurrenceParams,
        body: DoneBodySchema,
        response: {
          201: LicenceOccurrenceSchema,
          ...errorResponses(400, 401, 403, 404, 409, 413, 415, 429),
        },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'complete-obligations');
      const { on, note, documentSha256 } = request.body;
      const occurrence = await markOccurrenceDone(
        request.params.number,
        request.params.occurrenceId,
        {
          note,
          ...(on === undefined ? {} : { on }),
          ...(documentSha256 === undefined ? {} : { documentSha256 }),
        },
        actorOf(who),
        deps.deadlines,
      );
      return reply.code(201).send(occurrence);
    },
  );

  app.delete(
    '/licences/:number/deadlines/:occurrenceId/done',
    {
      schema: {
        tags: TAGS,
        operationId: 'undoOccurrenceDone',
        summary: 'Undo marking an occurrence done (its reminders resume); audit-logged',
        security: BEARER,
        params: OccurrenceParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'complete-obligations');
      await undoOccurrenceDone(
        request.params.number,
        request.params.occurrenceId,
        actorOf(who),
        deps.deadlines,
      );
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/calendar/days',
    {
      schema: {
        tags: TAGS,
        operationId: 'listCalendarDays',
        summary:
          'China’s working-day calendar for up to 62 days: working day or not, holiday names, whether a notice covers each day',
        security: BEARER,
        querystring: CalendarDaysQuerySchema,
        response: { 200: CalendarDaysSchema, ...errorResponses(400, 401, 403, 429) },
      },
    },
    (request) => {
      authorise(request, 'read-licences');
      return Promise.resolve({ days: listCalendarDays(request.query.from, request.query.to) });
    },
  );

  app.post(
    '/calendar/keys',
    {
      schema: {
        tags: TAGS,
        operationId: 'createCalendarKey',
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
        tags: TAGS,
        operationId: 'getCalendarFeed',
        security: CALENDAR_KEY,
        summary:
          'The organisation’s deadlines as iCalendar (secret URL: the key is the credential)',
        querystring: CalendarQuerySchema,
        produces: ['text/calendar'],
        response: { 200: z.string(), ...errorResponses(400, 401, 429) },
      },
    },
    async (request, reply) => {
      const who = await authenticateToken(request.query.key, deps.access, 'calendar');
      const reports = await listOrganisationDeadlines(who.organisation, deps.deadlines);
      const body = deadlinesFeed(reports, {
        stamp: deps.registry.clock.now(),
        lang: request.query.lang,
      });
      return reply.type('text/calendar; charset=utf-8').send(body);
    },
  );
}

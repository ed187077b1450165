/** Webhook subscriptions for reminders. */
import { createWebhook } from '../../../app/reminders/create-webhook.js';
import { deleteWebhook } from '../../../app/reminders/delete-webhook.js';
import { listWebhooks } from '../../../app/reminders/list-webhooks.js';
import { testWebhook } from '../../../app/reminders/test-webhook.js';
import { z } from 'zod';
import { authorise } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { pageOf, paged, PageQuerySchema } from '../paging.js';
import { errorResponses } from '../problem.js';
import { BEARER, type ZodApp } from '../route-types.js';
import {
  CreatedWebhookSchema,
  IdParams,
  WebhookBodySchema,
  WebhookSchema,
  WebhookTestSchema,
} from '../schemas.js';

const TAGS = ['webhooks'];
const view = (w: z.infer<typeof WebhookSchema>) => ({
  id: w.id,
  url: w.url,
  description: w.description,
  createdAt: w.createdAt,
});

export function registerWebhookRoutes(app: ZodApp, deps: HttpDeps): void {
  app.get(
    '/webhooks',
    {
      schema: {
        tags: TAGS,
        operationId: 'listWebhooks',
        summary:
          'The organisation’s webhook subscriptions (secrets are never shown again), oldest first, paged by cursor',
        security: BEARER,
        querystring: PageQuerySchema,
        response: {
          200: pageOf(WebhookSchema),
          ...errorResponses(400, 401, 403, 429),
        },
      },
    },
    async (request) => {
      const who = authorise(request, 'manage-webhooks');
      const page = paged(
        await listWebhooks(who, deps.access),
        (w) => [w.createdAt, w.id],
        ['asc', 'asc'],
        request.query,
        request.query,
      );
      return { items: page.items.map(view), next: page.next };
    },
  );

  app.post(
    '/webhooks',
    {
      schema: {
        tags: TAGS,
        operationId: 'createWebhook',
        summary:
          'Subscribe a URL to reminders; the signing secret is shown once. Private, loopback and metadata addresses, credentials in the URL and ports other than 80/443 are refused (422)',
        security: BEARER,
        body: WebhookBodySchema,
        response: {
          201: CreatedWebhookSchema,
          ...errorResponses(400, 401, 403, 413, 415, 422, 429),
        },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'manage-webhooks');
      // SSRF: the service will POST here; refuse its own network before storing the URL
      deps.reminders.checkWebhookUrl(request.body.url);
      const w = await createWebhook(request.body, who, deps.access);
      return reply.code(201).send({ ...view(w), secret: w.secret });
    },
  );

  app.post(
    '/webhooks/:id/test',
    {
      schema: {
        tags: TAGS,
        operationId: 'testWebhook',
        summary:
          'Send a sample reminder, signed, to the subscription now; a failing receiver is ok: false, not an error',
        security: BEARER,
        params: IdParams,
        response: { 200: WebhookTestSchema, ...errorResponses(400, 401, 403, 404, 422, 429) },
      },
    },
    async (request) => {
      const who = authorise(request, 'manage-webhooks');
      const { ok, status, error, errorZh, detail } = await testWebhook(request.params.id, who, {
        channels: deps.reminders,
        clock: deps.registry.clock,
      });
      // the technical detail (error codes, the policy's rule, the setting) is the operator's
      if (detail !== null) {
        request.log.warn({ webhook: request.params.id, status, detail }, 'webhook test failed');
      }
      return { ok, status, error, errorZh };
    },
  );

  app.delete(
    '/webhooks/:id',
    {
      schema: {
        tags: TAGS,
        operationId: 'deleteWebhook',
        summary: 'Unsubscribe',
        security: BEARER,
        params: IdParams,
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'manage-webhooks');
      await deleteWebhook(request.params.id, who, deps.access);
      return reply.code(204).send(null);
    },
  );
}

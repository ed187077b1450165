/** Webhook subscriptions for reminders. */
import { createWebhook } from '../../../app/create-webhook.js';
import { deleteWebhook } from '../../../app/delete-webhook.js';
import { listWebhooks } from '../../../app/list-webhooks.js';
import { z } from 'zod';
import { authorise } from '../auth.js';
import type { HttpDeps } from '../http-deps.js';
import { errorResponses } from '../problem.js';
import { BEARER, type ZodApp } from '../route-types.js';
import { CreatedWebhookSchema, IdParams, WebhookBodySchema, WebhookSchema } from '../schemas.js';

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
        summary: 'The organisation’s webhook subscriptions (secrets are never shown again)',
        security: BEARER,
        response: {
          200: z.object({ items: z.array(WebhookSchema) }),
          ...errorResponses(401, 403, 429),
        },
      },
    },
    async (request) => {
      const who = authorise(request, 'manage-webhooks');
      return { items: (await listWebhooks(who, deps.access)).map(view) };
    },
  );

  app.post(
    '/webhooks',
    {
      schema: {
        tags: TAGS,
        summary: 'Subscribe a URL to reminders; the signing secret is shown once',
        security: BEARER,
        body: WebhookBodySchema,
        response: { 201: CreatedWebhookSchema, ...errorResponses(400, 401, 403, 413, 415, 429) },
      },
    },
    async (request, reply) => {
      const who = authorise(request, 'manage-webhooks');
      const w = await createWebhook(request.body, who, deps.access);
      return reply.code(201).send({ ...view(w), secret: w.secret });
    },
  );

  app.delete(
    '/webhooks/:id',
    {
      schema: {
        tags: TAGS,
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

/** Use case: subscribe a URL to the organisation's reminders. The signing secret is shown once. */
import type { Webhook } from '../../ports/access-store.js';
import type { AccessDeps, Principal } from '../access/access-deps.js';

export interface CreatedWebhook extends Webhook {
  /** the HMAC-SHA256 key deliveries are signed with: shown once */
  readonly secret: string;
}

export async function createWebhook(
  input: { readonly url: string; readonly description: string },
  who: Principal,
  deps: AccessDeps,
): Promise<CreatedWebhook> {
  const webhook = {
    id: deps.secrets.newId(),
    organisation: who.organisation,
    url: input.url,
    description: input.description,
    createdAt: deps.clock.now().toISOString(),
    secret: deps.secrets.newSecret(),
  };
  await deps.access.createWebhook(webhook);
  return webhook;
}

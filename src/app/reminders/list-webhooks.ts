/** Use case: the organisation's webhook subscriptions (never their secrets). */
import type { Webhook } from '../../ports/access-store.js';
import type { AccessDeps, Principal } from '../access/access-deps.js';

export function listWebhooks(who: Principal, deps: Pick<AccessDeps, 'access'>): Promise<Webhook[]> {
  return deps.access.listWebhooks(who.organisation);
}

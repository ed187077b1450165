/** Use case: unsubscribe; NOT_FOUND when the organisation has no such webhook. */
import { DomainError } from '../../core/errors.js';
import type { AccessDeps, Principal } from '../access/access-deps.js';

export async function deleteWebhook(
  id: string,
  who: Principal,
  deps: Pick<AccessDeps, 'access'>,
): Promise<void> {
  if (!(await deps.access.deleteWebhook(who.organisation, id))) {
    throw new DomainError('NOT_FOUND', `没有 webhook ${id}`, `No webhook ${id}`);
  }
}

/** Use case: unsubscribe; NOT_FOUND when the organisation has no such webhook. */
import { DomainError } from '../../core/errors.js';
import type { AccessDeps, Principal } from '../access/access-deps.js';

export async function deleteWebhook(
  id: string,
  who: Principal,
  deps: Pick<AccessDeps, 'access'>,
): Promise<void> {
  if (!(await deps.access.deleteWebhook(who.organisation, id))) {
    throw new DomainError(
      'NOT_FOUND',
      `找不到这个 Webhook（${id}），它可能已被删除；请刷新列表`,
      `There is no webhook ${id}; it may have been deleted. Reload the list`,
    );
  }
}

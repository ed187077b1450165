/** Use case: revoke a token by id; from then on it authenticates nothing. */
import { DomainError } from '../../core/errors.js';
import type { AccessDeps } from './access-deps.js';

/**
 * NOT_FOUND for an unknown id, a token revoked already, or (with `organisation`) another
 * organisation's token: the API passes the caller's organisation; the operator's CLI passes none.
 */
export async function revokeApiToken(
  id: string,
  deps: AccessDeps,
  organisation?: string,
): Promise<void> {
  const done = await deps.access.revokeToken(id, deps.clock.now().toISOString(), organisation);
  if (!done) {
    throw new DomainError(
      'NOT_FOUND',
      `没有令牌 ${id}，或已撤销`,
      `No token ${id}, or it was revoked already`,
    );
  }
}

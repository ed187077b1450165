/** Use case: the organisation's tokens of every kind, revoked ones too (never a secret or hash). */
import type { ApiToken } from '../../ports/access-store.js';
import type { AccessDeps, Principal } from './access-deps.js';

export function listApiTokens(
  who: Principal,
  deps: Pick<AccessDeps, 'access'>,
): Promise<ApiToken[]> {
  return deps.access.listTokens(who.organisation);
}

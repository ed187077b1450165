/**
 * Use case: a one-time sign-in code (printed by the first start) → a new admin API token for its
 * organisation. The code is revoked in the same step, so the link works once.
 */
import { DomainError } from '../../core/errors.js';
import type { AccessDeps } from './access-deps.js';
import { authenticateToken } from './authenticate-token.js';
import { createApiToken, type CreatedToken } from './create-api-token.js';

export async function exchangeSignInCode(code: string, deps: AccessDeps): Promise<CreatedToken> {
  const principal = await authenticateToken(code, deps, 'sign-in');
  const revoked = await deps.access.revokeToken(principal.tokenId, deps.clock.now().toISOString());
  // Two concurrent exchanges: only the one that revoked the code gets a token.
  if (!revoked) {
    throw new DomainError('UNAUTHENTICATED', '登录链接已使用', 'The sign-in link was used already');
  }
  return createApiToken(
    { organisation: principal.organisation, role: principal.role, name: 'web sign-in' },
    deps,
  );
}

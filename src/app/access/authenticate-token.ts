/** Use case: a presented secret → the principal it stands for, or UNAUTHENTICATED. */
import { DomainError } from '../../core/errors.js';
import type { AccessStore, TokenKind } from '../../ports/access-store.js';
import type { Secrets } from '../../ports/secrets.js';
import type { Principal } from './access-deps.js';

const REFUSED = () =>
  new DomainError('UNAUTHENTICATED', '令牌无效或已撤销', 'The token is unknown or revoked');

export async function authenticateToken(
  secret: string,
  deps: { readonly access: AccessStore; readonly secrets: Pick<Secrets, 'hash'> },
  kind: TokenKind = 'api',
): Promise<Principal> {
  // Only the hash is compared (by the database's unique index): the secret itself is never stored.
  const token = await deps.access.findTokenByHash(deps.secrets.hash(secret));
  if (token?.kind !== kind || token.revokedAt !== null) throw REFUSED();
  return {
    tokenId: token.id,
    organisation: token.organisation,
    role: token.role,
    actor: `token:${token.name}`,
  };
}

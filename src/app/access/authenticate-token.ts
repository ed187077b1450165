/**
 * Use case: a presented secret → the principal it stands for, or UNAUTHENTICATED. An API token's
 * actor names the token and the person who created it (core/actor.ts), with the client's address;
 * an expired or revoked token authenticates nothing; its last use is written at most once a
 * minute.
 */
import { tokenActor, type PersonRef } from '../../core/actor.js';
import { DomainError } from '../../core/errors.js';
import type { AccessStore, TokenKind } from '../../ports/access-store.js';
import type { AccountStore } from '../../ports/account-store.js';
import type { Clock } from '../../ports/clock.js';
import type { Secrets } from '../../ports/secrets.js';
import type { Principal } from './access-deps.js';

/** last_used_at is written when older than this */
export const TOKEN_TOUCH_INTERVAL_MS = 60_000;

const REFUSED = () =>
  new DomainError('UNAUTHENTICATED', '令牌无效或已撤销', 'The token is unknown or revoked');

export interface AuthenticateTokenDeps {
  readonly access: AccessStore;
  readonly secrets: Pick<Secrets, 'hash'>;
  readonly clock: Clock;
  /** the creator's name and the last use; without it the actor names no person */
  readonly accounts?: Pick<AccountStore, 'findUser' | 'touchToken'>;
  /**
   * when this process last wrote each token's last use (epoch ms): the token read may come from a
   * cache, so its own `lastUsedAt` may be older than the database's
   */
  readonly touched?: Map<string, number>;
}

export async function authenticateToken(
  secret: string,
  deps: AuthenticateTokenDeps,
  kind: TokenKind = 'api',
  address: string | null = null,
): Promise<Principal> {
  // Only the hash is compared (by the database's unique index): the secret itself is never stored.
  const token = await deps.access.findTokenByHash(deps.secrets.hash(secret));
  if (token?.kind !== kind || token.revokedAt !== null) throw REFUSED();
  const now = deps.clock.now();
  if (token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime()) {
    throw new DomainError(
      'UNAUTHENTICATED',
      `令牌已于 ${token.expiresAt} 过期`,
      `The token expired at ${token.expiresAt}`,
    );
  }
  let person: PersonRef | null = null;
  if (token.createdBy !== null && deps.accounts !== undefined) {
    const creator = await deps.accounts.findUser(token.createdBy);
    if (creator !== undefined) {
      person = { id: creator.id, name: creator.name, email: creator.email };
    }
  }
  if (deps.accounts !== undefined) await touch(token.id, token.lastUsedAt, now, deps);
  return {
    tokenId: token.id,
    organisation: token.organisation,
    role: token.role,
    actor: tokenActor(
      { id: token.id, name: token.name },
      person === null ? null : { id: person.id, name: person.name },
      address,
    ),
    person,
    sessionId: null,
  };
}

async function touch(
  tokenId: string,
  lastUsedAt: string | null,
  now: Date,
  deps: AuthenticateTokenDeps,
): Promise<void> {
  const t = now.getTime();
  const known = Math.max(
    lastUsedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(lastUsedAt),
    deps.touched?.get(tokenId) ?? Number.NEGATIVE_INFINITY,
  );
  if (t - known < TOKEN_TOUCH_INTERVAL_MS) return;
  deps.touched?.set(tokenId, t);
  await deps.accounts?.touchToken(tokenId, now.toISOString());
}

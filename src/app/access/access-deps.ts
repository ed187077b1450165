/**
 * What the access use cases (tokens, sign-in, webhooks) need, and who is calling: the principal an
 * API token stands for. Shared by those use-case files.
 */
import type { PersonRef } from '../../core/actor.js';
import type { AccessStore, Role } from '../../ports/access-store.js';
import type { Clock } from '../../ports/clock.js';
import type { Secrets } from '../../ports/secrets.js';

export interface AccessDeps {
  readonly access: AccessStore;
  readonly secrets: Secrets;
  readonly clock: Clock;
}

/** The caller: a person signed in through a browser session, or an API token. */
export interface Principal {
  /** the API token's id; null for a browser session */
  readonly tokenId: string | null;
  readonly organisation: string;
  readonly role: Role;
  /** recorded as the actor on events and audit entries (core/actor.ts: names the person) */
  readonly actor: string;
  /** the person: signed in, or who created the token; null for an operator's token */
  readonly person: PersonRef | null;
  /** the session's id (sha256 of its secret); null for a token */
  readonly sessionId: string | null;
  /** the instance's administrator (a person flagged so, or an admin of the admin organisation) */
  readonly instanceAdmin?: boolean;
}

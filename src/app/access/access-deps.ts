/**
 * What the access use cases (tokens, sign-in, webhooks) need, and who is calling: the principal an
 * API token stands for. Shared by those use-case files.
 */
import type { AccessStore, Role } from '../../ports/access-store.js';
import type { Clock } from '../../ports/clock.js';
import type { Secrets } from '../../ports/secrets.js';

export interface AccessDeps {
  readonly access: AccessStore;
  readonly secrets: Secrets;
  readonly clock: Clock;
}

/** The caller an API token stands for. */
export interface Principal {
  readonly tokenId: string;
  readonly organisation: string;
  readonly role: Role;
  /** recorded as the actor on events and audit entries */
  readonly actor: string;
}

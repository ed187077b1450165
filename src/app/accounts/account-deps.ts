/**
 * What the people use cases need (docs/accounts.md): the stores of accounts, invitations, single
 * sign-on and second factors, password hashing, secrets, the clock, the session policy and mail.
 * Shared by the use-case files of src/app/accounts.
 */
import type {
  AccountStore,
  InvitationStore,
  OidcStore,
  SecondFactorStore,
} from '../../ports/account-store.js';
import type { Clock } from '../../ports/clock.js';
import type { Secrets } from '../../ports/secrets.js';

/** Argon2id through a maintained binding (adapters/crypto/argon2-passwords.ts). */
export interface PasswordHasher {
  /** a PHC string ($argon2id$v=19$…) */
  hash(password: string): Promise<string>;
  /** false for a wrong password or a malformed hash; never throws for either */
  verify(hash: string, password: string): Promise<boolean>;
}

/** An e-mail to a person (invitations, lock-out notices), through the reminders' SMTP settings. */
export interface AccountMail {
  send(to: string, subject: string, text: string): Promise<void>;
}

export interface SessionPolicy {
  /** XUKE_SESSION_IDLE_MINUTES */
  readonly idleMinutes: number;
  /** XUKE_SESSION_MAX_HOURS */
  readonly maxHours: number;
}

/** One membership change for the organisation's audit chain. */
export interface MembershipAuditEntry {
  readonly organisation: string;
  readonly at: string;
  /** the actor string (core/actor.ts) */
  readonly actor: string;
  /**
   * member.invited, member.joined, member.role-changed, member.removed, invitation.revoked,
   * organisation.access-changed
   */
  readonly action: string;
  /** the invitation's id, or the person's id */
  readonly subject: string;
  readonly payload: Readonly<Record<string, unknown>>;
}
export type MembershipAudit = (entry: MembershipAuditEntry) => Promise<void>;

export interface AccountDeps {
  /** membership changes into the organisation's audit chain */
  readonly membershipAudit: MembershipAudit;
  readonly accounts: AccountStore;
  readonly invitations: InvitationStore;
  readonly oidc: OidcStore;
  readonly secondFactors: SecondFactorStore;
  readonly passwords: PasswordHasher;
  readonly secrets: Secrets;
  readonly clock: Clock;
  readonly sessionPolicy: SessionPolicy;
  /** null when no SMTP server is configured: invitations are shared as links */
  readonly mail: AccountMail | null;
  /** the base URL links are written with (XUKE_PUBLIC_URL, or the listening address) */
  readonly publicUrl: string | null;
}

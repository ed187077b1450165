/**
 * People (docs/accounts.md): accounts, memberships, browser sessions, one-time sign-in links,
 * sign-in throttling, invitations and each organisation's access policy, OpenID Connect identities
 * and flows, and second factors. Implemented on Kysely for SQLite and PostgreSQL (adapters/db), so
 * every instance on one database shares them. Secrets are stored as their sha256 only; every
 * organisation-scoped method sees only that organisation's rows.
 */
import type { Role } from './access-store.js';

export interface User {
  readonly id: string;
  /** lower case; null for a person known only by mobile number or single sign-on */
  readonly email: string | null;
  readonly mobile: string | null;
  readonly name: string;
  /** Argon2id PHC string; null: no password (single sign-on only, or not set yet) */
  readonly passwordHash: string | null;
  readonly passwordSetAt: string | null;
  readonly instanceAdmin: boolean;
  /** base32; present from enrolment, in force once `totpEnabledAt` is set */
  readonly totpSecret: string | null;
  readonly totpEnabledAt: string | null;
  readonly createdAt: string;
  readonly disabledAt: string | null;
}

export interface NewUser {
  readonly id: string;
  readonly email: string | null;
  readonly mobile: string | null;
  readonly name: string;
  readonly passwordHash: string | null;
  readonly instanceAdmin: boolean;
  readonly createdAt: string;
}

export interface Membership {
  readonly userId: string;
  readonly organisation: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly createdBy: string | null;
}

/** A member as an admin sees them. */
export interface Member extends Membership {
  readonly name: string;
  readonly email: string | null;
  readonly mobile: string | null;
  readonly secondFactor: boolean;
  readonly hasPassword: boolean;
  readonly ssoLinked: boolean;
}

export type SessionMethod = 'password' | 'link' | 'oidc' | 'invitation';

export interface Session {
  /** sha256 (hex) of the cookie's secret */
  readonly id: string;
  readonly userId: string;
  readonly organisation: string;
  readonly csrfToken: string;
  readonly method: SessionMethod;
  readonly secondFactor: boolean;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  /** absolute expiry */
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  readonly address: string | null;
  readonly userAgent: string | null;
}

export interface SignInLink {
  readonly id: string;
  readonly userId: string;
  readonly organisation: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly usedAt: string | null;
}

export interface ThrottleState {
  readonly key: string;
  readonly failures: number;
  readonly windowStartedAt: string;
  readonly lockedUntil: string | null;
}

export interface AccountStore {
  createUser(user: NewUser): Promise<void>;
  findUser(id: string): Promise<User | undefined>;
  /** by lower-cased e-mail */
  findUserByEmail(email: string): Promise<User | undefined>;
  countUsers(): Promise<number>;
  setPassword(userId: string, passwordHash: string, at: string): Promise<void>;
  setName(userId: string, name: string): Promise<void>;

  /** insert or change the role */
  putMembership(membership: Membership): Promise<void>;
  /** false when there was none */
  removeMembership(userId: string, organisation: string): Promise<boolean>;
  findMembership(userId: string, organisation: string): Promise<Membership | undefined>;
  /** the person's organisations, with each one's name */
  listMemberships(
    userId: string,
  ): Promise<readonly (Membership & { readonly organisationName: string })[]>;
  listMembers(organisation: string): Promise<readonly Member[]>;
  /** how many admins the organisation has (the last one may not be removed or demoted) */
  countAdmins(organisation: string): Promise<number>;

  createSession(session: Session): Promise<void>;
  /** a session by id, revoked or expired too (the caller decides) */
  findSession(id: string): Promise<Session | undefined>;
  /** last_seen_at := at (callers write it at most once a minute) */
  touchSession(id: string, at: string): Promise<void>;
  setSessionOrganisation(id: string, organisation: string): Promise<void>;
  revokeSession(id: string, at: string): Promise<boolean>;
  /** every unrevoked session of the person (in `organisation` only, when given); how many */
  revokeSessionsOf(userId: string, at: string, organisation?: string): Promise<number>;
  listSessions(userId: string): Promise<readonly Session[]>;

  createSignInLink(link: SignInLink & { readonly tokenHash: string }): Promise<void>;
  /** marks it used; undefined when unknown, used or expired at `at` (so it works once) */
  useSignInLink(tokenHash: string, at: string): Promise<SignInLink | undefined>;

  /** the throttle's state for a key, or undefined */
  findThrottle(key: string): Promise<ThrottleState | undefined>;
  putThrottle(state: ThrottleState): Promise<void>;
  clearThrottle(key: string): Promise<void>;

  /** an API token authenticated a request: last_used_at := at */
  touchToken(tokenId: string, at: string): Promise<void>;
}

export interface Invitation {
  readonly id: string;
  readonly organisation: string;
  readonly email: string | null;
  readonly role: Role;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly acceptedAt: string | null;
  readonly acceptedBy: string | null;
  readonly revokedAt: string | null;
}

export type JoinMode = 'invitation' | 'domain';

export interface OrganisationAccess {
  readonly organisation: string;
  readonly joinMode: JoinMode;
  /** lower case, without @ */
  readonly joinDomains: readonly string[];
  readonly joinRole: Role;
  readonly requireSecondFactor: boolean;
  readonly updatedAt: string;
}

export interface InvitationStore {
  createInvitation(invitation: Invitation & { readonly tokenHash: string }): Promise<void>;
  findInvitationByHash(tokenHash: string): Promise<Invitation | undefined>;
  /** accepted_at/by set when still open at `at` (unaccepted, unrevoked, unexpired); false otherwise */
  acceptInvitation(id: string, userId: string, at: string): Promise<boolean>;
  revokeInvitation(organisation: string, id: string, at: string): Promise<boolean>;
  listInvitations(organisation: string): Promise<readonly Invitation[]>;
  /** the policy; undefined: the default (invitation only, no second factor required) */
  findAccessPolicy(organisation: string): Promise<OrganisationAccess | undefined>;
  putAccessPolicy(policy: OrganisationAccess): Promise<void>;
  /** organisations that let SSO sign-ins of this e-mail domain join */
  organisationsJoinableByDomain(domain: string): Promise<readonly OrganisationAccess[]>;
}

export interface OidcFlow {
  readonly stateHash: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  readonly invitationHash: string | null;
  readonly linkUserId: string | null;
  readonly createdAt: string;
  readonly expiresAt: string;
}

export interface OidcStore {
  findIdentity(
    issuer: string,
    subject: string,
  ): Promise<{ readonly userId: string; readonly email: string | null } | undefined>;
  linkIdentity(identity: {
    readonly issuer: string;
    readonly subject: string;
    readonly userId: string;
    readonly email: string | null;
    readonly linkedAt: string;
  }): Promise<void>;
  hasIdentity(userId: string): Promise<boolean>;
  createFlow(flow: OidcFlow): Promise<void>;
  /** deletes and returns it (a state works once); undefined when unknown or expired at `at` */
  takeFlow(stateHash: string, at: string): Promise<OidcFlow | undefined>;
}

export interface SecondFactorStore {
  /** a new, unconfirmed secret (replaces an unconfirmed one) */
  setTotpSecret(userId: string, secret: string): Promise<void>;
  enableTotp(userId: string, at: string, recoveryCodeHashes: readonly string[]): Promise<void>;
  disableTotp(userId: string): Promise<void>;
  /**
   * Claims the TOTP time step a code was accepted for: true when it is later than the last one
   * claimed (atomically, so a code replayed on another instance is refused), false otherwise.
   */
  claimTotpStep(userId: string, step: number): Promise<boolean>;
  /** true when the code was unused (it is used now) */
  useRecoveryCode(userId: string, codeHash: string, at: string): Promise<boolean>;
  countRecoveryCodes(userId: string): Promise<number>;
}

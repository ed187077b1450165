/**
 * Use cases: browser sessions (docs/accounts.md). A session's secret is 32 random bytes in the
 * cookie; the database keeps its sha256, so every instance sees every session. A session ends when
 * revoked, after XUKE_SESSION_MAX_HOURS (absolute) or XUKE_SESSION_IDLE_MINUTES without a request
 * (idle); `last_seen_at` is written at most once a minute. The role is read from the membership on
 * every request: a changed role applies at once, a removed member is signed out of that
 * organisation.
 */
import { DomainError } from '../../core/errors.js';
import type { Role } from '../../ports/access-store.js';
import type { Session, SessionMethod, User } from '../../ports/account-store.js';
import type { AccountDeps } from './account-deps.js';

/** last_seen_at is written when it is older than this */
export const TOUCH_INTERVAL_MS = 60_000;

export interface StartedSession {
  /** the cookie's value: shown to the browser once, stored only as its sha256 */
  readonly secret: string;
  readonly session: Session;
}

export interface StartSessionInput {
  readonly userId: string;
  readonly organisation: string;
  readonly method: SessionMethod;
  readonly secondFactor: boolean;
  readonly address: string | null;
  readonly userAgent: string | null;
}

const ENDED = () =>
  new DomainError(
    'UNAUTHENTICATED',
    '会话无效或已结束，请重新登录',
    'The session is unknown or has ended; sign in again',
  );

/** A new session of the person in the organisation. */
export async function startSession(
  input: StartSessionInput,
  deps: AccountDeps,
): Promise<StartedSession> {
  const now = deps.clock.now();
  const secret = deps.secrets.newSecret();
  const session: Session = {
    id: deps.secrets.hash(secret),
    userId: input.userId,
    organisation: input.organisation,
    csrfToken: deps.secrets.newSecret(),
    method: input.method,
    secondFactor: input.secondFactor,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + deps.sessionPolicy.maxHours * 3_600_000).toISOString(),
    revokedAt: null,
    address: input.address === null ? null : input.address.slice(0, 100),
    userAgent: input.userAgent === null ? null : input.userAgent.slice(0, 500),
  };
  await deps.accounts.createSession(session);
  return { secret, session };
}

/** The organisation a person's session starts in: their first membership; null: none. */
export async function defaultOrganisationOf(
  userId: string,
  deps: AccountDeps,
): Promise<string | null> {
  const memberships = await deps.accounts.listMemberships(userId);
  return memberships[0]?.organisation ?? null;
}

/** When the session ends if no request comes: the idle limit, capped by the absolute expiry. */
export function idleExpiryOf(session: Session, deps: Pick<AccountDeps, 'sessionPolicy'>): string {
  const idle = Date.parse(session.lastSeenAt) + deps.sessionPolicy.idleMinutes * 60_000;
  return new Date(Math.min(idle, Date.parse(session.expiresAt))).toISOString();
}

export interface ActiveSession {
  readonly session: Session;
  readonly user: User;
  /** the role in the session's organisation now (the instance's administrator: admin anywhere) */
  readonly role: Role;
  /**
   * the organisation requires a second factor and the person has none: the session reaches only
   * /session, /me and the enrolment routes
   */
  readonly secondFactorMissing: boolean;
}

/**
 * The session whose cookie secret this is, still in force now, with its person and role; else
 * UNAUTHENTICATED. A session found idle, expired or without a membership is revoked on the way.
 */
export async function authenticateSession(
  secret: string,
  deps: AccountDeps,
): Promise<ActiveSession> {
  const found = await deps.accounts.findSession(deps.secrets.hash(secret));
  if (found === undefined || found.revokedAt !== null) throw ENDED();
  const now = deps.clock.now();
  const at = now.toISOString();
  if (Date.parse(idleExpiryOf(found, deps)) <= now.getTime()) {
    await deps.accounts.revokeSession(found.id, at);
    throw new DomainError(
      'UNAUTHENTICATED',
      '会话已过期，请重新登录',
      'The session has expired; sign in again',
    );
  }
  const user = await deps.accounts.findUser(found.userId);
  if (user === undefined || user.disabledAt !== null) {
    await deps.accounts.revokeSession(found.id, at);
    throw ENDED();
  }
  const membership = await deps.accounts.findMembership(user.id, found.organisation);
  let role: Role;
  if (membership !== undefined) role = membership.role;
  else if (user.instanceAdmin) role = 'admin';
  else {
    // removed from the organisation: this session is over
    await deps.accounts.revokeSession(found.id, at);
    throw ENDED();
  }
  let session = found;
  if (now.getTime() - Date.parse(found.lastSeenAt) >= TOUCH_INTERVAL_MS) {
    await deps.accounts.touchSession(found.id, at);
    session = { ...found, lastSeenAt: at };
  }
  const policy = await deps.invitations.findAccessPolicy(found.organisation);
  const secondFactorMissing = policy?.requireSecondFactor === true && user.totpEnabledAt === null;
  return { session, user, role, secondFactorMissing };
}

/** Sign out: this session ends. */
export async function endSession(sessionId: string, deps: AccountDeps): Promise<void> {
  await deps.accounts.revokeSession(sessionId, deps.clock.now().toISOString());
}

/** Sign out everywhere: every session of the person ends; how many. */
export async function endAllSessions(userId: string, deps: AccountDeps): Promise<number> {
  return deps.accounts.revokeSessionsOf(userId, deps.clock.now().toISOString());
}

/**
 * The session acts in another organisation: one of the person's, or (the instance's
 * administrator) any that exists, as its admin. NOT_FOUND for an unknown organisation, FORBIDDEN
 * for one the person does not belong to. Returns the role there.
 */
export async function switchSessionOrganisation(
  input: { readonly session: Session; readonly user: User; readonly organisation: string },
  deps: AccountDeps & { readonly organisationExists: (id: string) => Promise<boolean> },
): Promise<Role> {
  const { organisation, user } = input;
  if (!(await deps.organisationExists(organisation))) {
    throw new DomainError(
      'NOT_FOUND',
      `未找到组织 ${organisation}`,
      `No organisation ${organisation}`,
    );
  }
  const membership = await deps.accounts.findMembership(user.id, organisation);
  if (membership === undefined && !user.instanceAdmin) {
    throw new DomainError(
      'FORBIDDEN',
      `您不是组织 ${organisation} 的成员`,
      `You are not a member of the organisation ${organisation}`,
    );
  }
  await deps.accounts.setSessionOrganisation(input.session.id, organisation);
  return membership?.role ?? 'admin';
}

/**
 * Use cases: single sign-on with OpenID Connect (docs/accounts.md, "Single sign-on").
 *
 * `beginOidcSignIn` stores a flow (the state by its sha256, the nonce, the PKCE verifier, the
 * invitation presented and the person linking, for 10 minutes) and answers the provider's URL.
 * `finishOidcSignIn` takes the flow once (a replayed or unknown state is refused before the provider
 * is asked anything), has the code exchanged and the ID token checked, then decides who this is:
 *
 * 1. a subject already linked (issuer, subject) → that person;
 * 2. a signed-in person linking their account (`link=1`) → linked to them;
 * 3. an invitation presented in the flow → a new person, linked, who joins with the invited role
 *    (or the existing person the invitation was addressed to, see below);
 * 4. a verified e-mail whose domain an organisation's `domain` policy lists → a new person who
 *    joins those organisations with the policy's role (just in time);
 * 5. otherwise refused: `not-invited`.
 *
 * The callback must reach the browser that started the flow (the route keeps the state in a
 * cookie and hands it in as `browserState`). Then a browser session starts (method `oidc`). The
 * provider is the person's authenticator: xuke's own TOTP is not asked for here (the session's
 * `secondFactor` is false), and an organisation that requires a second factor still sends a member
 * without one to enrol (auth.ts).
 */
import { personActor } from '../../core/actor.js';
import { isDomainError } from '../../core/errors.js';
import type { Invitation, User } from '../../ports/account-store.js';
import { acceptInvitation, invitationStatus, type MembershipDeps } from './invitations.js';
import { defaultOrganisationOf, startSession, type StartedSession } from './sessions.js';
import { createPerson } from './users.js';

/** A flow waits this long for the provider to send the person back. */
export const OIDC_FLOW_MINUTES = 10;

/** Why a single sign-on did not end in a session: the sign-in page says it in words. */
export type OidcFailure =
  /** the state is unknown, used already or expired (a replayed or forged callback) */
  | 'invalid-state'
  /** the person declined at the provider */
  | 'access-denied'
  /** the provider refused (a used code, a wrong client secret) or could not be reached */
  | 'provider-error'
  /** the ID token's issuer, audience, nonce, expiry or signature did not pass */
  | 'invalid-token'
  /** nobody invited this person and no organisation lets their e-mail domain join */
  | 'not-invited'
  /** the invitation is unknown, used, revoked or expired */
  | 'invitation-invalid'
  /** the invitation names another e-mail than the provider's verified one */
  | 'invitation-email-mismatch'
  /** a person with this e-mail exists and has not linked single sign-on */
  | 'email-in-use'
  /** this provider identity belongs to another person */
  | 'already-linked'
  /** the person's account is disabled */
  | 'account-disabled';

export const OIDC_FAILURES: readonly OidcFailure[] = [
  'invalid-state',
  'access-denied',
  'provider-error',
  'invalid-token',
  'not-invited',
  'invitation-invalid',
  'invitation-email-mismatch',
  'email-in-use',
  'already-linked',
  'account-disabled',
];

/**
 * A sign-in that ends on the sign-in page with `#error=REASON`. `message` is for the log (it may
 * quote the provider's error; never a token, code or secret); the page shows the reason in words.
 */
export class OidcSignInError extends Error {
  override readonly name = 'OidcSignInError';
  constructor(
    readonly reason: OidcFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** What a sign-in asks the provider with; the flow keeps all three. */
export interface OidcAuthorization {
  /** the provider's authorization endpoint with client_id, redirect_uri, scope, PKCE, state, nonce */
  readonly url: string;
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

export interface OidcChecks {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

/** The checked ID token's claims that matter here (userinfo's when the ID token lacks them). */
export interface OidcClaims {
  readonly issuer: string;
  readonly subject: string;
  /** lower case; null when the provider gives none */
  readonly email: string | null;
  /** `email_verified: true` from the provider; false when absent */
  readonly emailVerified: boolean;
  readonly name: string | null;
}

/** The relying party (adapters/oidc/oidc-client.ts, openid-client). */
export interface OidcClient {
  /** the provider's issuer identifier, as its discovery document names it */
  readonly issuer: string;
  /** shown on the sign-in button */
  readonly name: string;
  readonly redirectUri: string;
  /**
   * A new state, nonce and PKCE verifier, and the URL to send the browser to; `prompt: 'login'`
   * asks the provider to have the person sign in there again (linking an account).
   */
  authorization(options?: { readonly prompt?: 'login' }): Promise<OidcAuthorization>;
  /**
   * The callback URL's code exchanged at the token endpoint (with the verifier), its state and
   * issuer checked, the ID token's signature, issuer, audience, nonce and expiry checked.
   * OidcSignInError (`provider-error`, `access-denied`, `invalid-token`) otherwise.
   */
  exchange(callbackUrl: URL, checks: OidcChecks): Promise<OidcClaims>;
}

/** The account dependencies (with the membership audit when wired) and the relying party. */
export type OidcSignInDeps = MembershipDeps & { readonly oidcClient: OidcClient };

export interface BeginOidcInput {
  /** an invitation's code presented with the sign-in (`/invite#code=…` → start?invitation=) */
  readonly invitationCode?: string | null;
  /** the signed-in person linking single sign-on to their account (`link=1`) */
  readonly linkUserId?: string | null;
}

const minutesAfter = (at: Date, minutes: number): string =>
  new Date(at.getTime() + minutes * 60_000).toISOString();

/** Open: not accepted, not revoked, not expired at `at`. */
const isOpen = (invitation: Invitation, at: string): boolean =>
  invitationStatus(invitation, new Date(at)) === 'open';

/**
 * Stores the flow and answers where to send the browser, and the state (for the cookie that binds
 * the flow to this browser).
 */
export async function beginOidcSignIn(
  input: BeginOidcInput,
  deps: OidcSignInDeps,
): Promise<{ readonly url: string; readonly state: string }> {
  const now = deps.clock.now();
  const at = now.toISOString();
  let invitationHash: string | null = null;
  if (input.invitationCode !== undefined && input.invitationCode !== null) {
    invitationHash = deps.secrets.hash(input.invitationCode);
    // refused here, before the person goes through the provider for nothing
    const invitation = await deps.invitations.findInvitationByHash(invitationHash);
    if (invitation === undefined || !isOpen(invitation, at)) {
      throw new OidcSignInError(
        'invitation-invalid',
        'the invitation presented is unknown, used, revoked or expired',
      );
    }
  }
  // Linking: the provider asks the person to sign in there, whoever its session says they are, so
  // an account at the provider someone else left signed in on this browser is not linked unseen.
  const auth = await deps.oidcClient.authorization(
    input.linkUserId === undefined || input.linkUserId === null ? {} : { prompt: 'login' },
  );
  await deps.oidc.createFlow({
    stateHash: deps.secrets.hash(auth.state),
    nonce: auth.nonce,
    codeVerifier: auth.codeVerifier,
    invitationHash,
    linkUserId: input.linkUserId ?? null,
    createdAt: at,
    expiresAt: minutesAfter(now, OIDC_FLOW_MINUTES),
  });
  return { url: auth.url, state: auth.state };
}

export interface FinishOidcInput {
  /** the callback URL as the provider sent the browser to it (code, state, iss or error) */
  readonly callbackUrl: URL;
  /**
   * The state the browser was given at the start (its cookie): the callback must come back to
   * the browser that started the flow. Without this binding, someone could start a flow, sign in
   * at the provider as themselves and send the callback link to another person, whose browser
   * would then be signed in as them (login CSRF, RFC 6749 §10.12).
   */
  readonly browserState: string | null;
  readonly address: string | null;
  readonly userAgent: string | null;
}

export interface OidcSignedIn {
  readonly session: StartedSession;
  readonly userId: string;
  /** how the person came in: for the log */
  readonly via: 'linked' | 'link' | 'invitation' | 'domain';
}

const domainOf = (email: string): string => email.slice(email.lastIndexOf('@') + 1);

/** A new person's name: the provider's, else the e-mail's local part. */
function nameFor(claims: OidcClaims, email: string | null): string {
  const name = claims.name?.trim() ?? '';
  // at most 100 characters (users.ts checkName), counted as code points
  if (name !== '') return Array.from(name).slice(0, 100).join('');
  if (email !== null) return email.slice(0, email.lastIndexOf('@'));
  return `SSO ${claims.subject.slice(0, 20)}`;
}

/** The code's flow, the provider's checked claims, and who this is; then a session. */
export async function finishOidcSignIn(
  input: FinishOidcInput,
  deps: OidcSignInDeps,
): Promise<OidcSignedIn> {
  const state = input.callbackUrl.searchParams.get('state');
  if (state === null || state === '') {
    throw new OidcSignInError('invalid-state', 'the callback has no state');
  }
  if (input.browserState !== state) {
    throw new OidcSignInError(
      'invalid-state',
      'the callback reached another browser than the one that started the sign-in',
    );
  }
  const at = deps.clock.now().toISOString();
  // taken (deleted) here: whatever happens next, this state never works again
  const flow = await deps.oidc.takeFlow(deps.secrets.hash(state), at);
  if (flow === undefined) {
    throw new OidcSignInError('invalid-state', 'the state is unknown, used already or expired');
  }
  const claims = await deps.oidcClient.exchange(input.callbackUrl, {
    state,
    nonce: flow.nonce,
    codeVerifier: flow.codeVerifier,
  });

  const invitation =
    flow.invitationHash === null ? null : await openInvitation(flow.invitationHash, at, deps);

  const decided = await whoIsIt(claims, flow.linkUserId, invitation, at, deps);
  const user = await deps.accounts.findUser(decided.userId);
  if (user === undefined || user.disabledAt !== null) {
    throw new OidcSignInError('account-disabled', `the account ${decided.userId} is disabled`);
  }
  let organisation = decided.organisation;
  if (invitation !== null && flow.invitationHash !== null) {
    organisation = await joinByInvitation(flow.invitationHash, user, input.address, deps);
  }
  if (decided.via === 'domain') {
    await auditDomainJoin(decided, user, claims, at, input.address, deps);
  }
  organisation ??= await defaultOrganisationOf(user.id, deps);
  if (organisation === null) {
    throw new OidcSignInError('not-invited', `the person ${user.id} belongs to no organisation`);
  }
  const session = await startSession(
    {
      userId: user.id,
      organisation,
      method: 'oidc',
      secondFactor: false,
      address: input.address,
      userAgent: input.userAgent,
    },
    deps,
  );
  return { session, userId: user.id, via: decided.via };
}

async function openInvitation(hash: string, at: string, deps: OidcSignInDeps): Promise<Invitation> {
  const invitation = await deps.invitations.findInvitationByHash(hash);
  if (invitation === undefined || !isOpen(invitation, at)) {
    throw new OidcSignInError(
      'invitation-invalid',
      'the invitation presented is unknown, used, revoked or expired',
    );
  }
  return invitation;
}

interface Decided {
  readonly userId: string;
  /** the organisation to act in when the way in decides it (a domain join) */
  readonly organisation: string | null;
  readonly via: OidcSignedIn['via'];
  /** a domain join: the organisations joined, with the role */
  readonly joined?: readonly { readonly organisation: string; readonly role: string }[];
}

/** A new person signing in through the provider (no password: single sign-on only). */
async function newPerson(
  claims: OidcClaims,
  email: string | null,
  deps: OidcSignInDeps,
): Promise<User> {
  try {
    return await createPerson({ name: nameFor(claims, email), email, password: null }, deps);
  } catch (e) {
    // taken since it was looked up (two sign-ins at once)
    if (isDomainError(e) && e.code === 'CONFLICT') {
      throw new OidcSignInError('email-in-use', 'a person with this e-mail exists', { cause: e });
    }
    throw e;
  }
}

async function whoIsIt(
  claims: OidcClaims,
  linkUserId: string | null,
  invitation: Invitation | null,
  at: string,
  deps: OidcSignInDeps,
): Promise<Decided> {
  const linked = await deps.oidc.findIdentity(claims.issuer, claims.subject);
  const verifiedEmail = claims.emailVerified ? claims.email : null;
  const link = (userId: string) =>
    deps.oidc.linkIdentity({
      issuer: claims.issuer,
      subject: claims.subject,
      userId,
      email: claims.email,
      linkedAt: at,
    });

  // 1. this provider identity is known: that person, whoever the e-mail now says
  if (linked !== undefined) {
    if (linkUserId !== null && linked.userId !== linkUserId) {
      throw new OidcSignInError(
        'already-linked',
        `the identity ${claims.subject} of ${claims.issuer} is linked to another person`,
      );
    }
    return { userId: linked.userId, organisation: null, via: 'linked' };
  }

  // 2. a signed-in person links their account: both sides are authenticated
  if (linkUserId !== null) {
    await link(linkUserId);
    return { userId: linkUserId, organisation: null, via: 'link' };
  }

  // An existing person with the same e-mail is NEVER linked by the e-mail alone. Whoever controls
  // an account at the provider with that e-mail (a provider that lets users set their e-mail, a
  // recycled mailbox, a second provider's tenant) would take over the person's xuke account and
  // every organisation they belong to. Only an invitation addressed to exactly that e-mail (the
  // admin chose that person and the code reached that mailbox), or the person signing in and
  // linking (2.), links an existing account.
  const existing =
    verifiedEmail === null ? undefined : await deps.accounts.findUserByEmail(verifiedEmail);

  // 3. an invitation presented with the sign-in
  if (invitation !== null) {
    if (invitation.email !== null && verifiedEmail !== null && invitation.email !== verifiedEmail) {
      throw new OidcSignInError(
        'invitation-email-mismatch',
        'the invitation names another e-mail than the provider’s verified one',
      );
    }
    if (existing !== undefined) {
      if (invitation.email === null || invitation.email !== existing.email) {
        throw new OidcSignInError(
          'email-in-use',
          'a person with this e-mail exists: they sign in and link single sign-on themselves',
        );
      }
      await link(existing.id);
      return { userId: existing.id, organisation: null, via: 'invitation' };
    }
    // the provider's verified e-mail, else the one the admin invited, else none
    const email = verifiedEmail ?? invitation.email;
    if (email !== verifiedEmail && email !== null && (await deps.accounts.findUserByEmail(email))) {
      throw new OidcSignInError(
        'email-in-use',
        'a person with the invitation’s e-mail exists: they sign in and link single sign-on themselves',
      );
    }
    const person = await newPerson(claims, email, deps);
    await link(person.id);
    return { userId: person.id, organisation: null, via: 'invitation' };
  }

  // 4. just in time, by a verified e-mail's domain under a `domain` policy
  if (verifiedEmail !== null) {
    const policies = (
      await deps.invitations.organisationsJoinableByDomain(domainOf(verifiedEmail))
    ).filter((p) => p.joinMode === 'domain' && p.joinDomains.includes(domainOf(verifiedEmail)));
    if (policies.length > 0) {
      if (existing !== undefined) {
        throw new OidcSignInError(
          'email-in-use',
          'a person with this e-mail exists: they sign in and link single sign-on themselves',
        );
      }
      const person = await newPerson(claims, verifiedEmail, deps);
      await link(person.id);
      for (const p of policies) {
        await deps.accounts.putMembership({
          userId: person.id,
          organisation: p.organisation,
          role: p.joinRole,
          createdAt: at,
          createdBy: `oidc:domain:${domainOf(verifiedEmail)}`,
        });
      }
      return {
        userId: person.id,
        organisation: policies[0]?.organisation ?? null,
        via: 'domain',
        joined: policies.map((p) => ({ organisation: p.organisation, role: p.joinRole })),
      };
    }
  }

  // 5.
  throw new OidcSignInError(
    'not-invited',
    claims.email === null
      ? 'no invitation, and the provider gave no e-mail'
      : `no invitation, and no organisation lets ${claims.emailVerified ? 'the verified' : 'the unverified'} e-mail’s domain ${domainOf(claims.email)} join`,
  );
}

/**
 * The invitation presented is accepted by the person (invitations.ts: once, atomically; by the
 * invited e-mail's owner; a member already keeps the wider role; audited as `member.joined`).
 * The flow holds only the code's sha256: the use case is handed a hash function that gives it.
 */
async function joinByInvitation(
  invitationHash: string,
  user: User,
  address: string | null,
  deps: OidcSignInDeps,
): Promise<string> {
  const presented = 'the invitation presented with the sign-in';
  try {
    const joined = await acceptInvitation(
      { code: presented, userId: user.id, address },
      {
        ...deps,
        secrets: {
          ...deps.secrets,
          hash: (s) => (s === presented ? invitationHash : deps.secrets.hash(s)),
        },
      },
    );
    return joined.organisation;
  } catch (e) {
    if (isDomainError(e)) {
      throw new OidcSignInError(
        e.code === 'FORBIDDEN' ? 'invitation-email-mismatch' : 'invitation-invalid',
        e.messageEn,
        { cause: e },
      );
    }
    throw e;
  }
}

/** A just-in-time join is a membership change: on each organisation's audit chain. */
async function auditDomainJoin(
  decided: Decided,
  user: User,
  claims: OidcClaims,
  at: string,
  address: string | null,
  deps: OidcSignInDeps,
): Promise<void> {
  for (const j of decided.joined ?? []) {
    await deps.membershipAudit({
      organisation: j.organisation,
      at,
      actor: personActor(user, address),
      action: 'member.joined',
      subject: user.id,
      payload: {
        via: 'single-sign-on-domain',
        domain: claims.email === null ? null : domainOf(claims.email),
        issuer: claims.issuer,
        role: j.role,
        previousRole: null,
      },
    });
  }
}

/**
 * Use cases: one-time sign-in links (docs/accounts.md): the first start's, and `xuke user
 * sign-in-link` for recovery. The code is carried in the link's fragment (`/sign-in#code=…`), so it
 * never reaches a server log; only its sha256 is stored; it works once, within 15 minutes, and
 * starts a session. A first-start code of an older version (an api_tokens row of kind `sign-in`)
 * still works once: it signs in as an admin of its organisation.
 */
import { DomainError } from '../../core/errors.js';
import type { SignInLink } from '../../ports/account-store.js';
import type { AccessDeps } from '../access/access-deps.js';
import type { AccountDeps } from './account-deps.js';
import { startSession, type StartedSession } from './sessions.js';

export const SIGN_IN_LINK_MINUTES = 15;

export interface CreatedSignInLink {
  /** the secret: shown once */
  readonly code: string;
  /** `BASE/sign-in#code=…` */
  readonly url: string;
  readonly link: SignInLink;
}

/** The link's URL on `base` (the public URL or the listening address). */
export function signInUrl(base: string, code: string): string {
  return `${base.replace(/\/+$/u, '')}/sign-in#code=${encodeURIComponent(code)}`;
}

/**
 * A new one-time link for the person into the organisation (NOT_FOUND for an unknown person,
 * FORBIDDEN when they are not its member and not the instance's administrator).
 */
export async function createSignInLink(
  input: {
    readonly userId: string;
    readonly organisation: string;
    /** where the link points; default the public URL, else a relative link */
    readonly base?: string | undefined;
    readonly minutes?: number;
  },
  deps: AccountDeps,
): Promise<CreatedSignInLink> {
  const user = await deps.accounts.findUser(input.userId);
  if (user === undefined) {
    throw new DomainError('NOT_FOUND', `没有账号 ${input.userId}`, `No account ${input.userId}`);
  }
  const member = await deps.accounts.findMembership(user.id, input.organisation);
  if (member === undefined && !user.instanceAdmin) {
    throw new DomainError(
      'FORBIDDEN',
      `${user.name} 不是组织 ${input.organisation} 的成员`,
      `${user.name} is not a member of the organisation ${input.organisation}`,
    );
  }
  const now = deps.clock.now();
  const code = deps.secrets.newSecret();
  const link: SignInLink = {
    id: deps.secrets.newId(),
    userId: user.id,
    organisation: input.organisation,
    createdAt: now.toISOString(),
    expiresAt: new Date(
      now.getTime() + (input.minutes ?? SIGN_IN_LINK_MINUTES) * 60_000,
    ).toISOString(),
    usedAt: null,
  };
  await deps.accounts.createSignInLink({ ...link, tokenHash: deps.secrets.hash(code) });
  return { code, url: signInUrl(input.base ?? deps.publicUrl ?? '', code), link };
}

const REFUSED = () =>
  new DomainError(
    'UNAUTHENTICATED',
    '登录链接无效、已使用或已过期',
    'The sign-in link is unknown, used or expired',
  );

/**
 * A link's code → a new session (method `link`); UNAUTHENTICATED when it is unknown, used or
 * expired. `legacy` lets an older version's first-start code (an API token of kind `sign-in`) in
 * once, as the first admin of its organisation.
 */
export async function signInWithLink(
  input: {
    readonly code: string;
    readonly address: string | null;
    readonly userAgent: string | null;
  },
  deps: AccountDeps & { readonly legacy?: Pick<AccessDeps, 'access'> },
): Promise<StartedSession> {
  const at = deps.clock.now().toISOString();
  const hash = deps.secrets.hash(input.code);
  const link = await deps.accounts.useSignInLink(hash, at);
  let userId: string;
  let organisation: string;
  if (link !== undefined) {
    userId = link.userId;
    organisation = link.organisation;
  } else {
    const legacy = await legacyCode(hash, at, deps);
    if (legacy === null) throw REFUSED();
    ({ userId, organisation } = legacy);
  }
  const user = await deps.accounts.findUser(userId);
  if (user === undefined || user.disabledAt !== null) throw REFUSED();
  return startSession(
    {
      userId,
      organisation,
      method: 'link',
      secondFactor: false,
      address: input.address,
      userAgent: input.userAgent,
    },
    deps,
  );
}

/** An older version's unused first-start code: revoked now, and the admin it signs in as. */
async function legacyCode(
  hash: string,
  at: string,
  deps: AccountDeps & { readonly legacy?: Pick<AccessDeps, 'access'> },
): Promise<{ userId: string; organisation: string } | null> {
  if (deps.legacy === undefined) return null;
  const token = await deps.legacy.access.findTokenByHash(hash);
  if (token?.kind !== 'sign-in' || token.revokedAt !== null) return null;
  if (token.expiresAt !== null && token.expiresAt <= at) return null;
  const admin = (await deps.accounts.listMembers(token.organisation)).find(
    (m) => m.role === 'admin',
  );
  if (admin === undefined) return null;
  // two presentations at once: only the one that revoked the code signs in
  if (!(await deps.legacy.access.revokeToken(token.id, at))) return null;
  return { userId: admin.userId, organisation: token.organisation };
}

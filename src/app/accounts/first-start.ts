/**
 * Use case: the instance's first person (docs/accounts.md). On a database with nobody in it — a
 * new one, or one from before people — the service creates `管理员` (admin@localhost, no password,
 * the instance's administrator, admin of the given organisations) and a one-time sign-in link into
 * the first of them, valid 15 minutes. After signing in, they set a password or link single
 * sign-on. Later starts find a person and do nothing.
 */
import type { User } from '../../ports/account-store.js';
import type { AccountDeps } from './account-deps.js';
import { createSignInLink, type CreatedSignInLink } from './sign-in-links.js';
import { createPerson } from './users.js';

export const FIRST_ADMIN_NAME = '管理员';
export const FIRST_ADMIN_EMAIL = 'admin@localhost';
export const FIRST_START_ACTOR = 'xuke:first-start';

export interface FirstAdministrator {
  readonly user: User;
  readonly link: CreatedSignInLink;
}

/** The first person and their link; null when the instance has people already. */
export async function createFirstAdministrator(
  input: { readonly organisations: readonly [string, ...string[]] },
  deps: AccountDeps,
): Promise<FirstAdministrator | null> {
  if ((await deps.accounts.countUsers()) > 0) return null;
  const user = await createPerson(
    { email: FIRST_ADMIN_EMAIL, name: FIRST_ADMIN_NAME, password: null, instanceAdmin: true },
    deps,
  );
  const at = deps.clock.now().toISOString();
  for (const organisation of new Set(input.organisations)) {
    await deps.accounts.putMembership({
      userId: user.id,
      organisation,
      role: 'admin',
      createdAt: at,
      createdBy: FIRST_START_ACTOR,
    });
  }
  const link = await createSignInLink(
    { userId: user.id, organisation: input.organisations[0] },
    deps,
  );
  return { user, link };
}

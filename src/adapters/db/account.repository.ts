/**
 * People on Kysely (SQLite and PostgreSQL, docs/accounts.md): accounts, memberships, browser
 * sessions, one-time sign-in links and the sign-in throttle. Rows are mapped to the port's types
 * here and never leave. A sign-in link is used by one conditional UPDATE … RETURNING, so two
 * instances presenting it at once cannot both win.
 */
import type { Kysely, Selectable } from 'kysely';
import { DomainError } from '../../core/errors.js';
import { isRole } from '../../ports/access-store.js';
import type {
  AccountStore,
  Member,
  Membership,
  NewUser,
  Session,
  SessionMethod,
  SignInLink,
  ThrottleState,
  User,
} from '../../ports/account-store.js';
import type {
  MembershipTable,
  SessionTable,
  SignInLinkTable,
  UserTable,
} from './tables/account.table.js';
import type { Database } from './tables/database.js';

const SESSION_METHODS: readonly SessionMethod[] = ['password', 'link', 'oidc', 'invitation'];

/** A unique or primary-key violation, on either dialect. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    (code === '23505' ||
      code.startsWith('SQLITE_CONSTRAINT_UNIQUE') ||
      code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  );
}

export function userFromRow(r: Selectable<UserTable>): User {
  return {
    id: r.id,
    email: r.email,
    mobile: r.mobile,
    name: r.name,
    passwordHash: r.password_hash,
    passwordSetAt: r.password_set_at,
    instanceAdmin: r.instance_admin !== 0,
    totpSecret: r.totp_secret,
    totpEnabledAt: r.totp_enabled_at,
    createdAt: r.created_at,
    disabledAt: r.disabled_at,
  };
}

/** A stored role, or STORAGE_FAILURE naming the row. */
export function roleOf(role: string, where: string): Membership['role'] {
  if (!isRole(role)) {
    throw new DomainError(
      'STORAGE_FAILURE',
      `${where} 的角色 ${role} 无效`,
      `${where} has an unknown role ${role}`,
    );
  }
  return role;
}

function membershipFromRow(r: Selectable<MembershipTable>): Membership {
  return {
    userId: r.user_id,
    organisation: r.organisation_id,
    role: roleOf(r.role, `成员 ${r.user_id}@${r.organisation_id}`),
    createdAt: r.created_at,
    createdBy: r.created_by,
  };
}

function sessionFromRow(r: Selectable<SessionTable>): Session {
  const method = r.method as SessionMethod;
  if (!SESSION_METHODS.includes(method)) {
    throw new DomainError(
      'STORAGE_FAILURE',
      `会话的登录方式 ${r.method} 无效`,
      `A session has an unknown sign-in method ${r.method}`,
    );
  }
  return {
    id: r.id,
    userId: r.user_id,
    organisation: r.organisation_id,
    csrfToken: r.csrf_token,
    method,
    secondFactor: r.second_factor !== 0,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    address: r.address,
    userAgent: r.user_agent,
  };
}

function linkFromRow(r: Selectable<SignInLinkTable>): SignInLink {
  return {
    id: r.id,
    userId: r.user_id,
    organisation: r.organisation_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
  };
}

/** The organisation's row, created as a placeholder (named by its id) when there is none. */
async function ensureOrganisation(
  db: Kysely<Database>,
  organisation: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('organisations')
    .values({ id: organisation, name: organisation, created_at: at })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export class KyselyAccountStore implements AccountStore {
  constructor(private readonly db: Kysely<Database>) {}

  async createUser(user: NewUser): Promise<void> {
    try {
      await this.db
        .insertInto('users')
        .values({
          id: user.id,
          email: user.email,
          mobile: user.mobile,
          name: user.name,
          password_hash: user.passwordHash,
          password_set_at: user.passwordHash === null ? null : user.createdAt,
          instance_admin: user.instanceAdmin ? 1 : 0,
          totp_secret: null,
          totp_enabled_at: null,
          totp_last_step: null,
          created_at: user.createdAt,
          disabled_at: null,
        })
        .execute();
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new DomainError(
          'CONFLICT',
          `已有使用电子邮件 ${user.email ?? ''} 的账号`,
          `An account with the e-mail ${user.email ?? ''} exists already`,
          { cause: e },
        );
      }
      throw e;
    }
  }

  async findUser(id: string): Promise<User | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : userFromRow(row);
  }

  async findUserByEmail(email: string): Promise<User | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst();
    return row === undefined ? undefined : userFromRow(row);
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async setPassword(userId: string, passwordHash: string, at: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ password_hash: passwordHash, password_set_at: at })
      .where('id', '=', userId)
      .execute();
  }

  async setName(userId: string, name: string): Promise<void> {
    await this.db.updateTable('users').set({ name }).where('id', '=', userId).execute();
  }

  async putMembership(m: Membership): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await ensureOrganisation(trx, m.organisation, m.createdAt);
      await trx
        .insertInto('memberships')
        .values({
          user_id: m.userId,
          organisation_id: m.organisation,
          role: m.role,
          created_at: m.createdAt,
          created_by: m.createdBy,
        })
        .onConflict((oc) =>
          oc.columns(['user_id', 'organisation_id']).doUpdateSet({ role: m.role }),
        )
        .execute();
    });
  }

  async removeMembership(userId: string, organisation: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('memberships')
      .where('user_id', '=', userId)
      .where('organisation_id', '=', organisation)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async findMembership(userId: string, organisation: string): Promise<Membership | undefined> {
    const row = await this.db
      .selectFrom('memberships')
      .selectAll()
      .where('user_id', '=', userId)
      .where('organisation_id', '=', organisation)
      .executeTakeFirst();
    return row === undefined ? undefined : membershipFromRow(row);
  }

  async listMemberships(
    userId: string,
  ): Promise<readonly (Membership & { readonly organisationName: string })[]> {
    const rows = await this.db
      .selectFrom('memberships as m')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .selectAll('m')
      .select('o.name as organisation_name')
      .where('m.user_id', '=', userId)
      .orderBy('m.created_at')
      .orderBy('m.organisation_id')
      .execute();
    return rows.map((r) => ({ ...membershipFromRow(r), organisationName: r.organisation_name }));
  }

  async listMembers(organisation: string): Promise<readonly Member[]> {
    const rows = await this.db
      .selectFrom('memberships as m')
      .innerJoin('users as u', 'u.id', 'm.user_id')
      .selectAll('m')
      .select([
        'u.name',
        'u.email',
        'u.mobile',
        'u.totp_enabled_at',
        'u.password_hash',
        (eb) =>
          eb
            .exists(
              eb
                .selectFrom('oidc_identities as i')
                .select('i.user_id')
                .whereRef('i.user_id', '=', 'm.user_id'),
            )
            .as('sso_linked'),
      ])
      .where('m.organisation_id', '=', organisation)
      .orderBy('m.created_at')
      .orderBy('m.user_id')
      .execute();
    return rows.map((r) => ({
      ...membershipFromRow(r),
      name: r.name,
      email: r.email,
      mobile: r.mobile,
      secondFactor: r.totp_enabled_at !== null,
      hasPassword: r.password_hash !== null,
      // SQLite answers 0/1, PostgreSQL a boolean
      ssoLinked: Boolean(Number(r.sso_linked)),
    }));
  }

  async countAdmins(organisation: string): Promise<number> {
    const row = await this.db
      .selectFrom('memberships')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('organisation_id', '=', organisation)
      .where('role', '=', 'admin')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async createSession(s: Session): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id: s.id,
        user_id: s.userId,
        organisation_id: s.organisation,
        csrf_token: s.csrfToken,
        method: s.method,
        second_factor: s.secondFactor ? 1 : 0,
        created_at: s.createdAt,
        last_seen_at: s.lastSeenAt,
        expires_at: s.expiresAt,
        revoked_at: s.revokedAt,
        address: s.address,
        user_agent: s.userAgent,
      })
      .execute();
  }

  async findSession(id: string): Promise<Session | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : sessionFromRow(row);
  }

  async touchSession(id: string, at: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: at })
      .where('id', '=', id)
      // never backwards: two instances touching at once keep the later time
      .where('last_seen_at', '<', at)
      .execute();
  }

  async setSessionOrganisation(id: string, organisation: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ organisation_id: organisation })
      .where('id', '=', id)
      .execute();
  }

  async revokeSession(id: string, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async revokeSessionsOf(userId: string, at: string, organisation?: string): Promise<number> {
    let q = this.db
      .updateTable('sessions')
      .set({ revoked_at: at })
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (organisation !== undefined) q = q.where('organisation_id', '=', organisation);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async listSessions(userId: string): Promise<readonly Session[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(sessionFromRow);
  }

  async createSignInLink(link: SignInLink & { readonly tokenHash: string }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await ensureOrganisation(trx, link.organisation, link.createdAt);
      await trx
        .insertInto('sign_in_links')
        .values({
          id: link.id,
          token_hash: link.tokenHash,
          user_id: link.userId,
          organisation_id: link.organisation,
          created_at: link.createdAt,
          expires_at: link.expiresAt,
          used_at: link.usedAt,
        })
        .execute();
    });
  }

  async useSignInLink(tokenHash: string, at: string): Promise<SignInLink | undefined> {
    // one statement: of two instances presenting the same code, only one updates the row
    const row = await this.db
      .updateTable('sign_in_links')
      .set({ used_at: at })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : linkFromRow(row);
  }

  async findThrottle(key: string): Promise<ThrottleState | undefined> {
    const row = await this.db
      .selectFrom('sign_in_throttle')
      .selectAll()
      .where('key', '=', key)
      .executeTakeFirst();
    return row === undefined
      ? undefined
      : {
          key: row.key,
          failures: row.failures,
          windowStartedAt: row.window_started_at,
          lockedUntil: row.locked_until,
        };
  }

  async putThrottle(state: ThrottleState): Promise<void> {
    const values = {
      failures: state.failures,
      window_started_at: state.windowStartedAt,
      locked_until: state.lockedUntil,
    };
    await this.db
      .insertInto('sign_in_throttle')
      .values({ key: state.key, ...values })
      .onConflict((oc) => oc.column('key').doUpdateSet(values))
      .execute();
  }

  async clearThrottle(key: string): Promise<void> {
    await this.db.deleteFrom('sign_in_throttle').where('key', '=', key).execute();
  }

  async touchToken(tokenId: string, at: string): Promise<void> {
    await this.db
      .updateTable('api_tokens')
      .set({ last_used_at: at })
      .where('id', '=', tokenId)
      .execute();
  }
}

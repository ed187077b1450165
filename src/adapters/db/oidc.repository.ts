/**
 * OpenID Connect identities and flows in progress on Kysely (SQLite and PostgreSQL,
 * docs/accounts.md). A flow is taken by one DELETE … RETURNING: its state works once, on whichever
 * instance the provider's redirect reaches.
 */
import type { Kysely } from 'kysely';
import { DomainError } from '../../core/errors.js';
import type { OidcFlow, OidcStore } from '../../ports/account-store.js';
import { isUniqueViolation } from './account.repository.js';
import type { Database } from './tables/database.js';

export class KyselyOidcStore implements OidcStore {
  constructor(private readonly db: Kysely<Database>) {}

  async findIdentity(
    issuer: string,
    subject: string,
  ): Promise<{ readonly userId: string; readonly email: string | null } | undefined> {
    const row = await this.db
      .selectFrom('oidc_identities')
      .select(['user_id', 'email'])
      .where('issuer', '=', issuer)
      .where('subject', '=', subject)
      .executeTakeFirst();
    return row === undefined ? undefined : { userId: row.user_id, email: row.email };
  }

  async linkIdentity(identity: {
    readonly issuer: string;
    readonly subject: string;
    readonly userId: string;
    readonly email: string | null;
    readonly linkedAt: string;
  }): Promise<void> {
    try {
      await this.db
        .insertInto('oidc_identities')
        .values({
          issuer: identity.issuer,
          subject: identity.subject,
          user_id: identity.userId,
          email: identity.email,
          linked_at: identity.linkedAt,
        })
        .execute();
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new DomainError(
          'CONFLICT',
          '该单点登录身份已关联到一个账号',
          'This single sign-on identity is linked to an account already',
          { cause: e },
        );
      }
      throw e;
    }
  }

  async hasIdentity(userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('oidc_identities')
      .select('user_id')
      .where('user_id', '=', userId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async createFlow(flow: OidcFlow): Promise<void> {
    await this.db
      .insertInto('oidc_flows')
      .values({
        state_hash: flow.stateHash,
        nonce: flow.nonce,
        code_verifier: flow.codeVerifier,
        invitation_hash: flow.invitationHash,
        link_user_id: flow.linkUserId,
        created_at: flow.createdAt,
        expires_at: flow.expiresAt,
      })
      .execute();
  }

  async takeFlow(stateHash: string, at: string): Promise<OidcFlow | undefined> {
    // deleted whether or not it expired: an expired state is no use to anyone
    const row = await this.db
      .deleteFrom('oidc_flows')
      .where('state_hash', '=', stateHash)
      .returningAll()
      .executeTakeFirst();
    // flows nobody came back for are swept at the same time
    await this.db.deleteFrom('oidc_flows').where('expires_at', '<=', at).execute();
    if (row === undefined || row.expires_at <= at) return undefined;
    return {
      stateHash: row.state_hash,
      nonce: row.nonce,
      codeVerifier: row.code_verifier,
      invitationHash: row.invitation_hash,
      linkUserId: row.link_user_id,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    };
  }
}

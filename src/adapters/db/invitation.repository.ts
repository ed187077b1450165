/**
 * Invitations and each organisation's access policy on Kysely (SQLite and PostgreSQL,
 * docs/accounts.md). An invitation is accepted by one conditional UPDATE, so two people (or two
 * instances) presenting the same code cannot both join by it.
 */
import type { Kysely, Selectable } from 'kysely';
import { DomainError } from '../../core/errors.js';
import type {
  Invitation,
  InvitationStore,
  JoinMode,
  OrganisationAccess,
} from '../../ports/account-store.js';
import { roleOf } from './account.repository.js';
import type { InvitationTable, OrganisationAccessTable } from './tables/account.table.js';
import type { Database } from './tables/database.js';

function invitationFromRow(r: Selectable<InvitationTable>): Invitation {
  return {
    id: r.id,
    organisation: r.organisation_id,
    email: r.email,
    role: roleOf(r.role, `邀请 ${r.id}`),
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    acceptedAt: r.accepted_at,
    acceptedBy: r.accepted_by,
    revokedAt: r.revoked_at,
  };
}

function policyFromRow(r: Selectable<OrganisationAccessTable>): OrganisationAccess {
  if (r.join_mode !== 'invitation' && r.join_mode !== 'domain') {
    throw new DomainError(
      'STORAGE_FAILURE',
      `机构 ${r.organisation_id} 的加入方式 ${r.join_mode} 无效`,
      `Organisation ${r.organisation_id} has an unknown join mode ${r.join_mode}`,
    );
  }
  return {
    organisation: r.organisation_id,
    joinMode: r.join_mode satisfies JoinMode,
    joinDomains: r.join_domains.split(',').filter((d) => d !== ''),
    joinRole: roleOf(r.join_role, `机构 ${r.organisation_id} 的加入角色`),
    requireSecondFactor: r.require_second_factor !== 0,
    updatedAt: r.updated_at,
  };
}

export class KyselyInvitationStore implements InvitationStore {
  constructor(private readonly db: Kysely<Database>) {}

  async createInvitation(invitation: Invitation & { readonly tokenHash: string }): Promise<void> {
    await this.db
      .insertInto('invitations')
      .values({
        id: invitation.id,
        organisation_id: invitation.organisation,
        email: invitation.email,
        role: invitation.role,
        token_hash: invitation.tokenHash,
        created_by: invitation.createdBy,
        created_at: invitation.createdAt,
        expires_at: invitation.expiresAt,
        accepted_at: invitation.acceptedAt,
        accepted_by: invitation.acceptedBy,
        revoked_at: invitation.revokedAt,
      })
      .execute();
  }

  async findInvitationByHash(tokenHash: string): Promise<Invitation | undefined> {
    const row = await this.db
      .selectFrom('invitations')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row === undefined ? undefined : invitationFromRow(row);
  }

  async acceptInvitation(id: string, userId: string, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('invitations')
      .set({ accepted_at: at, accepted_by: userId })
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', at)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async revokeInvitation(organisation: string, id: string, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('invitations')
      .set({ revoked_at: at })
      .where('organisation_id', '=', organisation)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .where('accepted_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async listInvitations(organisation: string): Promise<readonly Invitation[]> {
    const rows = await this.db
      .selectFrom('invitations')
      .selectAll()
      .where('organisation_id', '=', organisation)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(invitationFromRow);
  }

  async findAccessPolicy(organisation: string): Promise<OrganisationAccess | undefined> {
    const row = await this.db
      .selectFrom('organisation_access')
      .selectAll()
      .where('organisation_id', '=', organisation)
      .executeTakeFirst();
    return row === undefined ? undefined : policyFromRow(row);
  }

  async putAccessPolicy(policy: OrganisationAccess): Promise<void> {
    const values = {
      join_mode: policy.joinMode,
      join_domains: policy.joinDomains.map((d) => d.toLowerCase()).join(','),
      join_role: policy.joinRole,
      require_second_factor: policy.requireSecondFactor ? 1 : 0,
      updated_at: policy.updatedAt,
    };
    await this.db
      .insertInto('organisation_access')
      .values({ organisation_id: policy.organisation, ...values })
      .onConflict((oc) => oc.column('organisation_id').doUpdateSet(values))
      .execute();
  }

  async organisationsJoinableByDomain(domain: string): Promise<readonly OrganisationAccess[]> {
    const wanted = domain.toLowerCase();
    // few rows (one per organisation that opened itself to a domain): matched exactly here
    const rows = await this.db
      .selectFrom('organisation_access')
      .selectAll()
      .where('join_mode', '=', 'domain')
      .orderBy('organisation_id')
      .execute();
    return rows.map(policyFromRow).filter((p) => p.joinDomains.includes(wanted));
  }
}

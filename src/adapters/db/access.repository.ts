/**
 * The API's access data on Kysely (SQLite and PostgreSQL): tokens, webhooks, and a read of the audit
 * log. Rows are mapped to the port's types here and never leave.
 */
import { sql, type Kysely } from 'kysely';
import { DomainError } from '../../core/errors.js';
import {
  isRole,
  type AccessStore,
  type ApiToken,
  type AuditEntry,
  type NewApiToken,
  type NewWebhook,
  type TokenKind,
  type Webhook,
} from '../../ports/access-store.js';
import type { ApiTokenTable, WebhookTable } from './tables/api-access.table.js';
import type { Database } from './tables/database.js';

function tokenFromRow(row: Omit<ApiTokenTable, 'token_hash'>): ApiToken {
  if (!isRole(row.role)) {
    throw new DomainError(
      'STORAGE_FAILURE',
      `令牌 ${row.id} 的角色 ${row.role} 无效`,
      `Token ${row.id} has an unknown role ${row.role}`,
    );
  }
  return {
    id: row.id,
    organisation: row.organisation_id,
    role: row.role,
    kind: row.kind as TokenKind,
    name: row.name,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    createdBy: row.created_by,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
  };
}

function webhookFromRow(row: Omit<WebhookTable, 'secret'>): Webhook {
  return {
    id: row.id,
    organisation: row.organisation_id,
    url: row.url,
    description: row.description,
    createdAt: row.created_at,
  };
}

export class KyselyAccessStore implements AccessStore {
  constructor(private readonly db: Kysely<Database>) {}

  async createToken(token: NewApiToken): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('organisations')
        .values({ id: token.organisation, name: token.organisation, created_at: token.createdAt })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      await trx
        .insertInto('api_tokens')
        .values({
          id: token.id,
          organisation_id: token.organisation,
          role: token.role,
          kind: token.kind,
          name: token.name,
          token_hash: token.tokenHash,
          created_at: token.createdAt,
          revoked_at: null,
          created_by: token.createdBy ?? null,
          last_used_at: null,
          expires_at: token.expiresAt ?? null,
        })
        .execute();
    });
  }

  async findTokenByHash(tokenHash: string): Promise<ApiToken | undefined> {
    const row = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row ? tokenFromRow(row) : undefined;
  }

  async revokeToken(id: string, at: string, org?: string): Promise<boolean> {
    let q = this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null);
    if (org !== undefined) q = q.where('organisation_id', '=', org);
    const r = await q.executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async listTokens(org: string): Promise<ApiToken[]> {
    // never the hash: a listing has no use for it
    const rows = await this.db
      .selectFrom('api_tokens')
      .select([
        'id',
        'organisation_id',
        'role',
        'kind',
        'name',
        'created_at',
        'revoked_at',
        'created_by',
        'last_used_at',
        'expires_at',
      ])
      .where('organisation_id', '=', org)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(tokenFromRow);
  }

  async countTokens(): Promise<number> {
    const row = await this.db
      .selectFrom('api_tokens')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async createWebhook(webhook: NewWebhook): Promise<void> {
    await this.db
      .insertInto('webhooks')
      .values({
        id: webhook.id,
        organisation_id: webhook.organisation,
        url: webhook.url,
        secret: webhook.secret,
        description: webhook.description,
        created_at: webhook.createdAt,
      })
      .execute();
  }

  async listWebhooks(org: string): Promise<Webhook[]> {
    const rows = await this.db
      .selectFrom('webhooks')
      .select(['id', 'organisation_id', 'url', 'description', 'created_at'])
      .where('organisation_id', '=', org)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(webhookFromRow);
  }

  async deleteWebhook(org: string, id: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('webhooks')
      .where('organisation_id', '=', org)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async listAudit(org: string, afterSeq: number, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .select(['seq', 'at', 'actor', 'action', 'subject', 'payload', 'hash'])
      .where('organisation_id', '=', org)
      .where('seq', '>', afterSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      action: r.action,
      subject: r.subject,
      payload: JSON.parse(r.payload) as unknown,
      hash: r.hash,
    }));
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }
}

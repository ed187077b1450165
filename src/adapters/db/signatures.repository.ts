/**
 * Kysely stores of the authority's signed word (ports/signing.ts): SM2 keys (the private half only
 * ever encrypted), the register's Merkle log and checkpoints, and a follower's state and incidents.
 * Key changes are audited in the organisation's chain without the private key.
 */
import type { Kysely, Selectable } from 'kysely';
import { DomainError } from '../../core/errors.js';
import { SIGNATURE_ALG } from '../../core/elicence/types.js';
import type {
  FollowIncident,
  FollowState,
  FollowStore,
  LogLeaf,
  RegisterAuditEntry,
  RegisterLogStore,
  SigningKeyStore,
  StoredKey,
} from '../../ports/signing.js';
import { appendAuditEntries } from './append-audit.js';
import type { Database } from './tables/database.js';
import type { SigningKeyTable } from './tables/signatures.table.js';
import { inWriteTransaction } from './write-transaction.js';

function rowToKey(
  r: Selectable<SigningKeyTable> & { name: string | null },
  pem: string,
): StoredKey {
  return {
    kid: r.kid,
    organisation: r.organisation_id,
    organisationName: r.name ?? r.organisation_id,
    alg: SIGNATURE_ALG,
    publicKeyPem: pem,
    publicKeyHex: r.public_key,
    privateKeyEncrypted: r.private_key_encrypted,
    validFrom: r.valid_from,
    validUntil: r.valid_until,
    revokedAt: r.revoked_at,
    revocationReason: r.revocation_reason,
    createdAt: r.created_at,
  };
}

export class KyselySigningKeyStore implements SigningKeyStore {
  constructor(
    private readonly db: Kysely<Database>,
    /** the public key's PEM from its point (the crypto adapter) */
    private readonly pemOf: (publicKeyHex: string) => string,
  ) {}

  private query() {
    return this.db
      .selectFrom('signing_keys')
      .leftJoin('organisations', 'organisations.id', 'signing_keys.organisation_id')
      .selectAll('signing_keys')
      .select('organisations.name');
  }

  async addKey(key: StoredKey, actor: string): Promise<void> {
    await inWriteTransaction(this.db, async (trx) => {
      await trx
        .insertInto('signing_keys')
        .values({
          kid: key.kid,
          organisation_id: key.organisation,
          alg: key.alg,
          public_key: key.publicKeyHex,
          private_key_encrypted: key.privateKeyEncrypted,
          valid_from: key.validFrom,
          valid_until: key.validUntil,
          revoked_at: key.revokedAt,
          revocation_reason: key.revocationReason,
          created_at: key.createdAt,
        })
        .execute();
      await appendAuditEntries(trx, key.organisation, key.createdAt, [
        {
          actor,
          action: key.privateKeyEncrypted === null ? 'key.imported' : 'key.created',
          subject: key.kid,
          payload: JSON.stringify({ alg: key.alg, publicKey: key.publicKeyHex }),
        },
      ]);
    });
  }

  async listKeys(organisation?: string): Promise<StoredKey[]> {
    let q = this.query().orderBy('signing_keys.created_at').orderBy('signing_keys.kid');
    if (organisation !== undefined) q = q.where('signing_keys.organisation_id', '=', organisation);
    return (await q.execute()).map((r) => rowToKey(r, this.pemOf(r.public_key)));
  }

  async findKey(kid: string): Promise<StoredKey | undefined> {
    const r = await this.query().where('signing_keys.kid', '=', kid).executeTakeFirst();
    return r === undefined ? undefined : rowToKey(r, this.pemOf(r.public_key));
  }

  async retireKey(kid: string, at: string, actor: string): Promise<void> {
    await inWriteTransaction(this.db, async (trx) => {
      const row = await trx
        .updateTable('signing_keys')
        .set({ valid_until: at })
        .where('kid', '=', kid)
        .where('valid_until', 'is', null)
        .returning('organisation_id')
        .executeTakeFirst();
      if (row === undefined) return;
      await appendAuditEntries(trx, row.organisation_id, at, [
        { actor, action: 'key.retired', subject: kid, payload: JSON.stringify({ validUntil: at }) },
      ]);
    });
  }

  async revokeKey(kid: string, at: string, reason: string, actor: string): Promise<StoredKey> {
    await inWriteTransaction(this.db, async (trx) => {
      const row = await trx
        .selectFrom('signing_keys')
        .select(['organisation_id', 'revoked_at'])
        .where('kid', '=', kid)
        .executeTakeFirst();
      if (row === undefined) {
        throw new DomainError('NOT_FOUND', `没有密钥 ${kid}`, `No key ${kid}`);
      }
      if (row.revoked_at !== null) {
        throw new DomainError(
          'CONFLICT',
          `密钥 ${kid} 已于 ${row.revoked_at} 吊销`,
          `Key ${kid} was revoked at ${row.revoked_at}`,
        );
      }
      await trx
        .updateTable('signing_keys')
        .set({ revoked_at: at, revocation_reason: reason })
        .where('kid', '=', kid)
        .execute();
      await appendAuditEntries(trx, row.organisation_id, at, [
        { actor, action: 'key.revoked', subject: kid, payload: JSON.stringify({ reason }) },
      ]);
    });
    const key = await this.findKey(kid);
    if (key === undefined) throw new Error(`key ${kid} vanished`);
    return key;
  }
}

export class KyselyRegisterLogStore implements RegisterLogStore {
  constructor(private readonly db: Kysely<Database>) {}

  async size(org: string): Promise<number> {
    const r = await this.db
      .selectFrom('register_log')
      .select((eb) => eb.fn.max('idx').as('last'))
      .where('organisation_id', '=', org)
      .executeTakeFirst();
    // max() over no rows is null, whatever Kysely's type says
    const last = r?.last as number | null | undefined;
    return last == null ? 0 : last + 1;
  }

  async lastLoggedAuditSeq(org: string): Promise<number> {
    const r = await this.db
      .selectFrom('register_log')
      .select((eb) => eb.fn.max('audit_seq').as('last'))
      .where('organisation_id', '=', org)
      .executeTakeFirst();
    const last = r?.last as number | null | undefined;
    return last ?? 0;
  }

  async pendingAuditEntries(
    org: string,
    afterSeq: number,
    limit: number,
  ): Promise<RegisterAuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .select(['seq', 'at', 'actor', 'action', 'subject', 'payload', 'hash'])
      .where('organisation_id', '=', org)
      .where('seq', '>', afterSeq)
      .where('action', 'like', 'licence.%')
      .orderBy('seq')
      .limit(limit)
      .execute();
    const out: RegisterAuditEntry[] = [];
    for (const r of rows) {
      const version = (JSON.parse(r.payload) as { version?: unknown }).version;
      let record: string | null = null;
      if (typeof version === 'number') {
        const v = await this.db
          .selectFrom('licence_versions')
          .innerJoin('licences', 'licences.id', 'licence_versions.licence_id')
          .select('licence_versions.record')
          .where('licences.organisation_id', '=', org)
          .where('licences.number', '=', r.subject)
          .where('licence_versions.version', '=', version)
          .executeTakeFirst();
        record = v?.record ?? null;
      }
      out.push({ ...r, record });
    }
    return out;
  }

  async auditHead(org: string): Promise<{ seq: number; hash: string } | undefined> {
    const r = await this.db
      .selectFrom('audit_heads')
      .select(['seq', 'hash'])
      .where('organisation_id', '=', org)
      .executeTakeFirst();
    return r === undefined || r.seq === 0 ? undefined : { seq: r.seq, hash: r.hash };
  }

  async auditEntry(org: string, seq: number): Promise<{ hash: string } | undefined> {
    return this.db
      .selectFrom('audit_log')
      .select('hash')
      .where('organisation_id', '=', org)
      .where('seq', '=', seq)
      .executeTakeFirst();
  }

  async append(org: string, leaves: readonly LogLeaf[], at: string): Promise<void> {
    if (leaves.length === 0) return;
    await inWriteTransaction(this.db, async (trx) => {
      const size = await new KyselyRegisterLogStore(trx).size(org);
      if (leaves[0]?.index !== size) {
        throw new DomainError(
          'CONFLICT',
          `登记簿日志已有 ${size} 条，新条目从第 ${leaves[0]?.index ?? '?'} 条起；请重试`,
          `The register log holds ${size} entries; new entries start at ${leaves[0]?.index ?? '?'}; try again`,
        );
      }
      for (const l of leaves) {
        await trx
          .insertInto('register_log')
          .values({
            organisation_id: org,
            idx: l.index,
            audit_seq: l.auditSeq,
            entry: l.entry,
            leaf_hash: l.leafHash,
            logged_at: at,
          })
          .execute();
      }
    });
  }

  async leaves(org: string, start: number, end: number): Promise<LogLeaf[]> {
    const rows = await this.db
      .selectFrom('register_log')
      .select(['idx', 'audit_seq', 'entry', 'leaf_hash'])
      .where('organisation_id', '=', org)
      .where('idx', '>=', start)
      .where('idx', '<', end)
      .orderBy('idx')
      .execute();
    return rows.map((r) => ({
      index: r.idx,
      auditSeq: r.audit_seq,
      entry: r.entry,
      leafHash: r.leaf_hash,
    }));
  }

  async leafHashes(org: string, end: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('register_log')
      .select('leaf_hash')
      .where('organisation_id', '=', org)
      .where('idx', '<', end)
      .orderBy('idx')
      .execute();
    return rows.map((r) => r.leaf_hash);
  }

  async latestCheckpoint(org: string): Promise<string | undefined> {
    const r = await this.db
      .selectFrom('register_checkpoints')
      .select('checkpoint')
      .where('organisation_id', '=', org)
      .orderBy('tree_size', 'desc')
      .orderBy('signed_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return r?.checkpoint;
  }

  async saveCheckpoint(org: string, treeSize: number, checkpoint: string, at: string) {
    await this.db
      .insertInto('register_checkpoints')
      .values({ organisation_id: org, tree_size: treeSize, checkpoint, signed_at: at })
      .execute();
  }
}

export class KyselyFollowStore implements FollowStore {
  constructor(private readonly db: Kysely<Database>) {}

  async findFollow(organisation: string): Promise<FollowState | undefined> {
    return (await this.listFollows()).find((f) => f.organisation === organisation);
  }

  async listFollows(): Promise<FollowState[]> {
    const rows = await this.db.selectFrom('register_follows').selectAll().execute();
    return rows.map((r) => ({
      organisation: r.organisation_id,
      sourceUrl: r.source_url,
      origin: r.origin,
      checkpoint: r.checkpoint,
      compactRange: JSON.parse(r.compact_range) as string[],
      treeSize: r.tree_size,
      updatedAt: r.updated_at,
    }));
  }

  async saveFollow(s: FollowState): Promise<void> {
    const values = {
      source_url: s.sourceUrl,
      origin: s.origin,
      checkpoint: s.checkpoint,
      compact_range: JSON.stringify(s.compactRange),
      tree_size: s.treeSize,
      updated_at: s.updatedAt,
    };
    await this.db
      .insertInto('register_follows')
      .values({ organisation_id: s.organisation, ...values })
      .onConflict((oc) => oc.column('organisation_id').doUpdateSet(values))
      .execute();
  }

  async recordIncident(i: FollowIncident): Promise<void> {
    await this.db
      .insertInto('register_follow_incidents')
      .values({
        id: i.id,
        organisation_id: i.organisation,
        source_url: i.sourceUrl,
        detected_at: i.detectedAt,
        reason: i.reason,
        reason_en: i.reasonEn,
        evidence: i.evidence,
      })
      .execute();
  }

  async listIncidents(organisation: string): Promise<FollowIncident[]> {
    const rows = await this.db
      .selectFrom('register_follow_incidents')
      .selectAll()
      .where('organisation_id', '=', organisation)
      .orderBy('detected_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      organisation: r.organisation_id,
      sourceUrl: r.source_url,
      detectedAt: r.detected_at,
      reason: r.reason,
      reasonEn: r.reason_en,
      evidence: r.evidence,
    }));
  }
}

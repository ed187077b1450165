/**
 * Signatures and the tamper-evident register (docs/elicence.md): authorities' SM2 signing keys
 * (private keys encrypted at rest), the register's Merkle log (one per authority, RFC 9162) with its
 * signed checkpoints, and what a follower keeps of each register it mirrors: the last good
 * checkpoint, its compact range, and the evidence of every refusal. A mirror organisation names
 * its source (`mirror_of`), so it answers register look-ups and can never issue. Frozen once landed.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations take Kysely<any>: frozen code must not follow today's table types */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organisations').addColumn('mirror_of', 'text').execute();

  await db.schema
    .createTable('signing_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('alg', 'text', (c) => c.notNull())
    // uncompressed point, hex
    .addColumn('public_key', 'text', (c) => c.notNull())
    // null for a key known only by its public half (a mirrored authority's)
    .addColumn('private_key_encrypted', 'text')
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revocation_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('signing_keys_org')
    .on('signing_keys')
    .columns(['organisation_id', 'valid_from'])
    .execute();

  await db.schema
    .createTable('register_log')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('idx', 'integer', (c) => c.notNull())
    // the audit entry it records (its chain's seq); unique per organisation
    .addColumn('audit_seq', 'integer', (c) => c.notNull())
    // the signed entry, JSON as served
    .addColumn('entry', 'text', (c) => c.notNull())
    .addColumn('leaf_hash', 'text', (c) => c.notNull())
    .addColumn('logged_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('register_log_pk', ['organisation_id', 'idx'])
    .addUniqueConstraint('register_log_audit', ['organisation_id', 'audit_seq'])
    .execute();

  await db.schema
    .createTable('register_checkpoints')
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('tree_size', 'integer', (c) => c.notNull())
    .addColumn('checkpoint', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('register_checkpoints_org')
    .on('register_checkpoints')
    .columns(['organisation_id', 'tree_size'])
    .execute();

  await db.schema
    .createTable('register_follows')
    // the mirror organisation on this instance
    .addColumn('organisation_id', 'text', (c) => c.primaryKey().references('organisations.id'))
    .addColumn('source_url', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    // the last good signed checkpoint (JSON) and the compact range of its tree (JSON hex list)
    .addColumn('checkpoint', 'text')
    .addColumn('compact_range', 'text', (c) => c.notNull())
    .addColumn('tree_size', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('register_follow_incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('source_url', 'text', (c) => c.notNull())
    .addColumn('detected_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reason_en', 'text', (c) => c.notNull())
    // JSON: the checkpoints, entries and proofs that show it
    .addColumn('evidence', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('register_follow_incidents').execute();
  await db.schema.dropTable('register_follows').execute();
  await db.schema.dropTable('register_checkpoints').execute();
  await db.schema.dropTable('register_log').execute();
  await db.schema.dropTable('signing_keys').execute();
  await db.schema.alterTable('organisations').dropColumn('mirror_of').execute();
}

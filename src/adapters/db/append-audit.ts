/**
 * Appending to an organisation's audit chain from outside the licence store (obligation
 * completions), with the licence store's protocol: the head row is claimed with an UPDATE first, so
 * concurrent appenders queue on its row lock (PostgreSQL) or the write lock (SQLite) and the chain
 * stays linear. Call it inside the transaction that makes the change it records.
 * The licence store appends through it too.
 */
import type { Kysely } from 'kysely';
import { auditHash } from './audit-chain.js';
import { GENESIS_HASH } from './audit-chain-walk.js';
import type { Database } from './tables/database.js';

export interface NewAuditEntry {
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  /** JSON text, hashed as stored */
  readonly payload: string;
}

export async function appendAuditEntries(
  trx: Kysely<Database>,
  org: string,
  at: string,
  entries: readonly NewAuditEntry[],
  /** rows per INSERT (a bulk import appends thousands: keep under the drivers' parameter limits) */
  batch = 400,
): Promise<void> {
  if (entries.length === 0) return;
  await trx
    .insertInto('audit_heads')
    .values({ organisation_id: org, seq: 0, hash: GENESIS_HASH })
    .onConflict((oc) => oc.column('organisation_id').doNothing())
    .execute();
  const head = await trx
    .updateTable('audit_heads')
    .set((eb) => ({ seq: eb('seq', '+', entries.length) }))
    .where('organisation_id', '=', org)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  let seq = head.seq - entries.length;
  let prev = head.hash;
  const rows = entries.map((e) => {
    seq++;
    const hash = auditHash({ organisationId: org, seq, at, ...e, prevHash: prev });
    const row = { organisation_id: org, seq, at, ...e, prev_hash: prev, hash };
    prev = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += batch) {
    await trx
      .insertInto('audit_log')
      .values(rows.slice(i, i + batch))
      .execute();
  }
  await trx
    .updateTable('audit_heads')
    .set({ hash: prev })
    .where('organisation_id', '=', org)
    .execute();
}

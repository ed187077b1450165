/**
 * Verifying an organisation's audit chain: this module only reads rows (the head, then the log
 * page by page in seq order); the checking is the pure walk of audit-chain-walk.ts.
 */
import type { Kysely } from 'kysely';
import type { AuditVerification } from '../../ports/licence-store.js';
import { auditHash } from './audit-chain.js';
import {
  AUDIT_WALK_START,
  endAuditChain,
  walkAuditChain,
  type AuditHash,
  type AuditRow,
} from './audit-chain-walk.js';
import type { Database } from './tables/database.js';

const PAGE = 2000;

/** Recompute the organisation's audit chain from its first entry. */
export async function verifyAuditLog(
  db: Kysely<Database>,
  org: string,
  hash: AuditHash = auditHash,
): Promise<AuditVerification> {
  const head = await db
    .selectFrom('audit_heads')
    .select(['seq', 'hash'])
    .where('organisation_id', '=', org)
    .executeTakeFirst();
  let walk = AUDIT_WALK_START;
  for (;;) {
    const rows = await readAuditRows(db, org, walk.entries + 1, PAGE);
    const next = walkAuditChain(walk, rows, hash);
    if (!next.ok) return next;
    walk = next;
    if (rows.length < PAGE) break;
  }
  return endAuditChain(walk, head);
}

/** Up to `limit` entries from seq `from` on, in seq order. */
async function readAuditRows(
  db: Kysely<Database>,
  org: string,
  from: number,
  limit: number,
): Promise<AuditRow[]> {
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where('organisation_id', '=', org)
    .where('seq', '>=', from)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    payload: r.payload,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

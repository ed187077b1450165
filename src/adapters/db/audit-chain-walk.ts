/**
 * The audit chain's definition and its verification, pure: each entry's hash covers its own fields
 * and the hash before it, the first entry of an organisation's chain follows GENESIS, and the head
 * (kept apart) names the last entry, so a removed tail shows too. The hash function is handed in
 * (audit-chain.ts computes sha256); the store only reads rows (audit-verify.ts).
 *
 * The walk goes page by page: `walkAuditChain` takes where the previous page left off, so a chain
 * of millions of entries is checked in constant memory, and `endAuditChain` compares the end with
 * the head. `verifyAuditChain` does both over rows already in hand.
 */
import type { AuditVerification } from '../../ports/licence-store.js';

export const GENESIS_HASH = '0'.repeat(64);

/** What an entry's hash covers. */
export interface AuditFields {
  readonly organisationId: string;
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  /** JSON text, hashed as stored */
  readonly payload: string;
  readonly prevHash: string;
}

/** An entry as stored: its fields and the hash recorded for it. */
export interface AuditRow extends AuditFields {
  readonly hash: string;
}

/** The chain's head as recorded: the last entry's seq and hash. */
export interface AuditHead {
  readonly seq: number;
  readonly hash: string;
}

export type AuditHash = (fields: AuditFields) => string;

/** How far a walk has verified: the number of entries (seq 1…entries) and the last one's hash. */
export interface AuditWalk {
  readonly ok: true;
  readonly entries: number;
  readonly prev: string;
}

export type AuditBroken = Extract<AuditVerification, { ok: false }>;

export const AUDIT_WALK_START: AuditWalk = { ok: true, entries: 0, prev: GENESIS_HASH };

/**
 * Continue a walk over the next rows, in seq order, starting at seq `walk.entries + 1`: the first
 * entry that is missing, does not follow the chain or was altered breaks it.
 */
export function walkAuditChain(
  walk: AuditWalk,
  rows: readonly AuditRow[],
  hash: AuditHash,
): AuditWalk | AuditBroken {
  let { entries, prev } = walk;
  const broken = (seq: number, reason: string, reasonEn: string): AuditBroken => ({
    ok: false,
    entries,
    seq,
    reason,
    reasonEn,
  });
  for (const r of rows) {
    const expected = entries + 1;
    if (r.seq !== expected) {
      return broken(expected, `审计记录 #${expected} 缺失`, `Audit entry #${expected} is missing`);
    }
    if (r.prevHash !== prev) {
      return broken(
        r.seq,
        `审计记录 #${r.seq} 的前一哈希与链不符`,
        `Audit entry #${r.seq} does not follow the chain (prev_hash)`,
      );
    }
    if (hash(r) !== r.hash) {
      return broken(
        r.seq,
        `审计记录 #${r.seq} 的内容已被修改（哈希不符）`,
        `Audit entry #${r.seq} was altered (hash mismatch)`,
      );
    }
    prev = r.hash;
    entries++;
  }
  return { ok: true, entries, prev };
}

/** The walk's end against the recorded head (none: an organisation that never wrote). */
export function endAuditChain(walk: AuditWalk, head: AuditHead | undefined): AuditVerification {
  const headSeq = head?.seq ?? 0;
  if (headSeq !== walk.entries || (head !== undefined && head.hash !== walk.prev)) {
    return {
      ok: false,
      entries: walk.entries,
      seq: Math.max(headSeq, walk.entries),
      reason: `审计链末端与链头记录不符（链头 #${headSeq}，实有 ${walk.entries} 条）`,
      reasonEn: `The end of the audit chain does not match its head (head #${headSeq}, ${walk.entries} entries)`,
    };
  }
  return { ok: true, entries: walk.entries, head: walk.prev };
}

/** A whole chain at once: its rows in seq order and its head. */
export function verifyAuditChain(
  rows: readonly AuditRow[],
  head: AuditHead | undefined,
  hash: AuditHash,
): AuditVerification {
  const walk = walkAuditChain(AUDIT_WALK_START, rows, hash);
  return walk.ok ? endAuditChain(walk, head) : walk;
}

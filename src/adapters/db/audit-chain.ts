/**
 * The audit chain's arithmetic: each entry's hash covers its own fields and the hash before it.
 * The first entry of an organisation's chain follows GENESIS.
 */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

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

/** sha256 over the entry's fields in a fixed order (a JSON array: unambiguous separators). */
export function auditHash(e: AuditFields): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        e.organisationId,
        e.seq,
        e.at,
        e.actor,
        e.action,
        e.subject,
        e.payload,
        e.prevHash,
      ]),
    )
    .digest('hex');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * The audit chain's arithmetic: sha256 over an entry's fields (audit-chain-walk.ts defines the
 * chain and verifies it with this hash).
 */
import { createHash } from 'node:crypto';
import type { AuditFields } from './audit-chain-walk.js';

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

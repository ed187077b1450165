/**
 * The audit chain's verification as a pure walk: no database, rows built in memory, with a toy
 * hash (any function of the fields will do) and with the real sha256.
 */
import { describe, expect, it } from 'vitest';
import { auditHash } from './audit-chain.js';
import {
  AUDIT_WALK_START,
  endAuditChain,
  GENESIS_HASH,
  verifyAuditChain,
  walkAuditChain,
  type AuditFields,
  type AuditHash,
  type AuditRow,
} from './audit-chain-walk.js';

/** Readable and injective enough for tests: the fields joined. */
const toyHash: AuditHash = (f: AuditFields) =>
  [f.organisationId, f.seq, f.at, f.actor, f.action, f.subject, f.payload, f.prevHash].join('|');

function chain(n: number, hash: AuditHash): AuditRow[] {
  const rows: AuditRow[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields: AuditFields = {
      organisationId: 'acme',
      seq,
      at: `2026-11-28T02:00:0${seq % 10}.000Z`,
      actor: 'test',
      action: 'licence.issued',
      subject: `京B2-2018091${seq}`,
      payload: JSON.stringify({ version: 1, seq }),
      prevHash: prev,
    };
    const row = { ...fields, hash: hash(fields) };
    rows.push(row);
    prev = row.hash;
  }
  return rows;
}

const headOf = (rows: readonly AuditRow[]) => {
  const last = rows[rows.length - 1];
  return last && { seq: last.seq, hash: last.hash };
};

/** Re-hash a row after changing its fields: a forger who also recomputes the hash. */
const rehashed = (row: AuditRow, change: Partial<AuditFields>, hash: AuditHash): AuditRow => {
  const fields = { ...row, ...change };
  return { ...fields, hash: hash(fields) };
};

describe.each([
  ['a toy hash', toyHash],
  ['sha256', auditHash],
] as const)('the audit chain walk, with %s', (_name, hash) => {
  it('verifies an intact chain and names its head', () => {
    const rows = chain(5, hash);
    expect(verifyAuditChain(rows, headOf(rows), hash)).toEqual({
      ok: true,
      entries: 5,
      head: rows[4]?.hash,
    });
  });

  it('verifies an empty chain with no head, and refuses one whose head names entries', () => {
    expect(verifyAuditChain([], undefined, hash)).toEqual({
      ok: true,
      entries: 0,
      head: GENESIS_HASH,
    });
    expect(verifyAuditChain([], { seq: 2, hash: 'x' }, hash)).toMatchObject({
      ok: false,
      entries: 0,
      seq: 2,
    });
  });

  it('names an altered entry (hash mismatch)', () => {
    const rows = chain(5, hash);
    rows[2] = { ...(rows[2] as AuditRow), actor: 'mallory' };
    expect(verifyAuditChain(rows, headOf(rows), hash)).toMatchObject({
      ok: false,
      seq: 3,
      entries: 2,
      reasonEn: 'Audit entry #3 was altered (hash mismatch)',
    });
  });

  it('names the entry after one altered and re-hashed (it no longer follows the chain)', () => {
    const rows = chain(5, hash);
    rows[2] = rehashed(rows[2] as AuditRow, { actor: 'mallory' }, hash);
    expect(verifyAuditChain(rows, headOf(rows), hash)).toMatchObject({
      ok: false,
      seq: 4,
      reasonEn: 'Audit entry #4 does not follow the chain (prev_hash)',
    });
  });

  it('names a missing entry in the middle, and a reordered chain', () => {
    const rows = chain(5, hash);
    const gap = rows.filter((r) => r.seq !== 3);
    expect(verifyAuditChain(gap, headOf(rows), hash)).toMatchObject({
      ok: false,
      seq: 3,
      reasonEn: 'Audit entry #3 is missing',
    });
    const swapped = [rows[0], rows[2], rows[1], rows[3], rows[4]] as AuditRow[];
    expect(verifyAuditChain(swapped, headOf(rows), hash)).toMatchObject({ ok: false, seq: 2 });
  });

  it('detects a removed tail by the head, and a head that does not match the last entry', () => {
    const rows = chain(5, hash);
    expect(verifyAuditChain(rows.slice(0, 3), headOf(rows), hash)).toMatchObject({
      ok: false,
      entries: 3,
      seq: 5,
      reasonEn: 'The end of the audit chain does not match its head (head #5, 3 entries)',
    });
    expect(verifyAuditChain(rows, { seq: 5, hash: 'forged' }, hash)).toMatchObject({
      ok: false,
      seq: 5,
    });
    expect(verifyAuditChain(rows, undefined, hash)).toMatchObject({ ok: false, seq: 5 });
  });

  it('walks page by page to the same verdict as all at once', () => {
    const rows = chain(23, hash);
    for (const size of [1, 4, 23, 50]) {
      let walk = AUDIT_WALK_START;
      for (let i = 0; i < rows.length; i += size) {
        const next = walkAuditChain(walk, rows.slice(i, i + size), hash);
        if (!next.ok) throw new Error(next.reasonEn);
        walk = next;
      }
      expect(endAuditChain(walk, headOf(rows))).toEqual(verifyAuditChain(rows, headOf(rows), hash));
    }
  });
});

/**
 * The register's tamper-evident log (docs/elicence.md, RFC 9162): every register decision in an
 * authority's audit chain becomes a signed entry appended to the authority's Merkle log, and signed
 * checkpoints (tree heads) fix the log's size, root and the audit chain's head. The log is brought
 * up to date from the audit chain (idempotently, so a crash between a register write and its log
 * entry is caught up by the next sync) after each register write and before every read of it.
 * Entries wait in the audit chain while the authority has no signing key; they are signed once it
 * has one.
 */
import {
  CHECKPOINT_SCHEMA,
  REGISTER_ENTRY_SCHEMA,
  type Checkpoint,
  type CheckpointPayload,
  type RegisterEntry,
  type RegisterEntryPayload,
} from '../../core/elicence/types.js';
import { DomainError, isDomainError } from '../../core/errors.js';
import type { Licence } from '../../core/licence.js';
import type { LicenceStatus } from '../../core/lifecycle/lifecycle.js';
import {
  consistencyProof,
  inclusionProof,
  leafHash,
  rootHash,
} from '../../core/transparency/merkle.js';
import { fromHex, toHex } from '../../core/transparency/bytes.js';
import type { Organisation } from '../../ports/organisation-store.js';
import type { LogLeaf } from '../../ports/signing.js';
import { signEnvelope } from './envelope.js';
import { currentSigningKey } from './keys.js';
import type { SigningDeps } from './signing-deps.js';

/** Entries served per page of GET /register/entries. */
export const MAX_ENTRIES_PAGE = 1000;
const SYNC_BATCH = 500;

/** The authority organisation whose log is asked for: `id`, or the only one with a log. */
export async function logAuthority(
  id: string | undefined,
  deps: Pick<SigningDeps, 'organisations'>,
): Promise<Organisation> {
  const authorities = (await deps.organisations.listAuthorities()).filter(
    (a) => a.mirrorOf === null,
  );
  if (id === undefined) {
    if (authorities.length === 1 && authorities[0] !== undefined) return authorities[0];
    throw new DomainError(
      'INVALID_INPUT',
      `请用 org 指明发证机关：本系统有 ${authorities.length} 个发证机关（${authorities.map((a) => a.id).join('、')}）`,
      `Name the authority with org: this instance has ${authorities.length} (${authorities.map((a) => a.id).join(', ')})`,
    );
  }
  const found = authorities.find((a) => a.id === id);
  if (found === undefined) {
    throw new DomainError(
      'NOT_FOUND',
      `本系统没有发证机关 ${id} 的登记簿`,
      `This instance holds no register of an authority ${id}`,
    );
  }
  return found;
}

/**
 * Append the authority's register decisions not yet logged, signed with its current key. Returns
 * how many were appended; 0 without a key or a passphrase when `quiet` (after a register write: the
 * write stands, the log catches up later), else the CONFLICT or INVALID_INPUT naming the fix.
 */
export async function syncRegisterLog(
  authority: Organisation,
  deps: SigningDeps,
  options: { readonly quiet?: boolean } = {},
): Promise<number> {
  let appended = 0;
  for (;;) {
    const after = await deps.log.lastLoggedAuditSeq(authority.id);
    const pending = await deps.log.pendingAuditEntries(authority.id, after, SYNC_BATCH);
    if (pending.length === 0) return appended;
    let key;
    try {
      key = await currentSigningKey(authority.id, deps);
    } catch (e) {
      if (options.quiet === true && isDomainError(e)) return appended;
      throw e;
    }
    const start = await deps.log.size(authority.id);
    const signedAt = deps.clock.now().toISOString();
    const leaves: LogLeaf[] = pending.map((a, i) => {
      const p = JSON.parse(a.payload) as {
        kind?: string;
        on?: string;
        note?: string | null;
        data?: Record<string, unknown> | null;
        version?: number;
        status?: LicenceStatus;
        recordSha256?: string;
      };
      const payload: RegisterEntryPayload = {
        origin: authority.id,
        authority: { id: authority.id, name: authority.name },
        jurisdiction: authority.jurisdiction,
        index: start + i,
        audit: { seq: a.seq, hash: a.hash, at: a.at, actor: a.actor },
        kind: p.kind ?? a.action.replace(/^licence\./, ''),
        number: a.subject,
        version: p.version ?? 0,
        status: p.status ?? 'valid',
        on: p.on ?? a.at.slice(0, 10),
        note: p.note ?? null,
        data: p.data ?? null,
        licence: a.record === null ? null : (JSON.parse(a.record) as Licence),
        recordSha256: p.recordSha256 ?? null,
        signedAt,
      };
      const entry: RegisterEntry = signEnvelope(REGISTER_ENTRY_SCHEMA, payload, key, deps.crypto);
      const bytes = deps.crypto.canonicalBytes(entry);
      return {
        index: start + i,
        auditSeq: a.seq,
        entry: Buffer.from(bytes).toString('utf8'),
        leafHash: toHex(leafHash(deps.crypto.sha256, bytes)),
      };
    });
    try {
      await deps.log.append(authority.id, leaves, signedAt);
    } catch (e) {
      // another process logged them first: its entries stand
      if (isDomainError(e) && e.code === 'CONFLICT') return appended;
      throw e;
    }
    appended += leaves.length;
  }
}

/**
 * The log's signed checkpoint as of now: the latest one when nothing has changed since, else a new
 * one signed with the authority's current key.
 */
export async function registerCheckpoint(
  authority: Organisation,
  deps: SigningDeps,
): Promise<Checkpoint> {
  await syncRegisterLog(authority, deps);
  const size = await deps.log.size(authority.id);
  const head = (await deps.log.auditHead(authority.id)) ?? null;
  const latest = await deps.log.latestCheckpoint(authority.id);
  if (latest !== undefined) {
    const cp = JSON.parse(latest) as Checkpoint;
    if (
      cp.payload.treeSize === size &&
      cp.payload.auditHead?.seq === head?.seq &&
      cp.payload.auditHead?.hash === head?.hash
    ) {
      return cp;
    }
  }
  const key = await currentSigningKey(authority.id, deps);
  const hashes = (await deps.log.leafHashes(authority.id, size)).map(fromHex);
  const signedAt = deps.clock.now().toISOString();
  const payload: CheckpointPayload = {
    origin: authority.id,
    authority: { id: authority.id, name: authority.name },
    jurisdiction: authority.jurisdiction,
    treeSize: size,
    rootHash: toHex(rootHash(deps.crypto.sha256, hashes)),
    auditHead: head,
    signedAt,
  };
  const cp = signEnvelope(CHECKPOINT_SCHEMA, payload, key, deps.crypto);
  await deps.log.saveCheckpoint(authority.id, size, JSON.stringify(cp), signedAt);
  return cp;
}

function checkRange(start: number, end: number, size: number): void {
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new DomainError(
      'INVALID_INPUT',
      `范围 start=${start}、end=${end} 无效：须 0 ≤ start ≤ end`,
      `The range start=${start}, end=${end} is invalid: 0 ≤ start ≤ end is required`,
    );
  }
  if (end > size) {
    throw new DomainError(
      'INVALID_INPUT',
      `范围超出登记簿日志（共 ${size} 条）`,
      `The range goes beyond the register log (${size} entries)`,
    );
  }
}

/** Entries [start, end) of the log, at most MAX_ENTRIES_PAGE, as served (the signed envelopes). */
export async function registerEntries(
  authority: Organisation,
  start: number,
  end: number,
  deps: SigningDeps,
): Promise<{ readonly start: number; readonly entries: RegisterEntry[] }> {
  await syncRegisterLog(authority, deps, { quiet: true });
  const size = await deps.log.size(authority.id);
  checkRange(start, end, size);
  const upTo = Math.min(end, start + MAX_ENTRIES_PAGE);
  const leaves = await deps.log.leaves(authority.id, start, upTo);
  return { start, entries: leaves.map((l) => JSON.parse(l.entry) as RegisterEntry) };
}

export interface InclusionAnswer {
  readonly index: number;
  readonly treeSize: number;
  readonly leafHash: string;
  readonly proof: string[];
}

export async function registerInclusionProof(
  authority: Organisation,
  index: number,
  treeSize: number,
  deps: SigningDeps,
): Promise<InclusionAnswer> {
  const size = await deps.log.size(authority.id);
  checkRange(index, treeSize, size);
  if (index >= treeSize) {
    throw new DomainError(
      'INVALID_INPUT',
      `条目 ${index} 不在大小为 ${treeSize} 的树中`,
      `Entry ${index} is not in a tree of size ${treeSize}`,
    );
  }
  const hashes = (await deps.log.leafHashes(authority.id, treeSize)).map(fromHex);
  return {
    index,
    treeSize,
    leafHash: toHex(hashes[index] as Uint8Array),
    proof: inclusionProof(deps.crypto.sha256, hashes, index, treeSize).map(toHex),
  };
}

export interface ConsistencyAnswer {
  readonly first: number;
  readonly second: number;
  readonly proof: string[];
}

export async function registerConsistencyProof(
  authority: Organisation,
  first: number,
  second: number,
  deps: SigningDeps,
): Promise<ConsistencyAnswer> {
  const size = await deps.log.size(authority.id);
  checkRange(first, second, size);
  const hashes = (await deps.log.leafHashes(authority.id, second)).map(fromHex);
  return {
    first,
    second,
    proof: consistencyProof(deps.crypto.sha256, hashes, first, second).map(toHex),
  };
}

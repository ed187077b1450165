/**
 * Following another instance's register (docs/elicence.md): pull its signed checkpoint, prove it
 * consistent with the last one held (RFC 9162 §2.1.4), fetch the new entries, check each one's
 * signature and place, rebuild the tree's root from them and compare it with the checkpoint, and
 * only then store them as `mirrored` records of a mirror organisation, which answers register
 * look-ups and public verification here. A source that rewrites its history, forks, shrinks, or
 * serves an unsigned or altered entry is refused with REGISTER_TAMPERED and the evidence is kept;
 * the follower keeps its last good state.
 */
import {
  CHECKPOINT_SCHEMA,
  REGISTER_ENTRY_SCHEMA,
  type Checkpoint,
  type PublishedKey,
  type RegisterEntry,
} from '../../core/elicence/types.js';
import { DomainError } from '../../core/errors.js';
import type { LicenceEventKind } from '../../core/lifecycle/lifecycle.js';
import type { Licence } from '../../core/licence.js';
import {
  MerkleAccumulator,
  leafHash,
  verifyConsistency,
  verifyInclusion,
} from '../../core/transparency/merkle.js';
import { fromHex, toHex } from '../../core/transparency/bytes.js';
import { ORGANISATION_ID } from '../../core/trust/types.js';
import type { NewLicence } from '../../ports/licence-store.js';
import type { FollowState } from '../../ports/signing.js';
import type { Actor } from '../registry/registry-deps.js';
import { checkEnvelope, envelopeBytes } from './envelope.js';
import { MAX_ENTRIES_PAGE } from './register-log.js';
import type { SigningDeps } from './signing-deps.js';

export interface FollowRequest {
  /** the source instance's base URL */
  readonly sourceUrl: string;
  /** the source authority's keys (its keys.json), obtained out of band */
  readonly keys: readonly PublishedKey[];
  /** the authority on the source; omitted: the source's only one */
  readonly origin?: string;
  /** the mirror organisation here; default `mirror-<origin>` */
  readonly organisation?: string;
}

export interface FollowResult {
  readonly organisation: string;
  readonly origin: string;
  readonly fromSize: number;
  readonly treeSize: number;
  readonly rootHash: string;
  readonly applied: number;
}

export type GetJson = (url: string) => Promise<unknown>;

/** A proof as served: a list of 32-byte hashes in hex, or null when it is anything else. */
function hashList(value: unknown): Uint8Array[] | null {
  if (!Array.isArray(value) || value.length > 64) return null;
  const out: Uint8Array[] = [];
  for (const h of value) {
    if (typeof h !== 'string' || !/^[0-9a-f]{64}$/u.test(h)) return null;
    out.push(fromHex(h));
  }
  return out;
}

export async function followRegister(
  request: FollowRequest,
  who: Actor,
  deps: SigningDeps,
  getJson: GetJson = deps.fetchJson,
): Promise<FollowResult> {
  const base = request.sourceUrl.replace(/\/+$/u, '');
  const api = `${base}/api/v1/register`;
  const q = request.origin === undefined ? '' : `org=${encodeURIComponent(request.origin)}&`;
  const signedAt = (p: unknown) => (p as { signedAt?: string } | null)?.signedAt;

  // 1. the source's checkpoint, signed by a key of the authority it names
  const served = await getJson(`${api}/checkpoint${q === '' ? '' : `?${q.slice(0, -1)}`}`);
  const cpCheck = checkEnvelope(served, CHECKPOINT_SCHEMA, request.keys, signedAt, deps.crypto);
  const claimed = (served as { payload?: { origin?: unknown } } | null)?.payload?.origin;
  const origin = typeof claimed === 'string' ? claimed : '?';
  // its shape is trusted only once its signature is (below)
  const cp = served as Checkpoint;
  const organisation = request.organisation ?? `mirror-${origin}`;
  const incident = async (reason: string, reasonEn: string, evidence: object) => {
    const detectedAt = deps.clock.now().toISOString();
    await deps.follows.recordIncident({
      id: deps.newId(),
      organisation,
      sourceUrl: base,
      detectedAt,
      reason,
      reasonEn,
      evidence: JSON.stringify(evidence),
    });
    return new DomainError(
      'REGISTER_TAMPERED',
      `拒绝跟随 ${base}（${origin}）：${reason}；证据已保存，镜像保持上次核验通过的状态`,
      `Refused to follow ${base} (${origin}): ${reasonEn}; the evidence is saved and the mirror keeps its last verified state`,
    );
  };
  if (!cpCheck.ok) {
    throw await incident(
      `检查点签名无效：${cpCheck.reason}`,
      `checkpoint signature invalid: ${cpCheck.reasonEn}`,
      { checkpoint: cp },
    );
  }
  const { treeSize, rootHash } = cp.payload as Partial<Checkpoint['payload']>;
  if (!Number.isSafeInteger(treeSize) || !/^[0-9a-f]{64}$/u.test(String(rootHash))) {
    throw await incident(
      '检查点的树大小或根哈希格式无效',
      'the checkpoint’s tree size or root hash is malformed',
      { checkpoint: cp },
    );
  }
  if (
    cpCheck.key.organisation !== origin &&
    cpCheck.key.organisationName !== cp.payload.authority.name
  ) {
    throw await incident(
      `检查点由 ${cpCheck.key.organisation} 的密钥签名，不是 ${origin} 的`,
      `the checkpoint is signed by a key of ${cpCheck.key.organisation}, not of ${origin}`,
      { checkpoint: cp },
    );
  }
  if (request.origin !== undefined && origin !== request.origin) {
    throw new DomainError(
      'INVALID_INPUT',
      `来源返回了 ${origin} 的检查点，而不是 ${request.origin} 的`,
      `The source answered with ${origin}'s checkpoint, not ${request.origin}'s`,
    );
  }
  if (!ORGANISATION_ID.test(organisation)) {
    throw new DomainError(
      'INVALID_INPUT',
      `镜像机构编号 ${organisation} 无效`,
      `The mirror organisation id ${organisation} is invalid`,
    );
  }

  // 2. the mirror organisation: created on first follow, never another's
  const mirrorOf = `${base}#${origin}`;
  const existing = await deps.organisations.findOrganisation(organisation);
  if (existing === undefined) {
    await deps.organisations.createOrganisation(
      {
        id: organisation,
        name: cp.payload.authority.name,
        kind: 'authority',
        jurisdiction: cp.payload.jurisdiction,
        publishDeclared: false,
        mirrorOf,
      },
      who.actor,
    );
  } else if (existing.mirrorOf !== mirrorOf) {
    throw new DomainError(
      'CONFLICT',
      `机构 ${organisation} 不是 ${mirrorOf} 的镜像`,
      `Organisation ${organisation} is not the mirror of ${mirrorOf}`,
    );
  }
  // the source's public keys, kept here (public halves only) to check its e-licences too
  for (const k of request.keys) {
    if (k.organisation !== origin || (await deps.keys.findKey(k.kid)) !== undefined) continue;
    await deps.keys.addKey(
      {
        ...k,
        organisation,
        publicKeyHex: deps.crypto.publicKeyFromPem(k.publicKeyPem),
        privateKeyEncrypted: null,
        createdAt: deps.clock.now().toISOString(),
      },
      who.actor,
    );
  }
  const state: FollowState = (await deps.follows.findFollow(organisation)) ?? {
    organisation,
    sourceUrl: base,
    origin,
    checkpoint: null,
    compactRange: [],
    treeSize: 0,
    updatedAt: deps.clock.now().toISOString(),
  };
  const held = state.checkpoint === null ? null : (JSON.parse(state.checkpoint) as Checkpoint);
  const size = cp.payload.treeSize;

  // 3. consistent with what is held
  if (held !== null) {
    const evidence = { held, served: cp };
    if (size < held.payload.treeSize) {
      throw await incident(
        `登记簿日志从 ${held.payload.treeSize} 条缩减为 ${size} 条`,
        `the log shrank from ${held.payload.treeSize} to ${size} entries`,
        evidence,
      );
    }
    if (size === held.payload.treeSize && cp.payload.rootHash !== held.payload.rootHash) {
      throw await incident(
        '同样大小的日志根哈希不同（分叉或改写）',
        'the same log size has a different root hash (fork or rewrite)',
        evidence,
      );
    }
    if (size > held.payload.treeSize && held.payload.treeSize > 0) {
      const c = (await getJson(
        `${api}/proofs/consistency?${q}first=${held.payload.treeSize}&second=${size}`,
      )) as { proof?: unknown } | null;
      const proof = hashList(c?.proof) ?? [];
      if (
        !verifyConsistency(
          deps.crypto.sha256,
          held.payload.treeSize,
          size,
          fromHex(held.payload.rootHash),
          fromHex(cp.payload.rootHash),
          proof,
        )
      ) {
        throw await incident(
          '新检查点与已持有的检查点不一致：历史被改写',
          'the new checkpoint is not consistent with the one held: history was rewritten',
          { ...evidence, consistency: c },
        );
      }
    }
  }

  // 4. the new entries: each signed and in its place; together they must make the checkpoint's root
  const acc = MerkleAccumulator.restore(
    deps.crypto.sha256,
    state.treeSize,
    state.compactRange.map(fromHex),
  );
  const fresh: RegisterEntry[] = [];
  let lastLeaf: Uint8Array | undefined;
  for (let start = state.treeSize; start < size;) {
    const end = Math.min(size, start + MAX_ENTRIES_PAGE);
    const page = (await getJson(`${api}/entries?${q}start=${start}&end=${end}`)) as {
      entries?: unknown;
    } | null;
    const entries: unknown[] = Array.isArray(page?.entries) ? page.entries : [];
    if (entries.length === 0) {
      throw await incident(
        `来源没有给出第 ${start} 条起的条目`,
        `the source served no entries from ${start}`,
        { checkpoint: cp, page },
      );
    }
    for (const [i, raw] of entries.entries()) {
      const index = start + i;
      const check = checkEnvelope(raw, REGISTER_ENTRY_SCHEMA, request.keys, signedAt, deps.crypto);
      if (!check.ok) {
        throw await incident(
          `第 ${index} 条：${check.reason}`,
          `entry ${index}: ${check.reasonEn}`,
          { checkpoint: cp, entry: raw },
        );
      }
      const entry = raw as RegisterEntry;
      if (
        entry.payload.index !== index ||
        entry.payload.origin !== origin ||
        check.key.organisation !== origin
      ) {
        throw await incident(
          `第 ${index} 条的位置或发证机关不符`,
          `entry ${index} is out of place or of another authority`,
          { checkpoint: cp, entry },
        );
      }
      const bytes = envelopeBytes(entry, check.payloadBytes, deps.crypto);
      acc.append(leafHash(deps.crypto.sha256, bytes));
      fresh.push(entry);
      lastLeaf = bytes;
    }
    start += entries.length;
  }
  if (toHex(acc.root()) !== cp.payload.rootHash) {
    throw await incident(
      '条目重建的根哈希与签名检查点不符',
      'the root rebuilt from the entries does not match the signed checkpoint',
      { checkpoint: cp, rebuiltRoot: toHex(acc.root()) },
    );
  }
  // the source's inclusion proofs must agree too (checked for the newest entry)
  if (size > 0 && fresh.length > 0) {
    const last = size - 1;
    const inc = (await getJson(`${api}/proofs/inclusion?${q}index=${last}&treeSize=${size}`)) as {
      proof?: unknown;
    } | null;
    const incProof = hashList(inc?.proof);
    const leaf = leafHash(deps.crypto.sha256, lastLeaf ?? deps.crypto.canonicalBytes(fresh.at(-1)));
    if (
      incProof === null ||
      !verifyInclusion(deps.crypto.sha256, leaf, last, size, incProof, fromHex(cp.payload.rootHash))
    ) {
      throw await incident(
        `第 ${last} 条的包含证明不成立`,
        `the inclusion proof of entry ${last} does not verify`,
        { checkpoint: cp, inclusion: inc },
      );
    }
  }

  // 5. apply, in order; an entry already applied (a run cut short before saving its state) is
  // skipped. New licences go in batches (a province's register is mostly issues).
  let applied = 0;
  let batch: NewLicence[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await deps.store.createLicences(organisation, batch);
    applied += batch.length;
    batch = [];
  };
  for (const entry of fresh) {
    const p = entry.payload;
    if (p.licence === null || p.version < 1) continue;
    const current = await deps.store.findLicence(organisation, p.number);
    if (current !== undefined && current.version >= p.version) continue;
    const pending = batch.some((b) => b.licence.number === p.number);
    if (current === undefined && p.version === 1 && !pending) {
      batch.push(mirrored(entry, base));
      if (batch.length >= 500) await flush();
      continue;
    }
    await flush();
    await applyChange(organisation, entry, base, deps);
    applied++;
  }
  await flush();
  await deps.follows.saveFollow({
    organisation,
    sourceUrl: base,
    origin,
    checkpoint: JSON.stringify(cp),
    compactRange: acc.peaks.map(toHex),
    treeSize: size,
    updatedAt: deps.clock.now().toISOString(),
  });
  return {
    organisation,
    origin,
    fromSize: state.treeSize,
    treeSize: size,
    rootHash: cp.payload.rootHash,
    applied,
  };
}

/** An entry as the mirror stores it: its record, status and event, provenance `mirrored`. */
function mirrored(entry: RegisterEntry, source: string): NewLicence {
  const p = entry.payload;
  return {
    licence: p.licence as Licence & { number: string },
    status: p.status,
    provenance: 'mirrored',
    event: {
      kind: p.kind as LicenceEventKind,
      on: p.on,
      note: p.note,
      actor: `follow:${source}`,
      data: p.data,
    },
    document: null,
  };
}

/** A later version of a licence the mirror holds: the next version, or a CONFLICT naming the gap. */
async function applyChange(
  organisation: string,
  entry: RegisterEntry,
  source: string,
  deps: SigningDeps,
): Promise<void> {
  const p = entry.payload;
  const current = await deps.store.findLicence(organisation, p.number);
  if (current?.version !== p.version - 1) {
    throw new DomainError(
      'CONFLICT',
      `镜像中 ${p.number} 为第 ${current?.version ?? 0} 版，条目为第 ${p.version} 版`,
      `The mirror holds version ${current?.version ?? 0} of ${p.number}; the entry is version ${p.version}`,
    );
  }
  const { licence, status, event } = mirrored(entry, source);
  await deps.store.updateLicence(organisation, {
    number: p.number,
    expectedVersion: current.version,
    licence,
    status,
    provenance: 'mirrored',
    event,
    document: null,
  });
}

/**
 * A deeper audit verification (docs/elicence.md): besides the hash chain, every stored licence
 * version is recomputed against the record hash its audit entry recorded (so a direct edit of the
 * licence tables is found), and, given a signed checkpoint, the chain is held to the audit head the
 * checkpoint anchored (so entries removed from the end, a head wound back, or a chain recomputed
 * after a rewrite are found, all of which a chain check alone passes) and the register log to its
 * root.
 */
import { CHECKPOINT_SCHEMA, type Checkpoint } from '../../core/elicence/types.js';
import { toHex } from '../../core/transparency/bytes.js';
import { leafHash, MerkleAccumulator } from '../../core/transparency/merkle.js';
import type { AuditVerification } from '../../ports/licence-store.js';
import type { Actor } from '../registry/registry-deps.js';
import { checkEnvelope } from './envelope.js';
import { publishedKey } from './keys.js';
import type { SigningDeps } from './signing-deps.js';

/** Log entries read per page. */
const PAGE = 1000;

export interface Finding {
  readonly reason: string;
  readonly reasonEn: string;
}

export interface DeepAuditResult {
  readonly ok: boolean;
  readonly organisation: string;
  readonly chain: AuditVerification;
  /** licence versions whose stored record was checked against its audit entry */
  readonly versionsChecked: number;
  readonly versionFindings: readonly Finding[];
  /** null without a checkpoint */
  readonly checkpoint: { readonly ok: boolean; readonly findings: readonly Finding[] } | null;
}

export async function verifyAuditDeep(
  who: Actor,
  deps: SigningDeps,
  checkpointText?: string,
): Promise<DeepAuditResult> {
  let organisation = who.organisation;
  let checkpoint: Checkpoint | undefined;
  const cpFindings: Finding[] = [];
  if (checkpointText !== undefined) {
    try {
      const parsed = JSON.parse(checkpointText) as { payload?: { origin?: unknown } } | null;
      checkpoint = parsed as Checkpoint;
      if (typeof parsed?.payload?.origin === 'string') organisation = parsed.payload.origin;
    } catch (e) {
      cpFindings.push({
        reason: `检查点不是有效的 JSON：${(e as Error).message}`,
        reasonEn: `The checkpoint is not valid JSON: ${(e as Error).message}`,
      });
    }
  }
  const chain = await deps.store.verifyAudit(organisation);

  const versionFindings: Finding[] = [];
  let versionsChecked = 0;
  for (let after = 0; ;) {
    const page = await deps.log.pendingAuditEntries(organisation, after, 500);
    if (page.length === 0) break;
    for (const a of page) {
      after = a.seq;
      const p = JSON.parse(a.payload) as { version?: number; recordSha256?: string };
      if (typeof p.version !== 'number' || typeof p.recordSha256 !== 'string') continue;
      versionsChecked++;
      if (a.record === null) {
        versionFindings.push({
          reason: `${a.subject} 第 ${p.version} 版缺失（审计记录 #${a.seq}）`,
          reasonEn: `${a.subject} version ${p.version} is missing (audit entry #${a.seq})`,
        });
      } else if (toHex(deps.crypto.sha256(new TextEncoder().encode(a.record))) !== p.recordSha256) {
        versionFindings.push({
          reason: `${a.subject} 第 ${p.version} 版的记录与审计记录 #${a.seq} 的哈希不符：记录被直接改动`,
          reasonEn: `${a.subject} version ${p.version} does not match the hash in audit entry #${a.seq}: the record was edited directly`,
        });
      }
    }
  }

  if (checkpoint !== undefined) {
    cpFindings.push(...(await checkAgainstCheckpoint(organisation, checkpoint, deps)));
  }
  const checkpointResult =
    checkpointText === undefined ? null : { ok: cpFindings.length === 0, findings: cpFindings };
  return {
    ok: chain.ok && versionFindings.length === 0 && (checkpointResult?.ok ?? true),
    organisation,
    chain,
    versionsChecked,
    versionFindings,
    checkpoint: checkpointResult,
  };
}

async function checkAgainstCheckpoint(
  organisation: string,
  cp: Checkpoint,
  deps: SigningDeps,
): Promise<Finding[]> {
  const keys = (await deps.keys.listKeys()).map(publishedKey);
  const check = checkEnvelope(
    cp,
    CHECKPOINT_SCHEMA,
    keys,
    (p) => (p as { signedAt?: string } | null)?.signedAt,
    deps.crypto,
  );
  if (!check.ok) {
    return [
      {
        reason: `检查点签名无效：${check.reason}`,
        reasonEn: `The checkpoint's signature is invalid: ${check.reasonEn}`,
      },
    ];
  }
  const findings: Finding[] = [];
  const anchored = cp.payload.auditHead;
  if (anchored !== null) {
    const head = await deps.log.auditHead(organisation);
    const entry = await deps.log.auditEntry(organisation, anchored.seq);
    if (head === undefined || head.seq < anchored.seq) {
      findings.push({
        reason: `审计链只到 #${head?.seq ?? 0}，而检查点签署时已到 #${anchored.seq}：末尾的记录被删除或链头被回退`,
        reasonEn: `The audit chain ends at #${head?.seq ?? 0}, but it reached #${anchored.seq} when the checkpoint was signed: entries were removed from the end or the head was wound back`,
      });
    } else if (entry === undefined || entry.hash !== anchored.hash) {
      findings.push({
        reason: `审计记录 #${anchored.seq} 的哈希与检查点不符：审计链在签署后被改写并重算`,
        reasonEn: `Audit entry #${anchored.seq} does not match the checkpoint's hash: the chain was rewritten and recomputed after it was signed`,
      });
    }
  }
  const size = await deps.log.size(organisation);
  if (size < cp.payload.treeSize) {
    findings.push({
      reason: `登记簿日志只有 ${size} 条，检查点为 ${cp.payload.treeSize} 条`,
      reasonEn: `The register log holds ${size} entries; the checkpoint has ${cp.payload.treeSize}`,
    });
  } else {
    // one pass, a page of entries at a time: each entry against its leaf hash, the leaves into
    // the tree (constant memory: a register's log does not fit in it whole)
    const tree = new MerkleAccumulator(deps.crypto.sha256);
    let altered: number | undefined;
    for (let start = 0; start < cp.payload.treeSize && altered === undefined; start += PAGE) {
      const end = Math.min(cp.payload.treeSize, start + PAGE);
      for (const l of await deps.log.leaves(organisation, start, end)) {
        const leaf = leafHash(deps.crypto.sha256, new TextEncoder().encode(l.entry));
        if (toHex(leaf) !== l.leafHash) {
          altered = l.index;
          break;
        }
        tree.append(leaf);
      }
    }
    if (altered !== undefined) {
      findings.push({
        reason: `登记簿日志第 ${altered} 条被改动`,
        reasonEn: `Register log entry ${altered} was altered`,
      });
    } else if (toHex(tree.root()) !== cp.payload.rootHash) {
      findings.push({
        reason: '登记簿日志的根哈希与检查点不符：日志被改写',
        reasonEn: "The register log's root does not match the checkpoint: the log was rewritten",
      });
    }
  }
  return findings;
}

/**
 * Ports of the authority's signed word (docs/elicence.md): the SM2 signing keys, the register's
 * Merkle log with its checkpoints, a follower's state, and the cryptography itself (SM2 over SM3,
 * RFC 8785 canonical JSON, SHA-256 for the log, the key-encryption of private keys).
 */
import type { PublishedKey } from '../core/elicence/types.js';

export interface StoredKey extends PublishedKey {
  /** uncompressed point, hex */
  readonly publicKeyHex: string;
  /** encrypted under the key-encryption key; null for a public key only */
  readonly privateKeyEncrypted: string | null;
  readonly createdAt: string;
}

export interface SigningKeyStore {
  /** Add a key (audited in its organisation's chain, never with the private part). */
  addKey(key: StoredKey, actor: string): Promise<void>;
  /** Every key of `organisation`, or of every organisation, oldest first. */
  listKeys(organisation?: string): Promise<StoredKey[]>;
  findKey(kid: string): Promise<StoredKey | undefined>;
  /** End a key's validity (rotation); audited. */
  retireKey(kid: string, at: string, actor: string): Promise<void>;
  /** Revoke a key with a reason; audited. NOT_FOUND for an unknown kid. */
  revokeKey(kid: string, at: string, reason: string, actor: string): Promise<StoredKey>;
}

/** An audit entry of an authority's chain that records a register decision, with its version. */
export interface RegisterAuditEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly payload: string;
  readonly hash: string;
  /** the licence version's record as stored (JSON), when the payload names a version */
  readonly record: string | null;
}

export interface LogLeaf {
  readonly index: number;
  readonly auditSeq: number;
  /** the signed entry, JSON */
  readonly entry: string;
  /** hex */
  readonly leafHash: string;
}

export interface RegisterLogStore {
  /** the number of leaves in `org`'s log */
  size(org: string): Promise<number>;
  /** the seq of the last audit entry logged, 0 for none */
  lastLoggedAuditSeq(org: string): Promise<number>;
  /** register decisions in `org`'s audit chain after `afterSeq`, in seq order, at most `limit` */
  pendingAuditEntries(org: string, afterSeq: number, limit: number): Promise<RegisterAuditEntry[]>;
  /** the audit chain's head, or undefined when it is empty */
  auditHead(org: string): Promise<{ readonly seq: number; readonly hash: string } | undefined>;
  /** the audit entry with `seq`, or undefined */
  auditEntry(org: string, seq: number): Promise<{ readonly hash: string } | undefined>;
  /** Append leaves at the end; CONFLICT when `leaves[0].index` is not the log's size. */
  append(org: string, leaves: readonly LogLeaf[], at: string): Promise<void>;
  /** leaves [start, end) in order */
  leaves(org: string, start: number, end: number): Promise<LogLeaf[]>;
  /** leaf hashes (hex) [0, end) in order */
  leafHashes(org: string, end: number): Promise<string[]>;
  latestCheckpoint(org: string): Promise<string | undefined>;
  saveCheckpoint(org: string, treeSize: number, checkpoint: string, at: string): Promise<void>;
}

/** What a follower keeps of a register it mirrors. */
export interface FollowState {
  readonly organisation: string;
  readonly sourceUrl: string;
  readonly origin: string;
  /** the last good checkpoint, JSON; null before the first pull */
  readonly checkpoint: string | null;
  /** the compact range (hex) of the tree of that checkpoint */
  readonly compactRange: readonly string[];
  readonly treeSize: number;
  readonly updatedAt: string;
}

export interface FollowIncident {
  readonly id: string;
  readonly organisation: string;
  readonly sourceUrl: string;
  readonly detectedAt: string;
  readonly reason: string;
  readonly reasonEn: string;
  /** JSON */
  readonly evidence: string;
}

export interface FollowStore {
  findFollow(organisation: string): Promise<FollowState | undefined>;
  listFollows(): Promise<FollowState[]>;
  saveFollow(state: FollowState): Promise<void>;
  recordIncident(incident: FollowIncident): Promise<void>;
  listIncidents(organisation: string): Promise<FollowIncident[]>;
}

export interface Sm2KeyPairHex {
  readonly privateKeyHex: string;
  readonly publicKeyHex: string;
}

/** The cryptography, from maintained libraries (adapters/crypto). */
export interface SignatureCrypto {
  readonly generateKeyPair: () => Sm2KeyPairHex;
  /** SM2 with SM3 and the default signer ID; DER SEQUENCE { r, s } */
  readonly sign: (message: Uint8Array, key: Sm2KeyPairHex) => Uint8Array;
  /** false for any signature, key or message that does not verify, malformed or not */
  readonly verify: (message: Uint8Array, signature: Uint8Array, publicKeyHex: string) => boolean;
  readonly publicKeyToPem: (publicKeyHex: string) => string;
  /** INVALID_INPUT when it is not an SM2 public key */
  readonly publicKeyFromPem: (pem: string) => string;
  readonly sm3Hex: (bytes: Uint8Array) => string;
  readonly sha256: (bytes: Uint8Array) => Uint8Array;
  /** RFC 8785 canonical JSON, UTF-8 */
  readonly canonicalBytes: (value: unknown) => Uint8Array;
  readonly encryptSecret: (plain: string, passphrase: string, context: string) => string;
  readonly decryptSecret: (blob: string, passphrase: string, context: string) => string;
}

/** Signing keys, the register's Merkle log and checkpoints, and the follower's state (docs/elicence.md). */

export interface SigningKeyTable {
  kid: string;
  organisation_id: string;
  alg: string;
  /** uncompressed SM2 point, hex */
  public_key: string;
  /** encrypted under the key-encryption key (XUKE_KEY_PASSPHRASE); null for a public key only */
  private_key_encrypted: string | null;
  valid_from: string;
  valid_until: string | null;
  revoked_at: string | null;
  revocation_reason: string | null;
  created_at: string;
}

/** One leaf of an authority's register log: a signed entry recording one audit entry. */
export interface RegisterLogTable {
  organisation_id: string;
  idx: number;
  audit_seq: number;
  entry: string;
  leaf_hash: string;
  logged_at: string;
}

export interface RegisterCheckpointTable {
  organisation_id: string;
  tree_size: number;
  checkpoint: string;
  signed_at: string;
}

export interface RegisterFollowTable {
  organisation_id: string;
  source_url: string;
  origin: string;
  checkpoint: string | null;
  compact_range: string;
  tree_size: number;
  updated_at: string;
}

export interface RegisterFollowIncidentTable {
  id: string;
  organisation_id: string;
  source_url: string;
  detected_at: string;
  reason: string;
  reason_en: string;
  evidence: string;
}

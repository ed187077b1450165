/**
 * The signed statements of an issuing authority (docs/elicence.md): the electronic licence
 * (电子证照) and the register's log entries share one envelope, a JSON object whose `payload` is
 * signed with SM2 over SM3 (GB/T 32918, signer ID per GM/T 0009) on its RFC 8785 canonical bytes.
 */
import type { Licence } from '../licence.js';
import type { LicenceStatus } from '../lifecycle/lifecycle.js';
import type { AuthorityRef } from '../trust/types.js';

export const SIGNATURE_ALG = 'SM2-SM3';
/** GM/T 0009's default signer identity, used for every signature xuke makes and checks. */
export const DEFAULT_SIGNER_ID = '1234567812345678';

export const ELICENCE_SCHEMA = 'xuke.elicence/v1';

export interface SignatureBlock {
  readonly alg: typeof SIGNATURE_ALG;
  /** the signing key's id, as published in keys.json */
  readonly kid: string;
  /** base64 of the DER SEQUENCE { r, s } */
  readonly value: string;
}

export interface SignedEnvelope<P> {
  readonly schema: string;
  readonly payload: P;
  readonly signature: SignatureBlock;
}

/** The e-licence's payload: the public fields of the register's current version. */
export interface ElicencePayload {
  readonly number: string;
  /** the register's version this e-licence was made from */
  readonly version: number;
  /** the status recorded in the register when signed */
  readonly status: LicenceStatus;
  readonly licence: Licence;
  readonly authority: AuthorityRef;
  /** ISO 8601 instant */
  readonly signedAt: string;
}

export type Elicence = SignedEnvelope<ElicencePayload>;

/** A published public key (GET /.well-known/xuke/keys.json). */
export interface PublishedKey {
  readonly kid: string;
  readonly organisation: string;
  readonly organisationName: string;
  readonly alg: typeof SIGNATURE_ALG;
  /** SubjectPublicKeyInfo, PEM, id-ecPublicKey on curve SM2 (1.2.156.10197.1.301) */
  readonly publicKeyPem: string;
  readonly validFrom: string;
  readonly validUntil: string | null;
  readonly revokedAt: string | null;
  readonly revocationReason: string | null;
}

export interface KeySet {
  readonly keys: readonly PublishedKey[];
}

export const REGISTER_ENTRY_SCHEMA = 'xuke.register-entry/v1';
export const CHECKPOINT_SCHEMA = 'xuke.checkpoint/v1';

/**
 * One leaf of an authority's register log: one decision recorded in its audit chain (issue,
 * change, renewal, annual report, cancellation, revocation …) with the version it made.
 */
export interface RegisterEntryPayload {
  /** the authority organisation whose log this is */
  readonly origin: string;
  readonly authority: AuthorityRef;
  /** the authority's jurisdiction keys (京, MIIT …) */
  readonly jurisdiction: readonly string[];
  /** the leaf's index in the log */
  readonly index: number;
  /** the audit entry it records */
  readonly audit: {
    readonly seq: number;
    readonly hash: string;
    readonly at: string;
    readonly actor: string;
  };
  /** the decision: issued, renewed, changed, revoked … */
  readonly kind: string;
  readonly number: string;
  readonly version: number;
  readonly status: LicenceStatus;
  readonly on: string;
  readonly note: string | null;
  readonly data: Readonly<Record<string, unknown>> | null;
  /** the version's record; null when the audit entry names no version */
  readonly licence: Licence | null;
  /** sha256 of the record as stored (the audit payload's recordSha256) */
  readonly recordSha256: string | null;
  readonly signedAt: string;
}

/** A signed tree head (RFC 9162 §4.10) anchoring the audit chain's head too. */
export interface CheckpointPayload {
  readonly origin: string;
  readonly authority: AuthorityRef;
  /** the authority's jurisdiction keys, so a follower knows which numbers the mirror answers */
  readonly jurisdiction: readonly string[];
  readonly treeSize: number;
  /** hex, SHA-256 Merkle tree hash (RFC 9162 §2.1.1) */
  readonly rootHash: string;
  /** the authority's audit chain's head when signed */
  readonly auditHead: { readonly seq: number; readonly hash: string } | null;
  readonly signedAt: string;
}

export type RegisterEntry = SignedEnvelope<RegisterEntryPayload>;
export type Checkpoint = SignedEnvelope<CheckpointPayload>;

/** What an e-licence file holds: the signed JSON, or the text of its QR code read off a PDF or photo. */
export type ElicenceFile =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'qr'; readonly text: string };

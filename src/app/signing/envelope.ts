/**
 * Signing and checking the authority's signed statements: `{schema, payload, signature}` with an
 * SM2-SM3 signature over the RFC 8785 canonical bytes of `payload` (docs/elicence.md). Checking says
 * which of the ways a statement can fail it is: unreadable, unknown key, revoked key, a key not
 * valid when it signed, or a signature that does not match (payload altered or forged).
 */
import {
  SIGNATURE_ALG,
  type PublishedKey,
  type SignatureBlock,
  type SignedEnvelope,
} from '../../core/elicence/types.js';
import type { SignatureCrypto, Sm2KeyPairHex } from '../../ports/signing.js';

export interface SigningKey extends Sm2KeyPairHex {
  readonly kid: string;
}

export function signEnvelope<P>(
  schema: string,
  payload: P,
  key: SigningKey,
  crypto: SignatureCrypto,
): SignedEnvelope<P> {
  const signature = crypto.sign(crypto.canonicalBytes(payload), key);
  return {
    schema,
    payload,
    signature: { alg: SIGNATURE_ALG, kid: key.kid, value: base64(signature) },
  };
}

export type SignatureFailure =
  'unreadable' | 'unknown-key' | 'revoked-key' | 'key-not-valid' | 'bad-signature';

export type SignatureCheck =
  | {
      readonly ok: true;
      readonly key: PublishedKey;
      /** the payload's canonical bytes, as verified */
      readonly payloadBytes: Uint8Array;
    }
  | {
      readonly ok: false;
      readonly failure: SignatureFailure;
      readonly key: PublishedKey | null;
      readonly reason: string;
      readonly reasonEn: string;
    };

export type KeyCheck =
  { readonly ok: true; readonly key: PublishedKey } | Extract<SignatureCheck, { ok: false }>;

/** The key `kid` among `keys`, unless it is unknown or revoked (both say so): for any signature. */
export function usableKey(keys: readonly PublishedKey[], kid: string): KeyCheck {
  const key = keys.find((k) => k.kid === kid);
  if (key === undefined) {
    return {
      ok: false,
      failure: 'unknown-key',
      key: null,
      reason: `签名密钥 ${kid} 不在所给的公钥中`,
      reasonEn: `The signing key ${kid} is not among the public keys given`,
    };
  }
  if (key.revokedAt !== null) {
    return {
      ok: false,
      failure: 'revoked-key',
      key,
      reason: `签名密钥 ${key.kid} 已于 ${key.revokedAt} 吊销（${key.revocationReason ?? ''}）`,
      reasonEn: `The signing key ${key.kid} was revoked at ${key.revokedAt} (${key.revocationReason ?? ''})`,
    };
  }
  return { ok: true, key };
}

/**
 * Check `envelope`'s signature with `keys` (a keys.json or this instance's), the key valid at
 * `signedAt` (the statement's own time) and not revoked.
 */
export function checkEnvelope(
  envelope: unknown,
  schema: string,
  keys: readonly PublishedKey[],
  signedAt: (payload: unknown) => string | undefined,
  crypto: SignatureCrypto,
): SignatureCheck {
  const fail = (
    failure: SignatureFailure,
    reason: string,
    reasonEn: string,
    key: PublishedKey | null = null,
  ): SignatureCheck => ({ ok: false, failure, key, reason, reasonEn });
  if (typeof envelope !== 'object' || envelope === null) {
    return fail(
      'unreadable',
      '不是签名文件（应为 JSON 对象）',
      'Not a signed file (a JSON object is expected)',
    );
  }
  const e = envelope as Partial<SignedEnvelope<unknown>>;
  if (e.schema !== schema) {
    return fail(
      'unreadable',
      `文件格式 ${String(e.schema)} 不是 ${schema}`,
      `The file's schema ${String(e.schema)} is not ${schema}`,
    );
  }
  const sig = e.signature as Partial<SignatureBlock> | undefined;
  if (
    e.payload === undefined ||
    sig === undefined ||
    sig.alg !== SIGNATURE_ALG ||
    typeof sig.kid !== 'string' ||
    typeof sig.value !== 'string'
  ) {
    return fail(
      'unreadable',
      `缺少签名，或签名算法不是 ${SIGNATURE_ALG}`,
      `The signature is missing or its algorithm is not ${SIGNATURE_ALG}`,
    );
  }
  const found = usableKey(keys, sig.kid);
  if (!found.ok) return found;
  const { key } = found;
  const at = signedAt(e.payload);
  if (at === undefined || at < key.validFrom || (key.validUntil !== null && at >= key.validUntil)) {
    return fail(
      'key-not-valid',
      `签名时间 ${at ?? '（缺失）'} 不在密钥 ${key.kid} 的有效期（${key.validFrom} 至 ${key.validUntil ?? '今'}）内`,
      `Signed at ${at ?? '(missing)'}, outside key ${key.kid}'s validity (${key.validFrom} to ${key.validUntil ?? 'now'})`,
      key,
    );
  }
  let publicKeyHex: string;
  let bytes: Uint8Array;
  try {
    publicKeyHex = crypto.publicKeyFromPem(key.publicKeyPem);
    bytes = crypto.canonicalBytes(e.payload);
  } catch {
    return fail(
      'unreadable',
      '公钥或内容无法读取',
      'The public key or the payload cannot be read',
      key,
    );
  }
  if (!crypto.verify(bytes, fromBase64(sig.value), publicKeyHex)) {
    return fail(
      'bad-signature',
      '签名不符：内容在签名后被改动，或签名不是该密钥所作',
      'The signature does not match: the content was altered after signing, or the key did not make it',
      key,
    );
  }
  return { ok: true, key, payloadBytes: bytes };
}

/**
 * The RFC 8785 bytes of a whole envelope from its payload's (already canonical) bytes: JCS sorts
 * `payload` < `schema` < `signature` and canonicalises each member alone, so the payload's bytes
 * are reused, not recomputed. An envelope with other members is canonicalised whole.
 */
export function envelopeBytes(
  envelope: SignedEnvelope<unknown>,
  payloadBytes: Uint8Array,
  crypto: SignatureCrypto,
): Uint8Array {
  const keys = Object.keys(envelope).sort();
  if (keys.join() !== 'payload,schema,signature') return crypto.canonicalBytes(envelope);
  const encoder = new TextEncoder();
  const head = encoder.encode('{"payload":');
  const tail = encoder.encode(
    `,"schema":${new TextDecoder().decode(crypto.canonicalBytes(envelope.schema))},"signature":${new TextDecoder().decode(crypto.canonicalBytes(envelope.signature))}}`,
  );
  const out = new Uint8Array(head.length + payloadBytes.length + tail.length);
  out.set(head, 0);
  out.set(payloadBytes, head.length);
  out.set(tail, head.length + payloadBytes.length);
  return out;
}

export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

export function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

/**
 * Use cases of an authority's SM2 signing keys (docs/elicence.md): create, rotate (a new key; the
 * old one stays published for checking what it signed, valid until now), revoke with a reason, and
 * publish the public halves. The private key is stored only encrypted under the key-encryption
 * passphrase, with the key id bound in as associated data; nothing returns it.
 */
import type { PublishedKey } from '../../core/elicence/types.js';
import { DomainError } from '../../core/errors.js';
import type { StoredKey } from '../../ports/signing.js';
import type { Actor } from '../registry/registry-deps.js';
import type { SigningKey } from './envelope.js';
import type { SigningDeps } from './signing-deps.js';

type KeyDeps = Pick<SigningDeps, 'keys' | 'organisations' | 'crypto' | 'passphrase' | 'clock'>;

function requirePassphrase(deps: Pick<SigningDeps, 'passphrase'>): string {
  const passphrase = deps.passphrase();
  if (passphrase === undefined) {
    throw new DomainError(
      'INVALID_INPUT',
      '未设置密钥口令：请设置 XUKE_KEY_PASSPHRASE 或 XUKE_KEY_PASSPHRASE_FILE（至少 12 个字符），签名私钥以它加密保存',
      'No key passphrase: set XUKE_KEY_PASSPHRASE or XUKE_KEY_PASSPHRASE_FILE (12 characters or more); signing keys are stored encrypted under it',
    );
  }
  return passphrase;
}

async function requireAuthority(organisation: string, deps: KeyDeps) {
  const org = await deps.organisations.findOrganisation(organisation);
  if (org?.kind !== 'authority' || org.mirrorOf !== null) {
    throw new DomainError(
      'FORBIDDEN',
      `机构 ${organisation} 不是本系统的发证机关，不能持有签名密钥`,
      `Organisation ${organisation} is not an issuing authority of this instance: it cannot hold signing keys`,
    );
  }
  return org;
}

export function publishedKey(k: StoredKey): PublishedKey {
  return {
    kid: k.kid,
    organisation: k.organisation,
    organisationName: k.organisationName,
    alg: k.alg,
    publicKeyPem: k.publicKeyPem,
    validFrom: k.validFrom,
    validUntil: k.validUntil,
    revokedAt: k.revokedAt,
    revocationReason: k.revocationReason,
  };
}

/** A new signing key for `organisation` (an authority), valid from now. */
export async function createSigningKey(
  organisation: string,
  who: Actor,
  deps: KeyDeps,
): Promise<PublishedKey> {
  const org = await requireAuthority(organisation, deps);
  const passphrase = requirePassphrase(deps);
  const pair = deps.crypto.generateKeyPair();
  // the key id: the first 16 hex digits of SM3 over the public point
  const kid = deps.crypto.sm3Hex(Buffer.from(pair.publicKeyHex, 'hex')).slice(0, 16);
  const now = deps.clock.now().toISOString();
  const key: StoredKey = {
    kid,
    organisation: org.id,
    organisationName: org.name,
    alg: 'SM2-SM3',
    publicKeyPem: deps.crypto.publicKeyToPem(pair.publicKeyHex),
    publicKeyHex: pair.publicKeyHex,
    privateKeyEncrypted: deps.crypto.encryptSecret(pair.privateKeyHex, passphrase, kid),
    validFrom: now,
    validUntil: null,
    revokedAt: null,
    revocationReason: null,
    createdAt: now,
  };
  await deps.keys.addKey(key, who.actor);
  return publishedKey(key);
}

/** A new key; every other current key of the organisation stops being valid now. */
export async function rotateSigningKey(
  organisation: string,
  who: Actor,
  deps: KeyDeps,
): Promise<PublishedKey> {
  const before = await deps.keys.listKeys(organisation);
  const created = await createSigningKey(organisation, who, deps);
  for (const k of before) {
    if (k.validUntil === null && k.revokedAt === null) {
      await deps.keys.retireKey(k.kid, created.validFrom, who.actor);
    }
  }
  return created;
}

export async function revokeSigningKey(
  kid: string,
  reason: string,
  who: Actor,
  deps: KeyDeps,
): Promise<PublishedKey> {
  const why = reason.trim();
  if (why === '' || why.length > 500) {
    throw new DomainError(
      'INVALID_INPUT',
      '吊销密钥须写明理由（1–500 字）',
      'Revoking a key needs a reason (1–500 characters)',
    );
  }
  const key = await deps.keys.findKey(kid);
  if (key === undefined || key.privateKeyEncrypted === null) {
    throw new DomainError('NOT_FOUND', `本系统没有签名密钥 ${kid}`, `No signing key ${kid} here`);
  }
  return publishedKey(
    await deps.keys.revokeKey(kid, deps.clock.now().toISOString(), why, who.actor),
  );
}

/** The published keys of `organisation`, or of every organisation with keys. */
export async function listPublishedKeys(
  deps: Pick<SigningDeps, 'keys'>,
  organisation?: string,
): Promise<PublishedKey[]> {
  return (await deps.keys.listKeys(organisation)).map(publishedKey);
}

/** The key `organisation` signs with now, decrypted; CONFLICT naming the fix when it has none. */
export async function currentSigningKey(
  organisation: string,
  deps: Pick<SigningDeps, 'keys' | 'crypto' | 'passphrase' | 'clock'>,
): Promise<SigningKey> {
  const now = deps.clock.now().toISOString();
  const usable = (await deps.keys.listKeys(organisation)).filter(
    (k) =>
      k.privateKeyEncrypted !== null &&
      k.revokedAt === null &&
      k.validFrom <= now &&
      (k.validUntil === null || k.validUntil > now),
  );
  const key = usable.at(-1);
  if (key?.privateKeyEncrypted == null) {
    throw new DomainError(
      'CONFLICT',
      `机构 ${organisation} 没有有效的签名密钥；请先运行 xuke keys create --org ${organisation}`,
      `Organisation ${organisation} has no valid signing key; run xuke keys create --org ${organisation} first`,
    );
  }
  const passphrase = requirePassphrase(deps);
  return {
    kid: key.kid,
    publicKeyHex: key.publicKeyHex,
    privateKeyHex: deps.crypto.decryptSecret(key.privateKeyEncrypted, passphrase, key.kid),
  };
}

/**
 * E-licences (电子证照, docs/elicence.md): the register's current version of a licence signed by its
 * authority, with a compact QR statement for phones and paper; and their verification, by the
 * signature and the key's validity, and, where a register is at hand, by whether it still holds that
 * version or has since renewed, changed, cancelled or revoked it.
 */
import {
  ELICENCE_SCHEMA,
  type Elicence,
  type ElicencePayload,
  type PublishedKey,
} from '../../core/elicence/types.js';
import {
  formatQrUrl,
  holderDigestOf,
  parseQrText,
  qrSignedMessage,
  type QrStatement,
} from '../../core/elicence/qr-payload.js';
import { DomainError } from '../../core/errors.js';
import type { LicenceStatus } from '../../core/lifecycle/lifecycle.js';
import type { SignatureCrypto } from '../../ports/signing.js';
import { canonicalLicenceNumber } from '../registry/registry-deps.js';
import { findRegisterEntry } from '../trust/register.js';
import { checkEnvelope, signEnvelope, usableKey, type SignatureFailure } from './envelope.js';
import { currentSigningKey, publishedKey } from './keys.js';
import { logAuthority } from './register-log.js';
import type { SigningDeps } from './signing-deps.js';

export interface IssuedElicence {
  readonly elicence: Elicence;
  /** the verification URL the certificate's QR code carries */
  readonly qrText: string;
}

/** Sign the current version of `number` in `authorityId`'s register (or the only authority's). */
export async function issueElicence(
  numberInput: string,
  authorityId: string | undefined,
  baseUrl: string,
  deps: SigningDeps,
): Promise<IssuedElicence> {
  const number = canonicalLicenceNumber(numberInput);
  const authority = await logAuthority(authorityId, deps);
  const entry = await deps.store.findLicence(authority.id, number);
  if (entry?.provenance !== 'issued') {
    throw new DomainError(
      'NOT_IN_REGISTER',
      `${authority.name}的登记簿中没有经营许可证 ${number}，不能签发电子证照`,
      `${authority.name}'s register holds no licence ${number}: no e-licence can be issued`,
    );
  }
  const key = await currentSigningKey(authority.id, deps);
  const payload: ElicencePayload = {
    number,
    version: entry.version,
    status: entry.status,
    licence: entry.licence,
    authority: { id: authority.id, name: authority.name },
    signedAt: deps.clock.now().toISOString(),
  };
  const elicence = signEnvelope(ELICENCE_SCHEMA, payload, key, deps.crypto);
  const fields = {
    number,
    version: entry.version,
    expiresOn: entry.licence.expiresOn,
    holderDigest: holderDigestOf(deps.crypto.sm3Hex, entry.licence.holder.name ?? ''),
  };
  const signature = deps.crypto.sign(new TextEncoder().encode(qrSignedMessage(fields)), key);
  const qrText = formatQrUrl(baseUrl.replace(/\/+$/u, ''), {
    ...fields,
    kid: key.kid,
    signature: Buffer.from(signature).toString('base64url'),
  });
  return { elicence, qrText };
}

/** Where the register stands on the version an e-licence was made from. */
export type RegisterStanding =
  | { readonly state: 'current'; readonly version: number; readonly status: LicenceStatus }
  | {
      readonly state: 'superseded';
      readonly version: number;
      readonly status: LicenceStatus;
      readonly since: string;
    }
  | { readonly state: 'absent' }
  | { readonly state: 'unknown' };

export interface ElicenceVerification {
  readonly valid: boolean;
  /** what failed; null when valid */
  readonly failure: SignatureFailure | null;
  readonly reason: string;
  readonly reasonEn: string;
  /** `json` (the signed e-licence) or `qr` (its compact statement) */
  readonly form: 'json' | 'qr';
  readonly number: string | null;
  readonly version: number | null;
  readonly holderName: string | null;
  /** the QR's holder digest, to compare with a name read off the paper */
  readonly holderDigest: string | null;
  readonly expiresOn: string | null;
  readonly signedAt: string | null;
  readonly signer: PublishedKey | null;
  readonly register: RegisterStanding;
}

const unreadable = (
  reason: string,
  reasonEn: string,
  form: 'json' | 'qr',
): ElicenceVerification => ({
  valid: false,
  failure: 'unreadable',
  reason,
  reasonEn,
  form,
  number: null,
  version: null,
  holderName: null,
  holderDigest: null,
  expiresOn: null,
  signedAt: null,
  signer: null,
  register: { state: 'unknown' },
});

/** Verify a signed e-licence (parsed JSON) against `keys`. */
export function verifyElicenceJson(
  value: unknown,
  keys: readonly PublishedKey[],
  crypto: SignatureCrypto,
): ElicenceVerification {
  const check = checkEnvelope(
    value,
    ELICENCE_SCHEMA,
    keys,
    (p) => (p as { signedAt?: string } | null)?.signedAt,
    crypto,
  );
  if (!check.ok && check.failure === 'unreadable') {
    return unreadable(check.reason, check.reasonEn, 'json');
  }
  // checked above to be an object with a payload; its fields are still the sender's
  const p = (value as { payload: Partial<Record<keyof ElicencePayload, unknown>> }).payload;
  const licence = p.licence as
    { holder?: { name?: string | null }; expiresOn?: string | null } | null | undefined;
  return {
    valid: check.ok,
    failure: check.ok ? null : check.failure,
    reason: check.ok ? `签名有效，由 ${check.key.organisationName} 签发` : check.reason,
    reasonEn: check.ok ? `Valid signature by ${check.key.organisationName}` : check.reasonEn,
    form: 'json',
    number: typeof p.number === 'string' ? p.number : null,
    version: typeof p.version === 'number' ? p.version : null,
    holderName: licence?.holder?.name ?? null,
    holderDigest: null,
    expiresOn: licence?.expiresOn ?? null,
    signedAt: typeof p.signedAt === 'string' ? p.signedAt : null,
    signer: check.key,
    register: { state: 'unknown' },
  };
}

/** Verify a QR statement (the URL or its fragment) against `keys`. */
export function verifyElicenceQr(
  text: string,
  keys: readonly PublishedKey[],
  crypto: SignatureCrypto,
): ElicenceVerification {
  let s: QrStatement;
  try {
    s = parseQrText(text);
  } catch (e) {
    const d = e instanceof DomainError ? e : undefined;
    return unreadable(d?.message ?? String(e), d?.messageEn ?? String(e), 'qr');
  }
  const base = {
    form: 'qr' as const,
    number: s.number,
    version: s.version,
    holderName: null,
    holderDigest: s.holderDigest,
    expiresOn: s.expiresOn,
    signedAt: null,
    register: { state: 'unknown' as const },
  };
  const found = usableKey(keys, s.kid);
  const fail = (failure: SignatureFailure, reason: string, reasonEn: string) => ({
    ...base,
    valid: false,
    failure,
    reason,
    reasonEn,
    signer: found.key,
  });
  if (!found.ok) return fail(found.failure, found.reason, found.reasonEn);
  const { key } = found;
  let ok: boolean;
  try {
    ok = crypto.verify(
      new TextEncoder().encode(qrSignedMessage(s)),
      new Uint8Array(Buffer.from(s.signature, 'base64url')),
      crypto.publicKeyFromPem(key.publicKeyPem),
    );
  } catch {
    ok = false;
  }
  if (!ok) {
    return fail(
      'bad-signature',
      '二维码签名不符：内容被改动或伪造',
      'The QR signature does not match: altered or forged',
    );
  }
  return {
    ...base,
    valid: true,
    failure: null,
    reason: `二维码签名有效，由 ${key.organisationName} 签发`,
    reasonEn: `Valid QR signature by ${key.organisationName}`,
    signer: key,
  };
}

/** Add where this instance's register stands on the verified version. */
export async function withRegisterStanding(
  v: ElicenceVerification,
  deps: Pick<SigningDeps, 'store' | 'organisations' | 'clock'>,
): Promise<ElicenceVerification> {
  if (v.number === null || v.version === null) return v;
  const entry = await findRegisterEntry(v.number, deps);
  if (entry.kind === 'none') return v;
  if (entry.kind === 'absent') return { ...v, register: { state: 'absent' } };
  if (entry.version === v.version) {
    return { ...v, register: { state: 'current', version: entry.version, status: entry.status } };
  }
  return {
    ...v,
    register: {
      state: 'superseded',
      version: entry.version,
      status: entry.status,
      since: entry.updatedAt,
    },
  };
}

/** The keys this instance knows: its authorities' and the mirrored authorities'. */
export async function knownKeys(deps: Pick<SigningDeps, 'keys'>): Promise<PublishedKey[]> {
  // the public halves only: never a stored key with its encrypted private part
  return (await deps.keys.listKeys()).map(publishedKey);
}

/**
 * SM2 signatures (GB/T 32918.2) with SM3 (GB/T 32905) for the e-licences (docs/elicence.md), on the
 * maintained library sm-crypto-v2 (itself on @noble/curves): no primitive is implemented here.
 * This module hides the library's hex-string API and adds what it leaves out: strict DER of the
 * signature SEQUENCE { r, s } (one encoding per signature), r and s in [1, n-1], the key checks,
 * and the SubjectPublicKeyInfo PEM that OpenSSL reads and writes (id-ecPublicKey, curve SM2).
 */
import { sm2, sm3 as librarySm3 } from 'sm-crypto-v2';
import { DomainError } from '../../core/errors.js';
import { DEFAULT_SIGNER_ID } from '../../core/elicence/types.js';

export interface Sm2KeyPair {
  /** the scalar d, 64 hex digits */
  readonly privateKeyHex: string;
  /** the point d·G uncompressed: 04 || x || y, 130 hex digits */
  readonly publicKeyHex: string;
}

/** The order n of the SM2 recommended curve's base point (GB/T 32918.5). */
const N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
const PUBLIC_KEY_HEX = /^04[0-9a-f]{128}$/;
const PRIVATE_KEY_HEX = /^[0-9a-f]{64}$/;
/** SEQUENCE { SEQUENCE { id-ecPublicKey, SM2 }, BIT STRING (65 bytes) }, before the point's bytes */
const SPKI_PREFIX = '3059301306072a8648ce3d020106082a811ccf5501822d034200';
const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
const OID_SM2 = '1.2.156.10197.1.301';

interface Tlv {
  readonly body: Uint8Array;
  readonly end: number;
}

const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const fromHex = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));
const invalid = (zh: string, en: string): DomainError => new DomainError('INVALID_INPUT', zh, en);

/** SM3 digest (GB/T 32905), 32 bytes. */
export const sm3 = (bytes: Uint8Array): Uint8Array => fromHex(librarySm3(bytes));
/** SM3 digest as 64 lower-case hex digits. */
export const sm3Hex = (bytes: Uint8Array): string => librarySm3(bytes);

/** The uncompressed public key in lower case when it is a point of the curve; undefined if not. */
function validPublicKey(publicKeyHex: string): string | undefined {
  const hex = publicKeyHex.toLowerCase();
  if (!PUBLIC_KEY_HEX.test(hex)) return undefined;
  try {
    return sm2.verifyPublicKey(hex) ? hex : undefined;
  } catch {
    return undefined;
  }
}

/** ENTL, the ID's length in bits, is two bytes (GB/T 32918.2 §5.5). */
function validSignerId(signerId: string): boolean {
  return Buffer.byteLength(signerId, 'utf8') * 8 <= 0xffff;
}

/** The key pair of a private key d, which must lie in [1, n-2] (GB/T 32918.1 §6.1). */
export function sm2KeyPairFromPrivateKey(privateKeyHex: string): Sm2KeyPair {
  const hex = privateKeyHex.toLowerCase();
  const d = PRIVATE_KEY_HEX.test(hex) ? BigInt(`0x${hex}`) : 0n;
  if (d < 1n || d > N - 2n) {
    throw invalid(
      'SM2 私钥无效：应为 64 位十六进制数，且取值在 [1, n-2] 之内',
      'Invalid SM2 private key: expected 64 hex digits with a value in [1, n-2]',
    );
  }
  return { privateKeyHex: hex, publicKeyHex: sm2.getPublicKeyFromPrivateKey(hex).toLowerCase() };
}

/** A new key pair. The library draws d from [1, n-1]; d = n-1 (odds 2⁻²⁵⁶) would fail to sign. */
export function generateSm2KeyPair(): Sm2KeyPair {
  const { privateKey, publicKey } = sm2.generateKeyPairHex();
  return { privateKeyHex: privateKey.toLowerCase(), publicKeyHex: publicKey.toLowerCase() };
}

/** Key pairs already checked (d in range, public key = d·G): signing skips the multiplication. */
const checkedKeys = new WeakMap<Sm2KeyPair, Sm2KeyPair>();

function checkedKeyPair(key: Sm2KeyPair): Sm2KeyPair {
  const known = checkedKeys.get(key);
  const publicKeyHex = key.publicKeyHex.toLowerCase();
  if (
    known?.publicKeyHex === publicKeyHex &&
    known.privateKeyHex === key.privateKeyHex.toLowerCase()
  ) {
    return known;
  }
  const derived = sm2KeyPairFromPrivateKey(key.privateKeyHex);
  if (derived.publicKeyHex !== publicKeyHex) {
    throw invalid(
      'SM2 签名密钥无效：公钥与私钥不匹配',
      'Invalid SM2 signing key: the public key does not match the private key',
    );
  }
  checkedKeys.set(key, derived);
  return derived;
}

/** An INTEGER's minimal DER content for a positive value given as big-endian hex. */
function derInteger(valueHex: string): string {
  let hex = valueHex.replace(/^(00)+/, '');
  if (hex.length % 2 === 1) hex = `0${hex}`;
  if (hex === '' || Number.parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  return `02${(hex.length / 2).toString(16).padStart(2, '0')}${hex}`;
}

/** DER SEQUENCE { r, s } of a signature's r and s (hex, 1 ≤ r, s < n). */
export function sm2SignatureToDer(rHex: string, sHex: string): Uint8Array {
  const body = derInteger(rHex.toLowerCase()) + derInteger(sHex.toLowerCase());
  return fromHex(`30${(body.length / 2).toString(16).padStart(2, '0')}${body}`);
}

/** A DER INTEGER's content as 64 hex digits when minimal, positive and in [1, n-1]. */
function scalarHex(body: Uint8Array): string | undefined {
  const [first = 0, second = 0] = body;
  if (body.length > 33 || first >= 0x80 || (first === 0 && second < 0x80)) return undefined;
  const value = BigInt(`0x${toHex(body)}`);
  return value >= 1n && value < N ? value.toString(16).padStart(64, '0') : undefined;
}

/**
 * r and s (64 hex digits each) of a strict DER SEQUENCE { INTEGER r, INTEGER s }, both in
 * [1, n-1]; undefined for anything else (non-minimal lengths or integers, negative values,
 * trailing bytes), so that a signature has one encoding only.
 */
export function sm2SignatureFromDer(der: Uint8Array): { rHex: string; sHex: string } | undefined {
  const seq = readTlv(der, 0, 0x30);
  const r = seq && readTlv(seq.body, 0, 0x02);
  const s = seq && r && readTlv(seq.body, r.end, 0x02);
  if (seq?.end !== der.length || r === undefined || s?.end !== seq.body.length) return undefined;
  const rHex = scalarHex(r.body);
  const sHex = scalarHex(s.body);
  return rHex === undefined || sHex === undefined ? undefined : { rHex, sHex };
}

/**
 * SM2 signature of `message`: e = SM3(Z ‖ M), Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ G ‖ P) from the signer ID
 * and the public key (GB/T 32918.2 §6). Returns DER SEQUENCE { r, s } (GM/T 0009 §7.3).
 */
export function sm2Sign(
  message: Uint8Array,
  key: Sm2KeyPair,
  signerId: string = DEFAULT_SIGNER_ID,
): Uint8Array {
  const { privateKeyHex, publicKeyHex } = checkedKeyPair(key);
  if (!validSignerId(signerId)) throw invalid('SM2 签名者标识过长', 'SM2 signer ID too long');
  const options = { hash: true, der: false, publicKey: publicKeyHex, userId: signerId };
  const rs = sm2.doSignature(message, privateKeyHex, options);
  return sm2SignatureToDer(rs.slice(0, 64), rs.slice(64));
}

type PrecomputedKey = ReturnType<typeof sm2.precomputePublicKey>;
/** Keys verified against more than once get a precomputed table (~10 ms once, then ~5× faster). */
const precomputed = new Map<string, PrecomputedKey | 'seen'>();
const PRECOMPUTED_KEYS = 64;

function verifyingKey(publicKey: string): string | PrecomputedKey {
  const known = precomputed.get(publicKey);
  if (known !== undefined && known !== 'seen') return known;
  if (precomputed.size >= PRECOMPUTED_KEYS) precomputed.clear();
  const next = known === undefined ? 'seen' : sm2.precomputePublicKey(publicKey, 4);
  precomputed.set(publicKey, next);
  return next === 'seen' ? publicKey : next;
}

/**
 * Whether `derSignature` is a valid SM2 signature of `message` by `publicKeyHex` under `signerId`.
 * False, never an exception, for a malformed signature or key.
 */
export function sm2Verify(
  message: Uint8Array,
  derSignature: Uint8Array,
  publicKeyHex: string,
  signerId: string = DEFAULT_SIGNER_ID,
): boolean {
  try {
    const rs = sm2SignatureFromDer(derSignature);
    const publicKey = validPublicKey(publicKeyHex);
    if (rs === undefined || publicKey === undefined || !validSignerId(signerId)) return false;
    const options = { hash: true, der: false, userId: signerId };
    return sm2.doVerifySignature(message, rs.rHex + rs.sHex, verifyingKey(publicKey), options);
  } catch {
    return false;
  }
}

/** SubjectPublicKeyInfo PEM, as `openssl pkey -pubout` prints an SM2 key. */
export function sm2PublicKeyToSpkiPem(publicKeyHex: string): string {
  const publicKey = validPublicKey(publicKeyHex);
  if (publicKey === undefined) {
    throw invalid(
      'SM2 公钥无效：应为 04 开头的 130 位十六进制数，且是曲线上的点',
      'Invalid SM2 public key: expected 130 hex digits starting 04, a point on the curve',
    );
  }
  const base64 = Buffer.from(SPKI_PREFIX + publicKey, 'hex').toString('base64');
  const lines = base64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

/** Body and end of the DER TLV with `tag` at `at`, minimal definite lengths only. */
function readTlv(der: Uint8Array, at: number, tag: number): Tlv | undefined {
  let len = der[at + 1] ?? 0;
  let start = at + 2;
  if (len === 0x81 || len === 0x82) {
    start += len - 0x80;
    len = len === 0x81 ? (der[at + 2] ?? 0) : (der[at + 2] ?? 0) * 256 + (der[at + 3] ?? 0);
    if (len < (start === at + 3 ? 0x80 : 0x100)) return undefined;
  } else if (len >= 0x80) return undefined;
  if (der[at] !== tag || len === 0 || start + len > der.length) return undefined;
  return { body: der.subarray(start, start + len), end: start + len };
}

function oidText(body: Uint8Array): string {
  const arcs: number[] = [];
  let value = 0;
  for (const byte of body) {
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs.shift() ?? 0;
  const top = Math.min(2, Math.floor(first / 40));
  return [top, first - 40 * top, ...arcs].join('.');
}

/** The public key (04 || x || y hex) of an SM2 SubjectPublicKeyInfo PEM. */
export function sm2PublicKeyFromSpkiPem(pem: string): string {
  if (/-----BEGIN (EC |ENCRYPTED )?PRIVATE KEY-----/.test(pem)) {
    throw invalid(
      '这是私钥，不是公钥：请提供 PUBLIC KEY 格式的 PEM（openssl pkey -pubout）',
      'This is a private key, not a public key: give a PUBLIC KEY PEM (openssl pkey -pubout)',
    );
  }
  const match = /-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]*)-----END PUBLIC KEY-----/.exec(pem);
  const der = new Uint8Array(Buffer.from(match?.[1]?.replace(/\s+/g, '') ?? '', 'base64'));
  if (der.length === 0) {
    throw invalid(
      '不是 PEM 格式的公钥：缺少 -----BEGIN PUBLIC KEY----- 块或其内容不是 base64',
      'Not a PEM public key: no -----BEGIN PUBLIC KEY----- block, or its body is not base64',
    );
  }
  // SEQUENCE { SEQUENCE { OID algorithm, parameters }, BIT STRING point }
  const spki = readTlv(der, 0, 0x30);
  const algorithm = spki && readTlv(spki.body, 0, 0x30);
  const point = spki && algorithm && readTlv(spki.body, algorithm.end, 0x03);
  const algOid = algorithm && readTlv(algorithm.body, 0, 0x06);
  if (spki?.end !== der.length || point === undefined || algOid === undefined) {
    throw invalid(
      'PEM 公钥内容不是有效的 SubjectPublicKeyInfo 结构',
      'The PEM public key is not a valid SubjectPublicKeyInfo structure',
    );
  }
  const alg = oidText(algOid.body);
  if (alg !== OID_EC_PUBLIC_KEY) {
    throw invalid(
      `不是椭圆曲线公钥（算法标识 ${alg}），需要 SM2 公钥`,
      `Not an elliptic-curve public key (algorithm ${alg}); an SM2 public key is needed`,
    );
  }
  const curveOid = algorithm && readTlv(algorithm.body, algOid.end, 0x06);
  const curve = curveOid === undefined ? 'explicit or none' : oidText(curveOid.body);
  if (curve !== OID_SM2) {
    throw invalid(
      `公钥的曲线不是 SM2（${curve}），需要曲线 SM2（${OID_SM2}）`,
      `The key's curve is not SM2 (${curve}); curve SM2 (${OID_SM2}) is needed`,
    );
  }
  const hex = toHex(point.body);
  const publicKey = hex.startsWith('00') ? validPublicKey(hex.slice(2)) : undefined;
  if (publicKey === undefined) {
    throw invalid(
      'SM2 公钥点无效：不在曲线上，或不是非压缩格式（04 || x || y）',
      'Invalid SM2 public key point: not on the curve, or not uncompressed (04 || x || y)',
    );
  }
  return publicKey;
}

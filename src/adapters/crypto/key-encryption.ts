/**
 * Signing keys at rest: a secret (an SM2 private key's hex) is encrypted with AES-256-GCM under a
 * key derived from an operator's passphrase by scrypt (node:crypto). The caller's context (the
 * key's id) is the associated data, so a blob moved to another key's row fails to decrypt.
 *
 * The blob is versioned JSON: {"v":1,"kdf":"scrypt","N","r","p","salt","iv","tag","ct"}, byte
 * fields in base64. Its KDF parameters are read back within limits, so a crafted blob cannot make
 * decryption allocate or compute without bound. The passphrase comes from XUKE_KEY_PASSPHRASE or
 * the file XUKE_KEY_PASSPHRASE_FILE names (readKeyPassphrase).
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { DomainError } from '../../core/errors.js';

export interface ScryptParams {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}
/** N = 2^15, r = 8, p = 1: about 32 MiB and a fifth of a second per derivation. */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** scrypt needs 128·N·r·p bytes; the parameters a blob may ask for stay under this. */
const MAX_SCRYPT_MEMORY = 256 * 1024 * 1024;
export const MIN_PASSPHRASE_LENGTH = 12;

interface SecretBlob {
  readonly v: 1;
  readonly kdf: 'scrypt';
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: string;
  readonly iv: string;
  readonly tag: string;
  readonly ct: string;
}

function deriveKey(passphrase: string, salt: Buffer, N: number, r: number, p: number): Buffer {
  const maxmem = 128 * N * r * p + 1024 * 1024;
  return scryptSync(passphrase.normalize('NFC'), salt, KEY_BYTES, { N, r, p, maxmem });
}

/** N a power of two from 2^10, and the memory scrypt needs (128·N·r·p) bounded. */
function scryptInBounds({ N, r, p }: ScryptParams): boolean {
  const integers = [N, r, p].every((x) => Number.isInteger(x) && x >= 1);
  return integers && N >= 1024 && (N & (N - 1)) === 0 && 128 * N * r * p <= MAX_SCRYPT_MEMORY;
}

function requireText(value: string, zhName: string, enName: string): void {
  if (value.length === 0) {
    throw new DomainError('INVALID_INPUT', `${zhName}不能为空`, `The ${enName} must not be empty`);
  }
}

/**
 * `plain` encrypted under `passphrase`, bound to `context`: a versioned JSON text. `scrypt` is for
 * tests that cannot wait for the default; decryption reads the parameters from the blob.
 */
export function encryptSecret(
  plain: string,
  passphrase: string,
  context: string,
  scrypt: ScryptParams = DEFAULT_SCRYPT,
): string {
  requireText(passphrase, '密钥口令', 'key passphrase');
  requireText(context, '密钥上下文', 'key context');
  if (!scryptInBounds(scrypt))
    throw new RangeError('encryptSecret: scrypt parameters out of range');
  const { N, r, p } = scrypt;
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const key = deriveKey(passphrase, salt, N, r, p);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const blob: SecretBlob = {
    v: 1,
    kdf: 'scrypt',
    N,
    r,
    p,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    ct: ct.toString('base64'),
  };
  return JSON.stringify(blob);
}

function malformed(why: string): DomainError {
  return new DomainError(
    'INVALID_INPUT',
    `密钥数据格式无效：${why}`,
    `Malformed encrypted key data: ${why}`,
  );
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function bytesField(blob: Record<string, unknown>, name: string, min: number, max: number): Buffer {
  const value = blob[name];
  if (typeof value !== 'string' || !BASE64.test(value)) throw malformed(`${name} is not base64`);
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length < min || bytes.length > max) throw malformed(`${name} has a wrong length`);
  return bytes;
}

function intField(blob: Record<string, unknown>, name: string, max: number): number {
  const value = blob[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw malformed(`${name} is out of range`);
  }
  return value;
}

/** The secret of a blob from {@link encryptSecret}, given the same passphrase and context. */
export function decryptSecret(blob: string, passphrase: string, context: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(blob);
  } catch {
    throw malformed('not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw malformed('not a JSON object');
  }
  const fields = parsed as Record<string, unknown>;
  if (fields['v'] !== 1) throw malformed('unknown version (v)');
  if (fields['kdf'] !== 'scrypt') throw malformed('unknown kdf');
  const N = intField(fields, 'N', 2 ** 21);
  const r = intField(fields, 'r', 32);
  const p = intField(fields, 'p', 16);
  if (!scryptInBounds({ N, r, p })) throw malformed('scrypt parameters out of range');
  const salt = bytesField(fields, 'salt', 16, 64);
  const iv = bytesField(fields, 'iv', IV_BYTES, IV_BYTES);
  const tag = bytesField(fields, 'tag', TAG_BYTES, TAG_BYTES);
  const ct = bytesField(fields, 'ct', 0, 1024 * 1024);
  const key = deriveKey(passphrase, salt, N, r, p);
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
  } catch (cause) {
    throw new DomainError(
      'INVALID_INPUT',
      '密钥口令错误或密钥数据已损坏',
      'Wrong key passphrase or damaged key data',
      { cause },
    );
  }
}

function passphraseError(zh: string, en: string): DomainError {
  return new DomainError('INVALID_INPUT', zh, en);
}

/**
 * The key passphrase from XUKE_KEY_PASSPHRASE, or from the file XUKE_KEY_PASSPHRASE_FILE names
 * (its trailing line break removed); undefined when neither is set. Both set, an empty or
 * unreadable one, or one shorter than 12 characters is an error.
 */
export function readKeyPassphrase(
  /** the values of XUKE_KEY_PASSPHRASE and XUKE_KEY_PASSPHRASE_FILE, as the settings read them */
  given: {
    readonly passphrase?: string | null | undefined;
    readonly file?: string | null | undefined;
  },
  readFile: (path: string) => string,
): string | undefined {
  const direct = given.passphrase ?? undefined;
  const file = given.file ?? undefined;
  if (direct !== undefined && file !== undefined) {
    throw passphraseError(
      'XUKE_KEY_PASSPHRASE 与 XUKE_KEY_PASSPHRASE_FILE 只能设置其一',
      'Set only one of XUKE_KEY_PASSPHRASE and XUKE_KEY_PASSPHRASE_FILE',
    );
  }
  if (direct === undefined && file === undefined) return undefined;
  let passphrase: string;
  let source: string;
  if (file === undefined) {
    passphrase = direct ?? '';
    source = 'XUKE_KEY_PASSPHRASE';
  } else {
    source = `XUKE_KEY_PASSPHRASE_FILE (${file})`;
    if (file === '') {
      throw passphraseError('XUKE_KEY_PASSPHRASE_FILE 为空', 'XUKE_KEY_PASSPHRASE_FILE is empty');
    }
    try {
      passphrase = readFile(file).replace(/\r?\n$/, '');
    } catch (cause) {
      const why = cause instanceof Error ? cause.message : String(cause);
      throw passphraseError(
        `无法读取密钥口令文件 ${file}：${why}`,
        `Cannot read the key passphrase file ${file}: ${why}`,
      );
    }
  }
  if (passphrase.length === 0) {
    throw passphraseError(`${source} 中的密钥口令为空`, `The key passphrase in ${source} is empty`);
  }
  if (Array.from(passphrase).length < MIN_PASSPHRASE_LENGTH) {
    throw passphraseError(
      `${source} 中的密钥口令过短：至少需要 ${MIN_PASSPHRASE_LENGTH} 个字符`,
      `The key passphrase in ${source} is too short: at least ${MIN_PASSPHRASE_LENGTH} characters are needed`,
    );
  }
  return passphrase;
}

/**
 * The QR statement of an e-licence: the few facts a phone or the CLI needs to verify a printed or
 * displayed certificate without its JSON (number, register version, expiry, a digest of the holder's
 * name), with the authority's SM2 signature over them. It travels in the fragment of a verify URL,
 * `…/verify#xq1.<number>.<version>.<expiresOn>.<holderDigest>.<kid>.<signature>`: the fragment is
 * never sent to a server, and the whole URL stays short enough for a small QR code.
 *
 * Pure: the SM3 function is injected, UTF-8 is encoded here (the core has no TextEncoder types).
 */
import { isIsoDate } from '../dates.js';
import { DomainError } from '../errors.js';

/** The prefix (and format version) of the fragment. */
export const QR_PREFIX = 'xq1';

/** What the QR code carries. */
export interface QrStatement {
  readonly number: string;
  /** the register version the e-licence was made from */
  readonly version: number;
  /** `YYYY-MM-DD`, or null when the licence states none */
  readonly expiresOn: string | null;
  /** 32 lower-case hex characters: see {@link holderDigestOf} */
  readonly holderDigest: string;
  /** the signing key's id, as published in keys.json */
  readonly kid: string;
  /** base64url (no padding) of the DER SEQUENCE { r, s } */
  readonly signature: string;
}

export type QrSignedFields = Pick<QrStatement, 'number' | 'version' | 'expiresOn' | 'holderDigest'>;

const FIELDS = ['number', 'version', 'expiresOn', 'holderDigest', 'kid', 'signature'] as const;
type Field = (typeof FIELDS)[number];

const FIELD_NAMES: Readonly<Record<Field, { zh: string; en: string }>> = {
  number: { zh: '许可证编号', en: 'licence number' },
  version: { zh: '登记版本', en: 'register version' },
  expiresOn: { zh: '有效期至', en: 'expiry date' },
  holderDigest: { zh: '持证单位摘要', en: 'holder digest' },
  kid: { zh: '密钥标识', en: 'key id' },
  signature: { zh: '签名', en: 'signature' },
};

/** The first line of the signed message: what the signature is for, and in which format. */
export const SIGNED_TAG = 'xuke-qr/v1';
const NO_EXPIRY = '-';
/** Far above any real statement (about 250 characters); bounds the work on hostile input. */
const MAX_QR_TEXT = 2048;
const MAX_TEXT = 128;
/** An SM2 DER signature is at most 72 bytes: 96 base64url characters. */
const MAX_SIGNATURE = 128;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

function invalid(field: Field | null, zh: string, en: string): DomainError {
  const where = field === null ? null : FIELD_NAMES[field];
  return new DomainError(
    'INVALID_INPUT',
    `二维码内容无效：${where === null ? '' : `${where.zh}（${field ?? ''}）`}${zh}`,
    `invalid QR content: ${where === null ? '' : `${where.en} (${field ?? ''}) `}${en}`,
  );
}

function checkText(field: 'number' | 'kid', value: string): void {
  if (value === '') throw invalid(field, '为空', 'is empty');
  if (value.length > MAX_TEXT) {
    throw invalid(field, `超过 ${MAX_TEXT} 个字符`, `is longer than ${MAX_TEXT} characters`);
  }
  if (CONTROL.test(value) || value !== value.trim()) {
    throw invalid(
      field,
      '含有控制字符或首尾空白',
      'contains control characters or surrounding white space',
    );
  }
}

/** Every check the signed fields must pass, whichever side (signer, parser) has them. */
function checkSignedFields(s: QrSignedFields): void {
  checkText('number', s.number);
  if (!Number.isSafeInteger(s.version) || s.version < 1) {
    throw invalid('version', '应为正整数', 'must be a positive integer');
  }
  if (s.expiresOn !== null && !isIsoDate(s.expiresOn)) {
    throw invalid('expiresOn', '应为 YYYY-MM-DD 日期', 'must be a YYYY-MM-DD date');
  }
  if (!/^[0-9a-f]{32}$/u.test(s.holderDigest)) {
    throw invalid('holderDigest', '应为 32 位小写十六进制', 'must be 32 lower-case hex characters');
  }
}

/**
 * The text whose UTF-8 bytes the authority signs. One field a line: a field may not hold a line
 * break (nor any control character), so the lines cannot be shifted between fields.
 */
export function qrSignedMessage(s: QrSignedFields): string {
  checkSignedFields(s);
  return `${SIGNED_TAG}\n${s.number}\n${s.version}\n${s.expiresOn ?? NO_EXPIRY}\n${s.holderDigest}`;
}

/** encodeURIComponent leaves '.' as is; here it separates fields, so it is escaped too. */
function encodeField(value: string): string {
  return encodeURIComponent(value).replace(/\./gu, '%2E');
}

/**
 * The verify URL: `${baseUrl}/verify#xq1.` and the six fields, each percent-encoded (with '.' as
 * `%2E`), joined by '.'. A trailing '/' on the base is dropped.
 */
export function formatQrUrl(baseUrl: string, s: QrStatement): string {
  checkSignedFields(s);
  checkText('kid', s.kid);
  checkSignature(s.signature);
  const fields = [
    s.number,
    String(s.version),
    s.expiresOn ?? NO_EXPIRY,
    s.holderDigest,
    s.kid,
    s.signature,
  ].map(encodeField);
  return `${baseUrl.replace(/\/+$/u, '')}/verify#${QR_PREFIX}.${fields.join('.')}`;
}

function checkSignature(signature: string): void {
  if (!/^[A-Za-z0-9_-]+$/u.test(signature) || signature.length % 4 === 1) {
    throw invalid('signature', '不是 base64url 编码', 'is not base64url');
  }
  if (signature.length < 11 || signature.length > MAX_SIGNATURE) {
    throw invalid(
      'signature',
      `长度 ${signature.length} 不是 SM2 签名的长度`,
      `has length ${signature.length}, not that of an SM2 signature`,
    );
  }
}

/**
 * Read what a QR code holds: the verify URL (any base) or the bare `xq1.…` fragment. Throws an
 * INVALID_INPUT DomainError naming the part that is wrong.
 */
export function parseQrText(text: string): QrStatement {
  const trimmed = text.trim();
  if (trimmed.length > MAX_QR_TEXT) {
    throw invalid(null, `超过 ${MAX_QR_TEXT} 个字符`, `is longer than ${MAX_QR_TEXT} characters`);
  }
  const hash = trimmed.indexOf('#');
  if (!trimmed.startsWith(`${QR_PREFIX}.`) && hash < 0) {
    throw invalid(
      null,
      `不是 xuke 电子证照二维码（没有 #${QR_PREFIX}. 片段）`,
      `not a xuke e-licence QR code (no #${QR_PREFIX}. fragment)`,
    );
  }
  const fragment = trimmed.startsWith(`${QR_PREFIX}.`) ? trimmed : trimmed.slice(hash + 1);
  const dot = fragment.indexOf('.');
  const prefix = dot < 0 ? fragment : fragment.slice(0, dot);
  if (prefix !== QR_PREFIX) {
    throw invalid(
      null,
      `格式标识「${prefix.slice(0, 16)}」不受支持（应为 ${QR_PREFIX}）`,
      `format tag "${prefix.slice(0, 16)}" is not supported (expected ${QR_PREFIX})`,
    );
  }
  const parts = fragment.slice(dot + 1).split('.');
  if (parts.length !== FIELDS.length) {
    throw invalid(
      null,
      `应有 ${FIELDS.length} 个字段，实有 ${parts.length} 个`,
      `expected ${FIELDS.length} fields, found ${parts.length}`,
    );
  }
  const decoded = FIELDS.map((field, i) => {
    try {
      return decodeURIComponent(parts[i] ?? '');
    } catch {
      throw invalid(field, '百分号编码有误', 'has a malformed percent-encoding');
    }
  });
  const [number = '', version = '', expiresOn = '', holderDigest = '', kid = '', signature = ''] =
    decoded;
  if (!/^[1-9]\d{0,8}$/u.test(version)) {
    throw invalid('version', `「${version.slice(0, 16)}」不是正整数`, 'is not a positive integer');
  }
  const statement: QrStatement = {
    number,
    version: Number(version),
    expiresOn: expiresOn === NO_EXPIRY ? null : expiresOn,
    holderDigest,
    kid,
    signature,
  };
  checkSignedFields(statement);
  checkText('kid', kid);
  checkSignature(signature);
  return statement;
}

/** UTF-8 bytes of a string; a lone surrogate becomes U+FFFD, as TextEncoder does. */
function utf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) {
      out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    } else {
      out.push(
        0xf0 | (cp >> 18),
        0x80 | ((cp >> 12) & 63),
        0x80 | ((cp >> 6) & 63),
        0x80 | (cp & 63),
      );
    }
  }
  return Uint8Array.from(out);
}

/**
 * The holder's name as the QR code carries it: the first 32 hex characters (128 bits) of SM3 over
 * the NFC-normalised UTF-8 name. The verifier compares it with the name it is shown; the name
 * itself stays off the code (long, and not needed to check the signature).
 */
export function holderDigestOf(sm3Hex: (bytes: Uint8Array) => string, holderName: string): string {
  const hex = sm3Hex(utf8(holderName.normalize('NFC'))).toLowerCase();
  if (!/^[0-9a-f]{64}$/u.test(hex)) {
    throw new Error('holderDigestOf: the SM3 function must return 64 hex characters');
  }
  return hex.slice(0, 32);
}

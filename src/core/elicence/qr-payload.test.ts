/**
 * The QR statement: URL round trips for every shape of licence number, the exact signed message,
 * the holder digest, the size of a typical code, and malformed input refused with the part named.
 */
// eslint-disable-next-line no-restricted-imports -- test only: Node's OpenSSL SM3 as the injected hash
import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../errors.js';
import {
  formatQrUrl,
  holderDigestOf,
  parseQrText,
  qrSignedMessage,
  type QrStatement,
} from './qr-payload.js';

const sm3 = (bytes: Uint8Array): string => createHash('sm3').update(bytes).digest('hex');
const BASE = 'https://xuke.example.gov.cn';
/** A 72-byte DER signature, the longest SM2 gives: 96 base64url characters. */
const SIGNATURE = 'MEYCIQ' + 'A'.repeat(44) + 'AiEA' + 'B'.repeat(42);

function statement(over: Partial<QrStatement> = {}): QrStatement {
  return {
    number: '京B2-20180910',
    version: 3,
    expiresOn: '2023-05-03',
    holderDigest: holderDigestOf(sm3, '云智联网络科技（北京）有限公司'),
    kid: 'bj-2026-01',
    signature: SIGNATURE,
    ...over,
  };
}

function domainErrorOf(f: () => unknown): { message: string; messageEn: string } {
  try {
    f();
  } catch (e) {
    if (isDomainError(e) && e.code === 'INVALID_INPUT') return e;
    throw e;
  }
  throw new Error('expected an INVALID_INPUT DomainError');
}

describe('formatQrUrl and parseQrText', () => {
  it.each([
    ['a provincial number', '京B2-20180910'],
    ['a cross-regional number with a dot', 'B1.B2-20190001'],
    ['dots, a hyphenated code and Chinese', '沪B2.B1-20200731'],
    ['characters URLs reserve', 'A#B%2E/?&=+ C.'],
  ])('round-trips %s', (_, number) => {
    const s = statement({ number });
    const url = formatQrUrl(BASE, s);
    expect(url.startsWith(`${BASE}/verify#xq1.`)).toBe(true);
    // seven dots after the prefix's: the fields' own dots are escaped
    expect(url.slice(url.indexOf('#')).split('.')).toHaveLength(7);
    expect(parseQrText(url)).toEqual(s);
  });

  it('round-trips a licence without an expiry date, as "-"', () => {
    const s = statement({ expiresOn: null, number: 'B1.B2-20190001' });
    const url = formatQrUrl(BASE, s);
    expect(url).toContain('.B1%2EB2-20190001.3.-.');
    expect(parseQrText(url)).toEqual(s);
  });

  it('accepts the bare fragment, any base, a trailing slash and surrounding white space', () => {
    const s = statement();
    const url = formatQrUrl('http://127.0.0.1:8080/xuke/', s);
    expect(url.startsWith('http://127.0.0.1:8080/xuke/verify#xq1.')).toBe(true);
    const fragment = url.slice(url.indexOf('#') + 1);
    expect(parseQrText(fragment)).toEqual(s);
    expect(parseQrText(`  ${url}\n`)).toEqual(s);
  });

  it('keeps a typical URL within a version 15 QR code at error correction M', () => {
    for (const kid of ['bj-2026-01', 'x'.repeat(43)]) {
      const url = formatQrUrl(BASE, statement({ kid, number: '京B2.B1-20180910' }));
      const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
      expect(qr.version).toBeLessThanOrEqual(15);
    }
    const typical = formatQrUrl(BASE, statement());
    expect(typical.length).toBeLessThan(220);
    expect(QRCode.create(typical, { errorCorrectionLevel: 'M' }).version).toBeLessThanOrEqual(10);
  });

  it('refuses to format a statement it could not parse back', () => {
    expect(domainErrorOf(() => formatQrUrl(BASE, statement({ kid: '' }))).message).toContain(
      '密钥标识',
    );
    expect(
      domainErrorOf(() => formatQrUrl(BASE, statement({ signature: 'a+b/c=' }))).messageEn,
    ).toContain('signature');
  });

  const good = formatQrUrl(BASE, statement()).split('#')[1] ?? '';
  const withField = (i: number, value: string): string => {
    const parts = good.split('.');
    parts[i + 1] = value;
    return parts.join('.');
  };

  it.each([
    ['plain text', 'hello', 'no #xq1. fragment'],
    ['a URL without the fragment', `${BASE}/verify`, 'no #xq1. fragment'],
    [
      'another format version',
      `${BASE}/verify#${good.replace(/^xq1/u, 'xq2')}`,
      'format tag "xq2"',
    ],
    ['a field too few', good.slice(0, good.lastIndexOf('.')), 'expected 6 fields, found 5'],
    ['a field too many', `${good}.x`, 'expected 6 fields, found 7'],
    ['a broken percent-encoding', withField(0, '%E4%BA'), 'licence number (number)'],
    ['an empty number', withField(0, ''), 'licence number (number) is empty'],
    ['a line break in the number', withField(0, 'B2%0A1'), 'licence number (number) contains'],
    ['version 0', withField(1, '0'), 'register version (version)'],
    ['a version with letters', withField(1, '3a'), 'register version (version)'],
    ['an impossible date', withField(2, '2023-02-30'), 'expiry date (expiresOn)'],
    ['a short digest', withField(3, 'abc'), 'holder digest (holderDigest)'],
    ['an upper-case digest', withField(3, 'A'.repeat(32)), 'holder digest (holderDigest)'],
    ['an empty key id', withField(4, ''), 'key id (kid) is empty'],
    ['standard base64 for the signature', withField(5, 'MEUC+/AA'), 'signature (signature)'],
    ['a signature too short', withField(5, 'MEUC'), 'signature (signature) has length 4'],
    ['an overlong text', `xq1.${'a'.repeat(3000)}`, 'longer than 2048'],
  ])('rejects %s, naming the part', (_, text, en) => {
    const e = domainErrorOf(() => parseQrText(text));
    expect(e.messageEn).toContain(en);
    expect(e.message).toMatch(/^二维码内容无效：/u);
  });
});

describe('qrSignedMessage', () => {
  it('is the tag and the four signed fields, one a line', () => {
    const s = statement();
    expect(qrSignedMessage(s)).toBe(`xuke-qr/v1\n京B2-20180910\n3\n2023-05-03\n${s.holderDigest}`);
    expect(qrSignedMessage({ ...s, expiresOn: null }).split('\n')[3]).toBe('-');
  });

  it('refuses a field holding a line break, which would shift the lines', () => {
    const e = domainErrorOf(() => qrSignedMessage(statement({ number: 'B2\n4' })));
    expect(e.message).toContain('许可证编号');
  });
});

describe('holderDigestOf', () => {
  it('is the first 32 hex characters of SM3 over the UTF-8 name', () => {
    // GB/T 32905 example 1: SM3("abc")
    expect(holderDigestOf(sm3, 'abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e2');
    expect(holderDigestOf(sm3, '云智联网络科技（北京）有限公司')).toMatch(/^[0-9a-f]{32}$/u);
  });

  it('normalises to NFC first, so composed and decomposed names agree', () => {
    expect(holderDigestOf(sm3, 'Cafe\u0301')).toBe(holderDigestOf(sm3, 'Caf\u00e9'));
  });

  it('hands the hash the same bytes TextEncoder makes, astral characters included', () => {
    const seen: Uint8Array[] = [];
    const stub = (bytes: Uint8Array): string => {
      seen.push(bytes);
      return 'AB'.repeat(32);
    };
    const name = 'ｘ云𠀀e\u0301\ud800';
    expect(holderDigestOf(stub, name)).toBe('ab'.repeat(16));
    expect(seen[0]).toEqual(new TextEncoder().encode(name.normalize('NFC')));
  });

  it('refuses a hash function that does not return 64 hex characters', () => {
    expect(() => holderDigestOf(() => 'abc', 'x')).toThrow(/64 hex/u);
  });
});

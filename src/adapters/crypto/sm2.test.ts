/**
 * SM2/SM3: published vectors, strict DER and keys, tampering, and interoperability with the
 * OpenSSL 3 CLI both ways (skipped without OpenSSL unless XUKE_REQUIRE_ALL=1).
 */
import { spawnSync } from 'node:child_process';
import {
  createHash,
  generateKeyPairSync,
  getHashes,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { describeWith } from '../../../test/require-service.js';
import { DomainError } from '../../core/errors.js';
import {
  generateSm2KeyPair,
  sm2KeyPairFromPrivateKey,
  sm2PublicKeyFromSpkiPem,
  sm2PublicKeyToSpkiPem,
  sm2Sign,
  sm2SignatureFromDer,
  sm2SignatureToDer,
  sm2Verify,
  sm3,
  sm3Hex,
} from './sm2.js';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
const flip = (bytes: Uint8Array, i: number): Uint8Array =>
  bytes.map((byte, j) => (j === i ? byte ^ 0x01 : byte));

describe('sm3', () => {
  // GB/T 32905-2016 Appendix A, examples 1 and 2.
  test('the standard examples', () => {
    expect(sm3Hex(utf8('abc'))).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
    expect(sm3Hex(utf8('abcd'.repeat(16)))).toBe(
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
    expect(hex(sm3(utf8('abc')))).toBe(sm3Hex(utf8('abc')));
  });

  test.skipIf(!getHashes().includes('sm3'))('agrees with node:crypto on random data', () => {
    for (const size of [0, 55, 64, 777]) {
      const data = randomBytes(size);
      expect(sm3Hex(data)).toBe(createHash('sm3').update(data).digest('hex'));
    }
  });
});

/**
 * GM/T 0003.5-2012 Annex A (= GB/T 32918.5-2017 Annex A), on the recommended curve with the
 * default ID 1234567812345678; reproduced in OpenSSL's test/sm2_internal_test.c (sm2_sig_test,
 * "From Annex A in both GM/T0003.5-2012 and GB/T 32918.5-2016").
 */
const ANNEX_A = {
  d: '3945208F7B2144B13F36E38AC6D39F95889393692860B51A42FB81EF4DF7C5B8',
  x: '09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020',
  y: 'CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13',
  message: 'message digest',
  r: 'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3',
  s: 'B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA',
};

describe('sm2: the published vector', () => {
  const publicKeyHex = `04${ANNEX_A.x}${ANNEX_A.y}`.toLowerCase();
  const der = sm2SignatureToDer(ANNEX_A.r, ANNEX_A.s);

  test('the key derives, and the published (r, s) verifies only for its message and ID', () => {
    expect(sm2KeyPairFromPrivateKey(ANNEX_A.d).publicKeyHex).toBe(publicKeyHex);
    expect(hex(der).slice(0, 12)).toBe('3046022100f5');
    expect(sm2Verify(utf8(ANNEX_A.message), der, publicKeyHex)).toBe(true);
    expect(sm2Verify(utf8(ANNEX_A.message), der, publicKeyHex.toUpperCase())).toBe(true);
    expect(sm2Verify(utf8('message digesT'), der, publicKeyHex)).toBe(false);
    expect(sm2Verify(utf8(ANNEX_A.message), der, publicKeyHex, 'ALICE123@YAHOO.COM')).toBe(false);
    const signed = sm2Sign(utf8('许可'), sm2KeyPairFromPrivateKey(ANNEX_A.d));
    expect(sm2Verify(utf8('许可'), signed, publicKeyHex)).toBe(true);
  });
});

describe('sm2: keys, signatures and tampering', () => {
  const key = generateSm2KeyPair();
  const message = utf8('{"number":"京B2-20180001","status":"valid"}');
  const signature = sm2Sign(message, key);

  test('keys have the documented form; signatures are strict DER and randomised', () => {
    expect(key.privateKeyHex).toMatch(/^[0-9a-f]{64}$/);
    expect(key.publicKeyHex).toMatch(/^04[0-9a-f]{128}$/);
    expect(sm2KeyPairFromPrivateKey(key.privateKeyHex)).toEqual(key);
    expect(generateSm2KeyPair().privateKeyHex).not.toBe(key.privateKeyHex);
    const rs = sm2SignatureFromDer(signature);
    expect(sm2SignatureToDer(rs?.rHex ?? '', rs?.sHex ?? '')).toEqual(signature);
    expect(sm2Sign(message, key)).not.toEqual(signature);
  });

  test('signs and verifies: empty, short, 10 kB, other signer IDs', () => {
    for (const m of [new Uint8Array(0), message, randomBytes(10_240)]) {
      expect(sm2Verify(m, sm2Sign(m, key), key.publicKeyHex)).toBe(true);
    }
    const byAlice = sm2Sign(message, key, 'ALICE123@YAHOO.COM');
    expect(sm2Verify(message, byAlice, key.publicKeyHex, 'ALICE123@YAHOO.COM')).toBe(true);
    expect(sm2Verify(message, byAlice, key.publicKeyHex)).toBe(false);
    expect(sm2Verify(message, signature, generateSm2KeyPair().publicKeyHex)).toBe(false);
  });

  test('one flipped bit in the message, the signature or the public key fails', () => {
    for (let i = 0; i < message.length; i += 7) {
      expect(sm2Verify(flip(message, i), signature, key.publicKeyHex)).toBe(false);
    }
    for (let i = 0; i < signature.length; i++) {
      expect(sm2Verify(message, flip(signature, i), key.publicKeyHex)).toBe(false);
    }
    const point = Buffer.from(key.publicKeyHex, 'hex');
    for (let i = 0; i < point.length; i += 4) {
      expect(sm2Verify(message, signature, hex(flip(point, i)))).toBe(false);
    }
  });

  test('other encodings of a valid (r, s) are refused: one signature, one encoding', () => {
    const { rHex, sHex } = sm2SignatureFromDer(signature) ?? { rHex: '', sHex: '' };
    const der = hex(signature);
    const rEnd = 8 + (signature[3] ?? 0) * 2;
    const [rTlv, sTlv] = [der.slice(4, rEnd), der.slice(rEnd)];
    const padded = (tlv: string): string =>
      `02${(Number.parseInt(tlv.slice(2, 4), 16) + 1).toString(16)}00${tlv.slice(4)}`;
    const seq = (body: string): string => `30${(body.length / 2).toString(16)}${body}`;
    const variants = [
      `${der}00`, // a trailing byte
      `3081${der.slice(2)}`, // a long-form length
      `31${der.slice(2)}`, // SET, not SEQUENCE
      seq(padded(rTlv) + sTlv), // r with a superfluous leading zero
      seq(rTlv + padded(sTlv)),
      hex(sm2SignatureToDer(rHex, (BigInt(`0x${sHex}`) + N).toString(16))), // s + n
      hex(sm2SignatureToDer(rHex, N.toString(16))), // s = n
      hex(sm2SignatureToDer('00', sHex)), // r = 0
      '',
      '3000',
    ];
    for (const variant of variants) {
      const bytes = Buffer.from(variant, 'hex');
      expect(sm2SignatureFromDer(bytes), variant).toBeUndefined();
      expect(sm2Verify(message, bytes, key.publicKeyHex), variant).toBe(false);
    }
  });

  test('bad public keys and IDs are false, not exceptions', () => {
    const x = key.publicKeyHex.slice(2, 66);
    const bad = ['', 'zz', key.publicKeyHex.slice(2), `02${x}`, `04${x}${'00'.repeat(32)}`];
    for (const publicKey of bad) expect(sm2Verify(message, signature, publicKey)).toBe(false);
    expect(sm2Verify(message, signature, key.publicKeyHex, 'x'.repeat(9000))).toBe(false);
  });

  test('signing refuses a bad key with a DomainError', () => {
    const mismatched = { ...key, publicKeyHex: generateSm2KeyPair().publicKeyHex };
    expect(() => sm2Sign(message, mismatched)).toThrow(/公钥与私钥不匹配/);
    for (const privateKeyHex of ['00'.repeat(32), (N - 1n).toString(16), 'not hex']) {
      const bad = { privateKeyHex, publicKeyHex: key.publicKeyHex };
      expect(() => sm2Sign(message, bad)).toThrow(DomainError);
    }
    expect(() => sm2KeyPairFromPrivateKey(N.toString(16))).toThrow(/\[1, n-2\]/);
  });
});

describe('sm2: SubjectPublicKeyInfo PEM', () => {
  const key = generateSm2KeyPair();

  test('round trip, in the structure OpenSSL writes', () => {
    const pem = sm2PublicKeyToSpkiPem(key.publicKeyHex);
    expect(pem).toMatch(
      /^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/]{64}\n[A-Za-z0-9+/=]{60}\n-----END PUBLIC KEY-----\n$/,
    );
    expect(sm2PublicKeyFromSpkiPem(pem)).toBe(key.publicKeyHex);
    expect(sm2PublicKeyFromSpkiPem(`\n  ${pem.replace(/\n/g, '\r\n')}  `)).toBe(key.publicKeyHex);
    expect(() => sm2PublicKeyToSpkiPem('04')).toThrow(DomainError);
  });

  test('names what is wrong', () => {
    const spki = (k: { publicKey: KeyObject }): string =>
      k.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const y = (BigInt(`0x${key.publicKeyHex.slice(66)}`) ^ 1n).toString(16).padStart(64, '0');
    const spkiPrefix = '3059301306072a8648ce3d020106082a811ccf5501822d034200';
    const offCurve = Buffer.from(`${spkiPrefix}${key.publicKeyHex.slice(0, 66)}${y}`, 'hex');
    const pem = (der: Buffer): string =>
      `-----BEGIN PUBLIC KEY-----\n${der.toString('base64')}\n-----END PUBLIC KEY-----\n`;
    const cases: [string, RegExp][] = [
      ['hello', /Not a PEM public key/],
      ['-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----', /Not a PEM public key/],
      ['-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----', /is a private key/],
      [pem(Buffer.from('3003020100', 'hex')), /not a valid SubjectPublicKeyInfo/],
      [
        spki(generateKeyPairSync('rsa', { modulusLength: 1024 })),
        /elliptic.*1\.2\.840\.113549\.1\.1\.1/,
      ],
      [spki(generateKeyPairSync('ed25519')), /Not an elliptic-curve public key.*1\.3\.101\.112/],
      [
        spki(generateKeyPairSync('ec', { namedCurve: 'prime256v1' })),
        /not SM2 \(1\.2\.840\.10045\.3\.1\.7/,
      ],
      [pem(offCurve), /not on the curve/],
    ];
    for (const [text, messageEn] of cases) {
      expect(() => sm2PublicKeyFromSpkiPem(text), text).toThrow(
        expect.objectContaining({
          code: 'INVALID_INPUT',
          messageEn: expect.stringMatching(messageEn) as unknown,
        }),
      );
    }
  });
});

// ---- OpenSSL 3 interoperability: files in a temporary directory, the commands as one types them ----

const dir = mkdtempSync(join(tmpdir(), 'xuke-sm2-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** `openssl` with a command line of plain words (file names are relative to `dir`). */
function openssl(command: string, input?: string) {
  return spawnSync('openssl', command.split(' '), { cwd: dir, encoding: 'utf8', input });
}

const probe = openssl('genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out key.pem');
const opensslOk = probe.error === undefined && probe.status === 0;
const opensslReason = probe.error?.message ?? `no SM2 in this openssl: ${probe.stderr.trim()}`;
const SM2_OPTS = '-rawin -digest sm3 -pkeyopt distid:1234567812345678';

/** The public point `openssl pkey -text` prints ("pub:" hex lines), as 04||x||y hex. */
function opensslPoint(pubPem: string): string {
  const text = openssl('pkey -pubin -text -noout', pubPem);
  expect(text.status, text.stderr).toBe(0);
  expect(text.stdout).toMatch(/ASN1 OID: SM2/);
  const block = /pub:\s*\n((?:\s+[0-9a-f:]+\n)+)/.exec(text.stdout)?.[1] ?? '';
  return block.replace(/[\s:]/g, '');
}

describeWith(
  'OpenSSL',
  opensslOk,
  opensslReason,
)('sm2: interoperability with OpenSSL', () => {
  const messages = [
    new Uint8Array(0),
    utf8('a'),
    utf8('{"number":"沪B2-20200731","holder":"上海某某信息技术有限公司"}'),
    randomBytes(1000),
    randomBytes(10_240),
  ];
  const altered = (m: Uint8Array): Uint8Array => Uint8Array.of(...m, 0x0a);

  test('OpenSSL signs, xuke verifies; its PEM parses to the point OpenSSL prints', () => {
    const pub = openssl('pkey -in key.pem -pubout');
    expect(pub.status, pub.stderr).toBe(0);
    const publicKeyHex = sm2PublicKeyFromSpkiPem(pub.stdout);
    expect(publicKeyHex).toBe(opensslPoint(pub.stdout));
    expect(sm2PublicKeyToSpkiPem(publicKeyHex)).toBe(pub.stdout);
    messages.forEach((m, i) => {
      writeFileSync(join(dir, `m${i}.bin`), m);
      const signed = openssl(
        `pkeyutl -sign ${SM2_OPTS} -inkey key.pem -in m${i}.bin -out o${i}.der`,
      );
      expect(signed.status, signed.stderr).toBe(0);
      const der = new Uint8Array(readFileSync(join(dir, `o${i}.der`)));
      expect(sm2Verify(m, der, publicKeyHex), `message ${i}`).toBe(true);
      expect(sm2Verify(altered(m), der, publicKeyHex)).toBe(false);
      expect(sm2Verify(m, der, publicKeyHex, 'another ID')).toBe(false);
    });
  });

  test('xuke signs, OpenSSL verifies; OpenSSL reads the xuke PEM as the same point', () => {
    const key = generateSm2KeyPair();
    const pem = sm2PublicKeyToSpkiPem(key.publicKeyHex);
    writeFileSync(join(dir, 'xuke.pem'), pem);
    expect(opensslPoint(pem)).toBe(key.publicKeyHex);
    expect(openssl('pkey -pubin -in xuke.pem -pubout').stdout).toBe(pem);
    const verify = (i: number, signature: Uint8Array, m: Uint8Array) => {
      writeFileSync(join(dir, `x${i}.der`), signature);
      writeFileSync(join(dir, `v${i}.bin`), m);
      const args = `${SM2_OPTS} -pubin -inkey xuke.pem -in v${i}.bin -sigfile x${i}.der`;
      return openssl(`pkeyutl -verify ${args}`);
    };
    messages.forEach((m, i) => {
      const ok = verify(i, sm2Sign(m, key), m);
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toContain('Signature Verified Successfully');
      const rejected = verify(i, sm2Sign(altered(m), key), m);
      expect(rejected.status).not.toBe(0);
      expect(rejected.stdout).toContain('Signature Verification Failure');
    });
  });
});

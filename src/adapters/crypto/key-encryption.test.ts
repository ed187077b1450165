/** Private keys at rest: scrypt + AES-256-GCM bound to a context, and reading the passphrase. */
import { describe, expect, test } from 'vitest';
import { DomainError } from '../../core/errors.js';
import {
  DEFAULT_SCRYPT,
  decryptSecret,
  encryptSecret,
  readKeyPassphrase,
  type ScryptParams,
} from './key-encryption.js';

const SECRET = '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8';
const PASSPHRASE = 'correct horse battery 电池';
/** Cheap parameters so the tests stay fast; the default is exercised once. */
const FAST: ScryptParams = { N: 1024, r: 8, p: 1 };

const AUTH_FAILURE = expect.objectContaining({
  code: 'INVALID_INPUT',
  message: '密钥口令错误或密钥数据已损坏',
  messageEn: 'Wrong key passphrase or damaged key data',
}) as unknown;
const MALFORMED = expect.objectContaining({
  code: 'INVALID_INPUT',
  messageEn: expect.stringMatching(/^Malformed encrypted key data/) as unknown,
}) as unknown;

function edit(blob: string, change: (fields: Record<string, unknown>) => void): string {
  const fields = JSON.parse(blob) as Record<string, unknown>;
  change(fields);
  return JSON.stringify(fields);
}

/** The base64 field with its first byte's lowest bit flipped. */
function flipped(base64: unknown): string {
  const bytes = Buffer.from(String(base64), 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

describe('encryptSecret / decryptSecret', () => {
  const blob = encryptSecret(SECRET, PASSPHRASE, 'key:beijing-2026', FAST);

  test('round trip with the default parameters, in the documented shape', () => {
    const made = encryptSecret(SECRET, PASSPHRASE, 'key:1');
    const fields = JSON.parse(made) as Record<string, unknown>;
    expect(Object.keys(fields).sort()).toEqual(
      ['N', 'ct', 'iv', 'kdf', 'p', 'r', 'salt', 'tag', 'v'].sort(),
    );
    expect(fields).toMatchObject({ v: 1, kdf: 'scrypt', ...DEFAULT_SCRYPT });
    expect(Buffer.from(String(fields['salt']), 'base64')).toHaveLength(32);
    expect(Buffer.from(String(fields['iv']), 'base64')).toHaveLength(12);
    expect(Buffer.from(String(fields['tag']), 'base64')).toHaveLength(16);
    expect(made).not.toContain(SECRET);
    expect(decryptSecret(made, PASSPHRASE, 'key:1')).toBe(SECRET);
  });

  test('round trip; fresh salt and IV each time; any text', () => {
    expect(decryptSecret(blob, PASSPHRASE, 'key:beijing-2026')).toBe(SECRET);
    const again = JSON.parse(encryptSecret(SECRET, PASSPHRASE, 'key:beijing-2026', FAST)) as {
      salt: string;
      iv: string;
    };
    const first = JSON.parse(blob) as { salt: string; iv: string };
    expect(again.salt).not.toBe(first.salt);
    expect(again.iv).not.toBe(first.iv);
    for (const plain of ['', '许可 ✓ 😀']) {
      expect(decryptSecret(encryptSecret(plain, PASSPHRASE, 'c', FAST), PASSPHRASE, 'c')).toBe(
        plain,
      );
    }
  });

  test('a wrong passphrase or context fails with the one message', () => {
    expect(() => decryptSecret(blob, `${PASSPHRASE}!`, 'key:beijing-2026')).toThrow(AUTH_FAILURE);
    expect(() => decryptSecret(blob, PASSPHRASE, 'key:shanghai-2026')).toThrow(AUTH_FAILURE);
    expect(() => decryptSecret(blob, PASSPHRASE, '')).toThrow(AUTH_FAILURE);
  });

  test('tampered ciphertext, tag, IV or salt fails authentication', () => {
    for (const field of ['ct', 'tag', 'iv', 'salt']) {
      const tampered = edit(blob, (f) => {
        f[field] = flipped(f[field]);
      });
      expect(() => decryptSecret(tampered, PASSPHRASE, 'key:beijing-2026'), field).toThrow(
        AUTH_FAILURE,
      );
    }
    const fewerRounds = edit(blob, (f) => {
      f['N'] = 2048;
    });
    expect(() => decryptSecret(fewerRounds, PASSPHRASE, 'key:beijing-2026')).toThrow(AUTH_FAILURE);
  });

  test('malformed blobs say so, distinctly', () => {
    const malformed = [
      'not json',
      '[]',
      'null',
      edit(blob, (f) => (f['v'] = 2)),
      edit(blob, (f) => (f['kdf'] = 'pbkdf2')),
      edit(blob, (f) => (f['N'] = 1000)),
      edit(blob, (f) => (f['N'] = 2 ** 30)),
      edit(blob, (f) => (f['r'] = 0)),
      edit(blob, (f) => (f['p'] = '1')),
      edit(blob, (f) => (f['iv'] = 'AAAA')),
      edit(blob, (f) => (f['tag'] = 'not base64!')),
      edit(blob, (f) => delete f['ct']),
    ];
    for (const text of malformed) {
      expect(() => decryptSecret(text, PASSPHRASE, 'key:beijing-2026'), text).toThrow(MALFORMED);
    }
  });

  test('refuses an empty passphrase or context, and weak parameters', () => {
    expect(() => encryptSecret(SECRET, '', 'c', FAST)).toThrow(DomainError);
    expect(() => encryptSecret(SECRET, PASSPHRASE, '', FAST)).toThrow(DomainError);
    expect(() => encryptSecret(SECRET, PASSPHRASE, 'c', { N: 16, r: 8, p: 1 })).toThrow(RangeError);
  });
});

describe('readKeyPassphrase', () => {
  const files: Record<string, string> = {
    '/run/secrets/xuke': 'a long passphrase 12\n',
    '/crlf': 'a long passphrase 12\r\n',
    '/spaces': '  twelve chars  ',
    '/empty': '\n',
    '/short': 'short\n',
  };
  const readFile = (path: string): string => {
    const text = files[path];
    if (text === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
    return text;
  };
  const read = (env: Record<string, string | undefined>) =>
    readKeyPassphrase(
      { passphrase: env['XUKE_KEY_PASSPHRASE'], file: env['XUKE_KEY_PASSPHRASE_FILE'] },
      readFile,
    );
  const refused = (pattern: RegExp) =>
    expect.objectContaining({
      code: 'INVALID_INPUT',
      messageEn: expect.stringMatching(pattern) as unknown,
    }) as unknown;

  test('from the variable, from the file (trailing line break removed), or none', () => {
    expect(read({})).toBeUndefined();
    expect(read({ XUKE_KEY_PASSPHRASE: 'a long passphrase 12' })).toBe('a long passphrase 12');
    expect(read({ XUKE_KEY_PASSPHRASE_FILE: '/run/secrets/xuke' })).toBe('a long passphrase 12');
    expect(read({ XUKE_KEY_PASSPHRASE_FILE: '/crlf' })).toBe('a long passphrase 12');
    expect(read({ XUKE_KEY_PASSPHRASE_FILE: '/spaces' })).toBe('  twelve chars  ');
    expect(read({ XUKE_KEY_PASSPHRASE: '十二个汉字的口令就足够长了吧' })).toHaveLength(14);
  });

  test('both, empty, unreadable or short is an error naming the cause', () => {
    const both = { XUKE_KEY_PASSPHRASE: 'a long passphrase 12', XUKE_KEY_PASSPHRASE_FILE: '/x' };
    expect(() => read(both)).toThrow(refused(/only one of/));
    expect(() => read({ XUKE_KEY_PASSPHRASE: '' })).toThrow(
      refused(/XUKE_KEY_PASSPHRASE is empty/),
    );
    expect(() => read({ XUKE_KEY_PASSPHRASE_FILE: '' })).toThrow(refused(/_FILE is empty/));
    expect(() => read({ XUKE_KEY_PASSPHRASE_FILE: '/empty' })).toThrow(refused(/is empty/));
    expect(() => read({ XUKE_KEY_PASSPHRASE_FILE: '/nope' })).toThrow(
      refused(/Cannot read.*ENOENT/),
    );
    expect(() => read({ XUKE_KEY_PASSPHRASE: 'elevenchars' })).toThrow(
      refused(/too short: at least 12 characters/),
    );
    expect(() => read({ XUKE_KEY_PASSPHRASE_FILE: '/short' })).toThrow(refused(/too short/));
  });
});

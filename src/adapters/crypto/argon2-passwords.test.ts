/**
 * Argon2id passwords: the binding against the reference implementation's own test vector, our
 * parameters in the PHC string, and (where the machine has it) a hash of ours verified by the
 * reference C library, libargon2, as an independent implementation.
 */
import { spawnSync } from 'node:child_process';
import { hashRaw } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { argon2Passwords } from './argon2-passwords.js';

/**
 * The Argon2id vector of the reference implementation's tests (github.com/P-H-C/phc-winner-argon2,
 * src/test.c: version 0x13, t=2, m=2^16, p=1, "password", "somesalt"): its 32-byte tag.
 */
const REFERENCE_TAG = '09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7';

const b64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64').replace(/=+$/u, '');

/** libargon2's verdict on a PHC string and password: true/false, or null when it cannot run. */
function libargon2Verifies(phc: string, password: string): boolean | null {
  const script = [
    'import ctypes, sys',
    "lib = ctypes.CDLL('libargon2.so.1')",
    'phc, pw = sys.argv[1].encode(), sys.argv[2].encode()',
    'print(lib.argon2id_verify(ctypes.c_char_p(phc), ctypes.c_char_p(pw), ctypes.c_size_t(len(pw))))',
  ].join('\n');
  const r = spawnSync('python3', ['-c', script, phc, password], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  return r.stdout.trim() === '0';
}

const libargon2 = libargon2Verifies('$argon2id$v=19$m=8,t=1,p=1$c29tZXNhbHQ$AAAA', 'x') !== null;
if (!libargon2) {
  process.stderr.write(
    '[xuke tests] skipping the libargon2 cross-check: python3 with libargon2.so.1 is not on this machine (the reference vector still runs)\n',
  );
}

describe('argon2Passwords', () => {
  it('computes the reference implementation’s Argon2id test vector (its default algorithm)', async () => {
    const tag = await hashRaw('password', {
      salt: Buffer.from('somesalt'),
      timeCost: 2,
      memoryCost: 65_536,
      parallelism: 1,
      outputLen: 32,
    });
    expect(tag.toString('hex')).toBe(REFERENCE_TAG);
    // and verifies the vector in its PHC form, with the parameters the string carries
    const phc = `$argon2id$v=19$m=65536,t=2,p=1$${b64(Buffer.from('somesalt').toString('hex'))}$${b64(REFERENCE_TAG)}`;
    expect(await argon2Passwords.verify(phc, 'password')).toBe(true);
    expect(await argon2Passwords.verify(phc, 'passwore')).toBe(false);
  });

  it('hashes with Argon2id at m=19456 KiB, t=2, p=1 and a fresh salt each time', async () => {
    const a = await argon2Passwords.hash('correct horse 电池 staple');
    const b = await argon2Passwords.hash('correct horse 电池 staple');
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/u);
    expect(a).not.toBe(b);
    expect(await argon2Passwords.verify(a, 'correct horse 电池 staple')).toBe(true);
    expect(await argon2Passwords.verify(a, 'correct horse 电池 stapler')).toBe(false);
  });

  it('says false for a malformed hash, never throws', async () => {
    for (const bad of ['', 'plain', '$argon2id$v=19$m=19456', '$2b$10$abcdefghijklmnopqrstuv']) {
      expect(await argon2Passwords.verify(bad, 'x')).toBe(false);
    }
  });

  it.skipIf(!libargon2)('makes hashes the reference C library (libargon2) verifies', async () => {
    const phc = await argon2Passwords.hash('口令 for the cross-check');
    expect(libargon2Verifies(phc, '口令 for the cross-check')).toBe(true);
    expect(libargon2Verifies(phc, '口令 for the cross-chec')).toBe(false);
  });
});

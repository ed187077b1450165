/**
 * Passwords hashed with Argon2id (RFC 9106) through @node-rs/argon2, at its defaults: m=19456 KiB,
 * t=2, p=1, a 16-byte random salt, a 32-byte tag (the OWASP minimum). The PHC string
 * (`$argon2id$v=19$m=19456,t=2,p=1$…`) carries its parameters, so a later change of them still
 * verifies the hashes made before.
 */
import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from '../../app/accounts/account-deps.js';

/** the binding's algorithm is Argon2id unless told otherwise (its `Algorithm` is a const enum) */
export const ARGON2_OPTIONS = {
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;

export const argon2Passwords: PasswordHasher = {
  hash: (password) => hash(password, ARGON2_OPTIONS),
  verify: async (phc, password) => {
    if (!phc.startsWith('$argon2')) return false;
    try {
      return await verify(phc, password);
    } catch {
      // a malformed hash verifies nothing
      return false;
    }
  },
};

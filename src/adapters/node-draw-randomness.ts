import { createHmac, randomBytes } from 'node:crypto';
import type { DrawRandomness } from '../ports/spot-check-store.js';

/**
 * The spot-check draw's randomness from node:crypto: seeds of 32 bytes from the operating
 * system's CSPRNG, and OpenSSL's HMAC-SHA256 for the draw's stream (docs/spot-checks.md).
 */
export const nodeDrawRandomness: DrawRandomness = {
  newSeed: () => randomBytes(32).toString('hex'),
  hmacSha256: (key, message) => new Uint8Array(createHmac('sha256', key).update(message).digest()),
};

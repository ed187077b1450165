import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Secrets } from '../ports/secrets.js';

/** Secrets from node:crypto: 32 random bytes per secret (256 bits), sha256 to store. */
export const nodeSecrets: Secrets = {
  newSecret: () => `xk_${randomBytes(32).toString('base64url')}`,
  newId: () => randomUUID(),
  hash: (secret) => createHash('sha256').update(secret, 'utf8').digest('hex'),
};

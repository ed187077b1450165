import { createHash } from 'node:crypto';
import type { Hasher } from '../ports/document-text-source.js';

export const nodeHasher: Hasher = {
  sha256: (bytes) => createHash('sha256').update(bytes).digest('hex'),
};

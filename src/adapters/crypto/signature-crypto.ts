/**
 * The SignatureCrypto port from the crypto adapters: SM2/SM3 (sm-crypto-v2), RFC 8785 canonical
 * JSON (canonicalize), SHA-256 for the register log (node:crypto), and the scrypt + AES-256-GCM
 * encryption of private keys at rest.
 */
import { createHash } from 'node:crypto';
import type { SignatureCrypto } from '../../ports/signing.js';
import { canonicalBytes } from './jcs.js';
import { decryptSecret, encryptSecret } from './key-encryption.js';
import {
  generateSm2KeyPair,
  sm2PublicKeyFromSpkiPem,
  sm2PublicKeyToSpkiPem,
  sm2Sign,
  sm2Verify,
  sm3Hex,
} from './sm2.js';

export const signatureCrypto: SignatureCrypto = {
  generateKeyPair: generateSm2KeyPair,
  sign: (message, key) => sm2Sign(message, key),
  verify: (message, signature, publicKeyHex) => sm2Verify(message, signature, publicKeyHex),
  publicKeyToPem: sm2PublicKeyToSpkiPem,
  publicKeyFromPem: sm2PublicKeyFromSpkiPem,
  sm3Hex,
  sha256: (bytes) => new Uint8Array(createHash('sha256').update(bytes).digest()),
  canonicalBytes,
  encryptSecret,
  decryptSecret,
};

/**
 * What the signing use cases need (docs/elicence.md): the registry and trust stores, the keys, the
 * register log and a follower's state, the cryptography, and the key-encryption passphrase, read
 * only when a private key is needed (XUKE_KEY_PASSPHRASE or XUKE_KEY_PASSPHRASE_FILE).
 */
import type {
  FollowStore,
  RegisterLogStore,
  SignatureCrypto,
  SigningKeyStore,
} from '../../ports/signing.js';
import type { TrustDeps } from '../registry/registry-deps.js';

export interface SigningDeps extends TrustDeps {
  readonly keys: SigningKeyStore;
  readonly log: RegisterLogStore;
  readonly follows: FollowStore;
  readonly crypto: SignatureCrypto;
  /** the key-encryption passphrase; undefined when none is configured */
  readonly passphrase: () => string | undefined;
  readonly newId: () => string;
  /** GET a JSON document from another instance (a followed register) */
  readonly fetchJson: (url: string) => Promise<unknown>;
}

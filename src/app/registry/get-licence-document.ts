/**
 * Use case: the original document a version of a licence was read from (对照原件), by its sha256.
 * NOT_FOUND unless a version of that licence in the caller's organisation cites it: the same bytes
 * held by another organisation, or by another of this organisation's licences, are not this one's.
 */
import { DomainError } from '../../core/errors.js';
import type { StoredDocument } from '../../ports/licence-store.js';
import { canonicalLicenceNumber, type Actor, type RegistryDeps } from './registry-deps.js';

export async function getLicenceDocument(
  numberInput: string,
  sha256Input: string,
  who: Actor,
  deps: RegistryDeps,
): Promise<StoredDocument & { readonly number: string }> {
  const number = canonicalLicenceNumber(numberInput);
  const sha256 = sha256Input.toLowerCase();
  const found = await deps.store.findLicenceDocument(who.organisation, number, sha256);
  if (found === undefined) {
    throw new DomainError(
      'NOT_FOUND',
      `许可证 ${number} 的各版本中没有 SHA-256 为 ${sha256} 的原件`,
      `No version of licence ${number} was read from a document with SHA-256 ${sha256}`,
    );
  }
  return { ...found, number };
}

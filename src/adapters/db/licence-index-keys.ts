/**
 * The look-up keys a licence record derives, pure: the registrable domains of its host names
 * (licence_domains) and the adjacent character pairs of its holder's name (licence_name_grams).
 * The writes index them (licence-writes.ts); the benchmark's baseline precomputes the same rows.
 */
import type { Licence } from '../../core/licence.js';
import { registrableDomain } from './domain-key.js';

/** The registrable domains a record lists, distinct. */
export function licenceDomainKeys(licence: Licence): string[] {
  const keys = new Set<string>();
  for (const site of licence.websites) {
    for (const host of site.domains) {
      const key = registrableDomain(host);
      if (key !== undefined) keys.add(key);
    }
  }
  return [...keys];
}

/** The distinct pairs of adjacent characters of a holder's name, lower-cased (no whitespace). */
export function nameGrams(name: string | null): string[] {
  if (name === null) return [];
  const chars = Array.from(name.toLowerCase());
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const gram = `${chars[i] ?? ''}${chars[i + 1] ?? ''}`;
    if (!/\s/u.test(gram)) grams.add(gram);
  }
  return [...grams];
}

/**
 * What every registry use case needs: the store, the clock, and who is acting for which
 * organisation (tenant). Shared by the registry's use-case files.
 */
import { DomainError } from '../core/errors.js';
import { parseLicenceNumber } from '../core/licence-number.js';
import type { Clock } from '../ports/clock.js';
import type { LicenceStore } from '../ports/licence-store.js';

export interface RegistryDeps {
  readonly store: LicenceStore;
  readonly clock: Clock;
}

/** The organisation acted for and the person or system acting (recorded on events and audit). */
export interface Actor {
  readonly organisation: string;
  readonly actor: string;
}

/**
 * A licence number as written (full-width, spaces, lower case, a caption, a filing suffix) → the
 * canonical key the registry stores. INVALID_INPUT when it is not a licence number.
 */
export function canonicalLicenceNumber(input: string): string {
  const parsed = parseLicenceNumber(input);
  if (!parsed.ok) throw new DomainError('INVALID_INPUT', parsed.message, parsed.messageEn);
  return parsed.number.text;
}

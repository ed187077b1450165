/**
 * What every registry use case needs: the store, the clock, and who is acting for which
 * organisation (tenant). Shared by the registry's use-case files.
 */
import { DomainError } from '../core/errors.js';
import { parseLicenceNumber } from '../core/licence-number.js';
import type { Clock } from '../ports/clock.js';
import type { ConfirmationStore } from '../ports/confirmation-store.js';
import type { LicenceStore } from '../ports/licence-store.js';
import type { OrganisationStore } from '../ports/organisation-store.js';

export interface RegistryDeps {
  readonly store: LicenceStore;
  readonly clock: Clock;
}

/** What the writing and assessing use cases need besides: who issues what, and confirmations. */
export interface TrustDeps extends RegistryDeps {
  /** who is an authority, over which numbers (docs/trust.md) */
  readonly organisations: OrganisationStore;
  /** official-query confirmations */
  readonly confirmations: ConfirmationStore;
  /** days after which a confirmation falls due again (default 90) */
  readonly confirmationDays: number;
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

/**
 * What every registry use case needs: the store, the clock, and who is acting for which
 * organisation (tenant). Shared by the registry's use-case files.
 */
import { DomainError } from '../../core/errors.js';
import {
  applyLicenceEvent,
  type LicenceEventInput,
  type LicenceStatus,
  type LifecycleState,
} from '../../core/lifecycle/lifecycle.js';
import { LicenceSchema, type Licence } from '../../core/licence.js';
import { parseLicenceNumber } from '../../core/licence-number.js';
import type { Clock } from '../../ports/clock.js';
import type { ConfirmationStore } from '../../ports/confirmation-store.js';
import type { LicenceStore } from '../../ports/licence-store.js';
import type { OrganisationStore } from '../../ports/organisation-store.js';

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
  /**
   * told after each register write, so the register's signed log catches up at once
   * (app/signing/register-log.ts); it never fails the write
   */
  readonly registerWritten?: (authority: string) => Promise<void>;
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

/**
 * A record validated by the record's schema, with its number canonical. INVALID_INPUT naming the
 * first field that fails; NOT_A_LICENCE for a record without a number.
 */
export function validLicenceRecord(input: Licence): Licence & { number: string } {
  const checked = LicenceSchema.safeParse(input);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw new DomainError(
      'INVALID_INPUT',
      `许可证记录字段 ${where} 无效：${issue?.message ?? ''}`,
      `The licence record's field ${where} is invalid: ${issue?.message ?? ''}`,
    );
  }
  if (checked.data.number === null) {
    throw new DomainError(
      'NOT_A_LICENCE',
      '许可证记录没有经营许可证编号',
      'The licence record has no licence number',
    );
  }
  return { ...checked.data, number: canonicalLicenceNumber(checked.data.number) };
}

/** The lifecycle's transition for `event`, or ILLEGAL_TRANSITION naming the number and why. */
export function transitionOrRefuse(
  state: LifecycleState,
  event: LicenceEventInput,
  number: string,
): { readonly status: LicenceStatus; readonly licence: Licence } {
  const t = applyLicenceEvent(state, event);
  if (!t.ok) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      `${number}：${t.message}`,
      `${number}: ${t.messageEn}`,
    );
  }
  return t;
}

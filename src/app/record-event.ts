/**
 * Use case: record a lifecycle event (renewed, annual report filed, suspended, cancelled …) on a
 * licence. The core state machine decides whether it may happen; the store writes it only if no
 * one else changed the licence since it was read (optimistic versioning).
 */
import { DomainError } from '../core/errors.js';
import { applyLicenceEvent, type LicenceEventKind } from '../core/lifecycle/lifecycle.js';
import type { IsoDate } from '../core/licence.js';
import type { LicenceEventData, StoredLicence } from '../ports/licence-store.js';
import { canonicalLicenceNumber, type Actor, type RegistryDeps } from './registry-deps.js';

export interface EventRequest {
  readonly kind: LicenceEventKind;
  /** defaults to today (Asia/Shanghai) */
  readonly on?: IsoDate;
  readonly note?: string | null;
  readonly expiresOn?: IsoDate;
  readonly year?: number;
  /** the version the caller saw; omitted: the version read here */
  readonly expectedVersion?: number;
}

export async function recordEvent(
  numberInput: string,
  request: EventRequest,
  who: Actor,
  deps: RegistryDeps,
): Promise<StoredLicence> {
  const number = canonicalLicenceNumber(numberInput);
  const current = await deps.store.findLicence(who.organisation, number);
  if (!current)
    throw new DomainError('NOT_FOUND', `未找到许可证 ${number}`, `No licence ${number}`);
  const on = request.on ?? deps.clock.today();
  const note = request.note ?? null;
  const data: LicenceEventData = {
    ...(request.expiresOn === undefined ? {} : { expiresOn: request.expiresOn }),
    ...(request.year === undefined ? {} : { year: request.year }),
  };
  const t = applyLicenceEvent(current, {
    kind: request.kind,
    on,
    note,
    ...(request.expiresOn === undefined ? {} : { expiresOn: request.expiresOn }),
    ...(request.year === undefined ? {} : { year: request.year }),
  });
  if (!t.ok) {
    throw new DomainError(
      'ILLEGAL_TRANSITION',
      `${number}：${t.message}`,
      `${number}: ${t.messageEn}`,
    );
  }
  return deps.store.updateLicence(who.organisation, {
    number,
    expectedVersion: request.expectedVersion ?? current.version,
    licence: t.licence,
    status: t.status,
    event: {
      kind: request.kind,
      on,
      note,
      actor: who.actor,
      data: Object.keys(data).length === 0 ? null : data,
    },
    document: null,
  });
}

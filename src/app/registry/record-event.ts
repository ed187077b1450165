/**
 * Use case: a holder or platform records a lifecycle event on its declared copy of a licence
 * (renewal applied, annual report filed, changed). The issuer's decisions (issue, renew, inspect,
 * suspend, reinstate, cancel, revoke) are the register's alone (register.ts): here they are
 * FORBIDDEN, so a holder cannot extend, cancel or revoke a licence by saying so. The core state
 * machine decides whether an event may happen; the store writes it only if no one else changed the
 * licence since it was read (optimistic versioning). Answers the licence with its status as of today.
 */
import { DomainError } from '../../core/errors.js';
import { EVENT_NAMES, type LicenceEventKind } from '../../core/lifecycle/lifecycle.js';
import type { IsoDate } from '../../core/licence.js';
import type { LicenceEventData } from '../../ports/licence-store.js';
import { ISSUER_EVENTS } from '../access/authorise-action.js';
import { withCurrentStatus, type FoundLicence } from './find-licences.js';
import { refuseRegisterOrganisation } from './register-licence.js';
import {
  canonicalLicenceNumber,
  transitionOrRefuse,
  type Actor,
  type TrustDeps,
} from './registry-deps.js';

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
  deps: TrustDeps,
): Promise<FoundLicence> {
  const number = canonicalLicenceNumber(numberInput);
  if (ISSUER_EVENTS.has(request.kind)) {
    throw new DomainError(
      'FORBIDDEN',
      `${EVENT_NAMES[request.kind]}（${request.kind}）是发证机关的决定，只能由有管辖权的发证机关在登记簿中记录`,
      `${request.kind} is the issuer's decision: only the authority with jurisdiction records it, in its register`,
    );
  }
  await refuseRegisterOrganisation(who, deps);
  const current = await deps.store.findLicence(who.organisation, number);
  if (!current)
    throw new DomainError('NOT_FOUND', `未找到许可证 ${number}`, `No licence ${number}`);
  const on = request.on ?? deps.clock.today();
  const note = request.note ?? null;
  const data: LicenceEventData = {
    ...(request.expiresOn === undefined ? {} : { expiresOn: request.expiresOn }),
    ...(request.year === undefined ? {} : { year: request.year }),
  };
  const t = transitionOrRefuse(
    current,
    {
      kind: request.kind,
      on,
      note,
      ...(request.expiresOn === undefined ? {} : { expiresOn: request.expiresOn }),
      ...(request.year === undefined ? {} : { year: request.year }),
    },
    number,
  );
  const updated = await deps.store.updateLicence(who.organisation, {
    number,
    expectedVersion: request.expectedVersion ?? current.version,
    licence: t.licence,
    status: t.status,
    provenance: current.provenance,
    event: {
      kind: request.kind,
      on,
      note,
      actor: who.actor,
      data: Object.keys(data).length === 0 ? null : data,
    },
    document: null,
  });
  return withCurrentStatus(updated, deps.clock.today());
}

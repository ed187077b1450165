/**
 * Use case: record an obligation event (deadlines.md) against a registered licence: the licence
 * must exist in the organisation (NOT_FOUND otherwise), the event must be a known kind on a real day.
 */
import { isIsoDate } from '../../core/dates.js';
import { DomainError } from '../../core/errors.js';
import type { EventKind } from '../../core/obligations/events.js';
import type {
  ObligationEventStore,
  RecordedObligationEvent,
} from '../../ports/obligation-event-store.js';
import type { Secrets } from '../../ports/secrets.js';
import { getLicence } from '../registry/get-licence.js';
import type { Actor, RegistryDeps } from '../registry/registry-deps.js';

export interface ObligationEventDeps extends RegistryDeps {
  readonly events: ObligationEventStore;
  readonly secrets: Pick<Secrets, 'newId'>;
}

export async function recordObligationEvent(
  numberInput: string,
  event: { readonly kind: EventKind; readonly date: string; readonly note?: string | null },
  who: Actor,
  deps: ObligationEventDeps,
): Promise<RecordedObligationEvent> {
  if (!isIsoDate(event.date)) {
    throw new DomainError(
      'INVALID_INPUT',
      `日期 ${event.date} 不存在`,
      `${event.date} is not a calendar date`,
    );
  }
  const licence = await getLicence(numberInput, who, deps);
  const recorded: RecordedObligationEvent = {
    id: deps.secrets.newId(),
    number: licence.number,
    kind: event.kind,
    date: event.date,
    note: event.note ?? null,
    actor: who.actor,
    recordedAt: deps.clock.now().toISOString(),
  };
  await deps.events.addObligationEvent(who.organisation, recorded);
  return recorded;
}

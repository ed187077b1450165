/**
 * Use case: take back a completion (marked done by mistake): the occurrence is open again and its
 * reminders resume. NOT_FOUND when the licence is not the organisation's or the occurrence was not
 * marked done. The audit chain keeps both the completion and its removal.
 */
import { DomainError } from '../../core/errors.js';
import type { DeadlineDeps } from './deadline-deps.js';
import { getLicence } from '../registry/get-licence.js';
import type { Actor } from '../registry/registry-deps.js';

export async function undoOccurrenceDone(
  numberInput: string,
  occurrenceId: string,
  who: Actor,
  deps: DeadlineDeps,
): Promise<void> {
  const licence = await getLicence(numberInput, who, deps);
  const removed = await deps.completions.removeCompletion(
    who.organisation,
    licence.number,
    occurrenceId,
    { actor: who.actor, at: deps.clock.now().toISOString() },
  );
  if (removed === undefined) {
    throw new DomainError(
      'NOT_FOUND',
      `${licence.number} 的期限事项 ${occurrenceId} 未标记完成`,
      `${occurrenceId} of ${licence.number} is not marked done`,
    );
  }
}

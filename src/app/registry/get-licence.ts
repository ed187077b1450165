/** Use case: one licence by number, with its status as of today; NOT_FOUND when there is none. */
import { DomainError } from '../../core/errors.js';
import { effectiveStatus } from '../../core/lifecycle/lifecycle.js';
import type { FoundLicence } from './find-licences.js';
import { canonicalLicenceNumber, type Actor, type RegistryDeps } from './registry-deps.js';

export async function getLicence(
  numberInput: string,
  who: Actor,
  deps: RegistryDeps,
): Promise<FoundLicence> {
  const number = canonicalLicenceNumber(numberInput);
  const found = await deps.store.findLicence(who.organisation, number);
  if (!found) throw new DomainError('NOT_FOUND', `未找到许可证 ${number}`, `No licence ${number}`);
  return {
    ...found,
    currentStatus: effectiveStatus(found.status, found.licence.expiresOn, deps.clock.today()),
  };
}

/** Use case: one licence by number, with its status as of today; NOT_FOUND when there is none. */
import { DomainError } from '../../core/errors.js';
import { withCurrentStatus, type FoundLicence } from './find-licences.js';
import { canonicalLicenceNumber, type Actor, type RegistryDeps } from './registry-deps.js';

export async function getLicence(
  numberInput: string,
  who: Actor,
  deps: RegistryDeps,
): Promise<FoundLicence> {
  const number = canonicalLicenceNumber(numberInput);
  const found = await deps.store.findLicence(who.organisation, number);
  if (!found) throw new DomainError('NOT_FOUND', `未找到许可证 ${number}`, `No licence ${number}`);
  return withCurrentStatus(found, deps.clock.today());
}

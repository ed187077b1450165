/** Use case: a licence's versions and lifecycle events, oldest first; NOT_FOUND when there is none. */
import type { LicenceEvent, LicenceVersion } from '../../ports/licence-store.js';
import type { FoundLicence } from './find-licences.js';
import { getLicence } from './get-licence.js';
import type { Actor, RegistryDeps } from './registry-deps.js';

export interface LicenceHistory {
  readonly licence: FoundLicence;
  readonly versions: readonly LicenceVersion[];
  readonly events: readonly LicenceEvent[];
}

export async function getLicenceHistory(
  numberInput: string,
  who: Actor,
  deps: RegistryDeps,
): Promise<LicenceHistory> {
  const licence = await getLicence(numberInput, who, deps);
  const [versions, events] = await Promise.all([
    deps.store.listVersions(who.organisation, licence.number),
    deps.store.listEvents(who.organisation, licence.number),
  ]);
  return { licence, versions, events };
}

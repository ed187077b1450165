/**
 * Use case: a stored licence's obligations and occurrences as of today, from its recorded events and
 * completions (plus, for a "what if", supposed ones that are not stored); NOT_FOUND when the
 * organisation has no such licence.
 */
import type { DeadlinesReport } from './compute-deadlines.js';
import {
  storedLicenceDeadlines,
  type DeadlineDeps,
  type SupposedRecords,
} from './deadline-deps.js';
import { getLicence } from '../registry/get-licence.js';
import type { Actor } from '../registry/registry-deps.js';

export async function getLicenceDeadlines(
  numberInput: string,
  who: Actor,
  deps: DeadlineDeps,
  supposed: SupposedRecords = {},
): Promise<DeadlinesReport> {
  const found = await getLicence(numberInput, who, deps);
  return storedLicenceDeadlines(
    who.organisation,
    found.number,
    found.licence,
    deps.clock.today(),
    deps,
    undefined,
    supposed,
  );
}

/**
 * Use case: every licence of an organisation with its deadlines as of today (the organisation-wide
 * calendar feed, the reminder runs; the API's list is paged: page-organisation-deadlines.ts).
 * Completions are read once for the organisation. It yields to the event loop every few
 * milliseconds of work, so a large organisation does not hold other requests up.
 */
import type { LicenceStatus } from '../../core/lifecycle/lifecycle.js';
import type { StoredCompletion } from '../../ports/completion-store.js';
import type { DeadlinesReport } from './compute-deadlines.js';
import { slicer } from './event-loop-slices.js';
import { storedLicenceDeadlines, type DeadlineDeps, type IssuerRecords } from './deadline-deps.js';

const NO_ISSUER_RECORDS: IssuerRecords = { events: [], completions: [] };

export interface OrganisationDeadlinesOptions {
  /** only licences in these statuses as of today (default: every licence) */
  readonly statuses?: readonly LicenceStatus[];
  /** aborted: the list stops at the next licence, rejecting with the signal's reason */
  readonly signal?: AbortSignal;
}

export async function listOrganisationDeadlines(
  org: string,
  deps: DeadlineDeps,
  options: OrganisationDeadlinesOptions = {},
): Promise<DeadlinesReport[]> {
  const today = deps.clock.today();
  const completions = new Map<string, StoredCompletion[]>();
  for (const c of await deps.completions.listCompletions(org)) {
    const list = completions.get(c.number);
    if (list === undefined) completions.set(c.number, [c]);
    else list.push(c);
  }
  const reports: DeadlinesReport[] = [];
  // other requests (/healthz) are answered between licences: a large organisation takes seconds
  const pause = slicer();
  let cursor: string | undefined;
  do {
    const page = await deps.store.findLicences(org, {
      today,
      limit: 1000,
      ...(options.statuses === undefined ? {} : { statuses: options.statuses }),
      ...(cursor === undefined ? {} : { cursor }),
    });
    // the issuer's records (make-up orders, accepted reports) of the whole page, in one read
    const issuer = await deps.issuerRecords?.(page.items.map((l) => l.number));
    for (const l of page.items) {
      options.signal?.throwIfAborted();
      await pause();
      reports.push(
        await storedLicenceDeadlines(
          org,
          l.number,
          l.licence,
          today,
          deps,
          completions.get(l.number) ?? [],
          {},
          issuer?.get(l.number) ?? NO_ISSUER_RECORDS,
        ),
      );
    }
    cursor = page.next ?? undefined;
  } while (cursor !== undefined);
  return reports;
}

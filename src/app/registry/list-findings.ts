/**
 * Use case: the organisation's check findings as of today, across its licences in force or lapsed
 * (cancelled and revoked licences are final: their findings ask nothing of anyone). Each licence's
 * current record is checked as a bare record (no document: no evidence lines, no page checks).
 */
import {
  checkLicence,
  SEVERITY_ORDER,
  type Finding,
  type Severity,
} from '../../core/checks/index.js';
import type { LicenceStatus } from '../../core/lifecycle/lifecycle.js';
import type { Actor, RegistryDeps } from './registry-deps.js';

/**
 * At most this many licences (the first by number) are checked per request: the checks run on the
 * request's thread (about 0.1 ms a licence), so the work a dashboard read may cause is bounded.
 */
export const FINDINGS_LICENCE_CAP = 500;

const NOT_FINAL: readonly LicenceStatus[] = ['valid', 'renewal-pending', 'expired', 'suspended'];

export interface LicenceFinding extends Finding {
  readonly number: string;
  readonly holder: string | null;
}

export interface OrganisationFindings {
  /** errors first, then warnings, then info; by licence number within a severity */
  readonly items: readonly LicenceFinding[];
  /** findings of the wanted severities before `limit` cut them */
  readonly total: number;
  /** licences checked */
  readonly checked: number;
  /** true when the organisation has more licences than were checked */
  readonly truncated: boolean;
}

export async function listFindings(
  criteria: { readonly severities?: readonly Severity[]; readonly limit: number },
  who: Actor,
  deps: RegistryDeps,
): Promise<OrganisationFindings> {
  const today = deps.clock.today();
  const page = await deps.store.findLicences(who.organisation, {
    today,
    statuses: NOT_FINAL,
    limit: FINDINGS_LICENCE_CAP,
  });
  const wanted = new Set<Severity>(criteria.severities ?? SEVERITY_ORDER);
  const found = page.items.flatMap((l) =>
    checkLicence({ licence: l.licence, today })
      .findings.filter((f) => wanted.has(f.severity))
      .map((f): LicenceFinding => ({ number: l.number, holder: l.licence.holder.name, ...f })),
  );
  // stable: licences come by number, a licence's findings in the registry's order
  const sorted = found.sort(
    (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity),
  );
  return {
    items: sorted.slice(0, criteria.limit),
    total: sorted.length,
    checked: page.items.length,
    truncated: page.next !== null,
  };
}

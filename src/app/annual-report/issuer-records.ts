/**
 * What the cycle's issuer records mean for a holder's deadlines and for the public (docs/
 * annual-report.md): a make-up order is an event that starts the holder's `annual-report-make-up`
 * occurrence; an accepted report completes the year's `annual-report` occurrence and every make-up
 * ordered for that year, on the day the accepted report was filed; the public sees the accepted
 * reports' public part (art. 35 para. 2) and the list entries.
 */
import { publicPart, type PublicItem } from '../../core/annual-report/report.js';
import type { LicenceEvent } from '../../core/obligations/index.js';
import type {
  AnnualReportStore,
  CreditList,
  CreditListEntry,
  ListingReason,
} from '../../ports/annual-report-store.js';
import type { OrganisationStore } from '../../ports/organisation-store.js';
import type { IssuerRecords } from '../deadlines/deadline-deps.js';
import { shanghaiDay } from './annual-report-deps.js';

export async function annualReportIssuerRecords(
  number: string,
  deps: { reports: AnnualReportStore; organisations: OrganisationStore },
): Promise<IssuerRecords> {
  const [orders, accepted] = await Promise.all([
    deps.reports.listOrders({ number }),
    deps.reports.listReports({ number, statuses: ['accepted'] }),
  ]);
  const names = new Map<string, string>();
  for (const o of orders) {
    if (!names.has(o.authority)) {
      names.set(
        o.authority,
        (await deps.organisations.findOrganisation(o.authority))?.name ?? o.authority,
      );
    }
  }
  const events: LicenceEvent[] = orders.map((o) => ({
    kind: 'annual-report-make-up-ordered',
    date: o.orderedOn,
    note: `${names.get(o.authority) ?? o.authority} ${o.decisionNumber}：${o.year} 年度年报限期至 ${o.dueOn}`,
  }));
  const completions = accepted.flatMap((r) => {
    const on = shanghaiDay(r.submittedAt ?? r.decidedAt ?? r.updatedAt);
    const evidence = { note: `${r.year} 年度年报已由发证机关受理（年报 ${r.id}）`, document: null };
    const actor = `authority:${r.authority ?? ''}`;
    const recordedAt = r.decidedAt ?? r.updatedAt;
    return [
      { occurrenceId: `annual-report@${r.year}`, on, evidence, actor, recordedAt },
      ...orders
        .filter((o) => o.year === r.year)
        .map((o) => ({
          occurrenceId: `annual-report-make-up@${o.orderedOn}`,
          on,
          evidence,
          actor,
          recordedAt,
        })),
    ];
  });
  return { events, completions };
}

export interface PublicReport {
  readonly year: number;
  readonly filedOn: string | null;
  readonly acceptedOn: string | null;
  readonly items: readonly PublicItem[];
}

export interface PublicListing {
  readonly list: CreditList;
  readonly listedBy: string;
  readonly holderName: string;
  readonly creditCode: string | null;
  readonly number: string;
  readonly decidedOn: string;
  readonly listedOn: string;
  readonly reasonKind: ListingReason;
  readonly reason: string;
  readonly removedOn: string | null;
}

/** What the public sees of a list entry: its recorded fields, not who typed it. */
export function publicListing(l: CreditListEntry): PublicListing {
  return {
    list: l.list,
    listedBy: l.listedBy,
    holderName: l.holderName,
    creditCode: l.creditCode,
    number: l.number,
    decidedOn: l.decidedOn,
    listedOn: l.listedOn,
    reasonKind: l.reasonKind,
    reason: l.reason,
    removedOn: l.removedOn,
  };
}

/**
 * The public part of a licence's cycle, as its register's authority recorded it: accepted reports
 * (published items only) and list entries, current and removed.
 */
export async function publicAnnualRecords(
  number: string,
  authority: string,
  deps: { reports: AnnualReportStore },
): Promise<{ annualReports: PublicReport[]; creditListings: PublicListing[] }> {
  const [accepted, listings] = await Promise.all([
    deps.reports.listReports({ number, authority, statuses: ['accepted'] }),
    deps.reports.listListings({ number, authority }),
  ]);
  return {
    annualReports: accepted.map((r) => ({
      year: r.year,
      filedOn: r.submittedAt === null ? null : shanghaiDay(r.submittedAt),
      acceptedOn: r.decidedAt === null ? null : shanghaiDay(r.decidedAt),
      items: publicPart(r.answers),
    })),
    creditListings: listings.map(publicListing),
  };
}

/**
 * What the cycle's issuer records mean for a holder's deadlines and for the public (docs/
 * annual-report.md): a make-up order is an event that starts the holder's `annual-report-make-up`
 * occurrence; an accepted report completes the year's `annual-report` occurrence and every make-up
 * ordered for that year, on the day the accepted report was filed; the public sees the accepted
 * reports' public part (art. 35 para. 2) and the list entries.
 */
import { shanghaiDayOf } from '../../core/dates.js';
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

type IssuerCompletion = IssuerRecords['completions'][number];

/** The issuer records of each of `numbers`, read in two queries; a number without any is absent. */
export async function annualReportIssuerRecords(
  numbers: readonly string[],
  deps: { reports: AnnualReportStore; organisations: OrganisationStore },
): Promise<ReadonlyMap<string, IssuerRecords>> {
  const [orders, accepted] = await Promise.all([
    deps.reports.listOrders({ numbers }),
    deps.reports.listReports({ numbers, statuses: ['accepted'] }),
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
  const out = new Map<string, { events: LicenceEvent[]; completions: IssuerCompletion[] }>();
  const of = (number: string) => {
    let records = out.get(number);
    if (records === undefined) {
      records = { events: [], completions: [] };
      out.set(number, records);
    }
    return records;
  };
  for (const o of orders) {
    of(o.number).events.push({
      kind: 'annual-report-make-up-ordered',
      date: o.orderedOn,
      note: `${names.get(o.authority) ?? o.authority} ${o.decisionNumber}：${o.year} 年度年报限期至 ${o.dueOn}`,
    });
  }
  for (const r of accepted) {
    const on = shanghaiDayOf(r.submittedAt ?? r.decidedAt ?? r.updatedAt);
    const evidence = { note: `${r.year} 年度年报已由发证机关受理（年报 ${r.id}）`, document: null };
    const actor = `authority:${r.authority ?? ''}`;
    const recordedAt = r.decidedAt ?? r.updatedAt;
    const completion = (occurrenceId: string) => ({
      occurrenceId,
      on,
      evidence,
      actor,
      recordedAt,
    });
    of(r.number).completions.push(
      completion(`annual-report@${r.year}`),
      ...orders
        .filter((o) => o.number === r.number && o.year === r.year)
        .map((o) => completion(`annual-report-make-up@${o.orderedOn}`)),
    );
  }
  return out;
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
      filedOn: r.submittedAt === null ? null : shanghaiDayOf(r.submittedAt),
      acceptedOn: r.decidedAt === null ? null : shanghaiDayOf(r.decidedAt),
      items: publicPart(r.answers),
    })),
    creditListings: listings.map(publicListing),
  };
}

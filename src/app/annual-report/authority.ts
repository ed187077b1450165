/**
 * The authority's side of the annual-report cycle (docs/annual-report.md, licensing.md §1.8–1.9):
 * review the reports submitted to it (accept, or return with reasons); see who in its register has
 * not filed; order late filers to make up within one month (art. 38); put those who still have not
 * filed on the 不良名单 within 30 days of the decision, and take them off once they file and the
 * report is accepted; the figures of the cycle by region and service.
 */
import { countMonths } from '../../core/calendar/explain.js';
import { chinaCalendar } from '../../core/calendar/index.js';
import {
  filingWindow,
  isReportYear,
  listingDeadline,
  mustReport,
} from '../../core/annual-report/cycle.js';
import { isIsoDate, shanghaiDayOf } from '../../core/dates.js';
import { DomainError } from '../../core/errors.js';
import type { IsoDate } from '../../core/licence.js';
import { jurisdictionOfNumber } from '../../core/trust/jurisdiction.js';
import type {
  CreditList,
  CreditListEntry,
  ListingReason,
  MakeUpOrder,
  ReportStatus,
  StoredReport,
} from '../../ports/annual-report-store.js';
import type { StoredLicence } from '../../ports/licence-store.js';
import type { Organisation } from '../../ports/organisation-store.js';
import { canonicalLicenceNumber, type Actor } from '../registry/registry-deps.js';
import { recordRegisterEvent } from '../trust/register.js';
import {
  boundedText,
  invalidInput,
  newId,
  requireAuthority,
  visibleReport,
  type AnnualReportDeps,
} from './annual-report-deps.js';

function checkYear(year: unknown): number {
  if (!isReportYear(year)) {
    throw invalidInput(`年度 ${String(year)} 无效`, `Year ${String(year)} is invalid`);
  }
  return year;
}

function checkDay(
  day: string | undefined,
  fallback: IsoDate,
  what: { zh: string; en: string },
): IsoDate {
  const d = day ?? fallback;
  if (!isIsoDate(d))
    throw invalidInput(`${what.zh} ${d} 不是有效日期`, `${what.en} ${d} is not a calendar date`);
  return d;
}

/** The reports submitted to the acting authority, by year and status. */
export async function listSubmittedReports(
  who: Actor,
  filter: { year?: number; status?: ReportStatus; number?: string },
  deps: AnnualReportDeps,
): Promise<StoredReport[]> {
  await requireAuthority(who, deps);
  const statuses: ReportStatus[] =
    filter.status === undefined ? ['submitted', 'returned', 'accepted'] : [filter.status];
  return deps.reports.listReports({
    authority: who.organisation,
    statuses: statuses.filter((s) => s !== 'draft' && s !== 'signed-off'),
    ...(filter.year === undefined ? {} : { year: filter.year }),
    ...(filter.number === undefined ? {} : { number: canonicalLicenceNumber(filter.number) }),
  });
}

/** Accept a submitted report, or return it with reasons. An acceptance is recorded in the register. */
export async function decideAnnualReport(
  id: string,
  input: {
    decision: 'accept' | 'return';
    reason?: string;
    expectedVersion: number;
    decisionNumber?: string;
  },
  who: Actor,
  deps: AnnualReportDeps,
): Promise<StoredReport> {
  const authority = await requireAuthority(who, deps);
  const r = await visibleReport(id, who, deps);
  if (r.authority !== who.organisation) {
    throw new DomainError(
      'FORBIDDEN',
      `年报 ${id} 不是报送给本机关的`,
      `Report ${id} was not submitted to this authority`,
    );
  }
  if (r.status !== 'submitted') {
    throw new DomainError(
      'CONFLICT',
      `年报 ${id} 不在待审核状态（现为 ${r.status}）`,
      `Report ${id} is not waiting for review (it is ${r.status})`,
    );
  }
  const at = deps.clock.now().toISOString();
  if (input.decision === 'return') {
    const reason = boundedText(input.reason, {
      zh: '退回理由',
      en: 'The reasons for returning it',
    });
    return deps.reports.updateReport(
      id,
      input.expectedVersion,
      {
        status: 'returned',
        decidedAt: at,
        decidedBy: who.actor,
        signedOffBy: null,
        signedOffAt: null,
      },
      { at, organisation: who.organisation, actor: who.actor, action: 'returned', reason },
    );
  }
  const note = input.reason?.trim() || '年报已受理';
  const accepted = await deps.reports.updateReport(
    id,
    input.expectedVersion,
    { status: 'accepted', decidedAt: at, decidedBy: who.actor },
    { at, organisation: who.organisation, actor: who.actor, action: 'accepted', reason: note },
  );
  // The register records the filing on its entry, when it holds the licence.
  const entry = await deps.store.findLicence(authority.id, r.number);
  if (entry?.provenance === 'issued') {
    await recordRegisterEvent(
      r.number,
      {
        kind: 'annual-report-filed',
        year: r.year,
        on: shanghaiDayOf(at),
        reason: `${r.year} 年度年报已受理（年报 ${id}）`,
        decisionNumber: input.decisionNumber?.trim() || `年报受理 ${id.slice(0, 8)}`,
      },
      who,
      deps,
    );
  }
  return accepted;
}

/** How a licence stands in a year's cycle, as the authority sees it. */
export type CycleStage =
  'accepted' | 'pending-review' | 'returned' | 'not-filed' | 'ordered' | 'order-overdue' | 'listed';

export interface CycleEntry {
  readonly number: string;
  readonly holderName: string | null;
  readonly creditCode: string | null;
  /** the number's province key (京, 沪 …) or MIIT */
  readonly region: string;
  readonly services: readonly string[];
  readonly stage: CycleStage;
  /** filed after the first quarter, or not filed once it has ended */
  readonly late: boolean;
  readonly report: {
    readonly id: string;
    readonly status: ReportStatus;
    readonly submittedAt: string | null;
  } | null;
  readonly order: MakeUpOrder | null;
  readonly listing: CreditListEntry | null;
}

async function registerEntries(
  authority: Organisation,
  deps: AnnualReportDeps,
): Promise<StoredLicence[]> {
  const out: StoredLicence[] = [];
  let cursor: string | undefined;
  const today = deps.clock.today();
  do {
    const page = await deps.store.findLicences(authority.id, {
      today,
      limit: 1000,
      ...(cursor === undefined ? {} : { cursor }),
    });
    out.push(...page.items.filter((l) => l.provenance === 'issued'));
    cursor = page.next ?? undefined;
  } while (cursor !== undefined);
  return out;
}

/** Every licence in the authority's register that owes the year's report, and how it stands. */
export async function annualReportCycle(
  year: unknown,
  who: Actor,
  deps: AnnualReportDeps,
): Promise<CycleEntry[]> {
  const y = checkYear(year);
  const authority = await requireAuthority(who, deps);
  const today = deps.clock.today();
  const windowEnd = filingWindow(y).to;
  const [entries, reports, orders, listings] = await Promise.all([
    registerEntries(authority, deps),
    deps.reports.listReports({ authority: authority.id, year: y }),
    deps.reports.listOrders({ authority: authority.id, year: y }),
    deps.reports.listListings({ authority: authority.id }),
  ]);
  const out: CycleEntry[] = [];
  for (const e of entries) {
    if (e.status === 'cancelled' || e.status === 'revoked') continue;
    if (!mustReport(e.licence, y)) continue;
    const mine = reports.filter((r) => r.number === e.number);
    const report =
      mine.find((r) => r.status === 'accepted') ??
      mine.find((r) => r.status === 'submitted') ??
      mine.find((r) => r.status === 'returned') ??
      null;
    const order = orders.find((o) => o.number === e.number) ?? null;
    const listing =
      listings.find((l) => l.number === e.number && l.year === y && l.removedOn === null) ?? null;
    let stage: CycleStage;
    if (report?.status === 'accepted') stage = 'accepted';
    else if (listing !== null) stage = 'listed';
    else if (report?.status === 'submitted') stage = 'pending-review';
    else if (order !== null) stage = today > order.dueOn ? 'order-overdue' : 'ordered';
    else if (report?.status === 'returned') stage = 'returned';
    else stage = 'not-filed';
    const filedOn = report?.submittedAt == null ? null : shanghaiDayOf(report.submittedAt);
    out.push({
      number: e.number,
      holderName: e.licence.holder.name,
      creditCode: e.licence.holder.creditCode,
      region: jurisdictionOfNumber(e.number) ?? 'MIIT',
      services: e.licence.services.map((s) => s.code ?? s.name),
      stage,
      late:
        report?.status === 'accepted' ? filedOn !== null && filedOn > windowEnd : today > windowEnd,
      report:
        report === null
          ? null
          : { id: report.id, status: report.status, submittedAt: report.submittedAt },
      order,
      listing,
    });
  }
  return out;
}

/** Order a late filer to make up its report within one month (art. 38). */
export async function orderMakeUp(
  numberInput: string,
  input: { year: unknown; on?: string; decisionNumber: string; reason?: string },
  who: Actor,
  deps: AnnualReportDeps,
): Promise<MakeUpOrder> {
  const y = checkYear(input.year);
  const number = canonicalLicenceNumber(numberInput);
  const authority = await requireAuthority(who, deps);
  const today = deps.clock.today();
  const on = checkDay(input.on, today, { zh: '通知日期', en: 'The order date' });
  const windowEnd = filingWindow(y).to;
  if (on <= windowEnd) {
    throw invalidInput(
      `${y} 年度年报的报送期到 ${windowEnd} 为止，期满后才能责令限期补报`,
      `The ${y} report can be filed until ${windowEnd}; a make-up order comes after that`,
    );
  }
  if (on > today)
    throw invalidInput(
      `通知日期 ${on} 晚于今天 ${today}`,
      `The order date ${on} is after today (${today})`,
    );
  const entry = await deps.store.findLicence(authority.id, number);
  if (entry?.provenance !== 'issued') {
    throw new DomainError(
      'NOT_FOUND',
      `登记簿中没有经营许可证 ${number}`,
      `The register holds no licence ${number}`,
    );
  }
  if (!mustReport(entry.licence, y)) {
    throw invalidInput(
      `经营许可证 ${number} 不需要报送 ${y} 年度年报`,
      `Licence ${number} owes no report on ${y}`,
    );
  }
  const accepted = await deps.reports.listReports({ number, year: y, statuses: ['accepted'] });
  if (accepted.length > 0) {
    throw new DomainError(
      'CONFLICT',
      `经营许可证 ${number} 的 ${y} 年度年报已受理，无需补报`,
      `Licence ${number}'s ${y} report was accepted; there is nothing to make up`,
    );
  }
  const decisionNumber = boundedText(
    input.decisionNumber,
    { zh: '通知文号', en: 'The order’s document number' },
    100,
  );
  const due = countMonths(deps.calendar ?? chinaCalendar(), on, 1);
  return deps.reports.createOrder({
    id: newId(deps),
    authority: authority.id,
    number,
    year: y,
    orderedOn: on,
    dueOn: due.date,
    decisionNumber,
    reason: input.reason?.trim() || `未在第一季度报送${y}年度年报，请于${due.date}前补报`,
    createdBy: who.actor,
    createdAt: deps.clock.now().toISOString(),
  });
}

/** Order every late filer of the year not yet ordered; returns the orders made. */
export async function orderAllLate(
  input: { year: unknown; on?: string; decisionNumber: string },
  who: Actor,
  deps: AnnualReportDeps,
): Promise<MakeUpOrder[]> {
  const cycle = await annualReportCycle(input.year, who, deps);
  const out: MakeUpOrder[] = [];
  for (const c of cycle) {
    if (c.stage !== 'not-filed' && c.stage !== 'returned') continue;
    out.push(await orderMakeUp(c.number, input, who, deps));
  }
  return out;
}

export interface ListingInput {
  readonly list?: CreditList;
  readonly reasonKind: ListingReason;
  /** annual-report-missing: the year */
  readonly year?: unknown;
  /** 处理日期: the day of the decision to list */
  readonly decidedOn: string;
  /** the day it is carried into the list (default today; within 30 days of the decision) */
  readonly listedOn?: string;
  /** 列入事由; derived for a missing report */
  readonly reason?: string;
}

/** Put a holder of the authority's register on a list (不良名单 by default). */
export async function addListing(
  numberInput: string,
  input: ListingInput,
  who: Actor,
  deps: AnnualReportDeps,
): Promise<CreditListEntry> {
  const number = canonicalLicenceNumber(numberInput);
  const authority = await requireAuthority(who, deps);
  const today = deps.clock.today();
  const decidedOn = checkDay(input.decidedOn, today, { zh: '处理日期', en: 'The decision date' });
  const listedOn = checkDay(input.listedOn, today, { zh: '列入日期', en: 'The listing date' });
  if (listedOn < decidedOn || listedOn > listingDeadline(decidedOn)) {
    throw invalidInput(
      `列入日期 ${listedOn} 须在处理日期 ${decidedOn} 起 30 日内（至 ${listingDeadline(decidedOn)}）`,
      `The listing date ${listedOn} must fall within 30 days of the decision on ${decidedOn} (by ${listingDeadline(decidedOn)})`,
    );
  }
  if (listedOn > today || decidedOn > today) {
    throw invalidInput(
      '处理日期和列入日期不能晚于今天',
      'The decision and listing dates cannot be after today',
    );
  }
  const entry = await deps.store.findLicence(authority.id, number);
  if (entry?.provenance !== 'issued') {
    throw new DomainError(
      'NOT_FOUND',
      `登记簿中没有经营许可证 ${number}`,
      `The register holds no licence ${number}`,
    );
  }
  const list: CreditList = input.list ?? 'bad';
  let reason: string;
  let year: number | null = null;
  if (input.reasonKind === 'annual-report-missing') {
    if (list !== 'bad') {
      throw invalidInput(
        '未报年报列入的是不良名单（第三十八条）',
        'A missing annual report puts a holder on the 不良名单 (art. 38)',
      );
    }
    year = checkYear(input.year);
    const [order] = await deps.reports.listOrders({ authority: authority.id, number, year });
    if (order === undefined) {
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `经营许可证 ${number} 尚未被责令限期补报 ${year} 年度年报；第三十八条要求先责令限期报告`,
        `Licence ${number} was not ordered to make up its ${year} report; art. 38 requires the order first`,
      );
    }
    if (decidedOn <= order.dueOn) {
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `补报期限到 ${order.dueOn} 为止，处理日期须在其后`,
        `The make-up period runs until ${order.dueOn}; the decision must come after it`,
      );
    }
    const accepted = await deps.reports.listReports({ number, year, statuses: ['accepted'] });
    if (accepted.length > 0) {
      throw new DomainError(
        'CONFLICT',
        `经营许可证 ${number} 的 ${year} 年度年报已受理`,
        `Licence ${number}'s ${year} report was accepted`,
      );
    }
    reason =
      input.reason?.trim() ||
      `未按限期报送${year}年度年报（${order.decisionNumber}，限期至${order.dueOn}）`;
  } else {
    reason = boundedText(input.reason, { zh: '列入事由', en: 'The reason for listing' }, 500);
  }
  const holderName = entry.licence.holder.name;
  if (holderName === null) {
    throw invalidInput(
      `登记簿中经营许可证 ${number} 没有经营者名称`,
      `The register's ${number} has no holder name`,
    );
  }
  return deps.reports.addListing({
    id: newId(deps),
    list,
    authority: authority.id,
    listedBy: authority.name,
    holderName,
    creditCode: entry.licence.holder.creditCode,
    number,
    decidedOn,
    listedOn,
    reasonKind: input.reasonKind,
    reason,
    year,
    createdBy: who.actor,
    removedOn: null,
    removalReason: null,
    removedBy: null,
  });
}

/** Take an entry off its list: a missing report's only once the report is accepted. */
export async function removeListing(
  id: string,
  input: { on?: string; reason?: string },
  who: Actor,
  deps: AnnualReportDeps,
): Promise<CreditListEntry> {
  const authority = await requireAuthority(who, deps);
  const entry = await deps.reports.findListing(id);
  if (entry === undefined || entry.authority !== authority.id) {
    throw new DomainError('NOT_FOUND', `名单中没有条目 ${id}`, `The lists have no entry ${id}`);
  }
  const today = deps.clock.today();
  const on = checkDay(input.on, today, { zh: '移出日期', en: 'The removal date' });
  if (on > today || on < entry.listedOn) {
    throw invalidInput(
      `移出日期 ${on} 须在列入日期 ${entry.listedOn} 与今天之间`,
      `The removal date ${on} must fall between the listing on ${entry.listedOn} and today`,
    );
  }
  let reason: string;
  if (entry.reasonKind === 'annual-report-missing' && entry.year !== null) {
    const accepted = await deps.reports.listReports({
      number: entry.number,
      year: entry.year,
      statuses: ['accepted'],
    });
    if (accepted.length === 0) {
      throw new DomainError(
        'ILLEGAL_TRANSITION',
        `经营许可证 ${entry.number} 的 ${entry.year} 年度年报尚未报送并经确认，不能移出（第三十八条）`,
        `Licence ${entry.number}'s ${entry.year} report has not been filed and confirmed; it cannot be removed yet (art. 38)`,
      );
    }
    reason = input.reason?.trim() || `已补报${entry.year}年度年报并经确认`;
  } else {
    reason = boundedText(input.reason, { zh: '移出理由', en: 'The reason for removal' }, 500);
  }
  return deps.reports.removeListing(id, { on, reason, by: who.actor });
}

/** The lists of the acting authority (or, for anyone, the public lists: see public-view.ts). */
export async function listListings(
  who: Actor,
  filter: { list?: CreditList; current?: boolean; number?: string },
  deps: AnnualReportDeps,
): Promise<CreditListEntry[]> {
  const authority = await requireAuthority(who, deps);
  return deps.reports.listListings({
    authority: authority.id,
    ...(filter.list === undefined ? {} : { list: filter.list }),
    ...(filter.current === undefined ? {} : { current: filter.current }),
    ...(filter.number === undefined ? {} : { number: canonicalLicenceNumber(filter.number) }),
  });
}

export interface Tally {
  readonly key: string;
  readonly due: number;
  readonly filed: number;
  readonly accepted: number;
  /** accepted / due, 0–1; null when nothing is due */
  readonly rate: number | null;
}

export interface CycleOverview {
  readonly year: number;
  readonly window: { readonly from: IsoDate; readonly to: IsoDate };
  readonly due: number;
  readonly byStage: Readonly<Record<CycleStage, number>>;
  readonly late: number;
  readonly byRegion: readonly Tally[];
  readonly byService: readonly Tally[];
  readonly listed: number;
}

function tally(
  entries: readonly CycleEntry[],
  keysOf: (e: CycleEntry) => readonly string[],
): Tally[] {
  const m = new Map<string, { due: number; filed: number; accepted: number }>();
  for (const e of entries) {
    for (const key of new Set(keysOf(e))) {
      const t = m.get(key) ?? { due: 0, filed: 0, accepted: 0 };
      t.due += 1;
      if (e.report !== null) t.filed += 1;
      if (e.stage === 'accepted') t.accepted += 1;
      m.set(key, t);
    }
  }
  return [...m.entries()]
    .map(([key, t]) => ({ key, ...t, rate: t.due === 0 ? null : t.accepted / t.due }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** The cycle's figures: filing rate by region and by service, late filers, listed holders. */
export async function annualReportOverview(
  year: unknown,
  who: Actor,
  deps: AnnualReportDeps,
): Promise<CycleOverview> {
  const y = checkYear(year);
  const entries = await annualReportCycle(y, who, deps);
  const byStage: Record<CycleStage, number> = {
    accepted: 0,
    'pending-review': 0,
    returned: 0,
    'not-filed': 0,
    ordered: 0,
    'order-overdue': 0,
    listed: 0,
  };
  for (const e of entries) byStage[e.stage] += 1;
  return {
    year: y,
    window: filingWindow(y),
    due: entries.length,
    byStage,
    late: entries.filter((e) => e.late).length,
    byRegion: tally(entries, (e) => [e.region]),
    byService: tally(entries, (e) => e.services),
    listed: byStage.listed,
  };
}

/**
 * From a licence, the events its holder recorded, the occurrences marked done and today: every
 * obligation's applicability, every dated occurrence with its status and explanation, and which
 * provisions bind the holder (deadlines.md). Pure: the calendar and "today" are passed in.
 */
import { B25_SERVICE_TYPES } from '../catalogue.js';
import {
  countBack,
  countMonths,
  countPeriodEnd,
  countWorkdays,
  fixedDate,
  sameDay,
  type ComputedDate,
  type Explanation,
} from '../calendar/explain.js';
import type { WorkdayCalendar } from '../calendar/workday-calendar.js';
import { addDays, isIsoDate } from '../dates.js';
import { DomainError } from '../errors.js';
import type { IsoDate, Licence, Provision } from '../licence.js';
import {
  OBLIGATIONS,
  type AnnualCovers,
  type DueRule,
  type Obligation,
  type ObligationId,
} from './catalogue.js';
import type { Completion, EventKind, LicenceEvent } from './events.js';

export const OccurrenceStatus = {
  upcoming: 'upcoming',
  /** within `dueSoonWorkdays` working days of the last day to act */
  dueSoon: 'due-soon',
  overdue: 'overdue',
  done: 'done',
  notApplicable: 'not-applicable',
} as const;
export type OccurrenceStatus = (typeof OccurrenceStatus)[keyof typeof OccurrenceStatus];

/** One dated instance of an obligation. */
export interface Occurrence {
  /** stable: `<obligation>@<event date | expiry | report year>`, e.g. `annual-report@2022` */
  readonly id: string;
  readonly obligation: ObligationId;
  readonly title: string;
  readonly titleEn: string;
  readonly trigger: {
    readonly kind: 'event' | 'expiry' | 'annual';
    readonly event: EventKind | null;
    /** the event day, the expiry date, or the first day of the period */
    readonly date: IsoDate;
    readonly note: string | null;
  };
  /** the legal due date */
  readonly dueOn: IsoDate;
  /** the last working day on or before `dueOn`: what reminders count back from */
  readonly actBy: IsoDate;
  /**
   * Working days from today to `actBy`: those in (today, actBy], so 0 when `actBy` is today (the
   * last day to act) and null once `actBy` has passed (a count back would read 0 across a weekend,
   * the same as "today is the last day"). An estimate when `provisional`. Counted whatever the
   * status: a done or not-applicable occurrence has nothing left to do, which `status` says.
   */
  readonly workdaysLeft: number | null;
  /** the period in which it can be done, when the rule gives one */
  readonly window: { readonly from: IsoDate; readonly to: IsoDate } | null;
  readonly status: OccurrenceStatus;
  readonly provisional: boolean;
  readonly source: string;
  readonly sourceEn: string;
  readonly explanation: Explanation;
  /** why it does not bind this holder (status not-applicable) */
  readonly reason: { readonly zh: string; readonly en: string } | null;
  readonly done: Completion | null;
}

export interface Applicability {
  readonly applicable: boolean;
  readonly reason: string;
  readonly reasonEn: string;
}

export interface ObligationSummary extends Applicability {
  readonly id: ObligationId;
  readonly title: string;
  readonly titleEn: string;
  readonly trigger: Obligation['trigger'];
  readonly source: string;
  readonly sourceEn: string;
}

export interface ProvisionApplicability extends Applicability {
  readonly id: string;
  readonly appliesTo: string;
}

export interface DeadlinesInput {
  readonly licence: Licence;
  readonly events: readonly LicenceEvent[];
  readonly completions?: readonly Completion[];
  /** YYYY-MM-DD, Asia/Shanghai */
  readonly today: IsoDate;
  /** working days before `actBy` from which an occurrence is due-soon; default 10 */
  readonly dueSoonWorkdays?: number;
}

export interface Deadlines {
  readonly today: IsoDate;
  /** the last day the holiday data is certain for; later results are provisional */
  readonly calendarKnownUntil: IsoDate | null;
  readonly occurrences: readonly Occurrence[];
  readonly obligations: readonly ObligationSummary[];
  readonly provisions: readonly ProvisionApplicability[];
}

/** Days after a first-quarter deadline an occurrence stays listed (April make-up, May listing). */
const LISTED_AFTER_DUE_DAYS = 61;

function normalise(text: string): string {
  return text.replace(/[\s\u3000（）()]/gu, '');
}

function sameService(written: string, target: string): boolean {
  const w = normalise(written);
  const t = normalise(target);
  if (w === t) return true;
  if (Math.min(w.length, t.length) < 4) return false;
  return w.startsWith(t) || t.startsWith(w);
}

/** Whether a provision marked （适用于…） binds the holder. */
export function provisionApplicability(licence: Licence, provision: Provision): Applicability {
  const target = provision.appliesTo;
  if (target === null) {
    return { applicable: true, reason: '适用于所有持证人', reasonEn: 'Binds every holder' };
  }
  const { services } = licence;
  const included = services.some((s) => s.includes.some((i) => sameService(i, target)));
  const excluding = services.find((s) => s.excludes.some((e) => sameService(e, target)));
  if (excluding && !included) {
    return {
      applicable: false,
      reason: `适用于${target}，而证载“${excluding.name}”不含该服务`,
      reasonEn: `Applies to ${target}, which the licensed "${excluding.name}" excludes`,
    };
  }
  const isB25Type = B25_SERVICE_TYPES.some((t) => sameService(t, target));
  const holdsB25 = services.some((s) => s.code === 'B25');
  if (isB25Type && !holdsB25) {
    return {
      applicable: false,
      reason: `适用于${target}，而许可证未载明信息服务业务（B25）`,
      reasonEn: `Applies to ${target}, but the licence does not grant B25 information services`,
    };
  }
  return {
    applicable: true,
    reason: `适用于${target}，在许可范围内`,
    reasonEn: `Applies to ${target}, which the licence covers`,
  };
}

function findProvision(licence: Licence, test: (text: string) => boolean): Provision | undefined {
  return licence.provisions.find((p) => test(p.text));
}

const APPLIES: Applicability = {
  applicable: true,
  reason: '依《电信业务经营许可管理办法》适用于所有持证人',
  reasonEn: 'Binds every holder under Order 42',
};

/** Applicability of an obligation to a licence, and the day count its provision states. */
function applicabilityOf(
  ob: Obligation,
  licence: Licence,
  events: readonly LicenceEvent[],
): Applicability & { n?: number } {
  const noProvisions = licence.provisions.length === 0;
  const fromProvision = (
    test: (text: string) => boolean,
    count?: RegExp,
  ): Applicability & { n?: number } => {
    if (noProvisions) {
      return {
        applicable: true,
        reason: '许可证记录中没有特别规定事项，按通行条款计',
        reasonEn: 'The record has no special provisions; the usual provision is assumed',
      };
    }
    const p = findProvision(licence, test);
    if (!p) {
      return {
        applicable: false,
        reason: '许可证的特别规定事项未载明此义务',
        reasonEn: 'The licence’s special provisions do not state this duty',
      };
    }
    const a = provisionApplicability(licence, p);
    if (!a.applicable) return a;
    const m = count?.exec(p.text);
    const base = {
      applicable: true,
      reason: `特别规定事项第 ${p.id} 项载明`,
      reasonEn: `Stated by special provision ${p.id}`,
    };
    return m?.[1] ? { ...base, n: Number(m[1]) } : base;
  };
  switch (ob.id) {
    case 'renewal':
      if (licence.expiresOn === null) {
        return {
          applicable: false,
          reason: '许可证未载明有效期',
          reasonEn: 'The licence states no expiry date',
        };
      }
      if (events.some((e) => e.kind === 'exit-decided')) {
        return {
          applicable: false,
          reason: '已记录不再继续经营的决定（见 exit-report）',
          reasonEn: 'A decision not to continue is recorded (see exit-report)',
        };
      }
      return APPLIES;
    case 'exit-report':
      return licence.expiresOn === null
        ? { applicable: false, reason: '许可证未载明有效期', reasonEn: 'No expiry date' }
        : APPLIES;
    case 'annual-inspection':
      return findProvision(licence, (t) => t.includes('年检'))
        ? {
            applicable: true,
            reason: '特别规定事项仍载明年检',
            reasonEn: 'The special provisions still require the annual inspection',
          }
        : {
            applicable: false,
            reason: '许可证未载明年检（2017年起为年报制度）',
            reasonEn: 'The licence does not require it (annual report regime since 2017)',
          };
    case 'illegal-content-report':
      return fromProvision(
        (t) => t.includes('违法信息') && t.includes('上报'),
        /(\d+)\s*个工作日内/u,
      );
    case 'incident-report':
      return fromProvision((t) => t.includes('网络安全事件'));
    case 'security-assessment-report':
      return fromProvision(
        (t) => t.includes('安全评估') && t.includes('报告'),
        /完成\s*(\d+)\s*日内/u,
      );
    case 'provincial-cancellation':
      if (licence.kind === 'vats-cross-regional') return APPLIES;
      return fromProvision((t) => t.includes('注销') && t.includes('通信管理局'));
    case 'security-grading':
      return fromProvision((t) => t.includes('定级备案'));
    default:
      return APPLIES;
  }
}

function held(licence: Licence, on: IsoDate): boolean {
  const start = licence.validFrom ?? licence.issuedOn;
  if (start !== null && isIsoDate(start) && start > on) return false;
  return !(licence.expiresOn !== null && isIsoDate(licence.expiresOn) && licence.expiresOn < on);
}

/**
 * A licence's obligations placed on the working-day calendar: which bind it, their dated
 * occurrences as of today with status and explanation, and which provisions bind it. The use case
 * `computeDeadlines` (app/) validates its input and makes the xuke.deadlines/v1 report of it.
 */
export function scheduleObligations(input: DeadlinesInput, cal: WorkdayCalendar): Deadlines {
  const { licence, events, today } = input;
  if (!isIsoDate(today)) {
    throw new DomainError(
      'INVALID_INPUT',
      `今天"${today}"不是有效日期`,
      `Today "${today}" is not a valid date`,
    );
  }
  const dueSoon = input.dueSoonWorkdays ?? 10;
  const completions = input.completions ?? [];
  const expiresOn =
    licence.expiresOn !== null && isIsoDate(licence.expiresOn) ? licence.expiresOn : null;
  const occurrences: Occurrence[] = [];

  const statusOf = (id: string, dueOn: IsoDate, actBy: IsoDate): OccurrenceStatus => {
    if (completions.some((c) => c.occurrenceId === id)) return 'done';
    if (today > dueOn) return 'overdue';
    return cal.workdaysBetween(today, actBy) <= dueSoon ? 'due-soon' : 'upcoming';
  };

  const add = (
    ob: Obligation,
    applicability: Applicability,
    key: string,
    trigger: Occurrence['trigger'],
    computed: ComputedDate,
    window: Occurrence['window'],
  ): void => {
    const id = `${ob.id}@${key}`;
    occurrences.push({
      id,
      obligation: ob.id,
      title: ob.title,
      titleEn: ob.titleEn,
      trigger,
      dueOn: computed.date,
      actBy: computed.lastWorkday,
      workdaysLeft:
        computed.lastWorkday > today
          ? cal.workdaysBetween(today, computed.lastWorkday)
          : computed.lastWorkday === today
            ? 0
            : null,
      window,
      status: applicability.applicable
        ? statusOf(id, computed.date, computed.lastWorkday)
        : 'not-applicable',
      provisional: computed.provisional,
      source: ob.source,
      sourceEn: ob.sourceEn,
      explanation: computed.explanation,
      reason: applicability.applicable
        ? null
        : { zh: applicability.reason, en: applicability.reasonEn },
      done: completions.find((c) => c.occurrenceId === id) ?? null,
    });
  };

  const summaries: ObligationSummary[] = [];
  for (const ob of OBLIGATIONS) {
    const a = applicabilityOf(ob, licence, events);
    summaries.push({
      id: ob.id,
      title: ob.title,
      titleEn: ob.titleEn,
      trigger: ob.trigger,
      source: ob.source,
      sourceEn: ob.sourceEn,
      applicable: a.applicable,
      reason: a.reason,
      reasonEn: a.reasonEn,
    });
    const trigger = ob.trigger;
    switch (trigger.kind) {
      case 'expiry': {
        if (expiresOn === null) break;
        const computed = dueDate(ob.due, { day: expiresOn, expiresOn, year: null }, cal);
        if (computed === null) break;
        add(
          ob,
          a,
          expiresOn,
          { kind: 'expiry', event: null, date: expiresOn, note: null },
          computed,
          null,
        );
        break;
      }
      case 'annual':
        for (const cycle of annualCycles(trigger.covers, licence, today)) {
          const computed = dueDate(ob.due, { day: cycle.from, expiresOn, year: cycle.year }, cal);
          if (computed === null) continue;
          add(
            ob,
            a,
            String(cycle.year),
            { kind: 'annual', event: null, date: cycle.from, note: null },
            computed,
            { from: cycle.from, to: cycle.to },
          );
        }
        break;
      case 'event':
        for (const e of events.filter((ev) => ev.kind === trigger.event)) {
          const computed = dueDate(ob.due, { day: e.date, expiresOn, year: null, n: a.n }, cal);
          if (computed === null) continue;
          const window = { from: e.date, to: computed.date };
          add(
            ob,
            a,
            e.date,
            { kind: 'event', event: e.kind, date: e.date, note: e.note },
            computed,
            computed.date >= e.date ? window : null,
          );
        }
        break;
      case 'continuous':
        break;
      default:
        return unreachable(trigger);
    }
  }

  occurrences.sort((x, y) => x.dueOn.localeCompare(y.dueOn) || x.id.localeCompare(y.id));
  const provisions = licence.provisions
    .filter((p): p is Provision & { appliesTo: string } => p.appliesTo !== null)
    .map((p) => ({ id: p.id, appliesTo: p.appliesTo, ...provisionApplicability(licence, p) }));
  return {
    today,
    calendarKnownUntil: cal.lastKnownDay,
    occurrences,
    obligations: summaries,
    provisions,
  };
}

/** Where an occurrence's count starts. */
interface Anchor {
  /** the event day, the expiry, or the first day of the annual period */
  readonly day: IsoDate;
  readonly expiresOn: IsoDate | null;
  /** the year an annual occurrence is for, which its basis names; null for the others */
  readonly year: number | null;
  /** the day count the licence's provision states, over the catalogue's */
  readonly n?: number | undefined;
}

/**
 * An occurrence's due date by its obligation's rule; null when the rule gives none (a continuous
 * duty, or a count from an expiry the licence does not state). Exhaustive: a new kind of rule does
 * not compile until it is counted here.
 */
function dueDate(due: DueRule, at: Anchor, cal: WorkdayCalendar): ComputedDate | null {
  switch (due.kind) {
    case 'working-days':
      return countWorkdays(cal, at.day, at.n ?? due.n);
    case 'calendar-days':
      return countPeriodEnd(cal, at.day, at.n ?? due.n);
    case 'calendar-months':
      return countMonths(cal, at.day, due.n);
    case 'back-from-expiry':
      return at.expiresOn === null ? null : countBack(cal, at.expiresOn, due.n);
    case 'first-quarter': {
      const year = at.year === null ? '' : String(at.year);
      return fixedDate(cal, `${at.day.slice(0, 4)}-03-31`, {
        zh: due.basis.zh.replaceAll('{year}', year),
        en: due.basis.en.replaceAll('{year}', year),
      });
    }
    case 'same-day':
      return sameDay(at.day);
    case 'none':
      return null;
    default:
      return unreachable(due);
  }
}

/** The end of an exhaustive switch: compiles only when every kind was handled before it. */
function unreachable(value: never): never {
  throw new Error(`unhandled kind ${JSON.stringify(value)}`);
}

interface Cycle {
  /** the year the occurrence is for: its key */
  year: number;
  from: IsoDate;
  to: IsoDate;
}

/**
 * The annual cycles worth listing today: those whose deadline has not passed by more than the April
 * make-up month, and the next one. The period is the first quarter of the year it is done in, Q;
 * `covers` says which year an occurrence is for and when the licence must have been held. Annual
 * report (`previous-year`) for year R = Q − 1: licence held on R-12-31, filed (R+1)-01-01 …
 * (R+1)-03-31 (licensing.md §1.8). Annual inspection (`current-year`) in year Q: the licence valid
 * in Q's first quarter.
 */
function annualCycles(covers: AnnualCovers, licence: Licence, today: IsoDate): Cycle[] {
  const year = Number(today.slice(0, 4));
  const oldest = addDays(today, -LISTED_AFTER_DUE_DAYS);
  const cycles: Cycle[] = [];
  for (let q = year; q <= year + 1; q++) {
    const from = `${q}-01-01`;
    const to = `${q}-03-31`;
    if (to < oldest || !annualBinds(covers, licence, q, from, to)) continue;
    cycles.push({ year: covers === 'previous-year' ? q - 1 : q, from, to });
    // Only the next cycle ahead: stop once one is still to come.
    if (to >= today) break;
  }
  return cycles;
}

/** Whether an annual cycle done in year `q` (period `from`…`to`) binds the licence. */
function annualBinds(
  covers: AnnualCovers,
  licence: Licence,
  q: number,
  from: IsoDate,
  to: IsoDate,
): boolean {
  switch (covers) {
    case 'previous-year':
      return held(licence, `${q - 1}-12-31`);
    case 'current-year':
      return held(licence, from) || held(licence, to);
    default:
      return unreachable(covers);
  }
}

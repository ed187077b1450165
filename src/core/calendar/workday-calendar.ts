/**
 * China's working-day calendar (工作日): Monday–Friday, minus the public holidays, plus the weekend
 * days a State Council holiday notice makes working days (调休上班). Built once from the notices; every
 * query is constant time over precomputed arrays (a working-day prefix count and its inverse), never a
 * day-by-day walk.
 *
 * Unknown days: a year without a published notice, and 25–31 December of the year before it (the next
 * notice may move them: the 2007, 2008, 2012, 2019 and 2023 notices did), are unknown. They are estimated
 * (Monday–Friday minus the fixed-date statutory holidays) and every result that touches one is
 * `provisional`, never silently taken as certain.
 */
import { isIsoDate } from '../dates.js';
import { DomainError } from '../errors.js';
import type { HolidayNotice } from './data/holidays.generated.js';
import { dayNumberOf, isoOfDayNumber, weekdayOf } from './day-number.js';

export const DayKind = {
  /** an ordinary Monday–Friday */
  workday: 'workday',
  /** an ordinary Saturday or Sunday */
  weekend: 'weekend',
  /** a public holiday (放假) */
  holiday: 'holiday',
  /** a Saturday or Sunday made a working day (调休上班) */
  adjustedWorkday: 'adjusted-workday',
} as const;
export type DayKind = (typeof DayKind)[keyof typeof DayKind];

/** A day that differs from the normal week. */
export interface SpecialDay {
  readonly date: string;
  /** the holiday it belongs to: 元旦, 春节, 国庆节 … */
  readonly name: string;
  readonly kind: 'holiday' | 'adjusted-workday';
  /** gov.cn URLs of the notice(s) the day comes from; empty for an estimated day */
  readonly notices: readonly string[];
  /** not from a notice: a fixed-date statutory holiday assumed for an unknown year */
  readonly estimated: boolean;
}

export interface DayInfo {
  readonly date: string;
  readonly workday: boolean;
  readonly kind: DayKind;
  /** the holiday's name for holidays and adjusted working days */
  readonly name: string | null;
  readonly notices: readonly string[];
  /** the day is unknown: no notice covers it yet */
  readonly provisional: boolean;
}

/** A working-day query's answer. */
export interface WorkdayResult {
  readonly date: string;
  /** the count crossed an unknown day: recompute when the notice is published */
  readonly provisional: boolean;
}

export interface WorkdayCalendarOptions {
  /** first and last year the tables cover (queries outside are refused) */
  readonly firstYear?: number;
  readonly lastYear?: number;
  /** days of December before an unpublished year that its notice may change; default 25 */
  readonly unknownDecemberFrom?: number;
}

/**
 * Fixed-date statutory holidays of 《全国年节及纪念日放假办法》 art. 2 (as amended 2024-11-10, in
 * force 2025-01-01): 元旦 1 January, 劳动节 1–2 May, 国庆节 1–3 October. The lunar holidays
 * (春节, 清明节, 端午节, 中秋节) and all 调休 wait for the notice. Used only to estimate unknown years.
 */
const STATUTORY_FIXED: readonly (readonly [mmdd: string, name: string])[] = [
  ['01-01', '元旦'],
  ['05-01', '劳动节'],
  ['05-02', '劳动节'],
  ['10-01', '国庆节'],
  ['10-02', '国庆节'],
  ['10-03', '国庆节'],
];

function outOfRange(what: string, first: number, last: number): DomainError {
  return new DomainError(
    'INVALID_INPUT',
    `${what}超出工作日历的范围（${first}–${last} 年）`,
    `${what} is outside the working-day calendar (${first}–${last})`,
  );
}

export class WorkdayCalendar {
  readonly firstYear: number;
  readonly lastYear: number;
  /** years whose notice is published */
  readonly knownYears: readonly number[];
  /** the last day whose status is certain */
  readonly lastKnownDay: string | null;
  private readonly start: number;
  private readonly length: number;
  /** 1 for a working day */
  private readonly work: Uint8Array;
  /** working days in [0, i] */
  private readonly cumWork: Int32Array;
  /** index of the k-th working day (1-based) */
  private readonly nth: Int32Array;
  /** unknown days in [0, i] */
  private readonly cumUnknown: Int32Array;
  /** special days by index, sorted */
  private readonly specialIndex: Int32Array;
  private readonly specials: readonly SpecialDay[];
  private readonly specialAt: ReadonlyMap<number, SpecialDay>;
  /** the ISO string of every day in the table: output without formatting, input checked by lookup */
  private readonly isos: readonly string[];

  constructor(notices: readonly HolidayNotice[], options: WorkdayCalendarOptions = {}) {
    this.firstYear = options.firstYear ?? 1990;
    this.lastYear = options.lastYear ?? 2099;
    const decemberFrom = options.unknownDecemberFrom ?? 25;
    const published = notices.filter((n) => n.papers.length > 0);
    const known = new Set(published.map((n) => n.year));
    this.knownYears = [...known].sort((a, b) => a - b);
    const lastPublished = this.knownYears.at(-1) ?? this.firstYear - 1;

    this.start = dayNumberOf(`${this.firstYear}-01-01`);
    this.length = dayNumberOf(`${this.lastYear}-12-31`) - this.start + 1;
    const n = this.length;
    const work = new Uint8Array(n);
    const unknown = new Uint8Array(n);
    const isos: string[] = new Array<string>(n);
    for (let i = 0; i < n; i++) {
      const iso = isoOfDayNumber(this.start + i);
      isos[i] = iso;
      const year = Number(iso.slice(0, 4));
      const tail = iso.slice(5, 7) === '12' && Number(iso.slice(8, 10)) >= decemberFrom;
      unknown[i] = !known.has(year) || (tail && !known.has(year + 1)) ? 1 : 0;
      work[i] = weekdayOf(this.start + i) <= 5 ? 1 : 0;
    }

    const specialAt = new Map<number, SpecialDay>();
    for (const notice of published) {
      for (const [date, name, isOffDay] of notice.days) {
        const i = dayNumberOf(date) - this.start;
        if (i < 0 || i >= n) continue;
        const weekend = weekdayOf(this.start + i) > 5;
        work[i] = isOffDay ? 0 : 1;
        // A weekday marked "back to work" (2020-02-03) is an ordinary working day, not a 调休.
        if (isOffDay || weekend) {
          specialAt.set(i, {
            date,
            name,
            kind: isOffDay ? 'holiday' : 'adjusted-workday',
            notices: notice.papers,
            estimated: false,
          });
        }
      }
    }
    for (let year = lastPublished + 1; year <= this.lastYear; year++) {
      for (const [mmdd, name] of STATUTORY_FIXED) {
        const date = `${year}-${mmdd}`;
        const i = dayNumberOf(date) - this.start;
        if (i < 0 || i >= n || specialAt.has(i)) continue;
        work[i] = 0;
        specialAt.set(i, { date, name, kind: 'holiday', notices: [], estimated: true });
      }
    }

    const cumWork = new Int32Array(n);
    const cumUnknown = new Int32Array(n);
    let w = 0;
    let u = 0;
    for (let i = 0; i < n; i++) {
      w += work[i] ?? 0;
      u += unknown[i] ?? 0;
      cumWork[i] = w;
      cumUnknown[i] = u;
    }
    const nth = new Int32Array(w + 1).fill(-1);
    for (let i = 0; i < n; i++) if (work[i] === 1) nth[cumWork[i] ?? 0] = i;

    const order = [...specialAt.keys()].sort((a, b) => a - b);
    this.work = work;
    this.cumWork = cumWork;
    this.cumUnknown = cumUnknown;
    this.nth = nth;
    this.specialIndex = Int32Array.from(order);
    this.specials = order.map((i) => specialAt.get(i) as SpecialDay);
    this.specialAt = specialAt;
    this.isos = isos;
    // The last certain day: just before the first unknown day after the data begins.
    let lastKnown = -1;
    const firstData = this.knownYears[0];
    if (firstData !== undefined) {
      let i = dayNumberOf(`${firstData}-01-01`) - this.start;
      while (i < n && unknown[i] === 0) i++;
      lastKnown = i - 1;
    }
    this.lastKnownDay = lastKnown >= 0 ? isoOfDayNumber(this.start + lastKnown) : null;
  }

  /** Table index of a date; throws DomainError INVALID_INPUT for a non-date or one out of range. */
  private indexOf(date: string): number {
    // Fast path: a well-formed date in range reads back as itself (this also rejects 2022-02-30).
    if (date.length === 10) {
      const i = dayNumberOf(date) - this.start;
      if (i >= 0 && i < this.length && this.isos[i] === date) return i;
    }
    if (!isIsoDate(date)) {
      throw new DomainError(
        'INVALID_INPUT',
        `"${date}"不是有效的 YYYY-MM-DD 日期`,
        `"${date}" is not a valid YYYY-MM-DD date`,
      );
    }
    throw outOfRange(date, this.firstYear, this.lastYear);
  }

  private isoAt(i: number): string {
    return this.isos[i] ?? isoOfDayNumber(this.start + i);
  }

  /** Unknown days in [i, j] (inclusive, i ≤ j). */
  private unknownIn(i: number, j: number): boolean {
    return (this.cumUnknown[j] ?? 0) - (i > 0 ? (this.cumUnknown[i - 1] ?? 0) : 0) > 0;
  }

  /** Whether `date` is a working day (an estimate for an unknown day: see `dayInfo`). */
  isWorkday(date: string): boolean {
    return this.work[this.indexOf(date)] === 1;
  }

  /** Whether no published notice covers `date` yet. */
  isUnknown(date: string): boolean {
    const i = this.indexOf(date);
    return this.unknownIn(i, i);
  }

  /** What `date` is, and where that comes from. */
  dayInfo(date: string): DayInfo {
    const i = this.indexOf(date);
    const special = this.specialAt.get(i);
    const workday = this.work[i] === 1;
    const weekend = weekdayOf(this.start + i) > 5;
    return {
      date,
      workday,
      kind: special?.kind ?? (weekend ? 'weekend' : 'workday'),
      name: special?.name ?? null,
      notices: special?.notices ?? [],
      provisional: this.unknownIn(i, i),
    };
  }

  /**
   * The n-th working day after `date` (n > 0); the n-th before it (n < 0); for n = 0, `date` itself
   * when it is a working day, else the next one. Constant time.
   */
  addWorkdays(date: string, n: number): WorkdayResult {
    if (!Number.isInteger(n)) {
      throw new DomainError(
        'INVALID_INPUT',
        `工作日数"${n}"不是整数`,
        `The working-day count "${n}" is not an integer`,
      );
    }
    const i = this.indexOf(date);
    const before = (this.cumWork[i] ?? 0) - (this.work[i] ?? 0);
    // n > 0: working day number cumWork[i] + n; n = 0: the first one at or after i; n < 0: counted
    // back among the working days strictly before i.
    const k = n > 0 ? (this.cumWork[i] ?? 0) + n : n === 0 ? before + 1 : before + n + 1;
    const j = k >= 1 && k < this.nth.length ? (this.nth[k] ?? -1) : -1;
    if (j < 0)
      throw outOfRange(`${date} ${n >= 0 ? '+' : ''}${n} 个工作日`, this.firstYear, this.lastYear);
    const provisional =
      n > 0 ? this.unknownIn(i + 1, j) : n === 0 ? this.unknownIn(i, j) : this.unknownIn(j, i - 1);
    return { date: this.isoAt(j), provisional };
  }

  /** The last working day on or before `date`. */
  lastWorkdayOnOrBefore(date: string): WorkdayResult {
    const i = this.indexOf(date);
    if (this.work[i] === 1) return { date, provisional: this.unknownIn(i, i) };
    const r = this.addWorkdays(date, -1);
    return { date: r.date, provisional: r.provisional || this.unknownIn(i, i) };
  }

  /** Working days in (from, to]: 0 when to ≤ from. */
  workdaysBetween(from: string, to: string): number {
    const i = this.indexOf(from);
    const j = this.indexOf(to);
    return j <= i
      ? -((this.cumWork[i] ?? 0) - (this.cumWork[j] ?? 0))
      : (this.cumWork[j] ?? 0) - (this.cumWork[i] ?? 0);
  }

  /** Whether any day in [from, to] is unknown. */
  touchesUnknown(from: string, to: string): boolean {
    const i = this.indexOf(from);
    const j = this.indexOf(to);
    return i <= j ? this.unknownIn(i, j) : this.unknownIn(j, i);
  }

  /** The unknown days in [from, to], as a span, or null. */
  unknownSpan(from: string, to: string): { from: string; to: string } | null {
    let i = this.indexOf(from);
    let j = this.indexOf(to);
    if (j < i) [i, j] = [j, i];
    if (!this.unknownIn(i, j)) return null;
    const base = i > 0 ? (this.cumUnknown[i - 1] ?? 0) : 0;
    // first unknown: smallest a with cumUnknown[a] > base; last: smallest b with cumUnknown[b] = total
    const total = this.cumUnknown[j] ?? 0;
    const a = this.search(i, j, (x) => (this.cumUnknown[x] ?? 0) > base);
    const b = this.search(i, j, (x) => (this.cumUnknown[x] ?? 0) >= total);
    return { from: this.isoAt(a), to: this.isoAt(b) };
  }

  private search(lo: number, hi: number, ok: (x: number) => boolean): number {
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ok(mid)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Holidays and adjusted working days in [from, to], in date order (binary search + slice). */
  specialDaysBetween(from: string, to: string): readonly SpecialDay[] {
    let i = this.indexOf(from);
    let j = this.indexOf(to);
    if (j < i) [i, j] = [j, i];
    const idx = this.specialIndex;
    const lower = (x: number): number => {
      let lo = 0;
      let hi = idx.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((idx[mid] ?? 0) < x) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return this.specials.slice(lower(i), lower(j + 1));
  }
}

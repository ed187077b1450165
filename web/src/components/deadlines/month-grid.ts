/**
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`, Beijing dates), without time zones: every date is
 * handled as a UTC midnight, so the viewer's zone cannot shift a day. Weeks start on Monday, as
 * Chinese calendars print them.
 */

const MS_PER_DAY = 86_400_000;

function toUtc(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `iso` moved by `n` days. */
export function addDays(iso: string, n: number): string {
  return fromUtc(toUtc(iso) + n * MS_PER_DAY);
}

/** Calendar days from `a` to `b` (negative when b is before a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / MS_PER_DAY);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(iso: string): number {
  return (new Date(toUtc(iso)).getUTCDay() + 6) % 7;
}

/** `YYYY-MM` of a date. */
export function monthOf(iso: string): string {
  return iso.slice(0, 7);
}

/** `YYYY-MM` moved by `n` months. */
export function addMonths(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function daysInMonth(month: string): number {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
}

/**
 * The month as weeks of seven cells, Monday first; cells before the 1st and after the last day are
 * null. Four to six weeks.
 */
export function monthWeeks(month: string): (string | null)[][] {
  const first = `${month}-01`;
  const lead = weekdayIndex(first);
  const count = daysInMonth(month);
  const cells: (string | null)[] = [
    ...Array.from({ length: lead }, () => null),
    ...Array.from({ length: count }, (_, i) => addDays(first, i)),
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** The first and last day of the month: what to ask the working-day calendar for. */
export function monthRange(month: string): { from: string; to: string } {
  return { from: `${month}-01`, to: `${month}-${String(daysInMonth(month)).padStart(2, '0')}` };
}

/** One day of China's working-day calendar as `GET /api/v1/calendar/days` answers. */
export interface CalendarDay {
  readonly date: string;
  readonly workday: boolean;
  readonly kind: 'workday' | 'weekend' | 'holiday' | 'adjusted-workday';
  readonly holiday: string | null;
  readonly holidayEn: string | null;
  /** false: no notice published for this day yet; the kind is an estimate */
  readonly known: boolean;
}

/** A deadline as the calendar's opening month looks at it. */
export interface DueDay {
  /** the due date */
  readonly date: string;
  /** still to do (due soon or upcoming): not overdue, done or not applicable */
  readonly open: boolean;
}

/**
 * The day the calendar opens on: today, when today's month has a deadline to show or none is ahead;
 * otherwise the due date of the next open deadline, so that the calendar does not open on an empty
 * month (whose days may all be estimates) while the next deadline is months away.
 */
export function openingDay(today: string, due: readonly DueDay[]): string {
  const month = monthOf(today);
  if (due.some((d) => monthOf(d.date) === month)) return today;
  let next: string | undefined;
  for (const d of due) {
    if (d.open && d.date >= today && (next === undefined || d.date < next)) next = d.date;
  }
  return next ?? today;
}

/**
 * Working days left to a deadline, counted on the server's calendar (`GET /api/v1/calendar/days`:
 * holidays and adjusted working days from the State Council's notices), as the obligations engine
 * counts them: the working days in (today, actBy]. A day the calendar does not know yet (no notice
 * published) makes the count provisional; a day outside the days given makes it unknown (null).
 */

export interface CalendarDay {
  readonly date: string;
  readonly workday: boolean;
  /** false: no holiday notice covers the day yet; `workday` is an estimate */
  readonly known: boolean;
}

export interface WorkdayCount {
  readonly count: number;
  readonly provisional: boolean;
}

/** An ISO date `n` days later (earlier when negative). */
export function addDays(iso: string, n: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** The day after an ISO date. */
export function nextDay(iso: string): string {
  return addDays(iso, 1);
}

/** Working days in (from, to]; 0 when `to` ≤ `from`; null when a day in between is not given. */
export function workdaysBetween(
  days: readonly CalendarDay[],
  from: string,
  to: string,
): WorkdayCount | null {
  if (to <= from) return { count: 0, provisional: false };
  const byDate = new Map(days.map((d) => [d.date, d]));
  let count = 0;
  let provisional = false;
  for (let day = nextDay(from); day <= to; day = nextDay(day)) {
    const known = byDate.get(day);
    if (known === undefined) return null;
    if (known.workday) count += 1;
    if (!known.known) provisional = true;
  }
  return { count, provisional };
}

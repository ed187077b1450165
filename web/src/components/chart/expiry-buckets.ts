/**
 * Licences expiring by month: the next twelve calendar months starting with the current one
 * (Asia/Shanghai dates, `YYYY-MM-DD` strings, no `Date` instants), one bucket per month. A licence
 * already past its expiry, without an expiry date, or expiring after the last month is left out of
 * the buckets and counted apart, so the chart never claims more than the records say.
 */

export interface ExpiringLicence {
  readonly number: string;
  readonly expiresOn: string | null;
}

export interface MonthBucket {
  /** `YYYY-MM` */
  readonly month: string;
  readonly count: number;
  /** the licence numbers, by expiry date */
  readonly numbers: readonly string[];
}

export interface ExpiryBuckets {
  readonly buckets: readonly MonthBucket[];
  /** licences given that fell in no bucket (no date, already expired, or later) */
  readonly outside: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

function parts(iso: string): { y: number; m: number; d: number } | null {
  const match = ISO_DATE.exec(iso);
  if (match === null) return null;
  return { y: Number(match[1]), m: Number(match[2]), d: Number(match[3]) };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM` of the month `offset` months after the month of `today`. */
export function monthAfter(today: string, offset: number): string {
  const p = parts(today);
  if (p === null) throw new RangeError(`not a date: ${today}`);
  const index = p.y * 12 + (p.m - 1) + offset;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** The months of the window: the current month and the next `count - 1`. */
export function windowMonths(today: string, count = 12): string[] {
  return Array.from({ length: count }, (_, i) => monthAfter(today, i));
}

/** The last day (`YYYY-MM-DD`) of a `YYYY-MM` month. */
export function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  // day 0 of the next month is the last day of this one (UTC: no time-zone shifts)
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${pad(last)}`;
}

/** Days from `from` to `to` (both `YYYY-MM-DD`), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  const a = parts(from);
  const b = parts(to);
  if (a === null || b === null) throw new RangeError(`not a date: ${from} / ${to}`);
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / 86_400_000);
}

/** The `expiring-within` (days) that covers the whole window from today. */
export function windowDays(today: string, count = 12): number {
  return daysBetween(today, lastDayOf(monthAfter(today, count - 1)));
}

/** Sort licences into the months they expire in, from today to the end of the window. */
export function bucketByMonth(
  licences: readonly ExpiringLicence[],
  today: string,
  count = 12,
): ExpiryBuckets {
  const months = windowMonths(today, count);
  const byMonth = new Map<string, ExpiringLicence[]>(months.map((m) => [m, []]));
  let outside = 0;
  for (const l of licences) {
    const date = l.expiresOn;
    const list =
      date !== null && parts(date) !== null && date >= today
        ? byMonth.get(date.slice(0, 7))
        : undefined;
    if (list === undefined) outside += 1;
    else list.push(l);
  }
  return {
    buckets: months.map((month) => {
      const list = (byMonth.get(month) ?? []).sort(
        (a, b) =>
          (a.expiresOn ?? '').localeCompare(b.expiresOn ?? '') || a.number.localeCompare(b.number),
      );
      return { month, count: list.length, numbers: list.map((l) => l.number) };
    }),
    outside,
  };
}

/**
 * Use case: what each day of a span is on China's working-day calendar (the web UI's month view):
 * working day or not, why (weekend, holiday, adjusted working day), the holiday's name in Chinese
 * and English, and whether a State Council notice covers the day yet. At most 62 days a call: two
 * months with their edges, and never a crawl of the whole table.
 */
import { chinaCalendar } from '../../core/calendar/index.js';
import { holidayNameEn } from '../../core/calendar/explain.js';
import type { DayKind, WorkdayCalendar } from '../../core/calendar/workday-calendar.js';
import { addDays, daysBetween, isIsoDate } from '../../core/dates.js';
import { DomainError } from '../../core/errors.js';

export const MAX_CALENDAR_DAYS = 62;

export interface CalendarDay {
  readonly date: string;
  readonly workday: boolean;
  readonly kind: DayKind;
  /** the holiday a day off or an adjusted working day belongs to (国庆节 …) */
  readonly holiday: string | null;
  readonly holidayEn: string | null;
  /** false where no published notice covers the day: an estimate, which the notice may change */
  readonly known: boolean;
}

export function listCalendarDays(
  from: string,
  to: string,
  calendar: WorkdayCalendar = chinaCalendar(),
): CalendarDay[] {
  for (const [name, d] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!isIsoDate(d)) {
      throw new DomainError(
        'INVALID_INPUT',
        `${name}：${d} 不是有效日期`,
        `${name}: ${d} is not a calendar date`,
      );
    }
  }
  const span = daysBetween(from, to) + 1;
  if (span < 1 || span > MAX_CALENDAR_DAYS) {
    throw new DomainError(
      'INVALID_INPUT',
      `日期范围应为 1 到 ${MAX_CALENDAR_DAYS} 天（from ≤ to），现为 ${from} 至 ${to}`,
      `The span must be 1 to ${MAX_CALENDAR_DAYS} days (from ≤ to), not ${from} to ${to}`,
    );
  }
  const days: CalendarDay[] = [];
  for (let i = 0; i < span; i++) {
    const info = calendar.dayInfo(addDays(from, i));
    days.push({
      date: info.date,
      workday: info.workday,
      kind: info.kind,
      holiday: info.name,
      holidayEn: info.name === null ? null : holidayNameEn(info.name),
      known: !info.provisional,
    });
  }
  return days;
}

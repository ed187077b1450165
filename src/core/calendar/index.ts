/**
 * The working-day calendar of mainland China, built from the vendored holiday-cn notices
 * (data/SOURCE.md). `chinaCalendar()` builds it once, on first use (about a millisecond).
 */
import { HOLIDAY_NOTICES } from './data/holidays.generated.js';
import { WorkdayCalendar } from './workday-calendar.js';

export { HOLIDAY_NOTICES, type HolidayNotice } from './data/holidays.generated.js';
export * from './explain.js';
export * from './workday-calendar.js';

let shared: WorkdayCalendar | undefined;

/** The calendar of the vendored notices, shared. */
export function chinaCalendar(): WorkdayCalendar {
  shared ??= new WorkdayCalendar(HOLIDAY_NOTICES);
  return shared;
}

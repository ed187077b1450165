import type { Clock } from '../ports/clock.js';

// en-CA formats as YYYY-MM-DD.
const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date of an instant in Asia/Shanghai. */
export function shanghaiDate(instant: Date): string {
  return SHANGHAI_DATE.format(instant);
}

/** The machine's clock. */
export const systemClock: Clock = {
  now: () => new Date(),
  today: () => shanghaiDate(new Date()),
};

/**
 * `clock` with "today" pinned to a day (the CLI's `--today`): dates are computed as of that day,
 * while instants (when something was recorded or sent) stay the clock's.
 */
export function clockAsOf(clock: Clock, today: string): Clock {
  return { now: () => clock.now(), today: () => today };
}

/** The cron expressions `every()` gives pg-boss: an interval that divides the hour or the day. */
import { describe, expect, it } from 'vitest';
import { cronOf } from './pg-boss-job-queue.js';

describe('cronOf', () => {
  it.each([
    [60, '* * * * *'],
    [300, '*/5 * * * *'],
    [1800, '*/30 * * * *'],
    [3600, '0 * * * *'],
    [6 * 3600, '0 */6 * * *'],
    [86_400, '0 0 * * *'],
  ])('schedules every %i s as %s', (seconds, cron) => {
    expect(cronOf(seconds)).toBe(cron);
  });

  it.each([30, 90, 420, 5 * 3600, 2 * 86_400])(
    'leaves %i s to a timer (no cron divides the hour or day by it)',
    (seconds) => {
      expect(cronOf(seconds)).toBeNull();
    },
  );
});

import { describe, expect, it } from 'vitest';
import { nextDay, workdaysBetween, type CalendarDay } from './workdays';

// a made-up holiday week: 10-01…10-08 off, Saturday 10-10 an adjusted working day
const days: CalendarDay[] = [
  ['2026-09-29', true],
  ['2026-09-30', true],
  ['2026-10-01', false],
  ['2026-10-02', false],
  ['2026-10-03', false],
  ['2026-10-04', false],
  ['2026-10-05', false],
  ['2026-10-06', false],
  ['2026-10-07', false],
  ['2026-10-08', false],
  ['2026-10-09', true],
  ['2026-10-10', true],
  ['2026-10-11', false],
  ['2026-10-12', true],
].map(([date, workday]) => ({ date: date as string, workday: workday as boolean, known: true }));

describe('workdaysBetween', () => {
  it('counts the working days after today up to and including the last day to act', () => {
    expect(workdaysBetween(days, '2026-09-28', '2026-10-12')).toEqual({
      count: 5,
      provisional: false,
    });
    expect(workdaysBetween(days, '2026-09-30', '2026-10-08')).toEqual({
      count: 0,
      provisional: false,
    });
  });

  it('is zero on the day itself and for a day already past', () => {
    expect(workdaysBetween(days, '2026-10-09', '2026-10-09')?.count).toBe(0);
    expect(workdaysBetween(days, '2026-10-12', '2026-10-09')?.count).toBe(0);
  });

  it('is provisional when a day in between has no holiday notice yet', () => {
    const unknown = days.map((d) => (d.date === '2026-10-10' ? { ...d, known: false } : d));
    expect(workdaysBetween(unknown, '2026-10-09', '2026-10-12')).toEqual({
      count: 2,
      provisional: true,
    });
  });

  it('does not guess past the days it was given', () => {
    expect(workdaysBetween(days, '2026-10-09', '2026-10-20')).toBeNull();
  });

  it('steps over month and year ends', () => {
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
  });
});

import chineseDays from 'chinese-days';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumberOf, isoOfDayNumber, weekdayOf } from '../src/core/calendar/day-number.js';
import {
  HOLIDAY_NOTICES,
  WorkdayCalendar,
  chinaCalendar,
  countBack,
  countPeriodEnd,
  countWorkdays,
} from '../src/core/calendar/index.js';
import { addDays } from '../src/core/dates.js';
import { HOLIDAYS_2018_2026 } from './deadlines-holidays-2018-2026.js';

const cal = chinaCalendar();
const NOTICE_2022 = 'http://www.gov.cn/zhengce/zhengceku/2021-10/25/content_5644835.htm';

function* daysOf(from: string, to: string): Generator<string> {
  for (let n = dayNumberOf(from); n <= dayNumberOf(to); n++) yield isoOfDayNumber(n);
}

describe('worked examples of deadlines.md (seed 京B2-20180910)', () => {
  it('renewal: 2023-05-03 − 90 days is 2023-02-02, a Thursday and a working day', () => {
    const r = countBack(cal, '2023-05-03', 90);
    expect(r).toMatchObject({ date: '2023-02-02', lastWorkday: '2023-02-02', provisional: false });
    expect(r.explanation.rule).toBe('back-count');
    expect(r.explanation.text).toContain('2023-02-02（星期四）');
  });

  it('illegal-content-report: ten working days from 2022-09-27 skip National Day and count 10-08/09: 2022-10-14', () => {
    const r = countWorkdays(cal, '2022-09-27', 10);
    expect(r.date).toBe('2022-10-14');
    expect(r.provisional).toBe(false);
    const crossed = r.explanation.crossed.map((d) => [d.date, d.kind]);
    expect(crossed).toEqual([
      ...[...daysOf('2022-10-01', '2022-10-07')].map((d) => [d, 'holiday']),
      ['2022-10-08', 'adjusted-workday'],
      ['2022-10-09', 'adjusted-workday'],
    ]);
    expect(r.explanation.notices).toEqual([NOTICE_2022]);
    expect(r.explanation.text).toContain('国庆节放假 2022-10-01 至 2022-10-07');
    expect(r.explanation.text).toContain(
      '国庆节调休上班 2022-10-08（星期六）、2022-10-09（星期日）',
    );
  });

  it('entity-change decided 2022-09-10: the 30th day, 2022-10-10, is a working day', () => {
    const r = countPeriodEnd(cal, '2022-09-10', 30);
    expect(r.date).toBe('2022-10-10');
    expect(r.explanation.crossed).toEqual([]);
  });

  it('entity-change decided 2022-09-01: day 30 is a holiday, so the period ends 2022-10-08 (art. 203)', () => {
    const r = countPeriodEnd(cal, '2022-09-01', 30);
    expect(r.date).toBe('2022-10-08');
    expect(r.explanation.rule).toBe('calendar-days');
    expect(r.explanation.basis).toContain('第二百零三条');
    expect(r.explanation.text).toContain('第 30 日为 2022-10-01（星期六），是法定节假日（国庆节）');
    expect(r.explanation.text).toContain('2022-10-08（星期六），调休上班日');
    expect(r.explanation.notices).toEqual([NOTICE_2022]);
  });

  it('Civil Code art. 201: within 30 days of 2024-03-04 ends on 2024-04-03', () => {
    expect(countPeriodEnd(cal, '2024-03-04', 30).date).toBe('2024-04-03');
  });

  it('moves a period ending on an ordinary Saturday to the Monday', () => {
    // 2024-03-02 + 30 = 2024-04-01 (Mon) … choose one that ends on a Saturday: 2024-02-23 + 30 = 2024-03-24 (Sun)
    const r = countPeriodEnd(cal, '2024-02-23', 30);
    expect(r.date).toBe('2024-03-25');
    expect(r.explanation.text).toContain('周末休息日');
  });
});

describe('back-counting does not roll forward', () => {
  it('names the last working day before a back-counted day in the Spring Festival', () => {
    // 2024-05-11 − 90 days = 2024-02-11, a Sunday inside the 2024 Spring Festival holiday
    const r = countBack(cal, '2024-05-11', 90);
    expect(r.date).toBe('2024-02-11');
    expect(r.lastWorkday).toBe('2024-02-09');
    expect(r.explanation.text).toContain('倒数不顺延');
    expect(r.explanation.text).toContain('2024-02-09（星期五）');
    expect(r.explanation.textEn).toContain('does not roll forward');
  });
});

describe('every holiday and adjusted working day of 2018–2026 (licensing.md §5.3)', () => {
  const off = Object.entries(HOLIDAYS_2018_2026).flatMap(([, y]) => y.off);
  const weekendWorkdays = Object.entries(HOLIDAYS_2018_2026).flatMap(([, y]) => y.weekendWorkdays);

  it('has the whole table (255 days off, 59 weekend working days)', () => {
    expect(off).toHaveLength(255);
    expect(weekendWorkdays).toHaveLength(59);
  });

  it.each(off)('%s is a day off', (date) => {
    const info = cal.dayInfo(date);
    expect(info.workday).toBe(false);
    expect(info.kind).toBe('holiday');
    expect(info.provisional).toBe(false);
    expect(info.notices.length).toBeGreaterThan(0);
  });

  it.each(weekendWorkdays)('%s is an adjusted working day', (date) => {
    const info = cal.dayInfo(date);
    expect(info.workday).toBe(true);
    expect(info.kind).toBe('adjusted-workday');
    expect(weekdayOf(dayNumberOf(date))).toBeGreaterThan(5);
  });

  it('every other day of 2018–2026 follows the normal week', () => {
    const special = new Set([...off, ...weekendWorkdays]);
    for (const date of daysOf('2018-01-01', '2026-12-24')) {
      if (special.has(date)) continue;
      expect(cal.isWorkday(date), date).toBe(weekdayOf(dayNumberOf(date)) <= 5);
    }
  });
});

describe('the vendored holiday-cn data agrees with chinese-days', () => {
  const ours = HOLIDAY_NOTICES.filter((n) => n.papers.length > 0).map((n) => n.year);
  // the years chinese-days has holiday data for
  const theirs = new Set(
    chineseDays
      .getHolidaysInRange('2000-01-01', '2035-12-31', false)
      .map((d) => Number(d.slice(0, 4))),
  );
  const both = ours.filter((y) => theirs.has(y));

  it('covers 2007–2026 in both', () => {
    expect(both[0]).toBe(2007);
    expect(both.at(-1)).toBe(2026);
    expect(both).toHaveLength(20);
  });

  it.each(both)('agrees on every day of %i', (year) => {
    const disagreements: string[] = [];
    // The last days of December wait for the next notice: compare only where both are certain.
    const last = year === 2026 ? '2026-12-24' : `${year}-12-31`;
    for (const date of daysOf(`${year}-01-01`, last)) {
      if (cal.isWorkday(date) !== chineseDays.isWorkday(date)) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
  });
});

describe('addWorkdays', () => {
  it('agrees with chinese-days findWorkday wherever the data is certain', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayNumberOf('2007-03-01'), max: dayNumberOf('2026-11-01') }),
        fc.integer({ min: -30, max: 30 }),
        (n, k) => {
          const date = isoOfDayNumber(n);
          const r = cal.addWorkdays(date, k);
          expect(r.date).toBe(chineseDays.findWorkday(k, date));
          expect(r.provisional).toBe(false);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('n = 0 is the day itself or the next working day', () => {
    expect(cal.addWorkdays('2022-10-08', 0).date).toBe('2022-10-08');
    expect(cal.addWorkdays('2022-10-01', 0).date).toBe('2022-10-08');
  });

  it('counts back with negative n', () => {
    expect(cal.addWorkdays('2022-10-08', -1).date).toBe('2022-09-30');
    expect(cal.addWorkdays('2022-10-10', -3).date).toBe('2022-09-30');
  });

  it('is inverse to workdaysBetween', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayNumberOf('2010-01-01'), max: dayNumberOf('2026-06-01') }),
        fc.integer({ min: 1, max: 400 }),
        (n, k) => {
          const date = isoOfDayNumber(n);
          expect(cal.workdaysBetween(date, cal.addWorkdays(date, k).date)).toBe(k);
        },
      ),
    );
  });

  it('refuses a non-date and a non-integer count', () => {
    expect(() => cal.addWorkdays('2022-02-30', 1)).toThrow(/不是有效/);
    expect(() => cal.addWorkdays('2022-02-01', 1.5)).toThrow(/不是整数/);
    expect(() => cal.addWorkdays('1900-01-01', 1)).toThrow(/超出工作日历的范围/);
  });
});

describe('unknown days: no notice yet', () => {
  it('treats 2027 and 25–31 December 2026 as unknown, never silently certain', () => {
    expect(cal.lastKnownDay).toBe('2026-12-24');
    expect(cal.dayInfo('2026-12-24').provisional).toBe(false);
    expect(cal.dayInfo('2026-12-25').provisional).toBe(true);
    expect(cal.dayInfo('2027-06-01').provisional).toBe(true);
  });

  it('marks a working-day count that crosses into 2027 provisional, and says why', () => {
    const r = countWorkdays(cal, '2026-12-20', 10);
    expect(r.provisional).toBe(true);
    expect(r.explanation.unknown).toEqual({ from: '2026-12-25', to: r.date });
    expect(r.explanation.text).toContain('【暂定】');
    expect(r.explanation.textEn).toContain('[Provisional]');
  });

  it('estimates the fixed-date statutory holidays of an unknown year, flagged as estimates', () => {
    const info = cal.dayInfo('2027-10-01');
    expect(info).toMatchObject({ workday: false, kind: 'holiday', provisional: true, notices: [] });
    const r = countWorkdays(cal, '2027-09-29', 2);
    expect(r.date).toBe('2027-10-04');
    expect(r.explanation.crossed.every((d) => d.estimated)).toBe(true);
  });

  it('a count wholly before the unknown days stays certain', () => {
    expect(cal.addWorkdays('2026-12-14', 8)).toEqual({ date: '2026-12-24', provisional: false });
    expect(cal.addWorkdays('2026-12-14', 9).provisional).toBe(true);
  });

  it('a calendar without a year’s notice does not fall back to Monday–Friday silently', () => {
    const without2022 = new WorkdayCalendar(HOLIDAY_NOTICES.filter((n) => n.year !== 2022));
    const r = countWorkdays(without2022, '2022-09-27', 10);
    expect(r.provisional).toBe(true);
    expect(r.date).not.toBe('2022-10-14');
    // December 2021 waits for the 2022 notice too
    expect(without2022.isUnknown('2021-12-30')).toBe(true);
  });
});

describe('day numbers', () => {
  it('round-trips every day and agrees with Date', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayNumberOf('1900-01-01'), max: dayNumberOf('2200-12-31') }),
        (n) => {
          const iso = isoOfDayNumber(n);
          expect(dayNumberOf(iso)).toBe(n);
          expect(iso).toBe(new Date(n * 86_400_000).toISOString().slice(0, 10));
          expect(addDays(iso, 1)).toBe(isoOfDayNumber(n + 1));
        },
      ),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { bucketByMonth, daysBetween, lastDayOf, windowDays, windowMonths } from './expiry-buckets';

describe('expiry buckets', () => {
  it('starts the twelve months with the current one and crosses the year', () => {
    expect(windowMonths('2026-11-29')).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
      '2027-04',
      '2027-05',
      '2027-06',
      '2027-07',
      '2027-08',
      '2027-09',
      '2027-10',
    ]);
  });

  it('knows the last day of February in leap and common years', () => {
    expect(lastDayOf('2028-02')).toBe('2028-02-29');
    expect(lastDayOf('2027-02')).toBe('2027-02-28');
    expect(lastDayOf('2026-12')).toBe('2026-12-31');
  });

  it('asks the server for exactly the days up to the end of the twelfth month', () => {
    expect(windowDays('2026-11-29')).toBe(daysBetween('2026-11-29', '2027-10-31'));
    expect(daysBetween('2026-11-29', '2027-10-31')).toBe(336);
    expect(windowDays('2026-01-01')).toBe(364);
  });

  it('counts each licence in the month it expires, sorted by date', () => {
    const { buckets, outside } = bucketByMonth(
      [
        { number: '沪B2-20200002', expiresOn: '2026-12-31' },
        { number: '京B2-20180910', expiresOn: '2026-12-01' },
        { number: '粤B2-20190003', expiresOn: '2027-10-31' },
        { number: '浙B2-20210004', expiresOn: '2026-11-29' },
      ],
      '2026-11-29',
    );
    expect(buckets).toHaveLength(12);
    expect(buckets[0]).toEqual({ month: '2026-11', count: 1, numbers: ['浙B2-20210004'] });
    expect(buckets[1]).toEqual({
      month: '2026-12',
      count: 2,
      numbers: ['京B2-20180910', '沪B2-20200002'],
    });
    expect(buckets[11]).toEqual({ month: '2027-10', count: 1, numbers: ['粤B2-20190003'] });
    expect(buckets.slice(2, 11).every((b) => b.count === 0)).toBe(true);
    expect(outside).toBe(0);
  });

  it('leaves out, and counts apart, licences expired, undated or beyond the window', () => {
    const { buckets, outside } = bucketByMonth(
      [
        { number: 'A', expiresOn: '2026-11-28' }, // yesterday: already expired
        { number: 'B', expiresOn: null },
        { number: 'C', expiresOn: '2027-11-01' }, // the thirteenth month
        { number: 'D', expiresOn: '2027-02-30x' },
      ],
      '2026-11-29',
    );
    expect(buckets.reduce((n, b) => n + b.count, 0)).toBe(0);
    expect(outside).toBe(4);
  });
});

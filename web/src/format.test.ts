import { describe, expect, it } from 'vitest';
import { formatDate, formatMonth, formatTimestamp } from './format';
import { pick, zhDates } from './i18n';

describe('dates, one form per language (docs/glossary.md)', () => {
  it('writes a day as documents print it in Chinese, zero-padded, and ISO in English', () => {
    expect(formatDate('2026-12-07', 'zh')).toBe('2026年12月07日');
    expect(formatDate('2026-01-05', 'zh')).toBe('2026年01月05日');
    expect(formatDate('2026-12-07', 'en')).toBe('2026-12-07');
    expect(formatDate(null, 'en')).toBe('—');
  });

  it('writes a month the same way: 2026年09月 / September 2026', () => {
    expect(formatMonth('2026-09', 'zh')).toBe('2026年09月');
    expect(formatMonth('2026-09', 'en')).toBe('September 2026');
  });

  it('writes a timestamp with its day as the dates are written, to the minute (TZ=UTC here)', () => {
    expect(formatTimestamp('2026-12-07T09:05:00Z', 'zh')).toBe('2026年12月07日 09:05');
    expect(formatTimestamp('2026-12-07T09:05:00Z', 'en')).toBe('2026-12-07 09:05');
    expect(formatTimestamp('not a time', 'zh')).toBe('not a time');
  });

  it('gives the API’s Chinese text the same days, and leaves its English ISO', () => {
    const zh = '经营许可证已于 2026-12-07 到期，至 2027-01-05 已过期 29 天';
    expect(pick('zh', zh, 'Expired on 2026-12-07')).toBe(
      '经营许可证已于 2026年12月07日 到期，至 2027年01月05日 已过期 29 天',
    );
    expect(pick('en', zh, 'Expired on 2026-12-07')).toBe('Expired on 2026-12-07');
  });

  it('leaves what only looks like a day: ids, numbers, timestamps, impossible dates', () => {
    for (const text of [
      'renewal@2027-02-27',
      '京B2-20180910',
      '2026-12-07T10:00:00Z',
      '12026-12-07',
      '2026-13-01',
    ]) {
      expect(zhDates(text)).toBe(text);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { shanghaiDate } from './system-clock.js';

describe('shanghaiDate', () => {
  it.each([
    ['2026-11-27T15:59:59Z', '2026-11-27'],
    ['2026-11-27T16:00:00Z', '2026-11-28'], // midnight in Shanghai (UTC+8)
    ['2022-12-31T20:00:00Z', '2023-01-01'],
  ])('gives the Asia/Shanghai calendar date of %s', (instant, date) => {
    expect(shanghaiDate(new Date(instant))).toBe(date);
  });
});

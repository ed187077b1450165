import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../dates.js';
import {
  DEFAULT_CONFIRMATION_DAYS,
  confirmationDueOn,
  isConfirmationCurrent,
} from './confirmation.js';

describe('confirmationDueOn', () => {
  it('defaults to 90 days', () => {
    expect(DEFAULT_CONFIRMATION_DAYS).toBe(90);
  });

  it.each([
    ['the period, without an expiry date', '2026-01-01', null, 90, '2026-04-01'],
    ['the period, when expiry is far', '2026-01-01', '2030-07-31', 90, '2026-04-01'],
    ['expiry − 90 days, when that comes first', '2026-01-01', '2026-05-01', 90, '2026-01-31'],
    ['expiry − 90 days, the day after the check', '2026-01-30', '2026-05-01', 365, '2026-01-31'],
    [
      'the day after expiry, checked exactly 90 days before',
      '2026-01-31',
      '2026-05-01',
      365,
      '2026-05-02',
    ],
    [
      'the period, checked 90 days before expiry with a shorter period',
      '2026-01-31',
      '2026-05-01',
      90,
      '2026-05-01',
    ],
    [
      'the day after expiry, checked within 90 days of it',
      '2026-03-01',
      '2026-04-01',
      90,
      '2026-04-02',
    ],
    ['the day after expiry, checked the day before', '2026-03-31', '2026-04-01', 90, '2026-04-02'],
    ['the next day, checked on the expiry day', '2026-04-01', '2026-04-01', 90, '2026-04-02'],
    ['the next day, checked after expiry', '2026-05-01', '2026-04-01', 90, '2026-05-02'],
    ['the next day, with a period of one day', '2026-01-01', '2030-01-01', 1, '2026-01-02'],
    ['the period across a leap day', '2028-02-28', null, 2, '2028-03-01'],
  ])('falls due on %s', (_name, checkedOn, expiresOn, period, due) => {
    expect(confirmationDueOn(checkedOn, expiresOn, period)).toBe(due);
  });

  it('is the earliest of the period and the approach of expiry, and never before the next day', () => {
    const day = fc.integer({ min: 0, max: 20000 }).map((n) => addDays('1990-01-01', n));
    fc.assert(
      fc.property(
        day,
        fc.option(day, { nil: null }),
        fc.integer({ min: 1, max: 3650 }),
        (checkedOn, expiresOn, period) => {
          const due = confirmationDueOn(checkedOn, expiresOn, period);
          const next = addDays(checkedOn, 1);
          const byPeriod = addDays(checkedOn, period);
          expect(due >= next).toBe(true);
          expect(due <= byPeriod).toBe(true);
          if (expiresOn === null) {
            expect(due).toBe(byPeriod);
            return;
          }
          const nearing = addDays(expiresOn, -90);
          if (nearing > checkedOn) {
            expect([nearing, byPeriod]).toContain(due);
            expect(due <= nearing).toBe(true);
          } else {
            expect([addDays(expiresOn, 1), byPeriod, next]).toContain(due);
            expect(due <= (next > addDays(expiresOn, 1) ? next : addDays(expiresOn, 1))).toBe(true);
          }
        },
      ),
    );
  });

  it.each([
    ['an impossible check date', '2026-02-30', null, 90],
    ['a check date in another format', '2026/01/01', null, 90],
    ['an expiry that is no date', '2026-01-01', 'soon', 90],
    ['a period of zero', '2026-01-01', null, 0],
    ['a negative period', '2026-01-01', null, -5],
    ['a period over ten years', '2026-01-01', null, 3651],
    ['a fractional period', '2026-01-01', null, 1.5],
    ['a period that is not a number', '2026-01-01', null, Number.NaN],
  ])('refuses %s', (_name, checkedOn, expiresOn, period) => {
    expect(() => confirmationDueOn(checkedOn, expiresOn, period)).toThrow(
      expect.objectContaining({ name: 'DomainError', code: 'INVALID_INPUT' }),
    );
  });

  it('accepts the longest period', () => {
    expect(confirmationDueOn('2026-01-01', null, 3650)).toBe('2035-12-30');
  });
});

describe('isConfirmationCurrent', () => {
  it.each([
    ['2026-11-30', true],
    ['2026-12-01', false],
    ['2026-12-02', false],
  ])('on %s: %s for one due on 2026-12-01', (today, current) => {
    expect(isConfirmationCurrent({ dueOn: '2026-12-01' }, today)).toBe(current);
  });

  it('refuses a day that is no date', () => {
    expect(() => isConfirmationCurrent({ dueOn: '2026-12-01' }, '2026-13-01')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});

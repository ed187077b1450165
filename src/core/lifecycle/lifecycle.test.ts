import { describe, expect, it } from 'vitest';
import { emptyLicence, type Licence } from '../licence.js';
import {
  applyLicenceEvent,
  effectiveStatus,
  LICENCE_EVENT_KINDS,
  LICENCE_STATUSES,
  renewalDeadline,
  TRANSITIONS,
  type LicenceEventInput,
} from './lifecycle.js';

const licence: Licence = {
  ...emptyLicence(),
  number: '京B2-20180910',
  holder: {
    name: '云智联网络科技（北京）有限公司',
    legalRepresentative: '李国杰',
    creditCode: null,
    address: null,
  },
  issuedOn: '2018-09-10',
  expiresOn: '2023-09-10',
};

/** An event of each kind that satisfies its requirements. */
function eventOf(kind: LicenceEventInput['kind']): LicenceEventInput {
  switch (kind) {
    case 'issued':
    case 'changed':
      return { kind, on: '2020-01-01', note: null, licence };
    case 'renewed':
      return { kind, on: '2023-06-01', note: null, expiresOn: '2028-09-10' };
    case 'annual-report-filed':
    case 'inspection-recorded':
      return { kind, on: '2020-03-01', note: null, year: 2019 };
    case 'expired':
      return { kind, on: '2023-09-11', note: null };
    case 'suspended':
    case 'cancelled':
    case 'revoked':
      return { kind, on: '2020-01-01', note: '依法处理' };
    default:
      return { kind, on: '2020-01-01', note: null };
  }
}

describe('the lifecycle state machine', () => {
  // Every (state, event) pair: allowed exactly when TRANSITIONS lists the state.
  const cases = [undefined, ...LICENCE_STATUSES].flatMap((status) =>
    LICENCE_EVENT_KINDS.map((kind) => [status ?? 'none', kind] as const),
  );

  it.each(cases)('from %s, a %s event is allowed only as the table says', (from, kind) => {
    const status = from === 'none' ? undefined : from;
    const result = applyLicenceEvent(
      { status, licence: status ? licence : undefined },
      eventOf(kind),
    );
    const rule = TRANSITIONS[kind];
    expect(result.ok).toBe(rule.from.includes(from));
    if (result.ok) {
      expect(result.status).toBe(rule.to === 'same' ? status : rule.to);
    } else {
      expect(result.message).toMatch(/不能记录/);
      expect(result.messageEn).toContain(kind);
    }
  });

  it.each([
    ['valid', 'renewal-applied', 'renewal-pending'],
    ['renewal-pending', 'renewed', 'valid'],
    ['valid', 'suspended', 'suspended'],
    ['suspended', 'reinstated', 'valid'],
    ['valid', 'expired', 'expired'],
    ['expired', 'cancelled', 'cancelled'],
    ['suspended', 'revoked', 'revoked'],
    ['valid', 'changed', 'valid'],
    ['renewal-pending', 'annual-report-filed', 'renewal-pending'],
  ] as const)('moves %s --%s--> %s', (from, kind, to) => {
    const result = applyLicenceEvent({ status: from, licence }, eventOf(kind));
    expect(result).toMatchObject({ ok: true, status: to });
  });

  it.each([
    ['renewed without a new expiry', { kind: 'renewed', on: '2023-06-01', note: null }, /有效期至/],
    [
      'renewed to an earlier expiry',
      { kind: 'renewed', on: '2023-06-01', note: null, expiresOn: '2023-01-01' },
      /不晚于/,
    ],
    ['revoked without a reason', { kind: 'revoked', on: '2023-06-01', note: ' ' }, /原因/],
    ['cancelled without a reason', { kind: 'cancelled', on: '2023-06-01', note: null }, /原因/],
    [
      'an annual report without a year',
      { kind: 'annual-report-filed', on: '2023-03-01', note: null },
      /年份/,
    ],
    [
      'expired before the expiry date',
      { kind: 'expired', on: '2023-09-10', note: null },
      /尚未到期/,
    ],
    ['changed without a record', { kind: 'changed', on: '2023-06-01', note: null }, /记录/],
    [
      'changed to another number',
      {
        kind: 'changed',
        on: '2023-06-01',
        note: null,
        licence: { ...licence, number: '京B2-20180911' },
      },
      /编号/,
    ],
    ['an impossible date', { kind: 'renewal-applied', on: '2023-02-30', note: null }, /日期/],
  ] as const)('refuses %s', (_name, event, message) => {
    const result = applyLicenceEvent({ status: 'valid', licence }, event);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it.each([
    ['renewal-applied', false],
    ['suspended', false],
    ['expired', true],
    ['annual-report-filed', true],
    ['cancelled', true],
  ] as const)(
    'past its expiry date a licence recorded valid meets %s as expired (allowed: %s)',
    (kind, allowed) => {
      const event = { ...eventOf(kind), on: '2024-01-01' };
      expect(applyLicenceEvent({ status: 'valid', licence }, event).ok).toBe(allowed);
    },
  );

  it('a renewal applied for in time may be granted after the expiry date', () => {
    const event = { ...eventOf('renewed'), on: '2023-10-01' };
    expect(applyLicenceEvent({ status: 'renewal-pending', licence }, event)).toMatchObject({
      ok: true,
      status: 'valid',
    });
  });

  it('renewal sets the new expiry date on the record', () => {
    const result = applyLicenceEvent({ status: 'renewal-pending', licence }, eventOf('renewed'));
    expect(result.ok && result.licence.expiresOn).toBe('2028-09-10');
  });

  it('an inspection adds a stamped inspection to the record, once per year', () => {
    const first = applyLicenceEvent({ status: 'valid', licence }, eventOf('inspection-recorded'));
    expect(first.ok && first.licence.inspections).toEqual([
      { year: 2019, result: 'passed', stampedOn: '2020-03-01' },
    ]);
    const again = applyLicenceEvent(
      { status: 'valid', licence: first.ok ? first.licence : licence },
      eventOf('inspection-recorded'),
    );
    expect(again.ok).toBe(false);
  });

  it.each([
    ['valid', '2023-09-10', '2023-09-10', 'valid'],
    ['valid', '2023-09-10', '2023-09-11', 'expired'],
    ['renewal-pending', '2023-09-10', '2024-01-01', 'expired'],
    ['suspended', '2023-09-10', '2024-01-01', 'suspended'],
    ['cancelled', '2023-09-10', '2024-01-01', 'cancelled'],
    ['valid', null, '2024-01-01', 'valid'],
  ] as const)(
    'a licence recorded %s until %s is, on %s, %s',
    (status, expiresOn, today, expected) => {
      expect(effectiveStatus(status, expiresOn, today)).toBe(expected);
    },
  );

  it('the renewal deadline is 90 calendar days before expiry', () => {
    expect(renewalDeadline('2023-09-10')).toBe('2023-06-12');
  });
});

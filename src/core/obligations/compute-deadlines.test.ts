import { describe, expect, it } from 'vitest';
import { chinaCalendar } from '../calendar/index.js';
import { emptyLicence, type Licence } from '../licence.js';
import { OBLIGATIONS } from './catalogue.js';
import { scheduleObligations } from './compute-deadlines.js';

/** A licence granted mid-2022, with the provision that still asks for the annual inspection. */
const licence: Licence = {
  ...emptyLicence(),
  number: '沪B2-20220601',
  issuedOn: '2022-06-01',
  validFrom: '2022-06-01',
  expiresOn: '2027-06-01',
  provisions: [{ id: '14', text: '每年第一季度参加年检。', appliesTo: null }],
};

const annual = (today: string) =>
  scheduleObligations({ licence, events: [], today }, chinaCalendar())
    .occurrences.filter((o) => o.trigger.kind === 'annual')
    .map((o) => ({ id: o.id, window: o.window, basis: o.explanation.basis }));

describe('the annual cycles, from the catalogue', () => {
  it('every annual obligation says which year its occurrences are for', () => {
    const covers = OBLIGATIONS.flatMap((o) =>
      o.trigger.kind === 'annual' ? [[o.id, o.trigger.covers]] : [],
    );
    expect(covers).toEqual([
      ['annual-report', 'previous-year'],
      ['annual-inspection', 'current-year'],
    ]);
  });

  it('a cycle the licence was not held for is skipped, and the next one listed', () => {
    // 2022's inspection and the report for 2021 precede the licence; 2023's cycles follow
    expect(annual('2022-02-01')).toEqual([
      {
        id: 'annual-inspection@2023',
        window: { from: '2023-01-01', to: '2023-03-31' },
        basis: '每年第一季度，截止 3 月 31 日',
      },
      {
        id: 'annual-report@2022',
        window: { from: '2023-01-01', to: '2023-03-31' },
        basis: '第一季度内报送2022年度年报，截止 3 月 31 日',
      },
    ]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeDeadlines } from '../src/app/deadlines/compute-deadlines.js';
import { emptyLicence, type Licence } from '../src/core/licence.js';
import { OBLIGATIONS } from '../src/core/obligations/index.js';
import { parseLicenceText } from '../src/core/parse/parse-licence-text.js';
import { FIXTURES } from './fixtures.js';

function seed(): Licence {
  const r = parseLicenceText(readFileSync(FIXTURES.seed, 'utf8'), { baseConfidence: 1 });
  if (!r.ok) throw new Error('seed does not parse');
  return r.licence;
}

const byId = (report: ReturnType<typeof computeDeadlines>, id: string) =>
  report.occurrences.find((o) => o.id === id);

describe('obligations of the seed licence', () => {
  const events = [
    { kind: 'illegal-content-disposed', date: '2022-09-27' },
    { kind: 'entity-change-decided', date: '2022-09-01' },
  ];

  it('dates the worked examples with their explanations', () => {
    const r = computeDeadlines({ licence: seed(), events, today: '2022-10-01' });
    expect(byId(r, 'renewal@2023-05-03')).toMatchObject({
      dueOn: '2023-02-02',
      status: 'upcoming',
    });
    expect(byId(r, 'illegal-content-report@2022-09-27')).toMatchObject({
      dueOn: '2022-10-14',
      status: 'due-soon',
      window: { from: '2022-09-27', to: '2022-10-14' },
    });
    expect(byId(r, 'entity-change@2022-09-01')).toMatchObject({
      dueOn: '2022-10-08',
      status: 'due-soon',
    });
    expect(byId(r, 'annual-report@2022')).toMatchObject({
      dueOn: '2023-03-31',
      window: { from: '2023-01-01', to: '2023-03-31' },
    });
    for (const o of r.occurrences) {
      expect(o.explanation.text.length).toBeGreaterThan(10);
      expect(o.source.length).toBeGreaterThan(5);
    }
  });

  it('marks the provisions for excluded services not applicable', () => {
    const r = computeDeadlines({ licence: seed(), events: [], today: '2022-10-01' });
    const inert = r.provisions.filter((p) => !p.applicable).map((p) => p.id);
    expect(inert).toEqual(['15.12', '15.14']);
    expect(r.provisions.find((p) => p.id === '15.13')?.applicable).toBe(true);
  });

  it('lists every obligation of the catalogue with its applicability', () => {
    const r = computeDeadlines({ licence: seed(), events: [], today: '2022-10-01' });
    expect(r.obligations.map((o) => o.id)).toEqual(OBLIGATIONS.map((o) => o.id));
    expect(r.obligations.find((o) => o.id === 'annual-inspection')?.applicable).toBe(true);
  });

  it('turns overdue after the due date, and done once marked with its evidence', () => {
    const late = computeDeadlines({ licence: seed(), events, today: '2022-10-15' });
    expect(byId(late, 'illegal-content-report@2022-09-27')?.status).toBe('overdue');
    const done = computeDeadlines({
      licence: seed(),
      events,
      today: '2022-10-15',
      completions: [
        {
          occurrenceId: 'illegal-content-report@2022-09-27',
          on: '2022-10-12',
          evidence: { note: '京通管回执 2022-118', document: null },
        },
      ],
    });
    const o = byId(done, 'illegal-content-report@2022-09-27');
    expect(o?.status).toBe('done');
    expect(o?.done?.evidence.note).toBe('京通管回执 2022-118');
  });

  it('a decision not to renew makes renewal not applicable and dates the exit report', () => {
    const r = computeDeadlines({
      licence: seed(),
      events: [{ kind: 'exit-decided', date: '2022-11-01' }],
      today: '2022-11-02',
    });
    expect(byId(r, 'renewal@2023-05-03')?.status).toBe('not-applicable');
    expect(byId(r, 'exit-report@2022-11-01')).toMatchObject({
      dueOn: '2023-02-02',
      status: 'upcoming',
    });
  });

  it('an incident is due the same day', () => {
    const r = computeDeadlines({
      licence: seed(),
      events: [{ kind: 'incident', date: '2022-10-03' }],
      today: '2022-10-03',
    });
    expect(byId(r, 'incident-report@2022-10-03')).toMatchObject({
      dueOn: '2022-10-03',
      status: 'due-soon',
    });
  });

  it('marks an occurrence that reaches into 2027 provisional', () => {
    const licence = { ...seed(), issuedOn: '2026-01-05', expiresOn: '2031-01-05' };
    const r = computeDeadlines({
      licence,
      events: [{ kind: 'illegal-content-disposed', date: '2026-12-18' }],
      today: '2026-12-18',
    });
    const o = byId(r, 'illegal-content-report@2026-12-18');
    expect(o?.provisional).toBe(true);
    expect(o?.explanation.text).toContain('暂定');
    expect(r.calendarKnownUntil).toBe('2026-12-24');
  });

  it('counts the working days left to the last day to act, none once it has passed', () => {
    // renewal due Saturday 2026-11-28 (expiry − 90 days): the last working day to act is Friday
    const licence: Licence = {
      ...emptyLicence(),
      number: '沪B2-20220226',
      expiresOn: '2027-02-26',
    };
    const on = (today: string) =>
      byId(computeDeadlines({ licence, events: [], today }), 'renewal@2027-02-26');
    expect(on('2026-11-23')).toMatchObject({ actBy: '2026-11-27', workdaysLeft: 4 });
    expect(on('2026-11-27')).toMatchObject({ status: 'due-soon', workdaysLeft: 0 });
    // the due day itself, a Saturday: not overdue yet, but no working day is left to act on
    expect(on('2026-11-28')).toMatchObject({ status: 'due-soon', workdaysLeft: null });
    expect(on('2026-11-29')).toMatchObject({ status: 'overdue', workdaysLeft: null });
  });

  it('a licence without provisions still gets the statutory obligations', () => {
    const licence: Licence = {
      ...emptyLicence(),
      number: '沪B2-20200731',
      expiresOn: '2025-07-31',
    };
    const r = computeDeadlines({ licence, events: [], today: '2025-01-10' });
    expect(byId(r, 'renewal@2025-07-31')?.dueOn).toBe('2025-05-02');
    expect(r.obligations.find((o) => o.id === 'annual-inspection')?.applicable).toBe(false);
  });

  it('refuses an unknown event kind or a bad date, naming it', () => {
    expect(() =>
      computeDeadlines({
        licence: seed(),
        events: [{ kind: 'party', date: '2022-01-01' }],
        today: '2022-10-01',
      }),
    ).toThrow(/party/);
    expect(() =>
      computeDeadlines({
        licence: seed(),
        events: [{ kind: 'incident', date: '2022-02-30' }],
        today: '2022-10-01',
      }),
    ).toThrow(/2022-02-30/);
  });
});

/**
 * Working days left to each occurrence's last day to act, counted on the server's working-day
 * calendar, in every answer that carries occurrences: GET /api/v1/licences/{number}/deadlines,
 * GET /api/v1/deadlines and the mark-done answer; on every dialect.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, harnessFor, SEED, SEED_NUMBER } from './http-harness.js';
import { describeEachDialect, fixedClock } from './registry-dialects.js';

// disposed of on Friday 2026-11-27: reported within 10 working days, by Friday 2026-12-11
const REPORT = 'illegal-content-report@2026-11-27';
// decided on 2026-11-27: applied for within 30 days, on 2026-12-28, in days no notice covers yet
const CHANGE = 'entity-change@2026-11-27';
const RENEWAL = 'renewal@2023-05-03';

interface Occurrence {
  id: string;
  licence?: string;
  dueOn: string;
  actBy: string;
  status: string;
  provisional: boolean;
  workdaysLeft: number | null;
}

describeEachDialect('working days left over HTTP', (dialect) => {
  const h = harnessFor(dialect);
  let clock: ReturnType<typeof fixedClock>;
  beforeAll(async () => {
    clock = h.deps.registry.clock as ReturnType<typeof fixedClock>;
    for (const kind of ['illegal-content-disposed', 'entity-change-decided']) {
      const res = await h.app.inject({
        method: 'POST',
        url: `/api/v1/licences/${SEED}/events`,
        payload: { kind, date: '2026-11-27' },
        headers: bearer(h.tokens.member),
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });

  const licenceOccurrences = async () => {
    const res = await h.app.inject({
      url: `/api/v1/licences/${SEED}/deadlines`,
      headers: bearer(h.tokens.viewer),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ occurrences: Occurrence[] }>().occurrences;
  };
  const organisationOccurrences = async () => {
    const res = await h.app.inject({ url: '/api/v1/deadlines', headers: bearer(h.tokens.viewer) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Occurrence[] }>().items;
  };
  const byId = (list: readonly Occurrence[], id: string) => list.find((o) => o.id === id);

  it('counts the working days in (today, actBy] on Saturday 2026-11-28', async () => {
    clock.set('2026-11-28T02:00:00.000Z');
    for (const list of [await licenceOccurrences(), await organisationOccurrences()]) {
      expect(byId(list, REPORT)).toMatchObject({
        actBy: '2026-12-11',
        status: 'due-soon',
        provisional: false,
        workdaysLeft: 10,
      });
      // the count reaches past 25 December 2026, which the 2027 notice may still change
      expect(byId(list, CHANGE)).toMatchObject({
        actBy: '2026-12-28',
        provisional: true,
        workdaysLeft: 21,
      });
      // long overdue: its last day to act has passed
      expect(byId(list, RENEWAL)).toMatchObject({ status: 'overdue', workdaysLeft: null });
    }
    const items = await organisationOccurrences();
    expect(byId(items, REPORT)?.licence).toBe(SEED_NUMBER);
  });

  it('is 0 on the last day to act, and null the day after', async () => {
    clock.set('2026-12-11T02:00:00.000Z');
    expect(byId(await licenceOccurrences(), REPORT)).toMatchObject({
      status: 'due-soon',
      workdaysLeft: 0,
    });
    clock.set('2026-12-10T02:00:00.000Z');
    expect(byId(await organisationOccurrences(), REPORT)?.workdaysLeft).toBe(1);
    clock.set('2026-12-12T02:00:00.000Z');
    expect(byId(await licenceOccurrences(), REPORT)).toMatchObject({
      status: 'overdue',
      workdaysLeft: null,
    });
  });

  describe('POST /api/v1/licences/{number}/deadlines/{occurrenceId}/done', () => {
    it('answers with the occurrence and its working days left, as the lists give them', async () => {
      clock.set('2026-12-01T02:00:00.000Z');
      const res = await h.app.inject({
        method: 'POST',
        url: `/api/v1/licences/${SEED}/deadlines/${REPORT}/done`,
        payload: { note: '已上报' },
        headers: bearer(h.tokens.member),
      });
      expect(res.statusCode, res.body).toBe(201);
      // Tuesday 1 December: 2, 3, 4, 7 … 11 December are left
      expect(res.json<Occurrence>()).toMatchObject({
        licence: SEED_NUMBER,
        id: REPORT,
        status: 'done',
        workdaysLeft: 8,
      });
      expect(byId(await licenceOccurrences(), REPORT)?.workdaysLeft).toBe(8);
      clock.set('2026-11-28T02:00:00.000Z');
    });
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deadlinesFeed, licenceFeed, occurrenceUid } from '../src/adapters/calendar/ical-feed.js';
import { computeDeadlines } from '../src/app/deadlines/compute-deadlines.js';
import { parseLicenceText } from '../src/core/parse/parse-licence-text.js';
import { FIXTURES } from './fixtures.js';

function report(
  fixture: 'seed' | 'hu',
  today: string,
  events: { kind: string; date: string }[] = [],
) {
  const parsed = parseLicenceText(readFileSync(FIXTURES[fixture], 'utf8'), { baseConfidence: 1 });
  if (!parsed.ok) throw new Error('fixture does not parse');
  return computeDeadlines({ licence: parsed.licence, events, today });
}

const uids = (ics: string) => ics.split(/\r?\n/u).filter((l) => l.startsWith('UID:'));
const stamp = new Date(Date.UTC(2022, 9, 1, 2));

describe('iCalendar feeds', () => {
  it('one all-day event per applicable occurrence, with the explanation', () => {
    const ics = licenceFeed(
      report('seed', '2022-10-01', [{ kind: 'illegal-content-disposed', date: '2022-09-27' }]),
      {
        stamp,
      },
    );
    expect(ics).toContain('DTSTART;VALUE=DATE:20221014');
    expect(ics).toContain('DTSTART;VALUE=DATE:20230202');
    expect(ics).toContain('DTSTAMP:20221001T020000Z');
    expect(ics).toContain('SUMMARY:京B2-20180910 违法信息处置情况上报');
    expect(ics).toContain('STATUS:CONFIRMED');
  });

  it('keeps UIDs when the feed is regenerated on another day', () => {
    const a = licenceFeed(report('seed', '2022-10-01'), { stamp });
    const b = licenceFeed(report('seed', '2022-12-01'), { stamp: new Date() });
    expect(uids(b)).toEqual(uids(a));
    expect(uids(a)).toContain(`UID:${occurrenceUid('京B2-20180910', 'renewal@2023-05-03')}`);
  });

  it('an organisation feed holds several licences with distinct UIDs', () => {
    const ics = deadlinesFeed([report('seed', '2022-10-01'), report('hu', '2022-10-01')], {
      stamp,
      lang: 'en',
    });
    const all = uids(ics);
    expect(new Set(all).size).toBe(all.length);
    expect(all.some((u) => u.includes(encodeURIComponent('京B2-20180910')))).toBe(true);
    expect(all.some((u) => u.includes(encodeURIComponent('沪B2-20200731')))).toBe(true);
    expect(ics).toContain('Apply to renew the licence');
  });

  it('marks a provisional date tentative', () => {
    const r = report('seed', '2026-12-18', [
      { kind: 'illegal-content-disposed', date: '2026-12-18' },
    ]);
    const ics = licenceFeed(r, { stamp });
    expect(ics).toContain('STATUS:TENTATIVE');
    expect(ics).toContain('（暂定）');
  });
});

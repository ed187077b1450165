/**
 * The working-day benchmark (issue 5): `addWorkdays` (prefix counts, constant time) against
 * chinese-days' `findWorkday` (a day-by-day walk) on the same queries in the same run. Both must
 * agree on every query before anything is timed. Target: at least 150× faster at n = 30.
 * Also measured: the explained count (`countWorkdays`, which lists the holidays crossed).
 */
import chineseDays from 'chinese-days';
import { chinaCalendar, countWorkdays } from '../src/core/calendar/index.js';
import { dayNumberOf, isoOfDayNumber } from '../src/core/calendar/day-number.js';
import { interleaved, row, type Benchmark, type BenchRow, type BenchTarget } from './measure.js';

/** Issue 5's target at n = 30. */
const MIN_RATIO_AT_30 = 150;
const QUERIES = 1000;

/**
 * Deterministic queries from 2008 on, ending early enough that every answer stays within the days
 * both calendars are certain of (before 25 December 2026).
 */
function queries(n: number): { date: string; n: number }[] {
  let seed = 20221001;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const from = dayNumberOf('2008-01-01');
  const span = dayNumberOf('2026-12-24') - Math.ceil(n * 1.6) - 40 - from;
  return Array.from({ length: QUERIES }, () => ({
    date: isoOfDayNumber(from + Math.floor(next() * span)),
    n,
  }));
}

let sink = 0;

/** Rows `{ name, value, unit, baseline, ratio }`: queries per second, xuke vs chinese-days. */
export async function runCalendarBench(): Promise<{ rows: BenchRow[]; targets: BenchTarget[] }> {
  const cal = chinaCalendar();
  const rows: BenchRow[] = [];
  const targets: BenchTarget[] = [];
  for (const n of [1, 30, 250]) {
    const qs = queries(n);
    for (const q of qs) {
      const ours = cal.addWorkdays(q.date, q.n).date;
      const theirs = chineseDays.findWorkday(q.n, q.date);
      if (ours !== theirs)
        throw new Error(`disagreement: ${q.date} + ${q.n}: xuke ${ours}, chinese-days ${theirs}`);
    }
    // one operation = all the queries, so the harness's per-call overhead does not count
    const r = await interleaved(
      () => {
        for (const q of qs) sink += cal.addWorkdays(q.date, q.n).date.length;
      },
      () => {
        for (const q of qs) sink += chineseDays.findWorkday(q.n, q.date).length;
      },
      { rounds: 5, roundMs: 300 },
    );
    const ours = r.subject * QUERIES;
    const theirs = r.baseline * QUERIES;
    rows.push(
      row(`workdays: addWorkdays n=${n} vs chinese-days findWorkday`, ours, 'queries/s', theirs),
    );
    if (n === 30) {
      const ratio = ours / theirs;
      targets.push({
        description: `addWorkdays at n=30 ≥ ${MIN_RATIO_AT_30}× chinese-days findWorkday`,
        met: ratio >= MIN_RATIO_AT_30,
        measured: `${ratio.toFixed(0)}× (${(1e6 / ours).toFixed(3)} µs vs ${(1e6 / theirs).toFixed(1)} µs per query)`,
      });
      const explained = await interleaved(
        () => {
          for (const q of qs) sink += countWorkdays(cal, q.date, q.n).explanation.text.length;
        },
        () => {
          for (const q of qs) sink += chineseDays.findWorkday(q.n, q.date).length;
        },
        { rounds: 3, roundMs: 300 },
      );
      rows.push(
        row(
          'workdays: countWorkdays n=30 (with explanation) vs chinese-days findWorkday',
          explained.subject * QUERIES,
          'queries/s',
          explained.baseline * QUERIES,
        ),
      );
    }
  }
  if (sink === -1) console.log(sink);
  return { rows, targets };
}

export const calendarBenchmark: Benchmark = { name: 'calendar', run: runCalendarBench };

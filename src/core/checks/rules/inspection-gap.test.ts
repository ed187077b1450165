import { describe, expect, it } from 'vitest';
import type { Evidence, Inspection, Licence } from '../../licence.js';
import { aLicence, anEvidence, run, seedLicence } from '../licence-builder.test-helpers.js';
import { inspectionGap } from './inspection-gap.js';

const table: Record<string, Evidence> = {
  inspections: anEvidence(120, '电信业务经营许可证年检情况记录表'),
};
const stamp = (year: number): Inspection => ({
  year,
  result: 'passed',
  stampedOn: `${year + 1}-03-20`,
});
const old = (inspections: Inspection[], overrides: Partial<Licence> = {}): Licence =>
  aLicence({
    number: '沪B2-20120301',
    issuedOn: '2012-03-01',
    expiresOn: '2017-03-01',
    inspections,
    ...overrides,
  });

describe('inspection-gap', () => {
  it.each<[string, Licence, Record<string, Evidence>, string]>([
    ['one missing year between stamps', old([stamp(2013), stamp(2015)]), table, '缺少 2014 年度'],
    ['an empty table', old([]), table, '缺少 2013、2014、2015 年度'],
    [
      'a licence in force through 2017 missing its 2016 stamp',
      old([stamp(2013), stamp(2014), stamp(2015)], { expiresOn: '2017-12-31' }),
      table,
      '缺少 2016 年度',
    ],
    ['stamps without evidence of the table', old([stamp(2013)]), {}, '缺少 2014、2015 年度'],
  ])('warns about %s', (_name, licence, evidence, message) => {
    const findings = run(inspectionGap, licence, { evidence });
    expect(findings.map((f) => [f.severity, f.fields])).toEqual([
      ['warning', ['inspections', 'issuedOn']],
    ]);
    expect(findings[0]?.message).toContain(message);
  });

  it.each<[string, Licence, Record<string, Evidence>, string]>([
    // The seed was issued 2022-09-05, under Order 42: 年检 was abolished in 2017, so none ever came
    // due. Its empty table is regime-anachronism's finding, not a gap.
    ['the seed (issued 2022, empty table)', seedLicence(), table, '2026-11-28'],
    ['every year stamped', old([stamp(2013), stamp(2014), stamp(2015)]), table, '2026-11-28'],
    ['a bare record without the table or stamps', old([]), {}, '2026-11-28'],
    [
      'a licence issued in 2016 (its first full year is after the regime)',
      old([], { issuedOn: '2016-06-01', expiresOn: '2021-06-01' }),
      table,
      '2026-11-28',
    ],
    ['a check made before the first inspection’s results were out', old([]), table, '2014-04-30'],
    ['a licence without an issue date', old([], { issuedOn: null }), table, '2026-11-28'],
  ])('says nothing for %s', (_name, licence, evidence, today) => {
    expect(run(inspectionGap, licence, { evidence, today })).toEqual([]);
  });
});

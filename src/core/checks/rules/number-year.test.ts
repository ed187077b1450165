import { describe, expect, it } from 'vitest';
import { aLicence, run } from '../licence-builder.test-helpers.js';
import { numberYear } from './number-year.js';

describe('number-year', () => {
  it.each([
    ['a number year after the issue date', '沪B2-20260001', '2025-07-31', 'error', '2026'],
    ['a renewed licence keeping its older number', '沪B2-20200731', '2025-07-31', 'info', '2020'],
    ['the seed: a 2018 number issued in 2022', '京B2-20180910', '2022-09-05', 'info', '2018'],
  ])('reports %s', (_name, number, issuedOn, severity, year) => {
    const findings = run(numberYear, aLicence({ number, issuedOn }));
    expect(findings.map((f) => f.severity)).toEqual([severity]);
    expect(findings[0]?.message).toContain(year);
    expect(findings[0]?.fields).toEqual(['number', 'issuedOn']);
  });

  it.each([
    ['a number of the issue year', '沪B2-20250731', '2025-07-31'],
    ['a licence without an issue date', '沪B2-20260001', null],
    ['a malformed number (number-format reports it)', '沪B2-2026', '2025-07-31'],
    ['a licence without a number', null, '2025-07-31'],
  ])('says nothing for %s', (_name, number, issuedOn) => {
    expect(run(numberYear, aLicence({ number, issuedOn }))).toEqual([]);
  });
});

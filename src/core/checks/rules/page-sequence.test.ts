import { describe, expect, it } from 'vitest';
import { aLicence, run } from '../licence-builder.test-helpers.js';
import { pageSequence } from './page-sequence.js';

describe('page-sequence', () => {
  it.each([
    [
      'the seed: 23 five times, then 25',
      ['23', '23', '23', '23', '23', '25'],
      ['页码 23 重复 5 次', '缺少第 24 页'],
    ],
    ['a repeated page', ['1', '2', '2'], ['页码 2 重复 2 次']],
    ['skipped pages', ['1', '4'], ['缺少第 2–3 页']],
    ['pages out of order', ['2', '1'], ['第 2 页之后为第 1 页']],
    ['labels printed as - N -', ['- 1 -', '- 3 -'], ['缺少第 2 页']],
  ])('warns about %s', (_name, pageLabels, parts) => {
    const findings = run(pageSequence, aLicence(), { pageLabels });
    expect(findings.map((f) => [f.severity, f.fields])).toEqual([
      ['warning', ['source.pageLabels']],
    ]);
    for (const part of parts) expect(findings[0]?.message).toContain(part);
  });

  it.each([
    ['no page labels (a bare record, an electronic licence)', []],
    ['a single page', ['23']],
    ['pages in sequence', ['1', '2', '3']],
    ['a sequence starting mid-document', ['5', '6', '7']],
    ['labels that are not numbers', ['附页', '附页']],
  ])('says nothing for %s', (_name, pageLabels) => {
    expect(run(pageSequence, aLicence(), { pageLabels })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { aLicence, run } from '../licence-builder.test-helpers.js';
import { numberFormat } from './number-format.js';

describe('number-format', () => {
  it.each([
    ['an unknown province prefix', '泸B2-20200731', 'error', '泸'],
    ['an unknown category', '京B3-20180910', 'error', 'B3'],
    ['a seven-digit tail', 'B2-2011049', 'error', '2011049'],
    ['an ICP filing number in place of a licence number', '京ICP备12345678号', 'error', '京ICP备'],
    ['a variant abbreviation (贵 for 黔)', '贵B2-20110282', 'info', '贵'],
    ['the legacy MII form with a dash after the year', 'B2-2004-0851', 'info', 'B2-2004-0851'],
  ])('reports %s', (_name, number, severity, named) => {
    const findings = run(numberFormat, aLicence({ number }));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: 'number-format', severity, fields: ['number'] });
    expect(findings[0]?.message).toContain(named);
  });

  it.each([
    ['a provincial number', '沪B2-20200731'],
    ['a cross-regional multi-category number', 'B1.B2-20233345'],
    ['a foreign-invested number', '合字B2-20160011'],
    ['a foreign-invested number with three categories', '合字A1.B1.B2-20180017'],
    ['a number mixing basic and value-added categories', 'A2.B1-20050405'],
    ['a Guizhou number with 黔', '黔B2-20160068'],
    ['a full-width number', '京Ｂ２－２０１８０９１０'],
    ['no number at all (the parser notes it)', null],
  ])('accepts %s', (_name, number) => {
    expect(run(numberFormat, aLicence({ number }))).toEqual([]);
  });
});

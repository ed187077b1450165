import { describe, expect, it } from 'vitest';
import type { Licence } from '../../licence.js';
import { aLicence, run } from '../licence-builder.test-helpers.js';
import { notYetValid } from './not-yet-valid.js';

describe('not-yet-valid', () => {
  it.each<[string, Partial<Licence>, string]>([
    ['an issue date after today', { issuedOn: '2026-11-29', expiresOn: '2031-11-29' }, 'issuedOn'],
    [
      'a renewal whose printed range starts after today',
      { issuedOn: '2026-11-01', validFrom: '2026-12-01', expiresOn: '2031-11-30' },
      'validFrom',
    ],
  ])('reports %s', (_name, overrides, field) => {
    const findings = run(notYetValid, aLicence(overrides), { today: '2026-11-28' });
    expect(findings.map((f) => f.severity)).toEqual(['error']);
    expect(findings[0]?.fields).toEqual([field]);
  });

  it.each<[string, Partial<Licence>]>([
    ['a licence issued today', { issuedOn: '2026-11-28' }],
    ['a licence issued in the past', { issuedOn: '2025-07-31' }],
    ['a licence without dates', { issuedOn: null, validFrom: null }],
  ])('says nothing for %s', (_name, overrides) => {
    expect(run(notYetValid, aLicence(overrides), { today: '2026-11-28' })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { aLicence, run } from '../licence-builder.test-helpers.js';
import { expiring } from './expiring.js';

describe('expiring', () => {
  it.each([
    ['90 days before expiry, naming the renewal deadline', '2027-02-26', '剩 90 天', '2026-11-28'],
    ['30 days before expiry', '2026-12-28', '剩 30 天', '2026-09-29'],
    ['on the expiry date', '2026-11-28', '剩 0 天', '2026-08-30'],
  ])('warns %s', (_name, expiresOn, left, renewBy) => {
    const findings = run(expiring, aLicence({ expiresOn }), { today: '2026-11-28' });
    expect(findings.map((f) => f.severity)).toEqual(['warning']);
    expect(findings[0]?.message).toContain(left);
    expect(findings[0]?.message).toContain(renewBy);
  });

  it.each([
    ['91 days before expiry', '2027-02-27'],
    ['after expiry (expired reports it)', '2026-11-27'],
    ['without an expiry date', null],
  ])('says nothing %s', (_name, expiresOn) => {
    expect(run(expiring, aLicence({ expiresOn }), { today: '2026-11-28' })).toEqual([]);
  });
});

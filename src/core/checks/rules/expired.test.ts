import { describe, expect, it } from 'vitest';
import { aLicence, run } from '../licence-builder.test-helpers.js';
import { expired } from './expired.js';

describe('expired', () => {
  it.each([
    ['the seed, 1305 days after expiry', '2023-05-03', '2026-11-28', '已过期 1305 天'],
    ['the day after the expiry date', '2026-11-27', '2026-11-28', '已过期 1 天'],
  ])('reports %s', (_name, expiresOn, today, message) => {
    const findings = run(expired, aLicence({ expiresOn }), { today });
    expect(findings.map((f) => f.severity)).toEqual(['error']);
    expect(findings[0]?.message).toContain(message);
    expect(findings[0]?.message).toContain(expiresOn);
  });

  it.each([
    ['on the expiry date itself (still in force)', '2026-11-28'],
    ['before expiry', '2030-07-31'],
    ['without an expiry date', null],
  ])('says nothing %s', (_name, expiresOn) => {
    expect(run(expired, aLicence({ expiresOn }), { today: '2026-11-28' })).toEqual([]);
  });
});

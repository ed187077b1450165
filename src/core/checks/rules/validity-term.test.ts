import { describe, expect, it } from 'vitest';
import type { Licence } from '../../licence.js';
import { aLicence, anEvidence, run } from '../licence-builder.test-helpers.js';
import { validityTerm } from './validity-term.js';

describe('validity-term', () => {
  it('reports the seed term in days, as the spec words it, quoting both date lines', () => {
    const findings = run(
      validityTerm,
      aLicence({ issuedOn: '2022-09-05', expiresOn: '2023-05-03' }),
      {
        evidence: {
          issuedOn: anEvidence(23, '发证日期：2022年09月05日'),
          expiresOn: anEvidence(25, '有效期至：2023年05月3日'),
        },
      },
    );
    expect(findings).toEqual([
      {
        ruleId: 'validity-term',
        severity: 'error',
        message: '有效期 240 天，增值电信业务经营许可证有效期为 5 年',
        messageEn: 'Validity is 240 days; a value-added telecom licence runs 5 years',
        fields: ['issuedOn', 'expiresOn'],
        evidence: [
          { line: 23, text: '发证日期：2022年09月05日' },
          { line: 25, text: '有效期至：2023年05月3日' },
        ],
        basis: validityTerm.basis,
        basisEn: validityTerm.basisEn,
      },
    ]);
  });

  it.each<[string, Partial<Licence>, string]>([
    [
      'a 10-year value-added licence',
      { issuedOn: '2025-07-31', expiresOn: '2035-07-31' },
      '有效期 3652 天',
    ],
    ['a 3-year term', { issuedOn: '2025-07-31', expiresOn: '2028-07-31' }, '有效期 1096 天'],
    ['5 years and 2 days', { issuedOn: '2025-07-31', expiresOn: '2030-08-02' }, '有效期 1828 天'],
    [
      'an expiry before the issue date',
      { issuedOn: '2025-07-31', expiresOn: '2025-07-30' },
      '早于发证日期',
    ],
    [
      'a cross-regional licence of 6 years',
      {
        kind: 'vats-cross-regional',
        number: 'B2-20230001',
        issuer: '工业和信息化部',
        issuedOn: '2023-01-01',
        expiresOn: '2029-01-01',
      },
      '增值电信业务经营许可证有效期为 5 年',
    ],
    [
      'a basic licence of 7 years',
      { kind: 'basic', number: 'A2.B1-20200001', issuedOn: '2020-01-01', expiresOn: '2027-01-01' },
      '5 年或 10 年',
    ],
    [
      'a value-added licence of unknown kind (number all B) of 10 years',
      { kind: null, issuedOn: '2025-07-31', expiresOn: '2035-07-31' },
      '有效期为 5 年',
    ],
  ])('reports %s', (_name, overrides, message) => {
    const findings = run(validityTerm, aLicence(overrides));
    expect(findings.map((f) => f.severity)).toEqual(['error']);
    expect(findings[0]?.message).toContain(message);
  });

  it.each<[string, Partial<Licence>]>([
    ['exactly 5 years', { issuedOn: '2025-07-31', expiresOn: '2030-07-31' }],
    [
      '5 years ending the day before the anniversary',
      { issuedOn: '2023-03-09', expiresOn: '2028-03-08' },
    ],
    ['5 years and one day (tolerance)', { issuedOn: '2023-03-09', expiresOn: '2028-03-10' }],
    [
      'a leap-day start (2024-02-29 → 2029-02-28)',
      { issuedOn: '2024-02-29', expiresOn: '2029-02-28' },
    ],
    [
      'a printed range that starts after the issue date',
      { issuedOn: '2025-07-20', validFrom: '2025-08-01', expiresOn: '2030-07-31' },
    ],
    [
      'a basic licence of 10 years',
      { kind: 'basic', number: 'A1.A2-20050005', issuedOn: '2015-01-05', expiresOn: '2025-01-05' },
    ],
    [
      'a basic licence of 5 years',
      { kind: 'basic', number: 'A2.B1-20200001', issuedOn: '2020-01-01', expiresOn: '2025-01-01' },
    ],
    [
      'a licence of unknown kind and unreadable number',
      { kind: null, number: '??', issuedOn: '2025-07-31', expiresOn: '2035-07-31' },
    ],
    ['a licence without an expiry date', { expiresOn: null }],
    ['a licence without any start date', { issuedOn: null, validFrom: null }],
    ['a registry record with an impossible date', { expiresOn: '2030-02-30' }],
  ])('accepts %s', (_name, overrides) => {
    expect(run(validityTerm, aLicence(overrides))).toEqual([]);
  });
});

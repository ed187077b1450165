import { describe, expect, it } from 'vitest';
import { emptyLicence } from '../../licence.js';
import { aLicence, anEvidence, run } from '../licence-builder.test-helpers.js';
import { unreadable } from './unreadable.js';

describe('unreadable', () => {
  it('is an error naming 业务种类 for a document read with no services', () => {
    const findings = run(unreadable, aLicence({ services: [] }), { document: true });
    expect(findings.map((f) => [f.severity, f.fields])).toEqual([['error', ['services']]]);
    expect(findings[0]?.message).toContain('业务种类');
    expect(findings[0]?.messageEn).toContain('services');
  });

  it('names each part a document was read without, in the record’s order', () => {
    const licence = { ...emptyLicence(), number: '沪B2-20250731' };
    const findings = run(unreadable, licence, { document: true });
    expect(findings.map((f) => f.fields)).toEqual([
      ['holder.name'],
      ['services'],
      ['issuedOn', 'validFrom'],
      ['expiresOn'],
    ]);
    expect(findings.map((f) => f.message.match(/读出(\S+?)：/u)?.[1])).toEqual([
      '公司名称',
      '业务种类',
      '发证日期',
      '有效期至',
    ]);
  });

  it('takes a printed start of validity for the issue date, and blank text for none', () => {
    const ranged = aLicence({ issuedOn: null, validFrom: '2025-07-31' });
    expect(run(unreadable, ranged, { document: true })).toEqual([]);
    const blankHolder = aLicence({ holder: { ...aLicence().holder, name: '  ' } });
    expect(run(unreadable, blankHolder, { document: true }).map((f) => f.fields)).toEqual([
      ['holder.name'],
    ]);
  });

  it('quotes the evidence it has, and says nothing about a document read whole', () => {
    const findings = run(unreadable, aLicence({ number: null }), {
      document: true,
      evidence: { number: anEvidence(3, '经营许可证编号：') },
    });
    expect(findings[0]?.evidence).toEqual([{ line: 3, text: '经营许可证编号：' }]);
    expect(run(unreadable, aLicence(), { document: true })).toEqual([]);
  });

  it('says nothing about a bare registry record, which was not read here', () => {
    expect(run(unreadable, { ...emptyLicence(), number: '沪B2-20250731' })).toEqual([]);
  });
});

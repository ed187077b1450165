import { describe, expect, it } from 'vitest';
import type { Signature } from '../../licence.js';
import { aLicence, aSignature, run } from '../licence-builder.test-helpers.js';
import { signatureDate } from './signature-date.js';

describe('signature-date', () => {
  it.each<[string, Signature[], string[]]>([
    [
      'the seed’s 公司代表 block dated years before issue',
      [aSignature({ name: '李国杰' }), aSignature({ role: '公司代表', date: '2018-06-06' })],
      ['signatures[1].date'],
    ],
    [
      'an official’s block dated after issue',
      [aSignature({ name: '王明', date: '2025-08-01' })],
      ['signatures[0].date'],
    ],
  ])('warns about %s', (_name, signatures, fields) => {
    const findings = run(signatureDate, aLicence({ issuedOn: '2025-07-31', signatures }));
    expect(findings.map((f) => [f.severity, f.fields[0]])).toEqual(
      fields.map((f) => ['warning', f]),
    );
  });

  it('names both dates', () => {
    const [finding] = run(
      signatureDate,
      aLicence({
        issuedOn: '2022-09-05',
        signatures: [aSignature({ role: '公司代表', date: '2018-06-06' })],
      }),
    );
    expect(finding?.message).toBe('签署栏“公司代表”的日期 2018-06-06 与发证日期 2022-09-05 不一致');
  });

  it.each<[string, string | null, Signature[]]>([
    ['a block dated on the issue date', '2025-07-31', [aSignature({ date: '2025-07-31' })]],
    [
      'undated blocks (年 月 日 left blank)',
      '2025-07-31',
      [aSignature(), aSignature({ role: '公司代表' })],
    ],
    ['no signature blocks (an electronic licence)', '2025-07-31', []],
    ['a licence without an issue date', null, [aSignature({ date: '2018-06-06' })]],
  ])('says nothing for %s', (_name, issuedOn, signatures) => {
    expect(run(signatureDate, aLicence({ issuedOn, signatures }))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Signature } from '../../licence.js';
import { aLicence, aSignature, run } from '../licence-builder.test-helpers.js';
import { isIssuingOfficialRole, signatoryIsHolder } from './signatory-is-holder.js';

const holder = (legalRepresentative: string | null) => ({
  name: '云智联网络科技（北京）有限公司',
  legalRepresentative,
  creditCode: null,
  address: null,
});

describe('signatory-is-holder', () => {
  it.each<[string, string, Signature[], string]>([
    [
      'the seed: 司(局)负责人 李国杰, legal representative 李国杰',
      '李国杰',
      [aSignature({ name: '李国杰' })],
      'signatures[0].name',
    ],
    [
      'the name spaced out by PDF extraction',
      '李国杰',
      [aSignature({ name: '李 国 杰' })],
      'signatures[0].name',
    ],
    [
      'a 签发人 block',
      '陈思远',
      [aSignature({ role: '签发人', name: '陈思远' })],
      'signatures[0].name',
    ],
    [
      'the official’s block after the company’s',
      '陈思远',
      [
        aSignature({ role: '公司代表', name: '陈思远' }),
        aSignature({ role: '局负责人', name: '陈思远' }),
      ],
      'signatures[1].name',
    ],
  ])('warns for %s', (_name, representative, signatures, field) => {
    const findings = run(
      signatoryIsHolder,
      aLicence({ holder: holder(representative), signatures }),
    );
    expect(findings.map((f) => [f.severity, f.fields])).toEqual([
      ['warning', [field, 'holder.legalRepresentative']],
    ]);
  });

  it.each<[string, string | null, Signature[]]>([
    ['a different official', '李国杰', [aSignature({ name: '王明' })]],
    [
      'the legal representative signing as 公司代表',
      '李国杰',
      [aSignature({ role: '公司代表', name: '李国杰' })],
    ],
    ['an unsigned official block', '李国杰', [aSignature({ name: null })]],
    ['no legal representative printed', null, [aSignature({ name: '李国杰' })]],
    ['no signature blocks', '李国杰', []],
  ])('says nothing for %s', (_name, representative, signatures) => {
    expect(
      run(signatoryIsHolder, aLicence({ holder: holder(representative), signatures })),
    ).toEqual([]);
  });

  it.each([
    ['司(局)负责人', true],
    ['局负责人', true],
    ['签发人', true],
    ['公司代表', false],
    ['企业代表', false],
  ])('reads %s as an issuing official: %s', (role, expected) => {
    expect(isIssuingOfficialRole(role)).toBe(expected);
  });
});

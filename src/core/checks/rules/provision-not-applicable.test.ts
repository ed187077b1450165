import { describe, expect, it } from 'vitest';
import type { LicensedService, Provision } from '../../licence.js';
import {
  aLicence,
  aProvision,
  aService,
  run,
  seedLicence,
} from '../licence-builder.test-helpers.js';
import { provisionNotApplicable } from './provision-not-applicable.js';

const excluding = aService({ excludes: ['信息搜索查询服务', '信息即时交互服务'] });

describe('provision-not-applicable', () => {
  it('notes the seed’s provisions 15.12 and 15.14, one finding each', () => {
    const findings = run(provisionNotApplicable, seedLicence());
    expect(findings.map((f) => [f.severity, f.fields])).toEqual([
      ['info', ['provisions[26]', 'services[0].excludes']],
      ['info', ['provisions[28]', 'services[0].excludes']],
    ]);
    expect(findings[0]?.message).toContain('第 15.12 项');
    expect(findings[1]?.message).toContain('信息即时交互服务');
  });

  it.each<[string, LicensedService[], Provision]>([
    ['an excluded service', [excluding], aProvision('12', '…', '信息搜索查询服务')],
    [
      'an exclusion written with 业务',
      [aService({ excludes: ['信息搜索查询服务业务'] })],
      aProvision('12', '…', '信息搜索查询服务'),
    ],
  ])('notes a provision for %s', (_name, services, provision) => {
    expect(
      run(provisionNotApplicable, aLicence({ services, provisions: [provision] })).map(
        (f) => f.severity,
      ),
    ).toEqual(['info']);
  });

  it.each<[string, LicensedService[], Provision]>([
    [
      'a service the licence does not exclude',
      [excluding],
      aProvision('13', '…', '信息社区平台服务'),
    ],
    ['a provision for everyone', [excluding], aProvision('1', '…', null)],
    [
      'a service one entry excludes and another includes',
      [
        excluding,
        aService({
          name: '信息服务业务',
          qualifier: '不含互联网信息服务',
          includes: ['信息搜索查询服务'],
        }),
      ],
      aProvision('12', '…', '信息搜索查询服务'),
    ],
    [
      'a vague exclusion that only shares a prefix',
      [aService({ excludes: ['信息'] })],
      aProvision('12', '…', '信息搜索查询服务'),
    ],
  ])('says nothing for %s', (_name, services, provision) => {
    expect(run(provisionNotApplicable, aLicence({ services, provisions: [provision] }))).toEqual(
      [],
    );
  });
});

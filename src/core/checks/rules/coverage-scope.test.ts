import { describe, expect, it } from 'vitest';
import type { Licence } from '../../licence.js';
import { aLicence, aService, run } from '../licence-builder.test-helpers.js';
import { coverageScope } from './coverage-scope.js';

const national = (coverage: string[], overrides: Partial<Licence> = {}): Licence =>
  aLicence({
    kind: 'vats-cross-regional',
    number: 'B2-20233776',
    issuer: '工业和信息化部',
    issuedOn: '2023-01-01',
    expiresOn: '2028-01-01',
    services: [aService({ coverage })],
    ...overrides,
  });

describe('coverage-scope', () => {
  it.each<[string, Licence, string]>([
    [
      'a provincial licence covering 全国',
      aLicence({ services: [aService({ coverage: ['全国'] })] }),
      'error',
    ],
    [
      'a provincial licence covering a second province',
      aLicence({ services: [aService({ coverage: ['上海市', '江苏省'] })] }),
      'error',
    ],
    [
      'a provincial licence covering another province only',
      aLicence({
        number: '京B2-20250001',
        issuer: '北京市通信管理局',
        services: [aService({ coverage: ['广东（广州、深圳）'] })],
      }),
      'error',
    ],
    [
      'a provincial licence without a readable number but a provincial issuer',
      aLicence({ number: null, services: [aService({ coverage: ['全国'] })] }),
      'error',
    ],
    ['a cross-regional licence covering one province', national(['上海市']), 'warning'],
    [
      'a cross-regional licence (no number) covering one province in two spellings',
      national(['北京', '北京市'], { number: null }),
      'warning',
    ],
  ])('reports %s', (_name, licence, severity) => {
    expect(run(coverageScope, licence).map((f) => f.severity)).toEqual([severity]);
  });

  it('names the services and the regions outside the province', () => {
    const [finding] = run(
      coverageScope,
      aLicence({ services: [aService({ coverage: ['上海市', '江苏省'] })] }),
    );
    expect(finding?.message).toContain('江苏省');
    expect(finding?.message).not.toContain('上海市、');
    expect(finding?.fields).toEqual(['services[0].coverage', 'number']);
  });

  it.each<[string, Licence]>([
    [
      'a provincial licence covering its province',
      aLicence({ services: [aService({ coverage: ['上海市'] })] }),
    ],
    ['the province written short', aLicence({ services: [aService({ coverage: ['上海'] })] })],
    [
      'a district of the province',
      aLicence({ services: [aService({ coverage: ['上海市（浦东新区）'] })] }),
    ],
    ['a city xuke cannot place', aLicence({ services: [aService({ coverage: ['浦东新区'] })] })],
    [
      'cross-regional coverage over three provinces',
      national(['北京', '上海', '广东（广州、深圳）']),
    ],
    ['cross-regional 全国', national(['全国'])],
    [
      'cross-regional: one service in one province, another 全国',
      national([], {
        services: [
          aService({ code: 'B11', name: '互联网数据中心业务', coverage: ['北京市'] }),
          aService({ coverage: ['全国'] }),
        ],
      }),
    ],
    ['cross-regional: one province plus a city it cannot place', national(['北京市', '深圳市'])],
    [
      'a foreign-invested licence covering one province (MIIT issues every 合字 licence)',
      national(['北京市'], { kind: 'vats', number: '合字B2-20160011' }),
    ],
    [
      'no coverage (coverage-missing reports it)',
      aLicence({ services: [aService({ coverage: [] })] }),
    ],
    [
      'a basic licence covering one province',
      national(['北京市'], { kind: 'basic', number: 'A2.B1-20160192' }),
    ],
  ])('accepts %s', (_name, licence) => {
    expect(run(coverageScope, licence)).toEqual([]);
  });
});

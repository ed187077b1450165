import { describe, expect, it } from 'vitest';
import { aLicence, aService, anEvidence, run } from '../licence-builder.test-helpers.js';
import { coverageMissing } from './coverage-missing.js';

describe('coverage-missing', () => {
  it('warns about the seed’s service without coverage, quoting the service line', () => {
    const findings = run(coverageMissing, aLicence({ services: [aService({ coverage: [] })] }), {
      evidence: {
        'services[0].coverage': anEvidence(15, '业务种类（服务项目）及覆盖范围：信息服务业务…'),
      },
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      severity: 'warning',
      fields: ['services[0].coverage'],
      evidence: [{ line: 15, text: '业务种类（服务项目）及覆盖范围：信息服务业务…' }],
    });
    expect(findings[0]?.message).toContain('信息服务业务');
  });

  it.each([
    [
      'one of two services',
      [
        aService({ code: 'B11', name: '互联网数据中心业务', coverage: ['上海市'] }),
        aService({ coverage: [] }),
      ],
      ['services[1].coverage'],
    ],
    ['a coverage of blank strings', [aService({ coverage: [' '] })], ['services[0].coverage']],
  ])('warns for %s', (_name, services, fields) => {
    const findings = run(coverageMissing, aLicence({ services }));
    expect(findings.map((f) => [f.severity, f.fields])).toEqual([['warning', fields]]);
  });

  it.each([
    ['a service with coverage', [aService({ coverage: ['上海市'] })]],
    ['nationwide coverage', [aService({ coverage: ['全国'] })]],
    ['no services (the parser notes it)', []],
  ])('says nothing for %s', (_name, services) => {
    expect(run(coverageMissing, aLicence({ services }))).toEqual([]);
  });
});

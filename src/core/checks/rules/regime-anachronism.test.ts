import { describe, expect, it } from 'vitest';
import type { Evidence, Licence } from '../../licence.js';
import { aLicence, aProvision, anEvidence, run } from '../licence-builder.test-helpers.js';
import { regimeAnachronism } from './regime-anachronism.js';

const inspectionProvision = aProvision(
  '14',
  '你公司应当在每年第一季度参加电信主管部门组织的经营许可证年检。',
);
const table: Record<string, Evidence> = {
  inspections: anEvidence(162, '电信业务经营许可证年检情况记录表'),
};

describe('regime-anachronism', () => {
  it.each<[string, Partial<Licence>, Record<string, Evidence>, string[]]>([
    [
      'the seed: issued 2022 with a 年检 provision and an empty inspection table',
      { issuedOn: '2022-09-05', provisions: [inspectionProvision] },
      table,
      ['issuedOn', 'inspections', 'provisions[0]'],
    ],
    ['only the inspection table', { issuedOn: '2022-09-05' }, table, ['issuedOn', 'inspections']],
    [
      'only a 年检 provision',
      { issuedOn: '2022-09-05', provisions: [inspectionProvision] },
      {},
      ['issuedOn', 'provisions[0]'],
    ],
    [
      'a stamped inspection on a record without evidence',
      {
        issuedOn: '2019-01-10',
        inspections: [{ year: 2019, result: 'passed', stampedOn: '2020-03-01' }],
      },
      {},
      ['issuedOn', 'inspections'],
    ],
    [
      'a licence issued on the day Order 42 took effect',
      { issuedOn: '2017-09-01', provisions: [inspectionProvision] },
      {},
      ['issuedOn', 'provisions[0]'],
    ],
  ])('warns about %s', (_name, overrides, evidence, fields) => {
    const findings = run(regimeAnachronism, aLicence(overrides), { evidence });
    expect(findings.map((f) => [f.severity, f.fields])).toEqual([['warning', fields]]);
  });

  it('quotes the table and the provision lines and names the provision', () => {
    const [finding] = run(
      regimeAnachronism,
      aLicence({ issuedOn: '2022-09-05', provisions: [inspectionProvision] }),
      {
        evidence: {
          ...table,
          'provisions[0]': anEvidence(
            98,
            '十四、你公司应当在每年第一季度参加电信主管部门组织的经营许可证年检。',
          ),
        },
      },
    );
    expect(finding?.message).toContain('第 14 项');
    expect(finding?.evidence.map((e) => e.line)).toEqual([162, 98]);
  });

  it.each<[string, Partial<Licence>, Record<string, Evidence>]>([
    ['a post-2017 licence with the annual report provision', {}, {}],
    [
      'a licence issued the day before Order 42 with its table',
      { issuedOn: '2017-08-31', provisions: [inspectionProvision] },
      table,
    ],
    [
      'a licence without an issue date',
      { issuedOn: null, provisions: [inspectionProvision] },
      table,
    ],
    [
      'a provision about the change from 年检 to 年报',
      {
        provisions: [
          aProvision('10', '原经营许可证年检制度已调整为年报制度，你公司应当按时报送年报信息。'),
        ],
      },
      {},
    ],
  ])('says nothing for %s', (_name, overrides, evidence) => {
    expect(run(regimeAnachronism, aLicence(overrides), { evidence })).toEqual([]);
  });
});

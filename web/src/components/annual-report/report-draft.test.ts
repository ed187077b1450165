import { describe, expect, it } from 'vitest';
import { COMPLETE, apiReport } from './report.fixture';
import { answersOf, draftOf, figure, withField, withPublication } from './report-draft';

describe('the editor’s model of a report', () => {
  it('reads every field as text and gives the same answers back', () => {
    const report = apiReport({
      answers: { ...COMPLETE, '1': { ...COMPLETE['1'], secretFields: ['revenue'] } },
    });
    const draft = draftOf(report);
    expect(draft['1']?.fields).toEqual({
      revenue: '1234.5',
      usersByService: { B25: '5200' },
      operations: '经营门户网站',
    });
    expect(draft['1']?.secretFields).toEqual(['revenue']);
    expect(answersOf(draft, report)).toEqual({
      '1': {
        fields: { revenue: 1234.5, usersByService: { B25: 5200 }, operations: '经营门户网站' },
        secretFields: ['revenue'],
      },
      '2': { fields: { staff: 42, network: '机房一处，带宽 1 Gbps', changes: '无' } },
      '3': { fields: { complaints: 12, complaintsResolved: 12, quality: '7×24 客服热线' } },
      '4': { fields: { measures: '信息安全管理制度已执行', incidents: 0 } },
      '5': { fields: { compliance: '逐项执行特别规定事项' }, public: false },
      '6': { fields: {}, public: false },
    });
  });

  it('has a row per licensed service, empty when not yet given', () => {
    const draft = draftOf(apiReport());
    expect(draft['1']?.fields['usersByService']).toEqual({ B25: '' });
    expect(answersOf(draft, apiReport())['1']).toEqual({ fields: {} });
  });

  it.each([
    ['1,234.5', 1234.5],
    ['１２３', 123],
    [' 42 ', 42],
    ['', undefined],
    ['约 5 万', '约 5 万'],
  ] as const)('reads the figure %j as %j', (typed, read) => {
    expect(figure(typed)).toBe(read);
  });

  it('publishes items 5–6 by choice, and withholds fields of 1–3 only', () => {
    const report = apiReport();
    let draft = withField(draftOf(report), 5, 'compliance', '按期执行');
    draft = withPublication(draft, 5, { public: true });
    draft = withPublication(draft, 2, { secret: 'staff', on: true });
    draft = withPublication(draft, 2, { secret: 'network', on: true });
    draft = withPublication(draft, 2, { secret: 'staff', on: false });
    const sent = answersOf(draft, report);
    expect(sent['5']).toEqual({ fields: { compliance: '按期执行' }, public: true });
    expect(sent['2']).toEqual({ fields: {}, secretFields: ['network'] });
    expect(sent['4']).toEqual({ fields: {} });
  });
});

/**
 * The annual report's core: the six items' validation against the licence's services, the
 * published part (art. 35 para. 2), the pre-filled facts, and the cycle's dates.
 */
import { describe, expect, it } from 'vitest';
import { chinaCalendar } from '../calendar/index.js';
import { addMonths, countMonths } from '../calendar/explain.js';
import { aLicence, aService } from '../checks/licence-builder.test-helpers.js';
import { filingWindow, listingDeadline, mustReport } from './cycle.js';
import { REPORT_ITEMS } from './items.js';
import { changedParts, prefillReport } from './prefill.js';
import { emptyAnswers, publicPart, validateAnswers, type Answers } from './report.js';

const licence = aLicence({
  services: [
    aService({ code: 'B25', name: '信息服务业务', coverage: ['北京市'] }),
    aService({ code: 'B21', name: '在线数据处理与交易处理业务', coverage: ['北京市'] }),
  ],
});

function complete(overrides: Partial<Record<string, Record<string, unknown>>> = {}): Answers {
  const base = emptyAnswers();
  const fields: Record<string, Record<string, unknown>> = {
    '1': { revenue: 10.25, usersByService: { B25: 1, B21: 0 }, operations: '开展' },
    '2': { staff: 3, network: '无', changes: '无' },
    '3': { complaints: 2, complaintsResolved: 2, quality: '热线' },
    '4': { measures: '制度', incidents: 0 },
    '5': { compliance: '均已执行' },
    '6': {},
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(base).map(([k, v]) => [k, { ...v, fields: fields[k] ?? {} }]),
  ) as unknown as Answers;
}

describe('validateAnswers', () => {
  it('accepts a complete report', () => {
    expect(validateAnswers(complete(), licence)).toEqual([]);
  });

  it('names every required field of an empty report, by item', () => {
    const problems = validateAnswers(emptyAnswers(), licence);
    const required = REPORT_ITEMS.flatMap((i) =>
      i.fields.filter((f) => f.required).map((f) => `${i.no}:${f.key}`),
    );
    expect(problems.map((p) => `${p.item}:${p.field ?? ''}`)).toEqual(required);
    expect(problems[0]?.message).toBe('第1项“电信业务收入（万元）”：必填');
    expect(problems[0]?.messageEn).toBe(
      'Item 1, “Telecommunications business revenue (10,000 yuan)”: required',
    );
  });

  it('holds users to the licence’s services: none missing, none extra', () => {
    const problems = validateAnswers(
      complete({ '1': { revenue: 1, operations: 'x', usersByService: { B25: 5, B26: 3 } } }),
      licence,
    );
    expect(problems.map((p) => p.code).sort()).toEqual(['missing-service', 'unknown-service']);
    expect(problems.find((p) => p.code === 'unknown-service')?.message).toContain('B26');
    expect(problems.find((p) => p.code === 'missing-service')?.message).toContain('B21');
  });

  it.each([
    [{ staff: -1 }, 'negative'],
    [{ staff: 2.5 }, 'not-whole'],
    [{ staff: '3' }, 'not-a-number'],
  ])('refuses a count of %j (%s)', (bad, code) => {
    const problems = validateAnswers(
      complete({ '2': { network: '无', changes: '无', ...bad } }),
      licence,
    );
    expect(problems.map((p) => p.code)).toEqual([code]);
  });

  it('takes money to two decimals only', () => {
    const ok = complete({
      '1': { revenue: 0.07, operations: 'x', usersByService: { B25: 1, B21: 0 } },
    });
    expect(validateAnswers(ok, licence)).toEqual([]);
    const bad = complete({
      '1': { revenue: 0.075, operations: 'x', usersByService: { B25: 1, B21: 0 } },
    });
    expect(validateAnswers(bad, licence).map((p) => p.code)).toEqual(['too-precise']);
  });

  it('checks figures against each other: resolved ≤ received, incidents need an account', () => {
    const p = validateAnswers(
      complete({
        '3': { complaints: 2, complaintsResolved: 3, quality: 'x' },
        '4': { measures: 'x', incidents: 1 },
      }),
      licence,
    );
    expect(p.map((x) => [x.item, x.field, x.code])).toEqual([
      [3, 'complaintsResolved', 'inconsistent'],
      [4, 'incidentAccount', 'required'],
    ]);
  });

  it('lets only items 1–3 withhold fields, and only fields they have', () => {
    const a = complete();
    const withSecrets = {
      ...a,
      '1': { ...a['1'], secretFields: ['revenue', 'nope'] },
      '4': { ...a['4'], secretFields: ['measures'] },
    } as Answers;
    expect(validateAnswers(withSecrets, licence).map((p) => [p.item, p.code])).toEqual([
      [1, 'unknown-field'],
      [4, 'not-secret-able'],
    ]);
  });
});

describe('publicPart', () => {
  it('publishes items 1–3 less withheld fields, 5–6 when chosen, never 4', () => {
    const a = complete();
    const answers = {
      ...a,
      '1': { ...a['1'], secretFields: ['revenue'] },
      '5': { ...a['5'], public: true },
      '4': { ...a['4'], public: true },
    } as Answers;
    const shown = publicPart(answers);
    expect(shown.map((i) => i.no)).toEqual([1, 2, 3, 5]);
    expect(shown[0]?.fields).not.toHaveProperty('revenue');
    expect(shown[0]?.withheld).toEqual(['电信业务收入（万元）']);
    expect(publicPart(complete()).map((i) => i.no)).toEqual([1, 2, 3]);
  });
});

describe('prefillReport', () => {
  it('lays the year’s facts under their items and counts the obligations met, late and missed', () => {
    const p = prefillReport({
      year: 2025,
      licence,
      lifecycleEvents: [
        { kind: 'changed', on: '2025-06-01', note: '网站变更', version: 2 },
        { kind: 'changed', on: '2024-06-01', note: '去年的', version: 1 },
      ],
      changes: [{ version: 2, on: '2025-06-01', fields: ['网站'] }],
      obligationEvents: [
        { kind: 'incident', date: '2025-03-02', note: '断网两小时' },
        { kind: 'local-info-changed', date: '2025-08-09', note: null },
        { kind: 'incident', date: '2026-01-02', note: '次年的' },
      ],
      occurrences: [
        {
          id: 'a@1',
          title: '甲',
          titleEn: 'A',
          dueOn: '2025-03-02',
          doneOn: '2025-03-02',
          status: 'done',
        },
        {
          id: 'b@1',
          title: '乙',
          titleEn: 'B',
          dueOn: '2025-09-08',
          doneOn: '2025-09-20',
          status: 'done',
        },
        {
          id: 'c@1',
          title: '丙',
          titleEn: 'C',
          dueOn: '2025-11-01',
          doneOn: null,
          status: 'overdue',
        },
        {
          id: 'd@1',
          title: '丁',
          titleEn: 'D',
          dueOn: '2026-03-31',
          doneOn: null,
          status: 'pending',
        },
      ],
    });
    expect(p.services).toEqual([
      { key: 'B25', name: '信息服务业务' },
      { key: 'B21', name: '在线数据处理与交易处理业务' },
    ]);
    expect(p.facts['1'].map((f) => f.text)).toContain(
      '许可业务 B25 信息服务业务（仅限互联网信息服务），业务覆盖范围：北京市',
    );
    expect(p.facts['2'].map((f) => f.text)).toEqual([
      '2025-06-01 经营许可证变更：网站变更',
      '2025-06-01 第 2 版记录变更了：网站',
      '2025-08-09 当地经营或客户服务机构信息变更',
    ]);
    expect(p.facts['4'].map((f) => f.text)).toEqual([
      '2025-03-02 发生网络与信息安全事件：断网两小时',
    ]);
    expect(String(p.suggested['5']['compliance'])).toContain(
      '本年度到期的期限事项 3 项：按期完成 1 项，逾期完成 1 项，未完成 1 项。',
    );
    expect(p.facts['5'].map((f) => f.text).slice(0, 3)).toEqual([
      '甲：按期完成（2025-03-02）',
      '乙：逾期完成（2025-09-20，应于 2025-09-08 前）',
      '丙：未完成（应于 2025-11-01 前）',
    ]);
    expect(p.suggested['2']).toEqual({
      changes:
        '2025-06-01 经营许可证变更：网站变更\n2025-06-01 第 2 版记录变更了：网站\n2025-08-09 当地经营或客户服务机构信息变更',
    });
  });

  it('names the parts of a record that changed', () => {
    const after = { ...licence, websites: [], expiresOn: '2031-01-01' };
    expect(changedParts(licence, after).zh).toEqual(['网站', '有效期']);
    expect(changedParts(licence, licence).zh).toEqual([]);
  });
});

describe('the cycle’s dates', () => {
  it('binds a licence obtained by the year’s end and valid when the window opens', () => {
    const term = { issuedOn: '2025-12-31', validFrom: null, expiresOn: '2030-12-31' };
    expect(mustReport(term, 2025)).toBe(true);
    expect(mustReport({ ...term, issuedOn: '2026-01-01' }, 2025)).toBe(false);
    expect(mustReport({ ...term, expiresOn: '2025-12-31' }, 2025)).toBe(false);
    expect(mustReport({ ...term, expiresOn: '2026-01-01' }, 2025)).toBe(true);
    expect(filingWindow(2025)).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(listingDeadline('2026-05-11')).toBe('2026-06-10');
  });

  it.each([
    ['2026-04-03', '2026-05-03'],
    ['2026-01-31', '2026-02-28'],
    ['2024-01-31', '2024-02-29'],
    ['2025-12-15', '2026-01-15'],
  ])('one month from %s is %s (Civil Code art. 202)', (from, to) => {
    expect(addMonths(from, 1)).toBe(to);
  });

  it('moves a month ending on a statutory rest day to the day after the rest (art. 203)', () => {
    const cal = chinaCalendar();
    const r = countMonths(cal, '2026-04-03', 1);
    expect(r.date).toBe('2026-05-06');
    expect(r.explanation.rule).toBe('calendar-months');
    expect(r.explanation.basis).toContain('第二百零二条');
    expect(r.explanation.text).toContain('顺延至休假结束的次日 2026-05-06');
    expect(countMonths(cal, '2026-06-10', 1).date).toBe('2026-07-10');
  });
});

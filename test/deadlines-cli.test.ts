import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { xuke } from './run-cli.js';

const SEED = fileURLToPath(new URL('../fixtures/seed/jing-b2-20180910.txt', import.meta.url));
const ACCEPTANCE = [
  'deadlines',
  SEED,
  '--json',
  '--today',
  '2022-10-01',
  '--event',
  'illegal-content-disposed=2022-09-27',
  '--event',
  'entity-change-decided=2022-09-01',
];

interface JsonOccurrence {
  id: string;
  obligation: string;
  dueOn: string;
  status: string;
  explanation: { rule: string; text: string; textEn: string; notices: string[] };
}

describe('xuke deadlines (the seed acceptance command of issue 5)', () => {
  const r = xuke(ACCEPTANCE);
  const report = JSON.parse(r.stdout) as {
    schema: string;
    occurrences: JsonOccurrence[];
    provisions: { id: string; applicable: boolean; reason: string }[];
  };
  const due = (obligation: string) => report.occurrences.find((o) => o.obligation === obligation);

  it('exits 0 with xuke.deadlines/v1', () => {
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(report.schema).toBe('xuke.deadlines/v1');
  });

  it.each([
    ['renewal', '2023-02-02', 'back-count'],
    ['illegal-content-report', '2022-10-14', 'working-days'],
    ['entity-change', '2022-10-08', 'calendar-days'],
  ])('%s is due %s, explained by the %s rule', (obligation, dueOn, rule) => {
    expect(due(obligation)?.dueOn).toBe(dueOn);
    expect(due(obligation)?.explanation.rule).toBe(rule);
    expect(due(obligation)?.explanation.text).toContain(dueOn);
  });

  it('names the holidays crossed and the notice they come from', () => {
    const text = due('illegal-content-report')?.explanation.text ?? '';
    expect(text).toContain('国庆节放假 2022-10-01 至 2022-10-07');
    expect(text).toContain('2022-10-08（星期六）、2022-10-09（星期日）');
    expect(due('entity-change')?.explanation.notices).toEqual([
      'http://www.gov.cn/zhengce/zhengceku/2021-10/25/content_5644835.htm',
    ]);
  });

  it('marks the provisions for excluded services not applicable', () => {
    expect(report.provisions.filter((p) => !p.applicable).map((p) => p.id)).toEqual([
      '15.12',
      '15.14',
    ]);
  });
});

describe('xuke deadlines text and iCalendar', () => {
  it('prints zh-CN by default and English with --lang en', () => {
    const zh = xuke(ACCEPTANCE.filter((a) => a !== '--json'));
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('2022-10-14  即将到期  违法信息处置情况上报');
    expect(zh.stdout).toContain('第 15.12 项');
    const en = xuke([...ACCEPTANCE.filter((a) => a !== '--json'), '--lang', 'en']);
    expect(en.stdout).toContain(
      '2022-10-14  due soon  Report illegal information found and disposed of',
    );
    expect(en.stdout).toContain('National Day holiday 2022-10-01 to 2022-10-07');
  });

  it('prints an iCalendar feed whose UIDs do not change between runs or days', () => {
    const events = ['--event', 'illegal-content-disposed=2022-09-27'];
    const a = xuke(['deadlines', SEED, ...events, '--ics', '--today', '2022-10-01']);
    const b = xuke(['deadlines', SEED, ...events, '--ics', '--today', '2022-10-05']);
    expect(a.code).toBe(0);
    const uids = (s: string) => s.split(/\r?\n/u).filter((l) => l.startsWith('UID:'));
    expect(uids(a.stdout)).toContain(
      'UID:%E4%BA%ACB2-20180910.illegal-content-report.2022-09-27@xuke',
    );
    expect(uids(b.stdout)).toEqual(uids(a.stdout));
    expect(a.stdout).toContain('DTSTART;VALUE=DATE:20221014');
  });

  it('refuses an unknown event kind (exit 2)', () => {
    const r = xuke(['deadlines', SEED, '--event', 'party=2022-01-01']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('未知事件类型“party”');
  });

  it('marks an occurrence done with --done', () => {
    const r = xuke([
      ...ACCEPTANCE,
      '--done',
      'illegal-content-report@2022-09-27=2022-10-12:回执 118',
    ]);
    const report = JSON.parse(r.stdout) as { occurrences: (JsonOccurrence & { done: unknown })[] };
    expect(report.occurrences.find((o) => o.obligation === 'illegal-content-report')).toMatchObject(
      {
        status: 'done',
        done: { on: '2022-10-12', evidence: { note: '回执 118' } },
      },
    );
  });
});

describe('xuke workdays', () => {
  it('is: exit 0 for an adjusted working day, naming the notice', () => {
    const r = xuke(['workdays', 'is', '2022-10-08']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '2022-10-08 工作日（国庆节调休上班）；依据：http://www.gov.cn/zhengce/zhengceku/2021-10/25/content_5644835.htm\n',
    );
  });

  it('is: exit 1 for a holiday; provisional in 2027', () => {
    expect(xuke(['workdays', 'is', '2022-10-03', '--lang', 'en']).stdout).toContain(
      'a rest day (National Day holiday)',
    );
    const r = xuke(['workdays', 'is', '2027-03-03']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('\t暂定');
  });

  it('add: the n-th working day after a date', () => {
    const r = xuke(['workdays', 'add', '2022-09-27', '10']);
    expect(r).toMatchObject({ code: 0, stdout: '2022-10-14\n' });
  });

  it('add -: one line out per line in, a tab and provisional where it is', () => {
    const r = xuke(['workdays', 'add', '-'], '2022-09-27 10\n2026-12-20 5\n2022-10-08 -1\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('2022-10-14\n2026-12-25\tprovisional\n2022-09-30\n');
  });

  it('add -: a bad line is reported with its number, and the others still answered', () => {
    const r = xuke(['workdays', 'add', '-'], '2022-09-27 10\nnonsense\n');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('2022-10-14\n\n');
    expect(r.stderr).toContain('第 2 行');
  });
});

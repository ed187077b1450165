import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LangProvider } from '../../i18n';
import { OccurrenceTable } from './OccurrenceTable';
import type { Occurrence } from './types';

const base: Occurrence = {
  licence: '京B2-20180910',
  id: 'x@2026-12-01',
  obligation: 'x',
  title: '事项',
  titleEn: 'Item',
  trigger: { kind: 'event', event: 'incident', date: '2026-11-27', note: null },
  dueOn: '2026-12-11',
  actBy: '2026-12-11',
  workdaysLeft: 10,
  window: null,
  status: 'due-soon',
  provisional: false,
  source: '来源',
  sourceEn: 'Source',
  explanation: {
    rule: 'working-days',
    basis: '依据',
    basisEn: 'Basis',
    from: '2026-11-27',
    count: 10,
    crossed: [],
    notices: [],
    provisional: false,
    unknown: null,
    text: '说明',
    textEn: 'Why',
  },
  reason: null,
  done: null,
};

const occurrence = (title: string, fields: Partial<Occurrence>): Occurrence => ({
  ...base,
  id: `${title}@2026`,
  title,
  ...fields,
});

const rows = [
  occurrence('计数', {}),
  occurrence('一天', { workdaysLeft: 1 }),
  occurrence('估算', { dueOn: '2026-12-28', workdaysLeft: 21, provisional: true }),
  occurrence('最后一天', { dueOn: '2026-11-28', actBy: '2026-11-28', workdaysLeft: 0 }),
  occurrence('已过办理日', {
    dueOn: '2026-11-29',
    actBy: '2026-11-27',
    workdaysLeft: null,
  }),
  occurrence('逾期', { dueOn: '2026-11-20', status: 'overdue', workdaysLeft: null }),
  occurrence('逾期一天', { dueOn: '2026-11-27', status: 'overdue', workdaysLeft: null }),
  // years late: still counted in calendar days, and said so
  occurrence('逾期已久', { dueOn: '2023-02-02', status: 'overdue', workdaysLeft: null }),
  occurrence('完成', { status: 'done' }),
  occurrence('不适用', { status: 'not-applicable' }),
];

describe.each([
  {
    lang: 'zh' as const,
    column: '剩余时间',
    words: {
      计数: '还剩 10 个工作日',
      一天: '还剩 1 个工作日',
      估算: '约剩 21 个工作日（暂定）',
      最后一天: '今天是最后办理日',
      已过办理日: '最后办理日已过（截止日为非工作日）',
      逾期: '已逾期 8 个自然日',
      逾期一天: '已逾期 1 个自然日',
      逾期已久: '已逾期 1395 个自然日',
      完成: '—',
      不适用: '—',
    },
  },
  {
    lang: 'en' as const,
    column: 'Time left',
    words: {
      计数: '10 working days left',
      一天: '1 working day left',
      估算: 'About 21 working days left (provisional)',
      最后一天: 'Today is the last day to act',
      已过办理日: 'Last day to act has passed (the due day is not a working day)',
      逾期: '8 calendar days overdue',
      逾期一天: '1 calendar day overdue',
      逾期已久: '1395 calendar days overdue',
      完成: '—',
      不适用: '—',
    },
  },
])('OccurrenceTable, $lang', ({ lang, column, words }) => {
  it('states the unit of the time left in every cell: working days before, calendar days once overdue', () => {
    render(
      <LangProvider lang={lang}>
        <OccurrenceTable
          occurrences={rows.map((o) => ({ ...o, titleEn: o.title }))}
          today="2026-11-28"
          canComplete={false}
          onChanged={() => Promise.resolve()}
        />
      </LangProvider>,
    );
    const table = screen.getByRole('table');
    // the column says what it holds; no cell claims working days for a count of calendar days
    expect(within(table).getByRole('columnheader', { name: column })).toBeTruthy();
    const left = (title: string) =>
      within(table)
        .getByText(title, { selector: '.occurrences-title' })
        .closest('tr')
        ?.querySelector(`td[data-label="${column}"]`)?.textContent;
    for (const [title, text] of Object.entries(words)) {
      expect(left(title), title).toBe(text);
    }
  });
});

describe('OccurrenceTable, a completion with its evidence file', () => {
  it('links the uploaded file by name instead of showing a hash', () => {
    const done = occurrence('已办', {
      status: 'done',
      done: {
        occurrenceId: '已办@2026',
        on: '2026-11-20',
        evidence: {
          note: '已报送',
          document: 'ab'.repeat(32),
          file: {
            name: '回执.pdf',
            mediaType: 'application/pdf',
            size: 2048,
            sha256: 'ab'.repeat(32),
            url: '/api/v1/licences/x/deadlines/y/evidence',
          },
        },
      },
    });
    render(
      <LangProvider lang="zh">
        <OccurrenceTable
          occurrences={[done]}
          today="2026-11-28"
          canComplete={false}
          onChanged={() => Promise.resolve()}
        />
      </LangProvider>,
    );
    expect(screen.getByRole('link', { name: /回执\.pdf/u }).textContent).toBe(
      '凭证文件：回执.pdf（2.0 KB）',
    );
    expect(screen.queryByText(/凭证文件 SHA-256/u)).toBeNull();
  });
});

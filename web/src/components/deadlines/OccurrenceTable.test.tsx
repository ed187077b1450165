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

describe('OccurrenceTable', () => {
  it('says the working days left as the server counted them', () => {
    render(
      <LangProvider lang="zh">
        <OccurrenceTable
          occurrences={[
            occurrence('计数', {}),
            occurrence('估算', { dueOn: '2026-12-28', workdaysLeft: 21, provisional: true }),
            occurrence('最后一天', { dueOn: '2026-11-28', actBy: '2026-11-28', workdaysLeft: 0 }),
            occurrence('已过办理日', {
              dueOn: '2026-11-29',
              actBy: '2026-11-27',
              workdaysLeft: null,
            }),
            occurrence('逾期', { dueOn: '2026-11-20', status: 'overdue', workdaysLeft: null }),
            occurrence('完成', { status: 'done' }),
            occurrence('不适用', { status: 'not-applicable' }),
          ]}
          today="2026-11-28"
          canComplete={false}
          onChanged={() => Promise.resolve()}
        />
      </LangProvider>,
    );
    const left = (title: string) => {
      const row = within(screen.getByRole('table'))
        .getByText(title, { selector: '.occurrences-title' })
        .closest('tr');
      return row?.querySelector('td[data-label="剩余工作日"]')?.textContent;
    };
    expect(left('计数')).toBe('10 个工作日');
    expect(left('估算')).toBe('21 个工作日（暂定）');
    expect(left('最后一天')).toBe('今天是最后办理日');
    expect(left('已过办理日')).toBe('最后办理日已过（截止日为非工作日）');
    expect(left('逾期')).toBe('已逾期 8 天');
    expect(left('完成')).toBe('—');
    expect(left('不适用')).toBe('—');
  });
});

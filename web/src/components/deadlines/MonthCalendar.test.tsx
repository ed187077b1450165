import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { LangProvider } from '../../i18n';
import { MonthCalendar, type CalendarEntry } from './MonthCalendar';
import { addMonths, monthOf, monthWeeks, type CalendarDay } from './month-grid';

/** October 2022 as the calendar endpoint answers it: National Day 1–7, work on Sat 8 and Sun 9. */
function october2022(): Map<string, CalendarDay> {
  const days = new Map<string, CalendarDay>();
  for (let d = 1; d <= 31; d++) {
    const date = `2022-10-${String(d).padStart(2, '0')}`;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const holiday = d <= 7;
    const adjusted = d === 8 || d === 9;
    const weekend = weekday === 0 || weekday === 6;
    days.set(date, {
      date,
      workday: adjusted || (!holiday && !weekend),
      kind: holiday ? 'holiday' : adjusted ? 'adjusted-workday' : weekend ? 'weekend' : 'workday',
      holiday: holiday || adjusted ? '国庆节' : null,
      holidayEn: holiday || adjusted ? 'National Day' : null,
      known: true,
    });
  }
  return days;
}

const entries: CalendarEntry[] = [
  {
    key: '京B2-20180910/illegal-content-report@2022-09-27',
    date: '2022-10-14',
    title: '违法信息处置情况上报',
    licence: '京B2-20180910',
    status: 'due-soon',
    provisional: false,
  },
  {
    key: '京B2-20180910/entity-change@2022-09-01',
    date: '2022-10-08',
    title: '经营主体变更申请',
    licence: '京B2-20180910',
    status: 'overdue',
    provisional: false,
  },
];

function renderMonth(props: Partial<Parameters<typeof MonthCalendar>[0]> = {}) {
  const onSelect = vi.fn();
  const onMonthChange = vi.fn();
  render(
    <LangProvider lang="zh">
      <MonthCalendar
        month="2022-10"
        today="2022-10-10"
        days={october2022()}
        entries={entries}
        selected="2022-10-10"
        onSelect={onSelect}
        onMonthChange={onMonthChange}
        {...props}
      />
    </LangProvider>,
  );
  return { onSelect, onMonthChange, grid: screen.getByRole('grid', { name: '2022年10月' }) };
}

function dayButton(grid: HTMLElement, date: string): HTMLButtonElement {
  const button = grid.querySelector<HTMLButtonElement>(`button[data-date="${date}"]`);
  if (button === null) throw new Error(`no cell for ${date}`);
  return button;
}

describe('month grid arithmetic', () => {
  it.each([
    ['2022-10', 5, 31, 6],
    ['2024-02', 3, 29, 5],
    ['2021-02', 0, 28, 4],
    ['2023-01', 6, 31, 6],
  ])(
    'lays out %s from weekday %i (Monday 0) with %i days in %i weeks',
    (month, lead, count, weeks) => {
      const grid = monthWeeks(month);
      expect(grid).toHaveLength(weeks);
      expect(grid[0]?.findIndex((d) => d !== null)).toBe(lead);
      expect(grid.flat().filter((d) => d !== null)).toHaveLength(count);
      expect(grid.every((w) => w.length === 7)).toBe(true);
    },
  );

  it('moves months across years', () => {
    expect(addMonths('2022-01', -1)).toBe('2021-12');
    expect(addMonths('2022-12', 1)).toBe('2023-01');
    expect(monthOf('2022-10-14')).toBe('2022-10');
  });
});

describe('MonthCalendar', () => {
  it('starts the month on its weekday under Monday-first headings, with one cell per day', () => {
    const { grid } = renderMonth();
    const headers = within(grid)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['一', '二', '三', '四', '五', '六', '日']);
    const firstWeek = within(grid).getAllByRole('row')[1];
    if (firstWeek === undefined) throw new Error('no first week');
    const cells = firstWeek.querySelectorAll('td');
    // 1 October 2022 is a Saturday: the sixth column
    expect(cells[5]?.querySelector('button')?.dataset.date).toBe('2022-10-01');
    expect(cells[4]?.querySelector('button')).toBeNull();
    expect(grid.querySelectorAll('button[data-date]')).toHaveLength(31);
  });

  it('names holidays and marks adjusted working days in words', () => {
    const { grid } = renderMonth();
    const national = dayButton(grid, '2022-10-03');
    expect(national.getAttribute('aria-label')).toContain('国庆节，休息日');
    expect(national.textContent).toContain('国庆节');
    const saturdayAtWork = dayButton(grid, '2022-10-08');
    expect(saturdayAtWork.getAttribute('aria-label')).toContain('国庆节调休上班，工作日');
    expect(saturdayAtWork.textContent).toContain('调休上班');
    expect(dayButton(grid, '2022-10-15').getAttribute('aria-label')).toContain('周末休息');
    expect(dayButton(grid, '2022-10-10').getAttribute('aria-label')).toContain('今天');
  });

  it('marks days whose holiday notice is not yet published', () => {
    const days = october2022();
    const day = days.get('2022-10-31') as CalendarDay;
    days.set('2022-10-31', { ...day, known: false });
    const { grid } = renderMonth({ days });
    const cell = dayButton(grid, '2022-10-31');
    expect(cell.textContent).toContain('未公布');
    expect(cell.getAttribute('aria-label')).toContain('节假日安排尚未公布');
  });

  it('places each occurrence on its due day', () => {
    const { grid } = renderMonth();
    const due = dayButton(grid, '2022-10-14');
    expect(due.textContent).toContain('违法信息处置情况上报');
    expect(due.getAttribute('aria-label')).toContain(
      '1 项期限：违法信息处置情况上报（京B2-20180910，即将到期）',
    );
    expect(dayButton(grid, '2022-10-08').textContent).toContain('经营主体变更申请');
    expect(dayButton(grid, '2022-10-13').textContent).not.toContain('违法信息');
  });

  it('names the licence on each chip, with the whole text in its tooltip', () => {
    const { grid } = renderMonth();
    const chip = dayButton(grid, '2022-10-14').querySelector<HTMLElement>('.month-calendar-entry');
    expect(chip?.querySelector('.month-calendar-entry-licence')?.textContent).toBe('京B2-20180910');
    expect(chip?.querySelector('.month-calendar-entry-title')?.textContent).toBe(
      '违法信息处置情况上报',
    );
    expect(chip?.getAttribute('title')).toBe('京B2-20180910 违法信息处置情况上报（即将到期）');
  });

  it('asks for the previous and the next month', async () => {
    const { onMonthChange } = renderMonth();
    await userEvent.click(screen.getByRole('button', { name: '上个月' }));
    expect(onMonthChange).toHaveBeenLastCalledWith('2022-09');
    await userEvent.click(screen.getByRole('button', { name: '下个月' }));
    expect(onMonthChange).toHaveBeenLastCalledWith('2022-11');
  });

  it('selects a day on click', async () => {
    const { grid, onSelect } = renderMonth();
    await userEvent.click(dayButton(grid, '2022-10-14'));
    expect(onSelect).toHaveBeenCalledWith('2022-10-14');
  });

  it('moves by day, week and month with the keyboard, one day in the tab order', async () => {
    function Controlled() {
      const [selected, setSelected] = useState('2022-10-31');
      const [month, setMonth] = useState('2022-10');
      return (
        <LangProvider lang="zh">
          <MonthCalendar
            month={month}
            today="2022-10-10"
            days={null}
            entries={[]}
            selected={selected}
            onSelect={(d) => {
              setSelected(d);
              setMonth(monthOf(d));
            }}
            onMonthChange={setMonth}
          />
        </LangProvider>
      );
    }
    render(<Controlled />);
    const focusable = document.querySelectorAll('button[data-date][tabindex="0"]');
    expect(focusable).toHaveLength(1);
    (focusable[0] as HTMLButtonElement).focus();
    await userEvent.keyboard('{ArrowLeft}');
    expect((document.activeElement as HTMLElement).dataset.date).toBe('2022-10-30');
    await userEvent.keyboard('{ArrowDown}');
    // a week on crosses into November: the grid follows
    expect((document.activeElement as HTMLElement).dataset.date).toBe('2022-11-06');
    expect(screen.getByRole('grid', { name: '2022年11月' })).toBeTruthy();
    await userEvent.keyboard('{PageUp}');
    expect((document.activeElement as HTMLElement).dataset.date).toBe('2022-10-06');
    await userEvent.keyboard('{Home}');
    expect((document.activeElement as HTMLElement).dataset.date).toBe('2022-10-03');
  });
});

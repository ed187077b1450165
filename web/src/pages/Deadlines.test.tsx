import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LangProvider } from '../i18n';
import { json, stubFetch } from '../test-fixtures';
import Deadlines from './Deadlines';

const fetchMock = stubFetch();

const NUMBER = '京B2-20180910';
const renewal = {
  licence: NUMBER,
  id: 'renewal@2023-05-03',
  obligation: 'renewal',
  title: '经营许可证续期（延续）申请',
  titleEn: 'Apply to renew the licence',
  dueOn: '2023-02-02',
  actBy: '2023-02-02',
  workdaysLeft: null,
  status: 'overdue',
  provisional: false,
  explanation: { text: '有效期届满前 90 日。', textEn: '90 days before expiry.' },
  done: null,
};
const report = {
  ...renewal,
  id: 'illegal-content-report@2022-09-27',
  obligation: 'illegal-content-report',
  title: '违法信息处置情况上报',
  titleEn: 'Report illegal information found and disposed of',
  dueOn: '2022-10-14',
  actBy: '2022-10-14',
  // counted by the server: 10 Oct (Monday) → 14 Oct
  workdaysLeft: 4,
  status: 'due-soon',
  explanation: {
    text: '2022-09-27 后第 10 个工作日为 2022-10-14（星期五），跨过国庆节假期。',
    textEn: 'The 10th working day after 2022-09-27 is 2022-10-14.',
  },
};

/** The calendar endpoint: weekends off, everything known (holidays do not matter here). */
function days(from: string, to: string) {
  const out = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`);) {
    const date = d.toISOString().slice(0, 10);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    out.push({
      date,
      workday: !weekend,
      kind: weekend ? 'weekend' : 'workday',
      holiday: null,
      holidayEn: null,
      known: true,
    });
    d = new Date(d.getTime() + 86_400_000);
  }
  return { days: out };
}

describe('Deadlines', () => {
  let recorded = false;
  const calendarAsked: string[] = [];
  beforeAll(() => {
    vi.useFakeTimers({ now: new Date('2022-10-10T02:00:00Z'), toFake: ['Date'] });
    fetchMock.mockImplementation(async (request) => {
      const url = new URL(request.url);
      const path = decodeURIComponent(url.pathname);
      if (path === '/api/v1/me') {
        return json({ tokenId: 't', role: 'admin', organisation: 'demo', actor: 'token:x' });
      }
      if (path === '/api/v1/licences') {
        return json({
          items: [
            { number: NUMBER, licence: { holder: { name: '云智联网络科技（北京）有限公司' } } },
          ],
          next: null,
        });
      }
      if (path === '/api/v1/calendar/days') {
        calendarAsked.push(`${url.searchParams.get('from')}/${url.searchParams.get('to')}`);
        return json(days(url.searchParams.get('from') ?? '', url.searchParams.get('to') ?? ''));
      }
      if (path === '/api/v1/deadlines') {
        return json({ items: recorded ? [report, renewal] : [renewal] });
      }
      if (path === `/api/v1/licences/${NUMBER}/events` && request.method === 'POST') {
        expect(await request.json()).toEqual({
          kind: 'illegal-content-disposed',
          date: '2022-09-27',
          note: null,
        });
        recorded = true;
        return json({ id: 'e1', number: NUMBER, kind: 'illegal-content-disposed' }, 201);
      }
      return json({ status: 404, detail: `unexpected ${path}` }, 404);
    });
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it('records an event and shows the deadline it starts, with its date and explanation', async () => {
    const user = userEvent.setup();
    render(
      <LangProvider lang="zh">
        <Deadlines />
      </LangProvider>,
    );
    expect(await screen.findByRole('heading', { level: 1, name: '期限' })).toBeTruthy();
    const table = await screen.findByRole('table', { name: '期限列表' });
    expect(within(table).getByText('经营许可证续期（延续）申请')).toBeTruthy();
    expect(screen.getByRole('grid', { name: '2022年10月' })).toBeTruthy();

    const select = screen.getByLabelText('许可证');
    // the licence list arrives; with one licence it is chosen already
    await within(select).findByRole('option', { name: new RegExp(NUMBER, 'u') });
    await user.selectOptions(select, NUMBER);
    await user.selectOptions(screen.getByLabelText('事件类型'), 'illegal-content-disposed');
    const date = screen.getByLabelText('发生日期');
    await user.clear(date);
    await user.type(date, '2022-09-27');
    await user.click(screen.getByRole('button', { name: '记录事件' }));

    const notice = await screen.findByText('新的期限：');
    const region = notice.closest('.notice');
    if (!(region instanceof HTMLElement)) throw new Error('no notice');
    expect(region.textContent).toContain('违法信息处置情况上报');
    expect(region.textContent).toContain('截止 2022年10月14日');
    expect(region.textContent).toContain('跨过国庆节假期');

    const row = within(table).getByText('违法信息处置情况上报').closest('tr');
    if (row === null) throw new Error('no row');
    // four working days left after today, as the server counted them
    expect(row.textContent).toContain('4 个工作日');
    // the working-day calendar is asked only for the month drawn, not to count days left
    expect(new Set(calendarAsked)).toEqual(new Set(['2022-10-01/2022-10-31']));
    expect(
      screen.getByRole('grid', { name: '2022年10月' }).querySelector('[data-date="2022-10-14"]')
        ?.textContent,
    ).toContain('违法信息处置情况上报');
  });
});

describe.each([
  {
    lang: 'zh' as const,
    october: '2022年10月',
    january: '2023年01月',
    jumped: '本月没有期限，月历显示下一项期限所在的 2023年01月。',
    back: '回到本月',
    day: '2023年01月16日',
    chip: '京B2-20180910 年报（上一年度电信业务经营信息）（未到期）',
    licence: '显示的许可证',
  },
  {
    lang: 'en' as const,
    october: 'October 2022',
    january: 'January 2023',
    jumped: 'No deadline this month: the calendar shows January 2023, when the next one is due.',
    back: 'Back to this month',
    day: '2023-01-16',
    chip: '京B2-20180910 Annual report (Upcoming)',
    licence: 'Licences shown',
  },
])('the calendar’s first month, $lang', (words) => {
  const OTHER = '沪B2-20200731';
  const annual = {
    ...renewal,
    id: 'annual-report@2022',
    obligation: 'annual-report',
    title: '年报（上一年度电信业务经营信息）',
    titleEn: 'Annual report',
    dueOn: '2023-01-16',
    actBy: '2023-01-16',
    workdaysLeft: 66,
    status: 'upcoming',
  };
  const later = {
    ...annual,
    licence: OTHER,
    id: 'annual-report@2022b',
    dueOn: '2022-12-01',
    actBy: '2022-12-01',
    workdaysLeft: 38,
  };
  const late = { ...renewal, dueOn: '2022-08-01', actBy: '2022-08-01' };
  let items: unknown[] = [];
  beforeAll(() => {
    vi.useFakeTimers({ now: new Date('2022-10-10T02:00:00Z'), toFake: ['Date'] });
    fetchMock.mockImplementation((request) => {
      const url = new URL(request.url);
      switch (decodeURIComponent(url.pathname)) {
        case '/api/v1/me':
          return Promise.resolve(json({ tokenId: 't', role: 'viewer', organisation: 'demo' }));
        case '/api/v1/licences':
          return Promise.resolve(json({ items: [], next: null }));
        case '/api/v1/calendar/days':
          return Promise.resolve(
            json(days(url.searchParams.get('from') ?? '', url.searchParams.get('to') ?? '')),
          );
        case '/api/v1/deadlines':
          return Promise.resolve(json({ items }));
        default:
          return Promise.resolve(json({ status: 404, detail: 'unexpected' }, 404));
      }
    });
  });
  afterAll(() => {
    vi.useRealTimers();
    window.history.replaceState(null, '', '/');
  });

  function open(path = '/deadlines') {
    window.history.replaceState(null, '', path);
    render(
      <SWRConfig
        value={{ provider: () => new Map(), dedupingInterval: 0, shouldRetryOnError: false }}
      >
        <LangProvider lang={words.lang}>
          <Deadlines />
        </LangProvider>
      </SWRConfig>,
    );
  }

  it('opens on the month of the next deadline when this month has none, and goes back on request', async () => {
    items = [late, annual];
    open();
    // the overdue one lies behind; the next one ahead is in January
    const grid = await screen.findByRole('grid', { name: words.january });
    expect(screen.getByText(words.jumped)).toBeTruthy();
    // its day is chosen, and listed beside the calendar
    expect(screen.getByRole('heading', { level: 3, name: words.day })).toBeTruthy();
    const cell = grid.querySelector<HTMLElement>('button[data-date="2023-01-16"]');
    // the chip names the licence as well as the obligation, its whole text in its tooltip
    const chip = cell?.querySelector<HTMLElement>('.month-calendar-entry');
    expect(chip?.querySelector('.month-calendar-entry-licence')?.textContent).toBe(NUMBER);
    expect(chip?.getAttribute('title')).toBe(words.chip);
    expect(cell?.getAttribute('aria-label')).toContain(NUMBER);

    await userEvent.click(screen.getByRole('button', { name: words.back }));
    expect(screen.getByRole('grid', { name: words.october })).toBeTruthy();
    expect(screen.queryByText(words.jumped)).toBeNull();
  });

  it('stays on this month when it has a deadline', async () => {
    items = [{ ...annual, dueOn: '2022-10-20', actBy: '2022-10-20' }, later];
    open();
    await screen.findByRole('table', { name: /期限列表|Deadlines/u });
    expect(screen.getByRole('grid', { name: words.october })).toBeTruthy();
    expect(screen.queryByText(words.jumped)).toBeNull();
  });

  it('takes its filters from the address, and opens on the next deadline of what they show', async () => {
    items = [late, annual, later];
    open(`/deadlines?licence=${encodeURIComponent(NUMBER)}&status=upcoming`);
    const table = await screen.findByRole('table', { name: /期限列表|Deadlines/u });
    // the other licence's December deadline is filtered out: January it is
    expect(await screen.findByRole('grid', { name: words.january })).toBeTruthy();
    expect(screen.getByLabelText<HTMLSelectElement>(words.licence).value).toBe(NUMBER);
    expect(within(table).queryByText(OTHER)).toBeNull();
    // only "upcoming" is ticked: the overdue renewal is not listed
    expect(within(table).queryByText(renewal.title)).toBeNull();
    const ticked = screen.getAllByRole('checkbox').filter((c) => (c as HTMLInputElement).checked);
    expect(ticked).toHaveLength(1);
  });
});

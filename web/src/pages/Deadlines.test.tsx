import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
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

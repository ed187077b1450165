import { render, screen } from '@testing-library/react';
import { SWRConfig } from 'swr';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { LangProvider } from '../i18n';
import { json, stubFetch } from '../test-fixtures';
import Dashboard from './Dashboard';

const fetchMock = stubFetch();
let answer = (_url: URL): unknown => ({});
fetchMock.mockImplementation((request) => Promise.resolve(json(answer(new URL(request.url)))));
const requested = () => fetchMock.mock.calls.map(([request]) => new URL(request.url));

vi.mock('../format', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../format')>()),
  todayInShanghai: () => '2026-11-29',
}));

function open() {
  const location = memoryLocation({ path: '/' });
  render(
    <SWRConfig
      value={{ provider: () => new Map(), dedupingInterval: 0, shouldRetryOnError: false }}
    >
      <LangProvider lang="zh">
        <Router hook={location.hook}>
          <Dashboard />
        </Router>
      </LangProvider>
    </SWRConfig>,
  );
}

const licence = (number: string, expiresOn: string) => ({
  number,
  status: 'valid',
  currentStatus: 'valid',
  version: 1,
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  licence: { number, expiresOn, holder: { name: null }, services: [], websites: [] },
});

const occurrence = (
  id: string,
  fields: { dueOn: string; actBy?: string; status: string; workdaysLeft: number | null },
  provisional = false,
) => ({
  licence: '京B2-20180910',
  id,
  obligation: id.split('@')[0],
  title: `标题 ${id}`,
  titleEn: `Title ${id}`,
  done: null,
  actBy: fields.dueOn,
  provisional,
  explanation: { text: `说明 ${id}`, textEn: '' },
  ...fields,
});

afterEach(() => {
  fetchMock.mockClear();
});

describe('Dashboard', () => {
  it('tells an organisation without licences how to start', async () => {
    answer = () => ({ items: [], next: null });
    open();
    expect(await screen.findByRole('heading', { name: '还没有许可证' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '上传许可证' }).getAttribute('href')).toBe('/upload');
  });

  it('shows overdue and due-soon deadlines with days late and working days left', async () => {
    answer = (url) => {
      switch (url.pathname) {
        case '/api/v1/licences':
          return url.searchParams.has('expiring-within')
            ? { items: [licence('沪B2-20200002', '2027-02-10')], next: null }
            : { items: [licence('京B2-20180910', '2023-05-03')], next: null };
        case '/api/v1/deadlines':
          return {
            items: [
              {
                licence: '京B2-20180910',
                id: 'renewal@2023-05-03',
                obligation: 'renewal',
                title: '经营许可证续期（延续）申请',
                titleEn: 'Apply to renew the licence',
                done: null,
                dueOn: '2023-02-02',
                actBy: '2023-02-02',
                workdaysLeft: null,
                status: 'overdue',
                provisional: false,
                explanation: { text: '2023-05-03 前 90 日为 2023-02-02。', textEn: '' },
              },
              {
                licence: '京B2-20180910',
                id: 'illegal-content-report@2026-11-20',
                obligation: 'illegal-content-report',
                title: '违法信息处置情况上报',
                titleEn: 'Report illegal information found and disposed of',
                done: null,
                dueOn: '2026-12-04',
                actBy: '2026-12-04',
                workdaysLeft: 5,
                status: 'due-soon',
                provisional: false,
                explanation: { text: '2026-11-20 后第 10 个工作日。', textEn: '' },
              },
            ],
          };
        case '/api/v1/findings':
          return {
            items: [
              {
                number: '京B2-20180910',
                holder: '云智联网络科技（北京）有限公司',
                ruleId: 'expired',
                severity: 'error',
                message: '许可证已于 2023-05-03 过期',
                messageEn: 'Expired on 2023-05-03',
                fields: ['expiresOn'],
                evidence: [],
                basis: '',
                basisEn: '',
              },
            ],
            total: 1,
            checked: 1,
            truncated: false,
          };
        case '/api/v1/events':
          return {
            items: [
              {
                number: '京B2-20180910',
                kind: 'illegal-content-disposed',
                category: 'obligation',
                on: '2026-11-20',
                note: '删除违规帖子',
                actor: 'token:admin',
                recordedAt: '2026-11-20T03:00:00Z',
              },
            ],
          };
        default:
          return {};
      }
    };
    open();
    expect(await screen.findByRole('heading', { name: '已逾期（1）' })).toBeTruthy();
    expect(screen.getByText('已逾期 1396 天')).toBeTruthy();
    expect(screen.getByText('经营许可证续期（延续）申请')).toBeTruthy();
    expect(screen.getByRole('heading', { name: '即将到期（1）' })).toBeTruthy();
    // the server counts the working days: the page asks no calendar
    expect(await screen.findByText('还剩 5 个工作日')).toBeTruthy();
    expect(requested().some((u) => u.pathname === '/api/v1/calendar/days')).toBe(false);

    expect(await screen.findByText('许可证已于 2023年05月03日 过期')).toBeTruthy();
    expect(await screen.findByText('删除违规帖子')).toBeTruthy();
    expect(screen.getByText('处置违法信息')).toBeTruthy();
    // who recorded it, in words (the actor token:admin)
    expect(
      screen.getByText(/^由令牌“admin”记录于 \d{4}年\d{2}月\d{2}日 \d{2}:\d{2}$/u),
    ).toBeTruthy();
    expect(
      await screen.findByText('共 1 张许可证在未来 12 个月内到期。最多的是 2027年02月（1 张）。'),
    ).toBeTruthy();
    const expiring = requested().find((u) => u.searchParams.has('expiring-within'));
    expect(expiring?.searchParams.get('expiring-within')).toBe('336');
    for (const link of screen.getAllByRole('link', { name: '京B2-20180910' })) {
      expect(link.getAttribute('href')).toBe('/licences/%E4%BA%ACB2-20180910');
    }
  });

  it('says the working days left as the server counted them: last day, provisional, passed', async () => {
    answer = (url) => {
      switch (url.pathname) {
        case '/api/v1/licences':
          return { items: [licence('京B2-20180910', '2027-05-03')], next: null };
        case '/api/v1/deadlines':
          return {
            items: [
              occurrence('incident-report@2026-11-29', {
                dueOn: '2026-11-29',
                status: 'due-soon',
                workdaysLeft: 0,
              }),
              occurrence(
                'entity-change@2026-11-27',
                { dueOn: '2026-12-28', status: 'due-soon', workdaysLeft: 21 },
                true,
              ),
              occurrence('renewal@2027-02-27', {
                dueOn: '2026-11-29',
                actBy: '2026-11-27',
                status: 'due-soon',
                workdaysLeft: null,
              }),
              occurrence('annual-report@2026', {
                dueOn: '2026-12-06',
                actBy: '2026-12-04',
                status: 'due-soon',
                workdaysLeft: 1,
              }),
            ],
          };
        case '/api/v1/findings':
          return { items: [], total: 0, checked: 1, truncated: false };
        default:
          return { items: [] };
      }
    };
    open();
    expect(await screen.findByRole('heading', { name: '即将到期（4）' })).toBeTruthy();
    expect(screen.getByText('今天是最后办理日')).toBeTruthy();
    expect(screen.getByText('约剩 21 个工作日（暂定）')).toBeTruthy();
    expect(screen.getByText('最后办理工作日（2026年11月27日）已过')).toBeTruthy();
    expect(screen.getByText('还剩 1 个工作日（最后办理工作日 2026年12月04日）')).toBeTruthy();
    expect(screen.getByText('标题 renewal@2027-02-27')).toBeTruthy();
  });
});

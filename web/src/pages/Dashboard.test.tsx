import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { reloadOrganisation } from '../api/organisation';
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

function open(lang: 'zh' | 'en' = 'zh') {
  const location = memoryLocation({ path: '/' });
  render(
    <SWRConfig
      value={{ provider: () => new Map(), dedupingInterval: 0, shouldRetryOnError: false }}
    >
      <LangProvider lang={lang}>
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

const ORGANISATION = {
  id: 'demo',
  name: '演示持证单位',
  kind: 'holder',
  jurisdiction: [],
  publishDeclared: false,
  mirrorOf: null,
  createdAt: '2026-11-01T00:00:00Z',
  instanceAdmin: false,
};

describe.each([
  {
    lang: 'zh' as const,
    heading: '开始使用',
    steps: ['上传许可证文件', '批量导入', '设置提醒'],
    upload: '上传许可证',
    importer: '请负责本服务器的运维人员',
    feed: '订阅日历',
    webhook: '添加 Webhook 提醒',
    register: '打开登记簿',
    registerStep: '在登记簿中发证',
  },
  {
    lang: 'en' as const,
    heading: 'Getting started',
    steps: ['Upload a licence document', 'Import many at once', 'Set up reminders'],
    upload: 'Upload a licence',
    importer: 'ask whoever runs this server',
    feed: 'Subscribe in a calendar',
    webhook: 'Add a webhook reminder',
    register: 'Open the register',
    registerStep: 'Issue licences in your register',
  },
])('a new organisation’s first steps, $lang', (words) => {
  const withKind = (kind: string) => (url: URL) =>
    url.pathname === '/api/v1/organisation' ? { ...ORGANISATION, kind } : { items: [], next: null };

  it('leads an organisation without licences through its first steps, each with its link', async () => {
    answer = withKind('holder');
    await reloadOrganisation();
    open(words.lang);
    const panel = (await screen.findByRole('heading', { level: 2, name: words.heading })).closest(
      'section',
    ) as HTMLElement;
    expect(
      within(panel)
        .getAllByRole('heading', { level: 3 })
        .map((h) => h.textContent),
    ).toEqual(words.steps);
    expect(within(panel).getByRole('link', { name: words.upload }).getAttribute('href')).toBe(
      '/upload',
    );
    // who to ask, never a command to run on the server
    expect(panel.textContent).toContain(words.importer);
    expect(panel.textContent).not.toContain('xuke import');
    expect(within(panel).getByRole('link', { name: words.feed }).getAttribute('href')).toBe(
      '/deadlines#deadlines-feed',
    );
    expect(within(panel).getByRole('link', { name: words.webhook }).getAttribute('href')).toBe(
      '/settings',
    );
    // no empty boxes: neither the deadlines, the chart nor the findings are asked for
    expect(requested().map((u) => u.pathname)).not.toContain('/api/v1/deadlines');
    expect(requested().map((u) => u.pathname)).not.toContain('/api/v1/findings');
  });

  it('leads an issuing authority to its register instead of an import', async () => {
    answer = withKind('authority');
    await reloadOrganisation();
    open(words.lang);
    expect(await screen.findByRole('heading', { level: 3, name: words.registerStep })).toBeTruthy();
    expect(screen.getByRole('link', { name: words.register }).getAttribute('href')).toBe(
      '/register',
    );
    expect(screen.queryByText(words.importer, { exact: false })).toBeNull();
  });
});

describe('Dashboard', () => {
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
    expect(screen.getByText('已逾期 1396 个自然日')).toBeTruthy();
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

  it.each([
    {
      lang: 'zh' as const,
      more: '共 9 项已逾期，这里列出前 8 项：查看全部已逾期的期限',
      count: '共 9 项，严重的在前；这里列出前 8 项。',
      all: '共 9 项，严重的在前。',
      showAll: '显示全部 9 项',
      fewer: '只显示前 8 项',
      noChart: '未来 12 个月内没有许可证到期。',
    },
    {
      lang: 'en' as const,
      more: '9 overdue, the first 8 listed: see all overdue deadlines',
      count: '9 in all, most serious first; the first 8 are listed.',
      all: '9 in all, most serious first.',
      showAll: 'Show all 9',
      fewer: 'Show the first 8 only',
      noChart: 'No licence expires in the next 12 months.',
    },
  ])('leads from a list cut short to all of it, $lang', async (words) => {
    const finding = (i: number) => ({
      number: `京B2-2018091${i}`,
      holder: null,
      ruleId: 'expired',
      severity: 'error',
      message: `发现 ${i}`,
      messageEn: `Finding ${i}`,
      fields: [],
      evidence: [],
      basis: '',
      basisEn: '',
    });
    answer = (url) => {
      switch (url.pathname) {
        case '/api/v1/licences':
          // nothing expires within the twelve months
          return url.searchParams.has('expiring-within')
            ? { items: [], next: null }
            : { items: [licence('京B2-20180910', '2023-05-03')], next: null };
        case '/api/v1/deadlines':
          return {
            items: Array.from({ length: 9 }, (_, i) =>
              occurrence(`renewal@2023-0${i + 1}-01`, {
                dueOn: `2023-0${i + 1}-01`,
                status: 'overdue',
                workdaysLeft: null,
              }),
            ),
          };
        case '/api/v1/findings': {
          const limit = Number(url.searchParams.get('limit'));
          return {
            items: Array.from({ length: Math.min(9, limit) }, (_, i) => finding(i + 1)),
            total: 9,
            checked: 9,
            truncated: false,
          };
        }
        default:
          return { items: [] };
      }
    };
    open(words.lang);

    // nine overdue, eight listed: the ninth is one link away, on the deadlines page filtered so
    const more = await screen.findByRole('link', { name: words.more });
    expect(more.getAttribute('href')).toBe('/deadlines?status=overdue');
    expect(document.querySelectorAll('.dashboard-overdue')).toHaveLength(8);

    // the chart box says in a sentence that nothing expires, and draws no empty chart
    const expiring = document.getElementById('dashboard-expiring')?.closest('section');
    expect(within(expiring as HTMLElement).getByText(words.noChart)).toBeTruthy();
    expect(expiring?.querySelector('svg')).toBeNull();

    // findings: eight of nine, then all nine in place
    expect(await screen.findByText(words.count)).toBeTruthy();
    const list = () =>
      document.getElementById('dashboard-findings')?.closest('section')?.querySelectorAll('li');
    expect(list()).toHaveLength(8);
    await userEvent.click(screen.getByRole('button', { name: words.showAll }));
    expect(await screen.findByText(words.all)).toBeTruthy();
    expect(list()).toHaveLength(9);
    expect(
      requested()
        .filter((u) => u.pathname === '/api/v1/findings')
        .map((u) => u.searchParams.get('limit')),
    ).toEqual(['8', '200']);
    await userEvent.click(screen.getByRole('button', { name: words.fewer }));
    expect(await screen.findByText(words.count)).toBeTruthy();
    expect(list()).toHaveLength(8);
  });
});

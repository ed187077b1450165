import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { LangProvider } from '../i18n';
import { AUTHORITY_ORG, json, signIn, stubFetch } from '../test-fixtures';
import AnnualReportCycle from './AnnualReportCycle';

const fetchMock = stubFetch();

const MISSING = {
  id: 'l1',
  list: 'bad',
  authority: AUTHORITY_ORG.id,
  listedBy: AUTHORITY_ORG.name,
  holderName: '北京合云网络科技有限公司',
  creditCode: '91110102MA07H8J9K1',
  number: '京B2-20240613',
  decidedOn: '2026-05-07',
  listedOn: '2026-05-08',
  reasonKind: 'annual-report-missing',
  reason: '未按限期报送2025年度年报（京通信管〔2026〕21号，限期至2026-05-06）',
  year: 2025,
  createdBy: 'token:x',
  removedOn: null,
  removalReason: null,
  removedBy: null,
};
const PENALTY = {
  ...MISSING,
  id: 'l2',
  holderName: '北京蓝山网络科技有限公司',
  number: '京B2-20240512',
  reasonKind: 'penalty',
  reason: '受到吊销经营许可证以外的行政处罚',
  year: null,
};

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly body: unknown;
}

function serve() {
  const sent: Sent[] = [];
  fetchMock.mockImplementation(async (request) => {
    const url = new URL(request.url);
    const body: unknown = request.method === 'POST' ? await request.json() : null;
    sent.push({ method: request.method, path: url.pathname, query: url.search, body });
    if (url.pathname === '/api/v1/organisation') {
      return json({ ...AUTHORITY_ORG, instanceAdmin: false });
    }
    if (url.pathname === '/api/v1/me') {
      return json({ tokenId: 't', role: 'member', organisation: 'demo-authority', actor: 'x' });
    }
    if (url.pathname === '/api/v1/credit-lists/entries') return json({ items: [MISSING, PENALTY] });
    if (url.pathname === '/api/v1/credit-lists/entries/l2/removal') {
      return json({ ...PENALTY, removedOn: '2026-06-01', removalReason: '处罚执行完毕' });
    }
    return json({ status: 404, code: 'NOT_FOUND', detail: 'no' }, 404);
  });
  return sent;
}

function open(lang: 'zh' | 'en' = 'zh', path = '/credit-lists') {
  const location = memoryLocation({ path, record: true });
  render(
    <SWRConfig
      value={{ provider: () => new Map(), dedupingInterval: 0, shouldRetryOnError: false }}
    >
      <LangProvider lang={lang}>
        <Router hook={location.hook} searchHook={location.searchHook}>
          <AnnualReportCycle />
        </Router>
      </LangProvider>
    </SWRConfig>,
  );
  return location;
}

beforeAll(() => {
  vi.useFakeTimers({ now: new Date('2026-06-01T02:00:00Z'), toFake: ['Date'] });
});
afterAll(() => {
  vi.useRealTimers();
});
beforeEach(() => {
  fetchMock.mockReset();
  signIn();
});

describe('the credit lists', () => {
  it('lists the entries with their recorded fields, and links the CSV export', async () => {
    const sent = serve();
    open();
    const row = (
      await screen.findByRole('rowheader', { name: '北京合云网络科技有限公司' })
    ).closest('tr');
    if (row === null) throw new Error('no row');
    expect(within(row).getByText('91110102MA07H8J9K1')).toBeTruthy();
    expect(within(row).getByText('京B2-20240613')).toBeTruthy();
    expect(within(row).getByText('不良名单')).toBeTruthy();
    expect(within(row).getByText('2026年05月07日')).toBeTruthy();
    expect(within(row).getByText('2026年05月08日')).toBeTruthy();
    expect(row.textContent).toContain('未按规定报送年报');
    expect(within(row).getByText('北京市通信管理局（演示）')).toBeTruthy();
    expect(screen.getByRole('link', { name: '导出 CSV' }).getAttribute('href')).toBe(
      '/api/v1/credit-lists/entries/export?current=true',
    );
    expect(sent.find((s) => s.path === '/api/v1/credit-lists/entries')?.query).toBe(
      '?current=true',
    );
  });

  it('takes an entry off its list, asking a reason where the server needs one', async () => {
    const sent = serve();
    const user = userEvent.setup();
    open();
    await user.click(
      await screen.findByRole('button', { name: '移出名单：北京蓝山网络科技有限公司' }),
    );
    const form = screen.getByRole('group', {
      name: '将 北京蓝山网络科技有限公司 移出电信业务经营不良名单',
    });
    await user.click(within(form).getByRole('button', { name: '移出名单' }));
    expect(within(form).getByText('请填写此项。')).toBeTruthy();
    await user.type(within(form).getByLabelText('移出理由'), '处罚执行完毕');
    await user.click(within(form).getByRole('button', { name: '移出名单' }));
    expect(await screen.findByText('已将 北京蓝山网络科技有限公司 移出名单。')).toBeTruthy();
    expect(sent.filter((s) => s.method === 'POST').map((s) => [s.path, s.body])).toEqual([
      ['/api/v1/credit-lists/entries/l2/removal', { on: '2026-06-01', reason: '处罚执行完毕' }],
    ]);
  });

  it('filters by list and shows removed entries too, in English', async () => {
    const sent = serve();
    const user = userEvent.setup();
    const location = open('en');
    await user.selectOptions(await screen.findByLabelText('Entries'), 'false');
    await user.selectOptions(screen.getByLabelText('List'), 'bad');
    await user.click(screen.getByRole('button', { name: 'Filter' }));
    expect(location.history.at(-1)).toBe('/credit-lists?list=bad&current=false');
    expect(screen.getByRole('columnheader', { name: 'Unified social credit code' })).toBeTruthy();
    await waitFor(() => {
      expect(
        sent.filter((s) => s.path === '/api/v1/credit-lists/entries').map((s) => s.query),
      ).toEqual(['?current=true', '?current=false&list=bad']);
    });
    expect(screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe(
      '/api/v1/credit-lists/entries/export?current=false&list=bad',
    );
  });
});

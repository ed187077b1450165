import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { LangProvider } from '../i18n';
import { AUTHORITY_ORG, HOLDER_ORG, json, signIn, stubFetch } from '../test-fixtures';
import AnnualReportCycle from './AnnualReportCycle';

const fetchMock = stubFetch();

const ORDER = {
  id: 'o1',
  authority: AUTHORITY_ORG.id,
  number: '京B2-20240004',
  year: 2025,
  orderedOn: '2026-04-03',
  dueOn: '2026-05-06',
  decisionNumber: '京通信管〔2026〕21号',
  reason: '未在第一季度报送2025年度年报',
  createdBy: 'token:x',
  createdAt: '2026-04-03T02:00:00Z',
};
const LISTING = {
  id: 'l1',
  list: 'bad',
  authority: AUTHORITY_ORG.id,
  listedBy: AUTHORITY_ORG.name,
  holderName: '北京合云网络科技有限公司',
  creditCode: '91110102MA07H8J9K1',
  number: '京B2-20240006',
  decidedOn: '2026-05-07',
  listedOn: '2026-05-08',
  reasonKind: 'annual-report-missing',
  reason: '未按限期报送2025年度年报',
  year: 2025,
  createdBy: 'token:x',
  removedOn: null,
  removalReason: null,
  removedBy: null,
};

function entry(n: number, stage: string, fields: Record<string, unknown> = {}) {
  return {
    number: `京B2-2024000${n}`,
    holderName: `北京第${n}网络科技有限公司`,
    creditCode: null,
    region: '京',
    services: ['B25'],
    stage,
    late: false,
    report: null,
    order: null,
    listing: null,
    ...fields,
  };
}

const ITEMS = [
  entry(1, 'not-filed', { late: true }),
  entry(2, 'pending-review', {
    report: { id: 'r-2', status: 'submitted', submittedAt: '2026-03-02T02:00:00Z' },
  }),
  entry(3, 'returned', {
    late: true,
    report: { id: 'r-3', status: 'returned', submittedAt: null },
  }),
  entry(4, 'ordered', { late: true, order: ORDER }),
  entry(5, 'order-overdue', { late: true, order: { ...ORDER, number: '京B2-20240005' } }),
  entry(6, 'listed', { late: true, order: ORDER, listing: LISTING }),
  entry(7, 'accepted', {
    late: true,
    report: { id: 'r-7', status: 'accepted', submittedAt: '2026-05-20T02:00:00Z' },
    listing: { ...LISTING, id: 'l7', number: '京B2-20240007' },
  }),
];

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

function serve(org = AUTHORITY_ORG, role = 'member') {
  const sent: Sent[] = [];
  fetchMock.mockImplementation(async (request) => {
    const url = new URL(request.url);
    const path = decodeURIComponent(url.pathname);
    const body: unknown = request.method === 'POST' ? await request.json() : null;
    sent.push({ method: request.method, path, body });
    if (path === '/api/v1/organisation') return json({ ...org, instanceAdmin: false });
    if (path === '/api/v1/me') {
      return json({ tokenId: 't', role, organisation: org.id, actor: 'token:x' });
    }
    if (path === '/api/v1/annual-report-cycle') return json({ year: 2025, items: ITEMS });
    if (path === '/api/v1/annual-report-cycle/overview') {
      return json({
        year: 2025,
        window: { from: '2026-01-01', to: '2026-03-31' },
        due: 7,
        byStage: {},
        late: 6,
        byRegion: [],
        byService: [],
        listed: 1,
      });
    }
    if (path === '/api/v1/make-up-orders') {
      return json({ items: [{ ...ORDER, number: '京B2-20240001' }] }, 201);
    }
    if (path === '/api/v1/credit-lists/entries') return json(LISTING, 201);
    if (path === '/api/v1/credit-lists/entries/l7/removal') {
      return json({ ...LISTING, removedOn: '2026-05-20' });
    }
    return json({ status: 404, code: 'NOT_FOUND', detail: `no route ${path}` }, 404);
  });
  return sent;
}

function open(lang: 'zh' | 'en' = 'zh', path = '/annual-report-cycle?year=2025') {
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

const posts = (sent: readonly Sent[]) =>
  sent.filter((s) => s.method === 'POST').map((s) => [s.path, s.body]);

const rowOf = (number: string) => {
  const row = screen.getByRole('rowheader', { name: number }).closest('tr');
  if (row === null) throw new Error(`no row ${number}`);
  return row;
};

beforeAll(() => {
  vi.useFakeTimers({ now: new Date('2026-05-20T02:00:00Z'), toFake: ['Date'] });
});
afterAll(() => {
  vi.useRealTimers();
});
beforeEach(() => {
  fetchMock.mockReset();
  signIn();
});

describe('the authority’s cycle page', () => {
  it('shows every licence that owes the report with its stage', async () => {
    serve();
    open();
    expect(
      await screen.findByRole('heading', { level: 1, name: '2025 年度年报报送情况' }),
    ).toBeTruthy();
    await screen.findByRole('rowheader', { name: '京B2-20240001' });
    const stageOf = (n: number) => within(rowOf(`京B2-2024000${n}`)).getAllByRole('cell')[3];
    expect(stageOf(1)?.textContent).toBe('未报送');
    expect(stageOf(2)?.textContent).toContain('待审核');
    expect(
      within(rowOf('京B2-20240002'))
        .getByRole('link', { name: '审核 京B2-20240002 的年报' })
        .getAttribute('href'),
    ).toBe('/annual-reports/r-2');
    expect(stageOf(3)?.textContent).toBe('已退回');
    expect(stageOf(4)?.textContent).toBe(
      '已责令限期补报京通信管〔2026〕21号，限期至 2026年05月06日',
    );
    expect(stageOf(5)?.textContent).toContain('补报逾期');
    expect(stageOf(6)?.textContent).toBe('已列入不良名单2026年05月08日 列入');
    expect(stageOf(7)?.textContent).toContain('已受理');
    expect(screen.getByText(/报送期：2026年01月01日 至 2026年03月31日/u)).toBeTruthy();
    expect(screen.getByText('共 7 张，显示 7 张。')).toBeTruthy();
  });

  it('filters by stage through the address', async () => {
    serve();
    const user = userEvent.setup();
    const location = open();
    const stage = await screen.findByRole('combobox', { name: '阶段' });
    await waitFor(() => {
      expect(within(stage).getByRole('option', { name: '补报逾期（1）' })).toBeTruthy();
    });
    await user.selectOptions(stage, 'order-overdue');
    await user.click(screen.getByRole('button', { name: '筛选' }));
    expect(location.history.at(-1)).toBe('/annual-report-cycle?year=2025&stage=order-overdue');
  });

  it('shows only the stage the address asks for', async () => {
    serve();
    open('zh', '/annual-report-cycle?year=2025&stage=order-overdue');
    await screen.findByRole('rowheader', { name: '京B2-20240005' });
    expect(screen.getAllByRole('rowheader')).toHaveLength(1);
    expect(screen.getByText('共 7 张，显示 1 张。')).toBeTruthy();
  });

  it('orders every late filer with the order’s 文号 and date', async () => {
    const sent = serve();
    const user = userEvent.setup();
    open();
    await user.click(await screen.findByText('责令所有逾期未报送的持证单位限期补报'));
    await user.click(screen.getByRole('button', { name: '全部责令补报' }));
    expect(screen.getByText('请填写此项。')).toBeTruthy();
    await user.type(screen.getByLabelText('通知文号'), '京通信管〔2026〕30号');
    await user.click(screen.getByRole('button', { name: '全部责令补报' }));
    expect(await screen.findByText('已向 1 家持证单位发出限期补报通知。')).toBeTruthy();
    expect(posts(sent)).toEqual([
      [
        '/api/v1/make-up-orders',
        { year: 2025, decisionNumber: '京通信管〔2026〕30号', on: '2026-05-20' },
      ],
    ]);
  });

  it('orders one licence, lists one whose order ran out, and takes an accepted one off', async () => {
    const sent = serve();
    const user = userEvent.setup();
    open();
    await screen.findByRole('rowheader', { name: '京B2-20240001' });
    // no action where none is due
    expect(within(rowOf('京B2-20240002')).queryByRole('button')).toBeNull();
    expect(within(rowOf('京B2-20240006')).getByText('补报的年报受理后才能移出。')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: '责令限期补报：京B2-20240001' }));
    const order = screen.getByRole('group', { name: '责令 京B2-20240001 限期补报' });
    await user.type(within(order).getByLabelText('通知文号'), '京通信管〔2026〕31号');
    await user.click(within(order).getByRole('button', { name: '责令限期补报' }));
    expect(await screen.findByText('已责令 京B2-20240001 限期补报。')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: '列入不良名单：京B2-20240005' }));
    const list = screen.getByRole('group', { name: '将 京B2-20240005 的持证单位列入不良名单' });
    expect(list.textContent).toContain('须在补报期限（2026年05月06日）之后');
    await user.click(within(list).getByRole('button', { name: '列入不良名单' }));
    expect(await screen.findByText('已将 京B2-20240005 的持证单位列入不良名单。')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: '移出不良名单：京B2-20240007' }));
    const remove = screen.getByRole('group', { name: '将 京B2-20240007 的持证单位移出不良名单' });
    await user.click(within(remove).getByRole('button', { name: '移出不良名单' }));
    expect(await screen.findByText('已将 京B2-20240007 的持证单位移出不良名单。')).toBeTruthy();

    expect(posts(sent)).toEqual([
      [
        '/api/v1/make-up-orders',
        {
          number: '京B2-20240001',
          year: 2025,
          decisionNumber: '京通信管〔2026〕31号',
          on: '2026-05-20',
        },
      ],
      [
        '/api/v1/credit-lists/entries',
        {
          number: '京B2-20240005',
          list: 'bad',
          reasonKind: 'annual-report-missing',
          year: 2025,
          decidedOn: '2026-05-20',
        },
      ],
      ['/api/v1/credit-lists/entries/l7/removal', { on: '2026-05-20' }],
    ]);
  });

  it('names the stages in English', async () => {
    serve();
    open('en');
    await screen.findByRole('rowheader', { name: '京B2-20240001' });
    expect(within(rowOf('京B2-20240005')).getByText('Make-up order overdue')).toBeTruthy();
    expect(
      within(rowOf('京B2-20240004')).getByText('京通信管〔2026〕21号, due 2026-05-06'),
    ).toBeTruthy();
    expect(within(rowOf('京B2-20240006')).getByText('Listed')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Order to make up: 京B2-20240001' })).toBeTruthy();
  });

  it('offers no action to a viewer', async () => {
    serve(AUTHORITY_ORG, 'viewer');
    open();
    await screen.findByRole('rowheader', { name: '京B2-20240001' });
    expect(screen.queryByRole('button', { name: /责令限期补报/u })).toBeNull();
    expect(screen.queryByText('责令所有逾期未报送的持证单位限期补报')).toBeNull();
  });

  it('tells a holder the page is an authority’s', async () => {
    const sent = serve(HOLDER_ORG);
    open();
    expect(await screen.findByText('年报报送情况属于发证机关。您的组织是持证单位。')).toBeTruthy();
    expect(sent.map((s) => s.path)).toEqual(['/api/v1/organisation']);
  });
});

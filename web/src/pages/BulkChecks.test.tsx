import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeEventSource, jobView } from '../api/jobs.fixture';
import type { BulkJob, Report } from '../components/bulk-check/BulkReport';
import { LangProvider } from '../i18n';
import { json, signIn, stubFetch } from '../test-fixtures';
import BulkChecks from './BulkChecks';

const fetchMock = stubFetch();

type Row = Report['rows'][number];
function row(n: number, fields: Partial<Row>): Row {
  return {
    source: { kind: 'list', row: n },
    customer: `c-${n}`,
    licence: `京B2-2018091${n}`,
    found: true,
    verdict: 'verified',
    verdictReason: '与登记簿一致',
    verdictReasonEn: 'Agrees with the register',
    validity: 'valid',
    status: 'pass',
    holder: null,
    expiresOn: null,
    register: null,
    findings: [],
    domains: [{ domain: `c${n}.example.com`, covered: true, coveredBy: `c${n}.example.com` }],
    problem: null,
    ...fields,
  };
}

const ROWS: Row[] = [
  row(2, { customer: '星桥云' }),
  row(3, {
    customer: '云智联',
    verdict: 'mismatch',
    status: 'fail',
    domains: [
      { domain: 'upliveapp.com', covered: true, coveredBy: 'upliveapp.com' },
      { domain: 'shop.other.cn', covered: false, coveredBy: null },
    ],
  }),
  row(4, { customer: '北辰数据', verdict: 'unverified', status: 'review' }),
  row(5, {
    customer: '无名',
    licence: null,
    found: false,
    verdict: null,
    validity: null,
    status: 'error',
    domains: [],
    problem: {
      code: 'INVALID_INPUT',
      row: 5,
      column: 'B',
      message: '第 5 行：许可证编号为空',
      messageEn: 'Row 5: the licence number is empty',
    },
  }),
];

function report(fields: Partial<Report> = {}): Report {
  return {
    schema: 'xuke.bulk-check/v1',
    organisation: 'platform',
    today: '2026-12-07',
    createdAt: '2026-12-07T02:00:00Z',
    input: { kind: 'list', name: 'customers.csv', count: 4 },
    summary: { total: 4, pass: 1, review: 1, fail: 1, error: 1, notFound: 1, uncoveredDomains: 1 },
    rows: ROWS,
    changes: null,
    ...fields,
  };
}

function bulk(fields: Partial<BulkJob> = {}): BulkJob {
  return {
    id: 'b-1',
    url: '/api/v1/bulk-checks/b-1',
    status: 'done',
    createdAt: '2026-12-07T02:00:00Z',
    finishedAt: '2026-12-07T02:01:00Z',
    progress: { done: 4, total: 4 },
    previous: null,
    summary: report().summary,
    report: report(),
    error: null,
    ...fields,
  };
}

/** The API: bulk checks by id, the jobs list, and whatever the test adds. */
function serve(
  bulks: Record<string, BulkJob>,
  more: (request: Request, url: URL) => Response | undefined = () => undefined,
) {
  const calls: string[] = [];
  fetchMock.mockImplementation((request) => Promise.resolve(answer(request)));
  const answer = (request: Request): Response => {
    const url = new URL(request.url);
    calls.push(`${request.method} ${url.pathname}${url.search}`);
    const answer = more(request, url);
    if (answer !== undefined) return answer;
    const id = /^\/api\/v1\/bulk-checks\/([^/]+)$/u.exec(url.pathname)?.[1];
    if (id !== undefined && bulks[id] !== undefined) return json(bulks[id]);
    if (url.pathname === '/api/v1/jobs') {
      return json({
        items: [jobView({ id: 'b-1', kind: 'bulk-check', state: 'done', position: null })],
        next: null,
      });
    }
    return json({ status: 404, code: 'NOT_FOUND', detail: 'no', detailZh: '没有' }, 404);
  };
  return calls;
}

function renderPage(path = '/bulk-checks?job=b-1') {
  window.history.replaceState(null, '', path);
  return render(
    <LangProvider lang="zh">
      <BulkChecks />
    </LangProvider>,
  );
}

beforeEach(() => {
  fetchMock.mockReset();
  FakeEventSource.opened.length = 0;
  vi.stubGlobal('EventSource', FakeEventSource);
  signIn({ organisation: { id: 'platform', name: '演示平台', kind: 'platform' } });
});
afterEach(() => {
  window.history.replaceState(null, '', '/');
});

const bodyRows = () =>
  within(screen.getByRole('table', { name: '核验结果' }))
    .getAllByRole('row')
    .slice(1);
const customers = () =>
  bodyRows().flatMap((r) => within(r).queryByRole('rowheader')?.textContent ?? []);

describe('the bulk checks page', () => {
  it('shows the report with counts, and the filters narrow the rows', async () => {
    serve({ 'b-1': bulk() });
    const user = userEvent.setup();
    renderPage();
    await screen.findByRole('table', { name: '核验结果' });
    expect(customers()).toEqual(['星桥云', '云智联', '北辰数据', '无名']);
    const byStatus = screen.getByRole('list', { name: '按结果' });
    expect(within(byStatus).getByText('不通过 1')).toBeTruthy();
    const byVerdict = screen.getByRole('list', { name: '按核验结论' });
    expect(within(byVerdict).getByText('与登记不符 1')).toBeTruthy();
    expect(within(byVerdict).getByText('无结论 1')).toBeTruthy();

    await user.selectOptions(screen.getByLabelText('结果'), '不通过');
    expect(customers()).toEqual(['云智联']);
    expect(screen.getByText(/shop\.other\.cn 未覆盖/u).closest('tr')?.textContent).toContain(
      '云智联',
    );
    await user.selectOptions(screen.getByLabelText('结果'), '全部');

    await user.selectOptions(screen.getByLabelText('域名覆盖'), '域名全部覆盖');
    expect(customers()).toEqual(['星桥云', '北辰数据']);
    await user.selectOptions(screen.getByLabelText('域名覆盖'), '全部');

    await user.selectOptions(screen.getByLabelText('核验结论'), '未经核实');
    expect(customers()).toEqual(['北辰数据']);
    await user.selectOptions(screen.getByLabelText('核验结论'), '全部');

    await user.type(screen.getByLabelText('客户或许可证编号'), '20180915');
    expect(customers()).toEqual([]);
    expect(screen.getByText('没有符合筛选的行。')).toBeTruthy();
    await user.clear(screen.getByLabelText('客户或许可证编号'));
    await user.type(screen.getByLabelText('客户或许可证编号'), '星桥');
    expect(customers()).toEqual(['星桥云']);
    expect(screen.getByText('显示 1 行，共 1 行符合筛选（报告共 4 行）。')).toBeTruthy();

    // the exports, in the page's language
    expect(screen.getByRole('link', { name: 'XLSX' }).getAttribute('href')).toBe(
      '/api/v1/bulk-checks/b-1/report?lang=zh&format=xlsx',
    );
    // the past bulk checks, from the jobs API
    const past = screen.getByRole('region', { name: '以往的批量核验' });
    await waitFor(() => {
      expect(within(past).getByRole('link').getAttribute('href')).toBe('/bulk-checks?job=b-1');
    });
  });

  it('uploads a customer list, follows its job, then shows its report', async () => {
    const running = bulk({ id: 'b-2', status: 'queued', report: null, summary: null });
    const bulks: Record<string, BulkJob> = { 'b-2': running };
    const sent: FormDataEntryValue[] = [];
    const calls = serve(bulks, (request, url) => {
      if (request.method === 'POST' && url.pathname === '/api/v1/bulk-checks') {
        void request.formData().then((f) => sent.push(f.get('file') ?? ''));
        return json(running, 202);
      }
      return undefined;
    });
    const user = userEvent.setup();
    renderPage('/bulk-checks');
    await user.upload(
      screen.getByLabelText('客户列表或 ZIP 文件'),
      new File(['customer,licence,domains\n'], 'customers.csv', { type: 'text/csv' }),
    );
    // the job's events: queued, then running
    await waitFor(() => {
      expect(FakeEventSource.opened.at(-1)?.url).toBe('/api/v1/jobs/b-2/events');
    });
    expect(window.location.search).toBe('?job=b-2');
    expect(calls).toContain('POST /api/v1/bulk-checks?name=customers.csv');
    expect(sent[0]).toBeInstanceOf(Blob);
    const stream = FakeEventSource.opened.at(-1) ?? new FakeEventSource('none');
    act(() => {
      stream.emit(jobView({ id: 'b-2', kind: 'bulk-check', position: 1 }));
    });
    expect(screen.getByText('排队中（前面还有 1 个）')).toBeTruthy();
    act(() => {
      stream.emit(
        jobView({
          id: 'b-2',
          kind: 'bulk-check',
          state: 'running',
          position: null,
          progress: { done: 2, total: 4 },
        }),
      );
    });
    expect(screen.getByText('处理中 2/4')).toBeTruthy();
    bulks['b-2'] = bulk({ id: 'b-2' });
    act(() => {
      stream.emit(jobView({ id: 'b-2', kind: 'bulk-check', state: 'done', position: null }));
    });
    await screen.findByRole('table', { name: '核验结果' });
    expect(customers()).toHaveLength(4);
  });

  it('reads the bulk check itself when the job stream fails and the jobs API does not know it', async () => {
    const calls = serve({
      'b-2': bulk({ id: 'b-2', status: 'running', report: null, progress: { done: 2, total: 4 } }),
    });
    renderPage('/bulk-checks?job=b-2');
    await waitFor(() => {
      expect(FakeEventSource.opened.at(-1)?.url).toBe('/api/v1/jobs/b-2/events');
    });
    act(() => {
      FakeEventSource.opened.at(-1)?.fail();
    });
    expect(await screen.findByText('处理中 2/4')).toBeTruthy();
    expect(calls).toContain('GET /api/v1/jobs/b-2');
    expect(calls.filter((c) => c === 'GET /api/v1/bulk-checks/b-2')).toHaveLength(2);
  });

  it('refuses a file that is no list or ZIP before sending it', async () => {
    serve({});
    const user = userEvent.setup({ applyAccept: false });
    renderPage('/bulk-checks');
    await user.upload(screen.getByLabelText('客户列表或 ZIP 文件'), new File(['x'], 'list.docx'));
    expect(screen.getByRole('alert').textContent).toBe(
      '“list.docx”不是 .csv、.xlsx 或 .zip 文件。',
    );
    expect(fetchMock.mock.calls.some(([r]) => r.method === 'POST')).toBe(false);
  });

  it('re-checks, and shows what changed since the previous run', async () => {
    const recheck = bulk({
      id: 'b-3',
      previous: 'b-1',
      report: report({
        changes: {
          since: { id: 'b-1', createdAt: '2026-12-07T02:00:00Z' },
          added: [{ key: 'c-9', status: 'pass' }],
          removed: [],
          changed: [
            {
              key: '星桥云',
              customer: '星桥云',
              licence: '京B2-20180912',
              changes: [{ field: 'status', before: 'pass', after: 'fail' }],
            },
          ],
          unchanged: 2,
        },
      }),
    });
    const calls = serve({ 'b-1': bulk(), 'b-3': recheck }, (request, url) =>
      request.method === 'POST' && url.pathname === '/api/v1/bulk-checks/b-1/recheck'
        ? json(bulk({ id: 'b-3', status: 'queued', report: null }), 202)
        : undefined,
    );
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: '复核' }));
    const changes = await screen.findByRole('region', { name: '与上次核验相比' });
    expect(calls).toContain('POST /api/v1/bulk-checks/b-1/recheck');
    expect(window.location.search).toBe('?job=b-3');
    expect(within(changes).getByText(/新增客户 1/u)).toBeTruthy();
    const changed = within(changes).getByRole('table', { name: '有变化的客户' });
    const cells = within(changed)
      .getAllByRole('cell')
      .map((c) => c.textContent);
    expect(cells).toEqual(['京B2-20180912', '结果', '通过', '不通过']);
  });

  it('schedules a re-check every 7 days, shows the next day in Beijing time, and turns it off', async () => {
    const bodies: unknown[] = [];
    const schedule = {
      bulkCheck: 'b-1',
      everyDays: 7,
      // 18:00 UTC is the next morning in Beijing
      nextDue: '2026-12-13T18:00:00.000Z',
      follows: 'b-1',
      lastRun: null,
      createdBy: 'user:1',
      createdAt: '2026-12-06T18:00:00.000Z',
    };
    const calls = serve({ 'b-1': bulk() }, (request, url) => {
      if (url.pathname !== '/api/v1/bulk-checks/b-1/schedule' || request.method === 'GET') {
        return undefined;
      }
      if (request.method === 'DELETE') return new Response(null, { status: 204 });
      void request
        .clone()
        .json()
        .then((b) => bodies.push(b));
      return json(schedule);
    });
    const user = userEvent.setup();
    renderPage();
    const select = await screen.findByRole('combobox', { name: '定期复核' });
    await waitFor(() => {
      expect(calls).toContain('GET /api/v1/bulk-checks/b-1/schedule');
    });
    expect((select as HTMLSelectElement).value).toBe('0');
    await user.selectOptions(select, '每 7 天');
    expect(await screen.findByText('下次：2026-12-14')).toBeTruthy();
    expect(calls).toContain('PUT /api/v1/bulk-checks/b-1/schedule');
    expect(bodies).toEqual([{ everyDays: 7 }]);
    expect((select as HTMLSelectElement).value).toBe('7');
    await user.selectOptions(select, '关闭');
    await waitFor(() => {
      expect(screen.queryByText(/下次：/u)).toBeNull();
    });
    expect(calls).toContain('DELETE /api/v1/bulk-checks/b-1/schedule');
  });
});

import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { COMPLETE, apiReport } from '../components/annual-report/report.fixture';
import type { Report } from '../components/annual-report/report-draft';
import { LangProvider } from '../i18n';
import { AUTHORITY_ORG, HOLDER_ORG, json, signIn, stubFetch } from '../test-fixtures';
import AnnualReportPage from './AnnualReport';

const fetchMock = stubFetch();
const BASE = '/api/v1/annual-reports/r-2025';

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly contentType: string | null;
  readonly body: unknown;
}

type Answer = (sent: Sent) => Response;

/** Answer as the server would, as `org` with `role`; every request is recorded. */
function serve(
  org: typeof HOLDER_ORG,
  role: 'admin' | 'member' | 'viewer',
  report: () => Report,
  writes: Readonly<Record<string, Answer>> = {},
) {
  const sent: Sent[] = [];
  fetchMock.mockImplementation(async (request) => {
    const url = new URL(request.url);
    const path = decodeURIComponent(url.pathname);
    const contentType = request.headers.get('content-type');
    const text = request.method === 'GET' ? '' : await request.text();
    const body: unknown = contentType === 'application/json' ? JSON.parse(text) : text;
    const s = { method: request.method, path, query: url.search, contentType, body };
    sent.push(s);
    if (path === '/api/v1/organisation') return json({ ...org, instanceAdmin: false });
    if (path === '/api/v1/me') {
      return json({ tokenId: 't', role, organisation: org.id, actor: 'token:web sign-in' });
    }
    const write = writes[`${request.method} ${path}`];
    if (write !== undefined) return write(s);
    if (request.method === 'GET' && path === BASE) return json(report());
    return json({ status: 404, code: 'NOT_FOUND', detail: `no route ${path}` }, 404);
  });
  return sent;
}

function open(lang: 'zh' | 'en' = 'zh') {
  const location = memoryLocation({ path: '/annual-reports/r-2025' });
  render(
    <SWRConfig
      value={{ provider: () => new Map(), dedupingInterval: 0, shouldRetryOnError: false }}
    >
      <LangProvider lang={lang}>
        <Router hook={location.hook}>
          <AnnualReportPage id="r-2025" />
        </Router>
      </LangProvider>
    </SWRConfig>,
  );
}

const writesOf = (sent: readonly Sent[]) => sent.filter((s) => s.method !== 'GET');

beforeEach(() => {
  fetchMock.mockReset();
  signIn();
});

describe('the holder’s report editor', () => {
  it('shows a field’s problem beside it, and saves with the version it read', async () => {
    const partial = { ...COMPLETE, '1': { fields: { operations: '经营门户网站' } } };
    const sent = serve(HOLDER_ORG, 'member', () => apiReport({ answers: partial }), {
      [`PUT ${BASE}/answers`]: () =>
        json(
          apiReport({
            version: 4,
            answers: {
              ...partial,
              '1': {
                fields: {
                  revenue: 1234.5,
                  usersByService: { B25: 5200 },
                  operations: '经营门户网站',
                },
              },
            },
          }),
        ),
    });
    const user = userEvent.setup();
    open();
    const revenue = await screen.findByRole('textbox', { name: '电信业务收入（万元）' });
    expect(revenue.getAttribute('aria-invalid')).toBe('true');
    const problemId = (revenue.getAttribute('aria-describedby') ?? '').split(' ').at(-1) ?? '';
    expect(document.getElementById(problemId)?.textContent).toBe(
      '第1项“电信业务收入（万元）”：必填',
    );
    // the same problem in the list of what is left, linking to the field
    const todo = screen.getByText('签核前还有 2 处需要完善（按最近一次保存的内容检查）：');
    expect(todo.parentElement?.querySelector(`a[href="#${revenue.id}"]`)).toBeTruthy();
    // the per-service table: a row per licensed service, and its own problem
    const users = screen.getByRole('group', { name: /各项业务用户数/u });
    const b25 = within(users).getByLabelText('信息服务业务（B25）');
    expect(users.textContent).toContain('第1项“各项业务用户数”：必填');

    expect(screen.getByRole('button', { name: '保存' })).toHaveProperty('disabled', true);
    await user.type(revenue, '1,234.5');
    await user.type(b25, '5200');
    expect(screen.getByText('有未保存的修改。')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '保存' }));

    expect(await screen.findByText('已保存，现为第 4 版。')).toBeTruthy();
    expect(writesOf(sent)).toEqual([
      expect.objectContaining({
        method: 'PUT',
        path: `${BASE}/answers`,
        body: {
          expectedVersion: 3,
          answers: {
            '1': {
              fields: {
                revenue: 1234.5,
                usersByService: { B25: 5200 },
                operations: '经营门户网站',
              },
            },
            '2': { fields: { staff: 42, network: '机房一处，带宽 1 Gbps', changes: '无' } },
            '3': { fields: { complaints: 12, complaintsResolved: 12, quality: '7×24 客服热线' } },
            '4': { fields: { measures: '信息安全管理制度已执行', incidents: 0 } },
            '5': { fields: { compliance: '逐项执行特别规定事项' }, public: false },
            '6': { fields: {}, public: false },
          },
        },
      }),
    ]);
    // the saved report is complete: its problems are gone
    await waitFor(() => {
      expect(
        screen.getByRole('textbox', { name: '电信业务收入（万元）' }).getAttribute('aria-invalid'),
      ).toBe('false');
    });
    expect(screen.getByText('内容已完整，可以由管理员签核。')).toBeTruthy();
  });

  it('says when someone else saved first, and reloads their version', async () => {
    let current = apiReport({ answers: COMPLETE });
    serve(HOLDER_ORG, 'member', () => current, {
      [`PUT ${BASE}/answers`]: () => {
        current = apiReport({
          version: 5,
          answers: { ...COMPLETE, '2': { fields: { ...COMPLETE['2']?.fields, staff: 50 } } },
        });
        return json(
          {
            status: 409,
            code: 'CONFLICT',
            title: 'Conflict',
            detail: 'The report was changed by someone else',
            detailZh: '年报已被他人修改（现为第 5 版，您看到的是第 3 版），请刷新后再改',
          },
          409,
        );
      },
    });
    const user = userEvent.setup();
    open();
    const staff = await screen.findByRole('textbox', { name: '年末从业人员数' });
    await user.clear(staff);
    await user.type(staff, '43');
    await user.click(screen.getByRole('button', { name: '保存' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('这份年报已被他人修改或已改变状态，您的修改没有保存。');
    await user.click(within(alert).getByRole('button', { name: '重新加载' }));
    await waitFor(() => {
      expect(screen.getByRole<HTMLInputElement>('textbox', { name: '年末从业人员数' }).value).toBe(
        '50',
      );
    });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('已保存（第 5 版）。')).toBeTruthy();
  });

  it('leaves the sign-off to an administrator, saying why to anyone else', async () => {
    serve(HOLDER_ORG, 'member', () => apiReport({ answers: COMPLETE }));
    open();
    const signOff = await screen.findByRole('button', { name: '签核' });
    expect(signOff).toHaveProperty('disabled', true);
    const why = document.getElementById(signOff.getAttribute('aria-describedby') ?? '');
    expect(why?.textContent).toBe('只有本单位的管理员可以签核。');
    const submit = screen.getByRole('button', { name: '报送发证机关' });
    expect(submit).toHaveProperty('disabled', true);
    expect(
      document.getElementById(submit.getAttribute('aria-describedby') ?? '')?.textContent,
    ).toBe('报送前须由管理员签核。');
  });

  it('lets an administrator sign it off and submit it, each with the version it read', async () => {
    const sent = serve(HOLDER_ORG, 'admin', () => apiReport({ answers: COMPLETE }), {
      [`POST ${BASE}/sign-off`]: () =>
        json(
          apiReport({
            answers: COMPLETE,
            version: 4,
            status: 'signed-off',
            signedOffBy: 'token:web sign-in',
            signedOffAt: '2026-01-13T02:00:00.000Z',
          }),
        ),
      [`POST ${BASE}/submit`]: () =>
        json(
          apiReport({
            answers: COMPLETE,
            version: 5,
            status: 'submitted',
            authority: 'demo-authority',
            submittedAt: '2026-01-13T03:00:00.000Z',
          }),
        ),
    });
    const user = userEvent.setup();
    open();
    await user.click(await screen.findByRole('button', { name: '签核' }));
    expect(await screen.findByText('已签核。现在可以报送发证机关。')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '报送发证机关' }));
    // submitted: read only, with no editor left
    expect(
      await screen.findByText('这份年报已报送，正等待发证机关审核；审核前不能修改。'),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: '保存' })).toBeNull();
    expect(writesOf(sent).map((s) => [s.path, s.body])).toEqual([
      [`${BASE}/sign-off`, { expectedVersion: 3 }],
      [`${BASE}/submit`, { expectedVersion: 4 }],
    ]);
  });

  it('withholds a field of items 1–3 as a trade secret, and publishes item 5 by choice', async () => {
    const sent = serve(HOLDER_ORG, 'member', () => apiReport({ answers: COMPLETE }), {
      [`PUT ${BASE}/answers`]: () => json(apiReport({ answers: COMPLETE, version: 4 })),
    });
    const user = userEvent.setup();
    open();
    await screen.findByRole('heading', { name: /第 1 项/u });
    await user.click(
      screen.getByRole('checkbox', { name: /^电信业务收入（万元）：\s*不公示此栏（商业秘密）$/u }),
    );
    await user.click(screen.getByRole('checkbox', { name: '公示第 5 项' }));
    // item 4 is never published, and has no such choice
    const item4 = screen.getByRole('region', { name: /第 4 项/u });
    expect(within(item4).getByText('不公示')).toBeTruthy();
    expect(within(item4).queryByRole('checkbox')).toBeNull();
    await user.click(screen.getByRole('button', { name: '保存' }));
    await screen.findByText('已保存，现为第 4 版。');
    const [put] = writesOf(sent);
    const body = put?.body as { answers: Record<string, unknown> };
    expect(body.answers['1']).toMatchObject({ secretFields: ['revenue'] });
    expect(body.answers['5']).toMatchObject({ public: true });
  });

  it('attaches a file to an item as its raw bytes, and lists it with a download link', async () => {
    const attachment = {
      id: 'a1',
      item: 4,
      name: '安全制度.txt',
      mediaType: 'text/plain',
      sha256: 'ab'.repeat(32),
      size: 2048,
      addedBy: 'token:web sign-in',
      addedAt: '2026-01-13T02:00:00.000Z',
    };
    const sent = serve(HOLDER_ORG, 'member', () => apiReport({ answers: COMPLETE }), {
      [`POST ${BASE}/attachments`]: () =>
        json(apiReport({ answers: COMPLETE, version: 4, attachments: [attachment] }), 201),
    });
    const user = userEvent.setup();
    open();
    const input = await screen.findByLabelText('为第 4 项添加附件');
    await user.upload(input, new File(['制度全文'], '安全制度.txt', { type: 'text/plain' }));
    await user.click(
      within(screen.getByRole('region', { name: /第 4 项/u })).getByRole('button', {
        name: '上传附件',
      }),
    );
    const link = await screen.findByRole('link', { name: '安全制度.txt' });
    expect(link.getAttribute('href')).toBe(`${BASE}/attachments/a1`);
    expect(screen.getByText('已添加附件“安全制度.txt”。')).toBeTruthy();
    const [post] = writesOf(sent);
    expect(post).toMatchObject({ path: `${BASE}/attachments`, contentType: 'text/plain' });
    expect(post?.body).toBe('制度全文');
    expect(new URLSearchParams(post?.query)).toEqual(
      new URLSearchParams({ item: '4', name: '安全制度.txt', expectedVersion: '3' }),
    );
  });

  it('refuses a file type the server does not take, before sending it', async () => {
    const sent = serve(HOLDER_ORG, 'member', () => apiReport({ answers: COMPLETE }));
    const user = userEvent.setup({ applyAccept: false });
    open();
    const input = await screen.findByLabelText('为第 1 项添加附件');
    await user.upload(input, new File(['x'], 'a.docx', { type: 'application/msword' }));
    await user.click(
      within(screen.getByRole('region', { name: /第 1 项/u })).getByRole('button', {
        name: '上传附件',
      }),
    );
    expect(await screen.findByText('请选择 PDF、PNG、JPEG 或纯文本文件。')).toBeTruthy();
    expect(writesOf(sent)).toEqual([]);
  });

  it('puts the reasons it was returned first, and keeps them in the history', async () => {
    serve(HOLDER_ORG, 'member', () =>
      apiReport({
        answers: COMPLETE,
        status: 'returned',
        authority: 'demo-authority',
        history: [
          {
            at: '2026-03-02T02:00:00.000Z',
            organisation: 'demo',
            actor: 'token:web sign-in',
            action: 'submitted',
            reason: '北京市通信管理局（演示）',
          },
          {
            at: '2026-03-05T02:00:00.000Z',
            organisation: 'demo-authority',
            actor: 'token:bj-admin',
            action: 'returned',
            reason: '第三项投诉数与客服记录不符，请核实',
          },
        ],
      }),
    );
    open();
    const note = await screen.findByRole('note', { name: '发证机关退回了这份年报' });
    expect(note.textContent).toContain('第三项投诉数与客服记录不符，请核实');
    expect(note.textContent).toContain('令牌“bj-admin”');
    const history = screen.getByRole('region', { name: '办理记录' });
    const items = within(history).getAllByRole('listitem');
    expect(items[1]?.textContent).toContain('退回');
    expect(items[1]?.textContent).toContain('（发证机关）');
    expect(items[1]?.textContent).toContain('退回理由：第三项投诉数与客服记录不符，请核实');
    // a returned report is edited again
    expect(screen.getByRole('button', { name: '保存' })).toBeTruthy();
    expect(screen.getByRole('link', { name: '下载 PDF（打印报送用）' }).getAttribute('href')).toBe(
      `${BASE}/pdf`,
    );
  });

  it('asks before leaving with unsaved edits', async () => {
    serve(HOLDER_ORG, 'member', () => apiReport({ answers: COMPLETE }));
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    onTestFinished(() => {
      vi.unstubAllGlobals();
      vi.stubGlobal('fetch', fetchMock);
    });
    const user = userEvent.setup();
    open();
    await user.type(await screen.findByRole('textbox', { name: '其他信息' }), '无');
    history.pushState(null, '', '/deadlines');
    expect(confirm).toHaveBeenCalledWith(
      '这份年报有未保存的修改。离开此页，修改将丢失。确定离开吗？',
    );
    expect(window.location.pathname).not.toBe('/deadlines');
  });

  it('speaks English, the items’ words included', async () => {
    serve(HOLDER_ORG, 'admin', () =>
      apiReport({
        answers: {
          ...COMPLETE,
          '3': { fields: { complaints: 2, complaintsResolved: 3, quality: 'x' } },
        },
      }),
    );
    open('en');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'Annual report 2025: 京B2-20180910' }),
    ).toBeTruthy();
    const resolved = screen.getByRole('textbox', { name: 'Complaints resolved' });
    const problemId = (resolved.getAttribute('aria-describedby') ?? '').split(' ').at(-1) ?? '';
    expect(document.getElementById(problemId)?.textContent).toBe(
      'Item 3, “Complaints resolved”: resolved complaints (3) exceed those received (2)',
    );
    expect(screen.getByRole('heading', { name: 'Item 3: Service quality' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign off' })).toHaveProperty('disabled', true);
    expect(
      screen.getByText('The report is not complete yet: see the points listed above.'),
    ).toBeTruthy();
  });
});

describe('the authority’s review', () => {
  const submitted = () =>
    apiReport({
      answers: COMPLETE,
      status: 'submitted',
      version: 5,
      authority: AUTHORITY_ORG.id,
      submittedAt: '2026-03-02T02:00:00.000Z',
    });

  it('reads the report, and returns it only with a reason', async () => {
    const sent = serve(AUTHORITY_ORG, 'member', submitted, {
      [`POST ${BASE}/decision`]: () => json({ ...submitted(), status: 'returned', version: 6 }),
    });
    const user = userEvent.setup();
    open();
    const decision = await screen.findByRole('region', { name: '审核决定' });
    // read only: values, no inputs for the items
    expect(screen.getByText('1234.5')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '保存' })).toBeNull();
    await user.click(within(decision).getByRole('button', { name: '退回' }));
    expect(within(decision).getByText('退回须写明理由：持证单位需要知道改什么。')).toBeTruthy();
    expect(writesOf(sent)).toEqual([]);
    await user.type(within(decision).getByLabelText('理由'), '第三项投诉数与客服记录不符');
    await user.click(within(decision).getByRole('button', { name: '退回' }));
    expect(await screen.findByText('已退回，持证单位会看到理由。')).toBeTruthy();
    expect(writesOf(sent).map((s) => s.body)).toEqual([
      { decision: 'return', reason: '第三项投诉数与客服记录不符', expectedVersion: 5 },
    ]);
  });

  it('accepts it with an optional 文号, in English too', async () => {
    const sent = serve(AUTHORITY_ORG, 'admin', submitted, {
      [`POST ${BASE}/decision`]: () => json({ ...submitted(), status: 'accepted', version: 6 }),
    });
    const user = userEvent.setup();
    open('en');
    const decision = await screen.findByRole('region', { name: 'Decision' });
    await user.type(
      within(decision).getByLabelText('Decision number (文号, optional)'),
      '京通信管〔2026〕5号',
    );
    await user.click(within(decision).getByRole('button', { name: 'Accept' }));
    expect(await screen.findByText('Accepted.')).toBeTruthy();
    expect(writesOf(sent).map((s) => s.body)).toEqual([
      { decision: 'accept', decisionNumber: '京通信管〔2026〕5号', expectedVersion: 5 },
    ]);
  });
});

import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { beforeEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { LangProvider } from '../i18n';
import { json, signIn, storedLicence, stubFetch } from '../test-fixtures';
import Register from './Register';

const fetchMock = stubFetch();

const AUTHORITY = {
  id: 'demo-authority',
  name: '北京市通信管理局（演示）',
  kind: 'authority',
  jurisdiction: ['京'],
  publishDeclared: false,
  createdAt: '2026-11-01T00:00:00Z',
  instanceAdmin: false,
};
const HOLDER = { ...AUTHORITY, id: 'demo', name: '演示持证单位', kind: 'holder', jurisdiction: [] };
const ENTRY = storedLicence({ provenance: 'issued', version: 3 });

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

/** Answer as the server would for `organisation`; record every request. */
function serve(organisation: typeof AUTHORITY) {
  const sent: Sent[] = [];
  fetchMock.mockImplementation(async (request) => {
    const path = decodeURIComponent(new URL(request.url).pathname);
    const body: unknown = request.method === 'POST' ? await request.json() : null;
    sent.push({ method: request.method, path, body });
    if (path === '/api/v1/organisation') return json(organisation);
    if (path === '/api/v1/register/licences') {
      return json({ items: [ENTRY], next: null, counts: { valid: 2, suspended: 1 } });
    }
    if (request.method === 'POST' && path === `/api/v1/register/licences/${ENTRY.number}/events`) {
      return json({ ...ENTRY, version: 4, status: 'suspended', currentStatus: 'suspended' }, 201);
    }
    return json({ status: 404, code: 'NOT_FOUND', detail: `no route ${path}` }, 404);
  });
  return sent;
}

function open(path = '/register') {
  const location = memoryLocation({ path, record: true });
  render(
    <SWRConfig
      value={{ provider: () => new Map(), dedupingInterval: 0, shouldRetryOnError: false }}
    >
      <LangProvider lang="zh">
        <Router hook={location.hook} searchHook={location.searchHook}>
          <Register />
        </Router>
      </LangProvider>
    </SWRConfig>,
  );
  return location;
}

beforeEach(() => {
  fetchMock.mockReset();
  // forgets the organisation read by the previous test
  signIn();
});

describe('the register page', () => {
  it('counts the entries by status and lists them', async () => {
    serve(AUTHORITY);
    open();
    const counts = await screen.findByRole('region', { name: '按状态统计' });
    await waitFor(() => {
      expect(within(counts).getByText('共 3 张')).toBeTruthy();
    });
    const valid = within(counts).getByRole('link', { name: '有效：2' });
    expect(valid.getAttribute('href')).toBe('/register?status=valid');
    expect(within(counts).getByRole('link', { name: '暂停：1' })).toBeTruthy();
    const results = screen.getByRole('region', { name: '登记的许可证' });
    expect(within(results).getByRole('link', { name: ENTRY.number })).toBeTruthy();
    expect(within(results).getByRole('cell', { name: '3' })).toBeTruthy();
  });

  it('asks a decision’s reason and 文号, and posts them with the version it decided on', async () => {
    const sent = serve(AUTHORITY);
    const user = userEvent.setup();
    open();
    const choose = await screen.findByRole('combobox', { name: `对 ${ENTRY.number} 作出决定` });
    await user.selectOptions(choose, 'suspended');
    // the form's module loads when a decision is chosen
    const dialog = await screen.findByRole('dialog', { name: `暂停：${ENTRY.number}` });
    // focus moves in the form's effect, which may run just after the dialog is first found
    await waitFor(() => {
      expect(document.activeElement).toBe(within(dialog).getByLabelText('理由'));
    });

    await user.click(within(dialog).getByRole('button', { name: '暂停' }));
    expect(within(dialog).getAllByText('请填写此项。')).toHaveLength(2);
    expect(sent.filter((s) => s.method === 'POST')).toHaveLength(0);

    await user.type(within(dialog).getByLabelText('理由'), '年检不合格，责令整改');
    await user.type(within(dialog).getByLabelText('文号'), '京通信管〔2026〕12号');
    await user.click(within(dialog).getByRole('button', { name: '暂停' }));
    expect(await screen.findByText(`已记录：${ENTRY.number} 暂停，现为第 4 版。`)).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    const posts = sent.filter((s) => s.method === 'POST');
    expect(posts).toEqual([
      {
        method: 'POST',
        path: `/api/v1/register/licences/${ENTRY.number}/events`,
        body: {
          kind: 'suspended',
          reason: '年检不合格，责令整改',
          decisionNumber: '京通信管〔2026〕12号',
          expectedVersion: 3,
        },
      },
    ]);
  });

  it('asks a renewal for the new expiry date too', async () => {
    const sent = serve(AUTHORITY);
    const user = userEvent.setup();
    open();
    await user.selectOptions(
      await screen.findByRole('combobox', { name: `对 ${ENTRY.number} 作出决定` }),
      'renewed',
    );
    const dialog = await screen.findByRole('dialog', { name: `延续（续期）：${ENTRY.number}` });
    await user.type(within(dialog).getByLabelText('理由'), '按期申请延续');
    await user.type(within(dialog).getByLabelText('文号'), '京通信管〔2026〕13号');
    await user.click(within(dialog).getByRole('button', { name: '延续（续期）' }));
    // no expiry yet: nothing is sent
    expect(sent.filter((s) => s.method === 'POST')).toHaveLength(0);
    await user.type(within(dialog).getByLabelText('新的有效期至'), '2028-05-03');
    await user.click(within(dialog).getByRole('button', { name: '延续（续期）' }));
    await waitFor(() => {
      expect(sent.filter((s) => s.method === 'POST').map((s) => s.body)).toEqual([
        {
          kind: 'renewed',
          reason: '按期申请延续',
          decisionNumber: '京通信管〔2026〕13号',
          expectedVersion: 3,
          expiresOn: '2028-05-03',
        },
      ]);
    });
  });

  it('tells a holder the register is an authority’s, without reading it', async () => {
    const sent = serve(HOLDER);
    open();
    expect(
      await screen.findByText(
        '登记簿只属于发证机关。您的组织是持证单位：您保存的许可证是自行申报的副本。',
      ),
    ).toBeTruthy();
    expect(sent.map((s) => s.path)).toEqual(['/api/v1/organisation']);
  });
});

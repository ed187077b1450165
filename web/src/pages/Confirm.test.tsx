import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { beforeEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { todayInShanghai } from '../format';
import { LangProvider } from '../i18n';
import { json, signIn, stubFetch } from '../test-fixtures';
import Confirm from './Confirm';

const fetchMock = stubFetch();
const NUMBER = '京B2-20180910';

const PLATFORM = {
  id: 'shop',
  name: '某电商平台',
  kind: 'platform',
  jurisdiction: [],
  publishDeclared: false,
  createdAt: '2026-11-01T00:00:00Z',
  instanceAdmin: false,
};

/** Answer as the server would for `organisation`; the bodies of the confirmations posted. */
function serve(organisation: { kind: string } = PLATFORM) {
  const posted: unknown[] = [];
  fetchMock.mockImplementation(async (request) => {
    const path = new URL(request.url).pathname;
    if (path === '/api/v1/organisation') return json({ ...PLATFORM, ...organisation });
    if (request.method === 'POST' && path === '/api/v1/confirmations') {
      const body = (await request.json()) as { checkedOn: string };
      posted.push(body);
      return json(
        {
          id: 'c1',
          number: NUMBER,
          provenance: 'confirmed',
          checkedOn: body.checkedOn,
          checkedBy: 'token:reviewer',
          officialStatus: '有效',
          holderName: null,
          services: [],
          validFrom: null,
          expiresOn: null,
          note: null,
          attachmentSha256: 'ab'.repeat(32),
          dueOn: '2027-02-27',
          recordedAt: '2026-11-29T02:00:00Z',
        },
        201,
      );
    }
    return json({ status: 404, code: 'NOT_FOUND', detail: path }, 404);
  });
  return posted;
}

function open() {
  const location = memoryLocation({ path: `/licences/${NUMBER}/confirm` });
  render(
    <SWRConfig
      value={{ provider: () => new Map(), dedupingInterval: 0, shouldRetryOnError: false }}
    >
      <LangProvider lang="zh">
        <Router hook={location.hook}>
          <Confirm number={NUMBER} />
        </Router>
      </LangProvider>
    </SWRConfig>,
  );
}

beforeEach(() => {
  fetchMock.mockReset();
  signIn();
});

describe('recording what the official query showed', () => {
  it('posts the fields as read, with the screenshot as base64', async () => {
    const posted = serve();
    const user = userEvent.setup();
    open();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      `记录官方系统核实：${NUMBER}`,
    );
    const official = screen.getByRole('link', { name: /电信业务市场综合管理信息系统查询/u });
    expect(official.getAttribute('href')).toContain(`num=${encodeURIComponent(NUMBER)}`);

    const checkedOn = await screen.findByLabelText<HTMLInputElement>('查询日期');
    expect(checkedOn.value).toBe(todayInShanghai());
    fireEvent.change(checkedOn, { target: { value: '2026-11-28' } });
    await user.type(screen.getByLabelText('官方系统显示的状态'), ' 有效 ');
    await user.type(screen.getByLabelText('公司名称'), '云智联网络科技（北京）有限公司');
    await user.type(
      screen.getByLabelText('业务种类及覆盖范围'),
      '信息服务业务（仅限互联网信息服务）：北京、天津{Enter}{Enter}在线数据处理与交易处理业务',
    );
    fireEvent.change(screen.getByLabelText('有效期至'), { target: { value: '2028-05-03' } });
    const shot = new File(['official page'], 'query.png', { type: 'image/png' });
    await user.upload(screen.getByLabelText('截图或保存的网页'), shot);
    await user.click(screen.getByRole('button', { name: '记录核实结果' }));

    const status = await screen.findByText('已记录 2026年11月28日 的官方系统核实结果。');
    const back = within(status.parentElement ?? document.body).getByRole('link', {
      name: `返回许可证 ${NUMBER} 查看比对结果`,
    });
    expect(back.getAttribute('href')).toBe(`/licences/${encodeURIComponent(NUMBER)}`);
    expect(posted).toEqual([
      {
        number: NUMBER,
        checkedOn: '2026-11-28',
        officialStatus: '有效',
        holderName: '云智联网络科技（北京）有限公司',
        services: [
          { name: '信息服务业务（仅限互联网信息服务）', coverage: ['北京', '天津'] },
          { name: '在线数据处理与交易处理业务', coverage: [] },
        ],
        validFrom: null,
        expiresOn: '2028-05-03',
        note: null,
        attachment: { name: 'query.png', base64: btoa('official page') },
      },
    ]);
  });

  it('asks for the status the official system showed before it sends anything', async () => {
    const posted = serve();
    const user = userEvent.setup();
    open();
    await user.click(await screen.findByRole('button', { name: '记录核实结果' }));
    const status = screen.getByLabelText('官方系统显示的状态');
    expect(status.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toBe('请填写此项。');
    await waitFor(() => {
      expect(posted).toHaveLength(0);
    });
  });

  it('tells an issuing authority it records decisions in its register instead', async () => {
    const posted = serve({ kind: 'authority' });
    open();
    expect(
      await screen.findByText('发证机关不记录核实：您的组织的决定直接写入登记簿。'),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: '记录核实结果' })).toBeNull();
    expect(posted).toHaveLength(0);
  });
});

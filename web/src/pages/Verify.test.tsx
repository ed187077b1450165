import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LangProvider } from '../i18n';
import { clearToken, setToken } from '../session';
import { json, stubFetch } from '../test-fixtures';
import Verify from './Verify';

const fetchMock = stubFetch();

const VALID = {
  number: '京B2-20230001',
  status: 'valid',
  holder: '北京示例科技有限公司',
  services: [
    {
      code: 'B25',
      name: '信息服务业务',
      qualifier: '仅限互联网信息服务',
      includes: ['文化'],
      excludes: ['信息搜索查询服务'],
      coverage: ['北京市'],
    },
  ],
  websites: [{ name: '示例网', domains: ['example.cn', 'www.example.cn'] }],
  issuer: '北京市通信管理局',
  issuedOn: '2023-03-01',
  validFrom: '2023-03-01',
  expiresOn: '2028-03-01',
};

function renderVerify(number: string | null, lang: 'zh' | 'en' = 'zh') {
  return render(
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <LangProvider lang={lang}>
        <Verify number={number} />
      </LangProvider>
    </SWRConfig>,
  );
}

beforeEach(() => {
  fetchMock.mockReset();
});
afterEach(() => {
  clearToken();
});

describe('the public verification page', () => {
  it('shows a valid licence in words a member of the public reads, without sending a token', async () => {
    setToken('xk_signed_in_token', false);
    const requests: Request[] = [];
    fetchMock.mockImplementation((request) => {
      requests.push(request);
      return Promise.resolve(json(VALID));
    });
    renderVerify('京B2-20230001');

    const status = await screen.findByRole('heading', { level: 2, name: '有效' });
    expect(status.closest('section')?.textContent).toContain('此许可证在有效期内。');
    expect(screen.getByRole('status').textContent).toBe('京B2-20230001：有效');
    const facts = screen.getByRole('region', { name: '许可证信息' });
    expect(within(facts).getByText('北京示例科技有限公司')).toBeTruthy();
    expect(within(facts).getByText('北京市通信管理局')).toBeTruthy();
    expect(within(facts).getByText('2023年03月01日 至 2028年03月01日')).toBeTruthy();
    const services = screen.getByRole('region', { name: '业务种类及覆盖范围' });
    expect(within(services).getByText(/信息服务业务（仅限互联网信息服务）/u)).toBeTruthy();
    expect(within(services).getByText('覆盖范围：北京市')).toBeTruthy();
    expect(within(services).getByText('不含：信息搜索查询服务')).toBeTruthy();
    const websites = screen.getByRole('region', { name: '网站' });
    expect(within(websites).getByText('www.example.cn')).toBeTruthy();
    expect(screen.getByRole('button', { name: '打印' })).toBeTruthy();

    expect(requests).toHaveLength(1);
    const [request] = requests;
    if (request === undefined) throw new Error('no request');
    expect(new URL(request.url).pathname).toBe(
      `/api/v1/public/licences/${encodeURIComponent('京B2-20230001')}`,
    );
    expect(request.headers.has('authorization')).toBe(false);
  });

  it('says in words that there is no such licence', async () => {
    fetchMock.mockResolvedValue(
      json(
        {
          type: 'urn:xuke:problem:not-found',
          title: 'Not Found',
          status: 404,
          code: 'NOT_FOUND',
          detail: 'No licence 京B2-20990001',
          detailZh: '未找到许可证 京B2-20990001',
        },
        404,
      ),
    );
    renderVerify('京B2-20990001');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: '未找到此许可证' })).toBeTruthy();
    expect(alert.textContent).toContain('登记库中没有编号为“京B2-20990001”的许可证');
    expect(screen.queryByRole('heading', { name: '有效' })).toBeNull();
  });

  it('explains a rate limit and shows an expired licence in English', async () => {
    fetchMock.mockResolvedValueOnce(
      json(
        { status: 429, code: 'RATE_LIMITED', title: 'Too Many Requests', detail: 'Rate limit' },
        429,
      ),
    );
    fetchMock.mockResolvedValueOnce(
      json({ ...VALID, status: 'expired', validFrom: null, expiresOn: '2023-05-03' }),
    );
    const user = userEvent.setup();
    renderVerify('京B2-20230001', 'en');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Too many look-ups');
    await user.click(within(alert).getByRole('button', { name: 'Verify' }));
    const status = await screen.findByRole('heading', { level: 2, name: 'Expired' });
    expect(status.closest('section')?.textContent).toContain('until 2023-05-03');
  });

  it('asks for a number and goes to its page', async () => {
    const user = userEvent.setup();
    renderVerify(null);
    expect(fetchMock).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText('经营许可证编号'), ' 京B2-20230001 ');
    await user.click(screen.getByRole('button', { name: '查验' }));
    expect(decodeURIComponent(window.location.pathname)).toBe('/verify/京B2-20230001');
  });
});

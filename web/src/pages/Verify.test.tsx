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
    expect(alert.textContent).toContain('登记簿中没有编号为“京B2-20990001”的许可证');
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

/** The register's answer for an issuing authority's record (the fields the trust work added). */
const ISSUED = {
  ...VALID,
  provenance: 'issued',
  authority: { id: 'demo-authority', name: '北京市通信管理局（演示）' },
  registerVersion: 2,
  registerUpdatedAt: '2026-11-20T02:00:00Z',
  verificationUrl: '/verify/%E4%BA%ACB2-20230001',
  notice: null,
  noticeEn: null,
};

const greenMarks = () => document.querySelectorAll('.verified-mark').length;

describe('the public verification answers from registers only', () => {
  it('marks the issuing authority’s record in force green, naming the authority', async () => {
    fetchMock.mockResolvedValue(json(ISSUED));
    renderVerify('京B2-20230001');
    await screen.findByRole('heading', { level: 2, name: '有效' });
    expect(greenMarks()).toBe(1);
    const facts = screen.getByRole('region', { name: '许可证信息' });
    expect(within(facts).getByText('北京市通信管理局（演示）')).toBeTruthy();
    expect(within(facts).getByText('发证机关登记')).toBeTruthy();
    expect(within(facts).getByRole('link').getAttribute('href')).toBe(
      `${window.location.origin}/verify/%E4%BA%ACB2-20230001`,
    );
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('says plainly that a published declared record is the holder’s own, with no green mark', async () => {
    fetchMock.mockResolvedValue(
      json({
        ...ISSUED,
        provenance: 'declared',
        authority: null,
        notice: '由持证单位自行登记，未经发证机关核实',
        noticeEn: 'Recorded by the holder itself; not verified by the issuing authority',
      }),
    );
    renderVerify('京B2-20230001');
    const note = await screen.findByRole('note');
    expect(note.textContent).toContain('持证单位自行登记');
    expect(note.textContent).toContain('由持证单位自行登记，未经发证机关核实');
    // the status is said in words, without the mark
    expect(screen.getByRole('heading', { level: 2, name: '有效' })).toBeTruthy();
    expect(greenMarks()).toBe(0);
    expect(
      within(screen.getByRole('region', { name: '许可证信息' })).getByText('自行申报（副本）'),
    ).toBeTruthy();
  });

  it('sends a number in no register here to the official query', async () => {
    const official =
      'https://dxzhgl.miit.gov.cn/dxxzsp/xkz/xkzgl/resource/qiyesearch.jsp?num=%E4%BA%ACB2-20990001&type=xuke';
    fetchMock.mockResolvedValue(
      json(
        {
          type: 'urn:xuke:problem:not-in-register',
          title: 'Not Found',
          status: 404,
          code: 'NOT_IN_REGISTER',
          detail: 'No register here holds 京B2-20990001',
          detailZh: '本站的登记簿中没有 京B2-20990001',
          links: { officialQuery: official },
        },
        404,
      ),
    );
    renderVerify('京B2-20990001');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: '发证机关登记簿中没有此编号' })).toBeTruthy();
    expect(alert.textContent).toContain('这不等于许可证不存在');
    const link = within(alert).getByRole('link', {
      name: '在电信业务市场综合管理信息系统查询 京B2-20990001（新窗口）',
    });
    expect(link.getAttribute('href')).toBe(official);
    expect(link.getAttribute('target')).toBe('_blank');
    expect(greenMarks()).toBe(0);
  });

  it('explains an impossible number, with no retry: asking again cannot help', async () => {
    fetchMock.mockResolvedValue(
      json(
        {
          type: 'urn:xuke:problem:invalid-licence-number',
          title: 'Bad Request',
          status: 400,
          code: 'INVALID_LICENCE_NUMBER',
          detail: '京B2-99999999: the year 9999 is impossible',
          detailZh: '京B2-99999999：年份 9999 不可能',
        },
        400,
      ),
    );
    renderVerify('京B2-99999999');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByRole('heading', { name: '编号格式不正确' })).toBeTruthy();
    expect(alert.textContent).toContain('京B2-99999999：年份 9999 不可能');
    expect(within(alert).queryByRole('button')).toBeNull();
    expect(screen.queryByRole('button', { name: '重试' })).toBeNull();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});

import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { beforeEach, describe, expect, it } from 'vitest';
import { LangProvider } from '../i18n';
import { json, signIn, stubFetch } from '../test-fixtures';
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
  annualReports: [],
  creditListings: [],
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
  signIn(null);
});

describe('the public verification page', () => {
  it('shows a valid licence in words a member of the public reads, without the session', async () => {
    signIn();
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
    expect(request.credentials).toBe('omit');
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

/** An accepted 2025 report as the public answer carries it: items 1–3 and 5, revenue withheld. */
const REPORTED = {
  ...ISSUED,
  annualReports: [
    {
      year: 2025,
      filedOn: '2026-03-02',
      acceptedOn: '2026-03-27',
      items: [
        {
          no: 1,
          title: '上一年度的电信业务经营情况',
          titleEn: 'Telecommunications business operations in the previous year',
          fields: { usersByService: { B25: 5200 }, operations: '经营门户网站' },
          withheld: ['电信业务收入（万元）'],
        },
        {
          no: 2,
          title: '网络建设、业务发展、人员及机构变动情况',
          titleEn: 'Network build-out, business development, staff and organisational changes',
          fields: { staff: 42, network: '机房一处', changes: '无' },
          withheld: [],
        },
        {
          no: 5,
          title: '执行国家和电信管理机构有关规定及经营许可证特别事项的情况',
          titleEn:
            'Compliance with national and regulatory rules and the licence’s special provisions',
          fields: { compliance: '逐项执行' },
          withheld: [],
        },
      ],
    },
  ],
  creditListings: [
    {
      list: 'bad',
      listedBy: '北京市通信管理局（演示）',
      holderName: '北京示例科技有限公司',
      creditCode: null,
      number: '京B2-20230001',
      decidedOn: '2026-05-07',
      listedOn: '2026-05-08',
      reasonKind: 'annual-report-missing',
      reason: '未按限期报送2025年度年报（京通信管〔2026〕21号，限期至2026-05-06）',
      removedOn: '2026-06-01',
    },
  ],
};

describe('the public part of the annual-report cycle', () => {
  it('shows the published items with their fields, names withheld ones, and nothing else', async () => {
    fetchMock.mockResolvedValue(json(REPORTED));
    renderVerify('京B2-20230001');
    const reports = await screen.findByRole('region', { name: '年报公示' });
    const report = within(reports).getByRole('article', { name: '2025 年度年报' });
    expect(report.textContent).toContain('报送于 2026年03月02日，受理于 2026年03月27日');
    expect(within(report).getByRole('heading', { name: /第 1 项/u })).toBeTruthy();
    expect(within(report).getByText('各项业务用户数')).toBeTruthy();
    expect(within(report).getByText('信息服务业务（B25）：5200')).toBeTruthy();
    expect(within(report).getByText('经营门户网站')).toBeTruthy();
    // the withheld field is named, its value is not there
    const withheld = within(report).getByText('电信业务收入（万元）').closest('div');
    expect(withheld?.textContent).toContain('商业秘密，不予公示');
    expect(within(report).getByText('年末从业人员数')).toBeTruthy();
    expect(within(report).getByText('逐项执行')).toBeTruthy();
    // items the answer does not carry are absent: 4 never, 3 and 6 not here
    expect(within(report).queryByRole('heading', { name: /第 4 项/u })).toBeNull();
    expect(within(report).queryByRole('heading', { name: /第 3 项/u })).toBeNull();
    expect(within(report).queryByRole('heading', { name: /第 6 项/u })).toBeNull();
    expect(within(report).getAllByRole('heading', { level: 4 })).toHaveLength(3);

    const listings = screen.getByRole('region', { name: '不良名单和失信名单' });
    expect(within(listings).getByText('电信业务经营不良名单')).toBeTruthy();
    expect(within(listings).getByText('已移出')).toBeTruthy();
    expect(listings.textContent).toContain('未按规定报送年报');
    expect(listings.textContent).toContain('限期至2026年05月06日');
    expect(listings.textContent).toContain('2026年05月07日');
    expect(listings.textContent).toContain('2026年06月01日');
    expect(within(listings).getByText('北京市通信管理局（演示）')).toBeTruthy();
  });

  it('says the same in English', async () => {
    fetchMock.mockResolvedValue(json(REPORTED));
    renderVerify('京B2-20230001', 'en');
    const reports = await screen.findByRole('region', { name: 'Published annual reports' });
    expect(within(reports).getByText('Users by service')).toBeTruthy();
    const withheld = within(reports)
      .getByText('Telecommunications business revenue (10,000 yuan)')
      .closest('div');
    expect(withheld?.textContent).toContain('Trade secret, not published');
    expect(
      within(reports).getByRole('heading', {
        name: 'Item 2: Network build-out, business development, staff and organisational changes',
      }),
    ).toBeTruthy();
    const listings = screen.getByRole('region', { name: 'Credit lists (不良名单, 失信名单)' });
    expect(listings.textContent).toContain('Taken off on');
    expect(listings.textContent).toContain('2026-06-01');
  });

  it('shows no annual-report or list section for a licence without any', async () => {
    fetchMock.mockResolvedValue(json(ISSUED));
    renderVerify('京B2-20230001');
    await screen.findByRole('heading', { level: 2, name: '有效' });
    expect(screen.queryByRole('region', { name: '年报公示' })).toBeNull();
    expect(screen.queryByRole('region', { name: '不良名单和失信名单' })).toBeNull();
  });
});

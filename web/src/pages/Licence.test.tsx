import { render, screen, within } from '@testing-library/react';
import { SWRConfig } from 'swr';
import { afterEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { LangProvider } from '../i18n';
import { json, SEED_LICENCE, storedLicence, stubFetch } from '../test-fixtures';
import Licence from './Licence';

const fetchMock = stubFetch();
const routes = new Map<string, { status: number; body: unknown }>();
fetchMock.mockImplementation((request) => {
  const key = `${request.method} ${decodeURIComponent(new URL(request.url).pathname)}`;
  const answer = routes.get(key) ?? {
    status: 404,
    body: { status: 404, code: 'NOT_FOUND', detail: `no route ${key}` },
  };
  return Promise.resolve(json(answer.body, answer.status));
});

const record = {
  ...SEED_LICENCE,
  provisions: [
    { id: '1', text: '你公司应当按照《中华人民共和国电信条例》……', appliesTo: null },
    { id: '15.12', text: '你公司提供信息搜索查询服务时……', appliesTo: '信息搜索查询服务' },
  ],
  signatures: [],
};
const renewed = { ...record, expiresOn: '2028-05-03' };
const stored = storedLicence({
  version: 2,
  createdAt: '2026-11-01T02:00:00Z',
  updatedAt: '2026-11-20T02:00:00Z',
  licence: renewed,
});
const base = '/api/v1/licences/京B2-20180910';

function answer(key: string, body: unknown, status = 200) {
  routes.set(key, { status, body });
}

function open(number: string, lang: 'zh' | 'en' = 'zh') {
  const location = memoryLocation({ path: `/licences/${number}` });
  render(
    <SWRConfig
      value={{ provider: () => new Map(), dedupingInterval: 0, shouldRetryOnError: false }}
    >
      <LangProvider lang={lang}>
        <Router hook={location.hook}>
          <Licence number={number} />
        </Router>
      </LangProvider>
    </SWRConfig>,
  );
}

afterEach(() => {
  routes.clear();
  fetchMock.mockClear();
});

describe('Licence page', () => {
  it('says in words that the organisation has no such licence', async () => {
    answer(
      'GET /api/v1/licences/京B2-29990001',
      { status: 404, code: 'NOT_FOUND', detail: 'No licence 京B2-29990001' },
      404,
    );
    open('京B2-29990001');
    expect(await screen.findByText('您的组织中没有编号为 京B2-29990001 的许可证。')).toBeTruthy();
    expect(screen.getByRole('link', { name: '上传许可证' })).toBeTruthy();
  });

  it('shows the record, findings, deadlines, history with differences and documents', async () => {
    answer(`GET ${base}`, stored);
    answer('POST /api/v1/checks', {
      schema: 'xuke.check/v1',
      status: 'valid',
      findings: [
        {
          ruleId: 'validity-term',
          severity: 'warning',
          message: '有效期不是五年',
          messageEn: 'The validity is not five years',
          fields: ['issuedOn', 'expiresOn'],
          evidence: [],
          basis: '《电信业务经营许可管理办法》第二十五条',
          basisEn: 'Order 42 art. 25',
        },
      ],
    });
    answer(`GET ${base}/deadlines`, {
      schema: 'xuke.deadlines/v1',
      licence: { number: '京B2-20180910', holder: null, expiresOn: '2028-05-03' },
      occurrences: [
        {
          id: 'illegal-content-report@2026-11-20',
          obligation: 'illegal-content-report',
          title: '违法信息处置情况上报',
          titleEn: 'Report illegal information found and disposed of',
          done: null,
          dueOn: '2099-12-04',
          actBy: '2099-12-04',
          workdaysLeft: 12000,
          status: 'upcoming',
          provisional: true,
          explanation: { text: '2099-11-20 后第 10 个工作日。', textEn: 'The 10th working day.' },
        },
      ],
    });
    answer(`GET ${base}/history`, {
      licence: stored,
      versions: [
        {
          number: '京B2-20180910',
          version: 1,
          status: 'valid',
          licence: record,
          documentSha256: 'ab'.repeat(32),
          recordedAt: '2026-11-01T02:00:00Z',
        },
        {
          number: '京B2-20180910',
          version: 2,
          status: 'valid',
          licence: renewed,
          documentSha256: null,
          recordedAt: '2026-11-20T02:00:00Z',
        },
      ],
      events: [
        {
          number: '京B2-20180910',
          kind: 'renewed',
          on: '2026-11-20',
          note: '续期获批',
          actor: 'token:admin',
          recordedAt: '2026-11-20T02:00:00Z',
          version: 2,
          status: 'valid',
          data: { expiresOn: '2028-05-03' },
        },
      ],
    });
    answer(`GET ${base}/documents`, {
      items: [{ version: 1, sha256: 'ab'.repeat(32), recordedAt: '2026-11-01T02:00:00Z' }],
    });
    answer('GET /api/v1/events', {
      items: [
        {
          number: '京B2-20180910',
          kind: 'renewed',
          category: 'lifecycle',
          on: '2026-11-20',
          note: '续期获批',
          actor: 'token:admin',
          recordedAt: '2026-11-20T02:00:00Z',
        },
        {
          number: '京B2-20180910',
          kind: 'illegal-content-disposed',
          category: 'obligation',
          on: '2022-09-27',
          note: '删除违规帖子 3 条',
          actor: 'token:member',
          recordedAt: '2022-09-27T08:00:00Z',
        },
      ],
    });
    open('京B2-20180910');

    expect(await screen.findByRole('heading', { level: 1, name: '京B2-20180910' })).toBeTruthy();
    expect(screen.getByText('云智联网络科技（北京）有限公司', { selector: 'dd' })).toBeTruthy();
    // unknown values are said to be unknown
    expect(screen.getAllByText('未载明').length).toBeGreaterThan(0);
    expect(screen.getByText('upliveapp.com')).toBeTruthy();
    expect(screen.getByText('查看全部 2 条特别规定事项')).toBeTruthy();

    expect(await screen.findByText('有效期不是五年')).toBeTruthy();
    expect(screen.getByText('警告')).toBeTruthy();

    expect(await screen.findByText('违法信息处置情况上报')).toBeTruthy();
    expect(screen.getByText('暂定')).toBeTruthy();
    expect(screen.getByText('2099年11月20日 后第 10 个工作日。')).toBeTruthy();

    const changes = await screen.findByText('与第 1 版相比有 1 处变化');
    const table = within(changes.closest('details') as HTMLElement).getByRole('table');
    const header = within(table).getByRole('rowheader', { name: '有效期至' });
    expect(header.getAttribute('title')).toBe('expiresOn');
    const row = header.closest('tr');
    expect(row?.textContent).toContain('2023年05月03日');
    expect(row?.textContent).toContain('2028年05月03日');
    expect(screen.getByText('首个版本：记录第一次入库。')).toBeTruthy();
    expect(screen.getByText('续期获批')).toBeTruthy();

    // the licence's obligation events beside its lifecycle events
    expect(screen.getByRole('heading', { level: 3, name: '生命周期事件' })).toBeTruthy();
    expect(await screen.findByRole('heading', { level: 3, name: '义务事件' })).toBeTruthy();
    const disposed = screen.getByText('处置违法信息').closest('li');
    expect(disposed?.textContent).toContain('2022年09月27日');
    expect(disposed?.textContent).toContain('删除违规帖子 3 条');
    expect(disposed?.textContent).toContain('由令牌“member”记录于');
    // the lifecycle event is listed once, with its version, not again among the obligation events
    expect(screen.getAllByText('续期获批')).toHaveLength(1);
    const asked = fetchMock.mock.calls
      .map(([request]) => new URL(request.url))
      .find((u) => u.pathname === '/api/v1/events');
    expect(asked?.searchParams.get('number')).toBe('京B2-20180910');

    expect(await screen.findByText('ab'.repeat(32))).toBeTruthy();
  });

  it('switches the findings to English with the language', async () => {
    answer(`GET ${base}`, stored);
    answer('POST /api/v1/checks', {
      schema: 'xuke.check/v1',
      status: 'valid',
      findings: [
        {
          ruleId: 'expired',
          severity: 'error',
          message: '已过期',
          messageEn: 'Expired on 2023-05-03',
          fields: ['expiresOn'],
          evidence: [],
          basis: '',
          basisEn: '',
        },
      ],
    });
    const location = memoryLocation({ path: '/licences/x' });
    render(
      <SWRConfig
        value={{ provider: () => new Map(), dedupingInterval: 0, shouldRetryOnError: false }}
      >
        <LangProvider lang="en">
          <Router hook={location.hook}>
            <Licence number="京B2-20180910" />
          </Router>
        </LangProvider>
      </SWRConfig>,
    );
    expect(await screen.findByText('Expired on 2023-05-03')).toBeTruthy();
    expect(screen.getByText('Error')).toBeTruthy();
  });

  describe.each([
    {
      lang: 'zh' as const,
      title: '有效期限',
      current: '当前状态：',
      field: '第 1 项业务的限定说明',
      company: '公司名称',
      madeBy: '由事件产生：变更（2026年11月20日）',
      note: '人工更正：持证单位、有效期至。核验结论为“需人工复核”，已确认保存：纸质原件已核对',
      by: '由网页登录记录于 2026年11月20日 02:00',
    },
    {
      lang: 'en' as const,
      title: 'Validity term',
      current: 'Current status: ',
      field: 'Service 1: qualifier',
      company: 'Company name',
      madeBy: 'Made by: Changed (2026-11-20)',
      note: 'Corrected by hand: Holder, Expires on. Saved despite the verdict “Needs review”: 纸质原件已核对',
      by: 'recorded by web sign-in, 2026-11-20 02:00',
    },
  ])('in words, $lang', (words) => {
    it('names rules, fields, people and dates in the page’s language, codes only in tooltips', async () => {
      const corrected = {
        ...renewed,
        holder: { ...renewed.holder, name: '云智联科技有限公司' },
        services: renewed.services.map((x) => ({ ...x, qualifier: '不含信息搜索查询服务' })),
      };
      answer(`GET ${base}`, { ...stored, licence: corrected });
      answer('POST /api/v1/checks', {
        schema: 'xuke.check/v1',
        status: 'valid',
        findings: [
          {
            ruleId: 'validity-term',
            severity: 'warning',
            message: '有效期不是五年',
            messageEn: 'The validity is not five years',
            fields: ['issuedOn', 'expiresOn'],
            evidence: [],
            basis: '',
            basisEn: '',
          },
        ],
      });
      answer(`GET ${base}/history`, {
        licence: stored,
        versions: [
          {
            ...stored,
            version: 1,
            licence: renewed,
            documentSha256: null,
            recordedAt: stored.createdAt,
          },
          {
            ...stored,
            version: 2,
            licence: corrected,
            documentSha256: null,
            recordedAt: stored.updatedAt,
          },
        ],
        events: [
          {
            number: '京B2-20180910',
            kind: 'changed',
            on: '2026-11-20',
            note: '人工更正 corrected by hand: holder, expiresOn；已确认保存（核验结论 suspect）：纸质原件已核对',
            actor: 'token:web sign-in',
            recordedAt: '2026-11-20T02:00:00Z',
            version: 2,
            status: 'valid',
            data: null,
          },
        ],
      });
      open('京B2-20180910', words.lang);

      const title = await screen.findByText(words.title);
      expect(title.getAttribute('title')).toBe('validity-term');
      const findings = title.closest('ul') as HTMLElement;
      expect(findings.textContent).not.toContain('validity-term');

      expect(document.querySelector('.licence-lead .visually-hidden')?.textContent).toBe(
        words.current,
      );

      const version = (await screen.findByRole('heading', { level: 4, name: /2/u })).closest(
        'li',
      ) as HTMLElement;
      const diff = within(version).getByRole('table');
      for (const [path, label] of [
        ['services[0].qualifier', words.field],
        ['holder.name', words.company],
      ] as const) {
        const header = within(diff).getByRole('rowheader', { name: label });
        expect(header.getAttribute('title')).toBe(path);
      }
      expect(diff.textContent).not.toMatch(/services\[0\]|holder\.name/u);
      expect(version.textContent).toContain(words.madeBy);

      const events = screen.getByRole('heading', {
        level: 3,
        name: /生命周期事件|Lifecycle events/u,
      }).nextElementSibling as HTMLElement;
      expect(within(events).getByText(words.note)).toBeTruthy();
      expect(within(events).getByText(words.by)).toBeTruthy();
      expect(events.textContent).not.toMatch(/corrected by hand|token:|suspect/u);
    });
  });
});

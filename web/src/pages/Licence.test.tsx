import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { reloadOrganisation } from '../api/organisation';
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
    // the version whose document is stored links to its original beside its fields (对照原件, a
    // page of its own); the other has none
    const original = screen.getByRole('link', { name: `对照原件 ${'ab'.repeat(6)}` });
    expect(original.getAttribute('href')).toBe(
      `/licences/${encodeURIComponent('京B2-20180910')}/original/${'ab'.repeat(32)}`,
    );
    expect(screen.getAllByRole('link', { name: /^对照原件/u })).toHaveLength(1);
    expect(screen.getByText(/无来源文件/u)).toBeTruthy();

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

  /** The reads of the seed's page, as a member or viewer of a holder (or an authority) sees them. */
  function answerPage(role: string, kind = 'holder', fields: Partial<typeof stored> = {}) {
    answer('GET /api/v1/me', { tokenId: 't', role, organisation: 'demo', actor: 'token:x' });
    answer('GET /api/v1/organisation', {
      id: 'demo',
      name: '演示',
      kind,
      jurisdiction: [],
      publishDeclared: false,
      mirrorOf: null,
      createdAt: '2026-11-01T00:00:00Z',
      instanceAdmin: false,
    });
    answer(`GET ${base}`, { ...stored, ...fields });
    answer('POST /api/v1/checks', { schema: 'xuke.check/v1', status: 'valid', findings: [] });
    answer(`GET ${base}/deadlines`, { occurrences: [] });
    answer(`GET ${base}/history`, {
      licence: stored,
      versions: [
        {
          number: '京B2-20180910',
          version: 1,
          status: 'valid',
          licence: record,
          documentSha256: null,
          recordedAt: '2026-11-01T02:00:00Z',
        },
      ],
      events: [],
    });
    answer(`GET ${base}/documents`, { items: [] });
    answer('GET /api/v1/events', { items: [] });
  }

  const actionsOf = async (name: string) => within(await screen.findByRole('group', { name }));

  describe.each([
    {
      lang: 'zh' as const,
      actions: '许可证操作',
      record: '记录事件',
      markDone: '标记期限完成',
      see: '查看期限',
      upload: '上传新版本',
      verify: '公开查验页',
      elicence: '下载电子证照',
      register: '在登记簿中办理',
      panel: '为 京B2-20180910 记录事件',
      kind: '事件类型',
      date: '发生日期',
      submit: '记录事件',
      recorded: '已记录：发现并处置了违法信息（2026年11月27日）。',
    },
    {
      lang: 'en' as const,
      actions: 'Licence actions',
      record: 'Record an event',
      markDone: 'Mark deadlines done',
      see: 'See its deadlines',
      upload: 'Upload a new version',
      verify: 'Public verification page',
      elicence: 'Download the e-licence',
      register: 'Open in the register',
      panel: 'Record an event for 京B2-20180910',
      kind: 'Kind of event',
      date: 'Date it happened',
      submit: 'Record the event',
      recorded: 'Recorded: Illegal information found and disposed of (2026-11-27).',
    },
  ])('its actions, $lang', (words) => {
    const DEADLINES = `/deadlines?licence=${encodeURIComponent('京B2-20180910')}`;

    it('offers a member what the app does with a licence, each where it is done', async () => {
      answerPage('member');
      await reloadOrganisation();
      open('京B2-20180910', words.lang);
      const actions = await actionsOf(words.actions);
      expect(await actions.findByRole('button', { name: words.record })).toBeTruthy();
      expect(actions.getByRole('link', { name: words.markDone }).getAttribute('href')).toBe(
        DEADLINES,
      );
      expect(actions.getByRole('link', { name: words.upload }).getAttribute('href')).toBe(
        '/upload',
      );
      expect(actions.getByRole('link', { name: words.verify }).getAttribute('href')).toBe(
        '/verify/%E4%BA%ACB2-20180910',
      );
      // a declared copy has no e-licence of this organisation's to hand out
      expect(actions.queryByRole('link', { name: words.elicence })).toBeNull();
    });

    it('records an event for the licence here, and re-reads its deadlines', async () => {
      answerPage('member');
      await reloadOrganisation();
      let posted: unknown = null;
      routes.set(`POST ${base}/events`, {
        status: 201,
        body: { id: 'e1', number: '京B2-20180910', kind: 'illegal-content-disposed' },
      });
      const route = fetchMock.getMockImplementation();
      fetchMock.mockImplementation(async (request) => {
        if (request.method === 'POST' && request.url.includes('/events')) {
          posted = await request.clone().json();
        }
        return route === undefined ? json({}, 500) : route(request);
      });
      onTestFinished(() => {
        if (route !== undefined) fetchMock.mockImplementation(route);
      });
      open('京B2-20180910', words.lang);
      const user = userEvent.setup();
      await user.click(
        await (await actionsOf(words.actions)).findByRole('button', { name: words.record }),
      );
      const panel = (await screen.findByRole('heading', { level: 2, name: words.panel })).closest(
        'section',
      ) as HTMLElement;
      // the keyboard follows into the panel
      expect(document.activeElement?.textContent).toBe(words.panel);
      await within(panel).findByLabelText(words.kind);
      await user.selectOptions(
        within(panel).getByLabelText(words.kind),
        'illegal-content-disposed',
      );
      const date = within(panel).getByLabelText(words.date);
      await user.clear(date);
      await user.type(date, '2026-11-27');
      const deadlinesRead = () =>
        fetchMock.mock.calls.filter(([r]) =>
          decodeURIComponent(r.url).endsWith(`${base}/deadlines`),
        ).length;
      const before = deadlinesRead();
      await user.click(within(panel).getByRole('button', { name: words.submit }));
      expect(await within(panel).findByText(words.recorded, { exact: false })).toBeTruthy();
      expect(posted).toEqual({ kind: 'illegal-content-disposed', date: '2026-11-27', note: null });
      expect(deadlinesRead()).toBeGreaterThan(before);
    });

    it('lets a viewer see the deadlines, and nothing it cannot do', async () => {
      answerPage('viewer');
      await reloadOrganisation();
      open('京B2-20180910', words.lang);
      const actions = await actionsOf(words.actions);
      expect((await actions.findByRole('link', { name: words.see })).getAttribute('href')).toBe(
        DEADLINES,
      );
      expect(actions.queryByRole('button', { name: words.record })).toBeNull();
      expect(actions.queryByRole('link', { name: words.upload })).toBeNull();
    });

    it('sends an issuing authority to its register, and hands out the e-licence it signed', async () => {
      answerPage('admin', 'authority', { provenance: 'issued' });
      await reloadOrganisation();
      open('京B2-20180910', words.lang);
      const actions = await actionsOf(words.actions);
      expect(
        (await actions.findByRole('link', { name: words.register })).getAttribute('href'),
      ).toBe('/register?number=%E4%BA%ACB2-20180910');
      const elicence = actions.getByRole('link', { name: words.elicence });
      expect(elicence.getAttribute('href')).toBe(
        '/api/v1/public/licences/%E4%BA%ACB2-20180910/elicence',
      );
      expect(elicence.hasAttribute('download')).toBe(true);
      expect(actions.queryByRole('button', { name: words.record })).toBeNull();
    });
  });

  it('lands on the section the address names once the sections above it have loaded', async () => {
    answerPage('viewer');
    window.history.replaceState(null, '', '/licences/x#licence-history');
    const scrolled: { id: string; loaded: boolean }[] = [];
    const scroll = vi.spyOn(Element.prototype, 'scrollIntoView').mockImplementation(function (
      this: Element,
    ) {
      scrolled.push({
        id: this.id,
        // the history has been drawn, and the findings above it too
        loaded:
          this.textContent.includes('首个版本') &&
          document.getElementById('licence-findings')?.querySelector('[role="status"]') === null,
      });
    });
    try {
      open('京B2-20180910');
      await waitFor(() => {
        expect(scrolled.length).toBeGreaterThan(0);
      });
      expect(scrolled[0]).toEqual({ id: 'licence-history', loaded: true });
    } finally {
      scroll.mockRestore();
      window.history.replaceState(null, '', '/');
    }
  });
});

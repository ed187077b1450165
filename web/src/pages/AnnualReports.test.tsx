import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { COMPLETE, apiReport } from '../components/annual-report/report.fixture';
import { LangProvider } from '../i18n';
import {
  AUTHORITY_ORG,
  HOLDER_ORG,
  json,
  signIn,
  storedLicence,
  stubFetch,
} from '../test-fixtures';
import AnnualReports from './AnnualReports';

const fetchMock = stubFetch();

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly body: unknown;
}

/** A report as the list answers it: without its items and public preview. */
function summary(r: ReturnType<typeof apiReport>) {
  return Object.fromEntries(
    Object.entries(r).filter(([k]) => k !== 'items' && k !== 'publicPreview'),
  );
}

const OWN = summary(apiReport({ answers: COMPLETE, updatedAt: '2026-01-12T02:00:00.000Z' }));
const SUBMITTED = summary(
  apiReport({
    id: 'r-9',
    answers: COMPLETE,
    status: 'submitted',
    authority: AUTHORITY_ORG.id,
    submittedAt: '2026-03-02T02:00:00.000Z',
  }),
);

function serve(org: typeof HOLDER_ORG, role: 'admin' | 'member' | 'viewer' = 'admin') {
  const sent: Sent[] = [];
  fetchMock.mockImplementation(async (request) => {
    const url = new URL(request.url);
    const path = decodeURIComponent(url.pathname);
    const body: unknown = request.method === 'POST' ? await request.json() : null;
    sent.push({ method: request.method, path, query: url.search, body });
    if (path === '/api/v1/organisation') return json({ ...org, instanceAdmin: false });
    if (path === '/api/v1/me') {
      return json({ tokenId: 't', role, organisation: org.id, actor: 'token:x' });
    }
    if (path === '/api/v1/licences') return json({ items: [storedLicence()], next: null });
    if (path === '/api/v1/annual-reports') {
      return json({ items: url.searchParams.get('side') === 'authority' ? [SUBMITTED] : [OWN] });
    }
    if (request.method === 'POST' && path === '/api/v1/licences/京B2-20180910/annual-reports') {
      return json(apiReport({ id: 'r-new', version: 1 }), 201);
    }
    return json({ status: 404, code: 'NOT_FOUND', detail: `no route ${path}` }, 404);
  });
  return sent;
}

function open(lang: 'zh' | 'en' = 'zh', path = '/annual-reports') {
  const location = memoryLocation({ path, record: true });
  render(
    <SWRConfig
      value={{ provider: () => new Map(), dedupingInterval: 0, shouldRetryOnError: false }}
    >
      <LangProvider lang={lang}>
        <Router hook={location.hook} searchHook={location.searchHook}>
          <AnnualReports />
        </Router>
      </LangProvider>
    </SWRConfig>,
  );
  return location;
}

beforeEach(() => {
  fetchMock.mockReset();
  signIn();
});

describe('a holder’s annual reports', () => {
  it('lists its reports and drafts one for a licence, last year by default', async () => {
    vi.useFakeTimers({ now: new Date('2026-02-10T02:00:00Z'), toFake: ['Date'] });
    onTestFinished(() => {
      vi.useRealTimers();
    });
    const sent = serve(HOLDER_ORG);
    const user = userEvent.setup();
    const location = open();
    const list = await screen.findByRole('region', { name: '本单位的年报' });
    await waitFor(() => {
      expect(within(list).getByRole('rowheader', { name: '京B2-20180910' })).toBeTruthy();
    });
    expect(within(list).getByText('草稿')).toBeTruthy();
    expect(
      within(list)
        .getByRole('link', { name: '打开 京B2-20180910 的 2025 年度年报' })
        .getAttribute('href'),
    ).toBe('/annual-reports/r-2025');

    const draft = screen.getByRole('region', { name: '起草年报' });
    expect(within(draft).getByLabelText<HTMLInputElement>('年度').value).toBe('2025');
    await user.click(within(draft).getByRole('button', { name: '起草' }));
    expect(within(draft).getByText('请选择许可证。')).toBeTruthy();
    await user.selectOptions(
      await within(draft).findByRole('combobox', { name: '经营许可证' }),
      '京B2-20180910',
    );
    await user.click(within(draft).getByRole('button', { name: '起草' }));
    await waitFor(() => {
      expect(location.history.at(-1)).toBe('/annual-reports/r-new');
    });
    expect(sent.filter((s) => s.method === 'POST').map((s) => [s.path, s.body])).toEqual([
      ['/api/v1/licences/京B2-20180910/annual-reports', { year: 2025 }],
    ]);
  });

  it('tells a viewer it can read only, in English', async () => {
    serve(HOLDER_ORG, 'viewer');
    open('en');
    expect(
      await screen.findByText('Your token can read, not draft or change, annual reports.'),
    ).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Draft a report' })).toBeNull();
    const list = screen.getByRole('region', { name: 'Your organisation’s reports' });
    expect(await within(list).findByText('Draft')).toBeTruthy();
  });

  it('tells a platform it files none', async () => {
    const sent = serve({ ...HOLDER_ORG, kind: 'platform' });
    open();
    expect(
      await screen.findByText('年报由持证单位报送、发证机关审核。您的组织是平台，没有年报。'),
    ).toBeTruthy();
    expect(sent.map((s) => s.path)).toEqual(['/api/v1/organisation']);
  });
});

describe('an authority’s review queue', () => {
  it('lists the reports submitted to it, to review', async () => {
    const sent = serve(AUTHORITY_ORG);
    open();
    expect(await screen.findByRole('heading', { level: 1, name: '审核年报' })).toBeTruthy();
    expect(screen.getByRole('navigation', { name: '年报工作' })).toBeTruthy();
    const link = await screen.findByRole('link', { name: '审核 京B2-20180910 的 2025 年度年报' });
    expect(link.getAttribute('href')).toBe('/annual-reports/r-9');
    expect(within(screen.getByRole('table')).getByText('已报送，待审核')).toBeTruthy();
    const asked = sent.find((s) => s.path === '/api/v1/annual-reports');
    expect(new URLSearchParams(asked?.query)).toEqual(
      new URLSearchParams({ side: 'authority', status: 'submitted' }),
    );
  });

  it('filters by status and year through the address, in English', async () => {
    serve(AUTHORITY_ORG);
    const user = userEvent.setup();
    const location = open('en');
    await user.selectOptions(await screen.findByLabelText('Status'), 'accepted');
    await user.type(screen.getByLabelText('Year'), '2025');
    await user.click(screen.getByRole('button', { name: 'Filter' }));
    expect(location.history.at(-1)).toBe('/annual-reports?status=accepted&year=2025');
  });
});

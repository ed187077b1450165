import { render, screen, within } from '@testing-library/react';
import { SWRConfig } from 'swr';
import { beforeEach, describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { LangProvider } from '../i18n';
import { AUTHORITY_ORG, json, signIn, stubFetch } from '../test-fixtures';
import AnnualReportCycle from './AnnualReportCycle';

const fetchMock = stubFetch();

const OVERVIEW = {
  year: 2025,
  window: { from: '2026-01-01', to: '2026-03-31' },
  due: 4,
  byStage: {
    accepted: 2,
    'pending-review': 1,
    returned: 0,
    'not-filed': 0,
    ordered: 0,
    'order-overdue': 0,
    listed: 1,
  },
  late: 1,
  byRegion: [{ key: '京', due: 4, filed: 3, accepted: 2, rate: 0.5 }],
  byService: [
    { key: 'B25', due: 4, filed: 3, accepted: 2, rate: 0.5 },
    { key: 'B11', due: 1, filed: 1, accepted: 1, rate: 1 },
  ],
  listed: 1,
};
const SPOT = {
  id: 's1',
  year: 2025,
  drawnOn: '2026-05-12',
  seed: '0123456789abcdef'.repeat(4),
  checks: 4,
  done: 1,
  authority: AUTHORITY_ORG.id,
  createdBy: 'token:x',
  createdAt: '2026-05-12T02:00:00Z',
};

function serve(spotChecks: readonly unknown[]) {
  const asked: string[] = [];
  fetchMock.mockImplementation((request) => {
    const url = new URL(request.url);
    asked.push(`${url.pathname}${url.search}`);
    if (url.pathname === '/api/v1/organisation') {
      return Promise.resolve(json({ ...AUTHORITY_ORG, instanceAdmin: false }));
    }
    if (url.pathname === '/api/v1/annual-report-cycle/overview') {
      return Promise.resolve(json(OVERVIEW));
    }
    if (url.pathname === '/api/v1/spot-checks') return Promise.resolve(json({ items: spotChecks }));
    return Promise.resolve(json({ status: 404, code: 'NOT_FOUND', detail: 'no' }, 404));
  });
  return asked;
}

function open(lang: 'zh' | 'en' = 'zh') {
  const location = memoryLocation({ path: '/annual-report-cycle/overview?year=2025' });
  render(
    <SWRConfig
      value={{ provider: () => new Map(), dedupingInterval: 0, shouldRetryOnError: false }}
    >
      <LangProvider lang={lang}>
        <Router hook={location.hook} searchHook={location.searchHook}>
          <AnnualReportCycle />
        </Router>
      </LangProvider>
    </SWRConfig>,
  );
}

beforeEach(() => {
  fetchMock.mockReset();
  signIn();
});

describe('the cycle’s figures', () => {
  it('shows the filing rate by region and service, the late and listed, and the spot checks', async () => {
    const asked = serve([SPOT]);
    open();
    const figures = await screen.findByRole('region', { name: '总体' });
    const figure = (label: string) => within(figures).getByText(label).nextSibling?.textContent;
    expect(figure('应报送')).toBe('4');
    expect(figure('已报送')).toBe('3 报送率 75%');
    expect(figure('逾期报送或未报送')).toBe('1');
    expect(figure('列入不良名单')).toBe('1');
    const regions = screen.getByRole('region', { name: '按地区的报送率' });
    const jing = within(regions).getByRole('rowheader', { name: '京' }).closest('tr');
    expect(jing?.textContent).toBe('京43275%50%');
    const services = screen.getByRole('region', { name: '按业务的报送率' });
    expect(within(services).getByRole('rowheader', { name: '信息服务业务（B25）' })).toBeTruthy();
    expect(
      within(services).getByRole('rowheader', { name: '互联网数据中心业务（B11）' }).closest('tr')
        ?.textContent,
    ).toContain('100%');
    const spot = screen.getByRole('region', { name: '双随机抽查进度' });
    expect(await within(spot).findByText('共抽中 4 家，已检查 1 家。')).toBeTruthy();
    expect(within(spot).getByText('25%')).toBeTruthy();
    expect(asked).toContain('/api/v1/spot-checks?year=2025');
  });

  it('says so when no spot check was drawn, in English', async () => {
    serve([]);
    open('en');
    expect(await screen.findByText('No spot check drawn for this year yet.')).toBeTruthy();
    expect(await screen.findByRole('region', { name: 'Filing rate by service' })).toBeTruthy();
    expect(screen.getByRole('rowheader', { name: 'Information services (B25)' })).toBeTruthy();
  });
});

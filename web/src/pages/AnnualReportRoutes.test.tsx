/** The shell's routes and link to the annual-report pages (App.tsx), as the browser opens them. */
import { render, screen, within } from '@testing-library/react';
import { SWRConfig } from 'swr';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../App';
import { LangProvider } from '../i18n';
import { AUTHORITY_ORG, json, signIn, stubFetch } from '../test-fixtures';

const fetchMock = stubFetch();

function serve() {
  fetchMock.mockImplementation((request) => {
    const path = new URL(request.url).pathname;
    if (path === '/api/v1/organisation') {
      return Promise.resolve(json({ ...AUTHORITY_ORG, instanceAdmin: false }));
    }
    if (path === '/api/v1/me') {
      return Promise.resolve(json({ tokenId: 't', role: 'member', organisation: 'x', actor: 'x' }));
    }
    if (path === '/api/v1/organisations') return Promise.resolve(json({ items: [] }));
    // the pages' reads wait: only the headings are looked at
    return new Promise<Response>(() => undefined);
  });
}

function openAt(path: string) {
  signIn({
    role: 'member',
    organisation: { id: 'demo-authority', name: AUTHORITY_ORG.name, kind: 'authority' },
  });
  window.history.replaceState(null, '', path);
  render(
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <LangProvider lang="zh">
        <App />
      </LangProvider>
    </SWRConfig>,
  );
}

afterEach(() => {
  fetchMock.mockReset();
  signIn(null);
  window.history.replaceState(null, '', '/');
});

describe('the annual-report routes', () => {
  it.each([
    ['/annual-reports', '审核年报'],
    ['/annual-reports/r-1', '年报'],
    ['/annual-report-cycle?year=2025', '2025 年度年报报送情况'],
    ['/annual-report-cycle/overview?year=2025', '2025 年度年报统计'],
    ['/credit-lists', '不良名单和失信名单'],
  ])('opens %s on its page', async (path, heading) => {
    serve();
    openAt(path);
    expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeTruthy();
  });

  it('links the annual reports in the main navigation, marked current on their pages', async () => {
    serve();
    openAt('/annual-report-cycle');
    const nav = screen.getByRole('navigation', { name: '主导航' });
    const link = await within(nav).findByRole('link', { name: '年报' });
    expect(link.getAttribute('href')).toBe('/annual-reports');
    expect(link.getAttribute('aria-current')).toBe('page');
  });

  it('sends an unknown path under them to the not-found page', async () => {
    serve();
    openAt('/annual-report-cycle/elsewhere');
    expect(await screen.findByRole('heading', { level: 1 })).toBeTruthy();
    expect(screen.queryByRole('heading', { level: 1, name: /年报/u })).toBeNull();
  });
});

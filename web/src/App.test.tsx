import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from './App';
import { LangProvider } from './i18n';
import { getSession, setSession, type Session } from './session';
import { json, session, stubFetch } from './test-fixtures';

const fetchMock = stubFetch();

/** The server: the session as it stands (null: none), and what each call saw. */
function serve(initial: Session | null) {
  const state = { session: initial };
  const seen: { key: string; csrf: string | null }[] = [];
  fetchMock.mockImplementation((request) => {
    const url = new URL(request.url);
    const key = `${request.method} ${url.pathname}${url.search}`;
    seen.push({ key, csrf: request.headers.get('x-csrf-token') });
    if (key === 'GET /api/v1/session') {
      return Promise.resolve(
        state.session === null
          ? json({ status: 401, code: 'UNAUTHENTICATED' }, 401)
          : json(state.session),
      );
    }
    if (key === 'DELETE /api/v1/session') {
      state.session = null;
      return Promise.resolve(new Response(null, { status: 204 }));
    }
    if (key === 'GET /api/v1/oidc') return Promise.resolve(json({ enabled: false, name: '' }));
    // a page's reads: refused once the session has ended
    if (state.session === null) {
      return Promise.resolve(json({ status: 401, code: 'UNAUTHENTICATED' }, 401));
    }
    return new Promise<Response>(() => undefined);
  });
  return { state, seen };
}

function openAt(path: string, lang: 'zh' | 'en' = 'zh') {
  window.history.replaceState(null, '', path);
  render(
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <LangProvider lang={lang}>
        <App />
      </LangProvider>
    </SWRConfig>,
  );
}

beforeEach(() => {
  fetchMock.mockReset();
  // as on a fresh load: the session not read yet
  setSession(undefined);
});
afterEach(() => {
  window.history.replaceState(null, '', '/');
});

describe('the shell', () => {
  it('reads the session once, and sends a signed-out visit to sign in and back', async () => {
    const { seen } = serve(null);
    openAt('/deadlines?status=overdue');
    await waitFor(() => {
      expect(window.location.pathname).toBe('/sign-in');
    });
    expect(new URLSearchParams(window.location.search).get('next')).toBe(
      '/deadlines?status=overdue',
    );
    expect(seen.filter((s) => s.key === 'GET /api/v1/session')).toHaveLength(1);
    expect(await screen.findByRole('heading', { level: 1, name: '登录' })).toBeTruthy();
  });

  it('names the person signed in, links their account, and offers the audit log to administrators', async () => {
    serve(session());
    openAt('/settings/security');
    const header = screen.getByRole('banner');
    const person = await within(header).findByRole('link', { name: '管理员' });
    expect(person.getAttribute('href')).toBe('/settings/security');
    const nav = within(header).getByRole('navigation', { name: '主导航' });
    expect(within(nav).getByRole('link', { name: '审计日志' }).getAttribute('href')).toBe('/audit');
    expect(within(header).getByText('演示持证单位')).toBeTruthy();
  });

  it('offers no audit log to a member (English)', async () => {
    serve(session({ role: 'member' }));
    openAt('/settings/security', 'en');
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('link', { name: 'Settings' })).toBeTruthy();
    expect(within(nav).queryByRole('link', { name: 'Audit log' })).toBeNull();
  });

  it('signs out on the server, with the CSRF token, and then is signed out', async () => {
    const { seen } = serve(session({ csrfToken: 'csrf-out' }));
    const user = userEvent.setup();
    openAt('/settings/security');
    await user.click(await screen.findByRole('button', { name: '退出' }));
    await waitFor(() => {
      expect(window.location.pathname).toBe('/sign-in');
    });
    expect(seen.find((s) => s.key === 'DELETE /api/v1/session')?.csrf).toBe('csrf-out');
    expect(getSession()).toBeNull();
    expect(screen.queryByRole('button', { name: '退出' })).toBeNull();
  });

  it('sends the person to sign in, and back, once the server has ended the session', async () => {
    const { state, seen } = serve(session());
    // the session ends elsewhere (signed out everywhere, removed from the organisation) just
    // after the shell read it: the page's first read is refused
    fetchMock.mockImplementationOnce((request) => {
      seen.push({ key: `${request.method} /api/v1/session`, csrf: null });
      const answer = json(state.session);
      state.session = null;
      return Promise.resolve(answer);
    });
    openAt('/audit?person=u-2');
    await waitFor(() => {
      expect(window.location.pathname).toBe('/sign-in');
    });
    expect(new URLSearchParams(window.location.search).get('next')).toBe('/audit?person=u-2');
    // the shell asked the server again before ending it
    expect(seen.filter((s) => s.key === 'GET /api/v1/session')).toHaveLength(2);
  });

  it('says when the session could not be read, and tries again', async () => {
    let fail = true;
    fetchMock.mockImplementation((request) => {
      const path = new URL(request.url).pathname;
      if (path === '/api/v1/session') {
        return fail
          ? Promise.reject(new TypeError('Failed to fetch'))
          : Promise.resolve(json(session()));
      }
      return new Promise<Response>(() => undefined);
    });
    const user = userEvent.setup();
    openAt('/settings/security');
    expect((await screen.findByRole('alert')).textContent).toContain('无法连接服务器');
    fail = false;
    await user.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByRole('heading', { level: 1, name: '您的账户与安全' })).toBeTruthy();
  });
  it('hands a page its path’s parameters, decoded: a licence’s original', async () => {
    serve(session());
    const number = '京B2-20180910';
    const sha = 'ab'.repeat(32);
    openAt(`/licences/${encodeURIComponent(number)}/original/${sha}`);
    expect(
      await screen.findByRole('heading', { level: 1, name: `对照原件：${number}` }),
    ).toBeTruthy();
    // the page asked for the licence's history by its number, and offers the original by its hash
    expect(
      fetchMock.mock.calls.some(
        ([request]) =>
          decodeURIComponent(new URL(request.url).pathname) ===
          `/api/v1/licences/${number}/history`,
      ),
    ).toBe(true);
    expect(screen.getByRole('link', { name: '下载原件' }).getAttribute('href')).toBe(
      `/api/v1/licences/${encodeURIComponent(number)}/documents/${sha}`,
    );
  });

  it('sends a confirmation’s address to the confirmation page, not the licence page', async () => {
    serve(session());
    openAt(`/licences/${encodeURIComponent('京B2-20180910')}/confirm`);
    expect(
      await screen.findByRole('heading', { level: 1, name: '记录官方系统核实：京B2-20180910' }),
    ).toBeTruthy();
  });
});

import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Organisation } from '../api/organisation';
import { LangProvider } from '../i18n';
import { clearToken, getHomeToken, getToken, setToken } from '../session';
import { AUTHORITY_ORG, HOLDER_ORG, json, stubFetch } from '../test-fixtures';
import { OrgSwitcher } from './OrgSwitcher';

const fetchMock = stubFetch();

/** whose organisation each token is, as the server knows it */
const TOKENS: Readonly<Record<string, { org: Organisation; instanceAdmin: boolean }>> = {
  xk_admin: { org: HOLDER_ORG, instanceAdmin: true },
  xk_switched: { org: AUTHORITY_ORG, instanceAdmin: false },
  xk_member: { org: HOLDER_ORG, instanceAdmin: false },
};

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly token: string;
  readonly body: unknown;
}

function serve() {
  const seen: Seen[] = [];
  fetchMock.mockImplementation(async (request) => {
    const path = new URL(request.url).pathname;
    const token = (request.headers.get('authorization') ?? '').replace(/^Bearer /u, '');
    const body: unknown = request.method === 'POST' ? await request.json() : null;
    seen.push({ method: request.method, path, token, body });
    const who = TOKENS[token];
    if (who === undefined) return json({ status: 401, code: 'UNAUTHORIZED' }, 401);
    if (path === '/api/v1/organisation') {
      return json({ ...who.org, instanceAdmin: who.instanceAdmin });
    }
    if (path === '/api/v1/organisations' && who.instanceAdmin) {
      return json({ items: [HOLDER_ORG, AUTHORITY_ORG] });
    }
    if (path === '/api/v1/session/switch' && who.instanceAdmin) {
      return json({ token: 'xk_switched', organisation: AUTHORITY_ORG });
    }
    return json({ status: 403, code: 'FORBIDDEN', detail: path }, 403);
  });
  return seen;
}

let assign: ReturnType<typeof vi.fn<(url: string | URL) => void>>;

beforeEach(() => {
  fetchMock.mockReset();
  clearToken();
  assign = vi.fn<(url: string | URL) => void>();
  vi.spyOn(window.location, 'assign').mockImplementation(assign);
});
afterEach(() => {
  vi.restoreAllMocks();
  clearToken();
});

function renderSwitcher() {
  return render(
    <LangProvider lang="zh">
      <OrgSwitcher />
    </LangProvider>,
  );
}

describe('the header’s organisation line', () => {
  it('names the organisation and its kind, and offers a member no switch', async () => {
    const seen = serve();
    setToken('xk_member', false);
    renderSwitcher();
    expect(await screen.findByText('演示持证单位')).toBeTruthy();
    expect(screen.getByText('持证单位')).toBeTruthy();
    expect(screen.queryByRole('group', { name: '切换组织' })).toBeNull();
    expect(seen.map((s) => s.path)).toEqual(['/api/v1/organisation']);
  });

  it('switches the administrator to another organisation and back', async () => {
    const seen = serve();
    const user = userEvent.setup();
    setToken('xk_admin', false);
    const first = renderSwitcher();
    const group = await screen.findByRole('group', { name: '切换组织' });
    await user.click(
      await within(group).findByRole('button', {
        name: '切换到 北京市通信管理局（演示）（发证机关）',
      }),
    );
    await waitFor(() => {
      expect(assign).toHaveBeenCalledWith('/register');
    });
    // the other organisation's token is in use, the administrator's own kept beside it
    expect(getToken()).toBe('xk_switched');
    expect(getHomeToken()).toBe('xk_admin');
    expect(sessionStorage.getItem('xuke.token')).toBe('xk_switched');
    expect(sessionStorage.getItem('xuke.token.home')).toBe('xk_admin');
    expect(localStorage.getItem('xuke.token')).toBeNull();
    expect(seen.find((s) => s.path === '/api/v1/session/switch')).toMatchObject({
      method: 'POST',
      token: 'xk_admin',
      body: { organisation: 'demo-authority' },
    });
    first.unmount();

    // the page loads afresh as the authority
    renderSwitcher();
    expect(await screen.findByText('北京市通信管理局（演示）')).toBeTruthy();
    expect(screen.getByText('发证机关')).toBeTruthy();
    const back = await screen.findByRole('button', { name: '返回 演示持证单位' });
    // the list of organisations is the administrator's to read, with their own token
    expect(seen.filter((s) => s.path === '/api/v1/organisations').at(-1)?.token).toBe('xk_admin');
    await user.click(back);
    await waitFor(() => {
      expect(assign).toHaveBeenLastCalledWith('/');
    });
    expect(getToken()).toBe('xk_admin');
    expect(getHomeToken()).toBeNull();
    expect(sessionStorage.getItem('xuke.token.home')).toBeNull();
    // no second switch was asked for: going back uses the token kept
    expect(seen.filter((s) => s.path === '/api/v1/session/switch')).toHaveLength(1);
  });

  it('keeps a remembered session remembered across a switch', async () => {
    serve();
    const user = userEvent.setup();
    setToken('xk_admin', true);
    renderSwitcher();
    await user.click(
      await screen.findByRole('button', { name: '切换到 北京市通信管理局（演示）（发证机关）' }),
    );
    await waitFor(() => {
      expect(assign).toHaveBeenCalled();
    });
    expect(localStorage.getItem('xuke.token')).toBe('xk_switched');
    expect(localStorage.getItem('xuke.token.home')).toBe('xk_admin');
    expect(sessionStorage.getItem('xuke.token')).toBeNull();
  });

  it('says so when the switch fails, and stays', async () => {
    fetchMock.mockImplementation((request) => {
      const path = new URL(request.url).pathname;
      if (path === '/api/v1/organisation') {
        return Promise.resolve(json({ ...HOLDER_ORG, instanceAdmin: true }));
      }
      if (path === '/api/v1/organisations') {
        return Promise.resolve(json({ items: [HOLDER_ORG, AUTHORITY_ORG] }));
      }
      return Promise.resolve(json({ status: 500, code: 'INTERNAL', detail: 'boom' }, 500));
    });
    const user = userEvent.setup();
    setToken('xk_admin', false);
    renderSwitcher();
    await user.click(
      await screen.findByRole('button', { name: '切换到 北京市通信管理局（演示）（发证机关）' }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe('未能切换组织，请重试。');
    expect(getToken()).toBe('xk_admin');
    expect(getHomeToken()).toBeNull();
    expect(assign).not.toHaveBeenCalled();
  });
});

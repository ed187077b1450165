import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LangProvider } from '../i18n';
import type { Session } from '../session';
import { AUTHORITY_ORG, HOLDER_ORG, json, session, signIn, stubFetch } from '../test-fixtures';
import { OrgSwitcher, RegisterNavItem } from './OrgSwitcher';

const fetchMock = stubFetch();

const PLATFORM_ORG = { ...HOLDER_ORG, id: 'acme', name: '某平台', kind: 'platform' as const };

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly csrf: string | null;
  readonly body: unknown;
}

/** The server: the organisations of the instance, and a switch that answers the new session. */
function serve(answer: (organisation: string) => Response = switched) {
  const seen: Seen[] = [];
  fetchMock.mockImplementation(async (request) => {
    const path = new URL(request.url).pathname;
    const body: unknown = request.method === 'PUT' ? await request.json() : null;
    seen.push({ method: request.method, path, csrf: request.headers.get('x-csrf-token'), body });
    if (path === '/api/v1/organisations') {
      return json({ items: [HOLDER_ORG, AUTHORITY_ORG, PLATFORM_ORG] });
    }
    if (path === '/api/v1/session/organisation') {
      return answer((body as { organisation: string }).organisation);
    }
    return json({ status: 403, code: 'FORBIDDEN', detail: path }, 403);
  });
  return seen;
}

function switched(organisation: string): Response {
  const org = [HOLDER_ORG, AUTHORITY_ORG, PLATFORM_ORG].find((o) => o.id === organisation);
  if (org === undefined) return json({ status: 404, code: 'NOT_FOUND' }, 404);
  return json(session({ organisation: { id: org.id, name: org.name, kind: org.kind } }));
}

let assign: ReturnType<typeof vi.fn<(url: string | URL) => void>>;

beforeEach(() => {
  fetchMock.mockReset();
  assign = vi.fn<(url: string | URL) => void>();
  vi.spyOn(window.location, 'assign').mockImplementation(assign);
});
afterEach(() => {
  vi.restoreAllMocks();
  signIn(null);
});

function renderSwitcher(lang: 'zh' | 'en' = 'zh') {
  return render(
    <LangProvider lang={lang}>
      <OrgSwitcher />
      <ul>
        <RegisterNavItem current={false} />
      </ul>
    </LangProvider>,
  );
}

const member: Partial<Session> = {
  role: 'member',
  organisations: [{ id: 'demo', name: '演示持证单位', role: 'member' }],
};

describe('the header’s organisation line', () => {
  it('names the session’s organisation and its kind, and offers one organisation no switch', () => {
    const seen = serve();
    signIn(member);
    renderSwitcher();
    expect(screen.getByText('演示持证单位')).toBeTruthy();
    expect(screen.getByText('持证单位')).toBeTruthy();
    expect(screen.queryByRole('group', { name: '切换组织' })).toBeNull();
    // a holder has no register
    expect(screen.queryByRole('link', { name: '登记簿' })).toBeNull();
    // read from the session: nothing asked of the server
    expect(seen).toEqual([]);
  });

  it('switches a person to another of their organisations in the same session, then loads it afresh', async () => {
    const seen = serve();
    const user = userEvent.setup();
    signIn({ instanceAdmin: false, csrfToken: 'csrf-9' });
    renderSwitcher();
    const group = screen.getByRole('group', { name: '切换组织' });
    await user.click(
      within(group).getByRole('button', { name: '切换到 北京市通信管理局（演示）' }),
    );
    await waitFor(() => {
      expect(assign).toHaveBeenCalledWith('/register');
    });
    expect(seen).toEqual([
      {
        method: 'PUT',
        path: '/api/v1/session/organisation',
        csrf: 'csrf-9',
        body: { organisation: 'demo-authority' },
      },
    ]);
    // the instance's list is the administrator's only
    expect(seen.some((s) => s.path === '/api/v1/organisations')).toBe(false);
  });

  it('lets the instance’s administrator switch to any organisation, named with its kind', async () => {
    const seen = serve();
    const user = userEvent.setup();
    signIn({ instanceAdmin: true });
    renderSwitcher('en');
    const button = await screen.findByRole('button', { name: 'Switch to 某平台 (Platform)' });
    expect(
      screen.getByRole('button', {
        name: 'Switch to 北京市通信管理局（演示） (Issuing authority)',
      }),
    ).toBeTruthy();
    // not to the organisation already in use
    expect(screen.queryByRole('button', { name: /演示持证单位/u })).toBeNull();
    await user.click(button);
    await waitFor(() => {
      expect(assign).toHaveBeenCalledWith('/');
    });
    expect(seen.find((s) => s.method === 'PUT')?.body).toEqual({ organisation: 'acme' });
  });

  it('links an authority’s register', () => {
    signIn({ organisation: { id: 'demo-authority', name: AUTHORITY_ORG.name, kind: 'authority' } });
    renderSwitcher();
    expect(screen.getByText('发证机关')).toBeTruthy();
    expect(screen.getByRole('link', { name: '登记簿' }).getAttribute('href')).toBe('/register');
  });

  it('says so when the switch fails, and stays', async () => {
    serve(() => json({ status: 500, code: 'INTERNAL', detail: 'boom' }, 500));
    const user = userEvent.setup();
    signIn();
    renderSwitcher();
    await user.click(screen.getByRole('button', { name: '切换到 北京市通信管理局（演示）' }));
    expect((await screen.findByRole('alert')).textContent).toBe('未能切换组织，请重试。');
    expect(assign).not.toHaveBeenCalled();
  });

  it('shows nothing signed out', () => {
    signIn(null);
    const { container } = renderSwitcher();
    expect(container.querySelector('.org-switcher')).toBeNull();
  });
});

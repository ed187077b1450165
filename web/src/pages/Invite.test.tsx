import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LangProvider } from '../i18n';
import { json, session, signIn, stubFetch } from '../test-fixtures';
import Invite from './Invite';

const fetchMock = stubFetch();

type Handler = (request: Request) => Response | Promise<Response>;

const OFFER = {
  organisation: { id: 'acme', name: '某某科技有限公司' },
  role: 'member',
  email: null,
  expiresAt: '2026-12-17T02:00:00Z',
};

function serve(routes: Readonly<Record<string, Handler>>) {
  const seen: { key: string; body: unknown; csrf: string | null }[] = [];
  fetchMock.mockImplementation(async (request) => {
    const key = `${request.method} ${new URL(request.url).pathname}`;
    const text = request.method === 'GET' ? '' : await request.clone().text();
    seen.push({
      key,
      body: text === '' ? null : (JSON.parse(text) as unknown),
      csrf: request.headers.get('x-csrf-token'),
    });
    const handler = routes[key];
    if (handler !== undefined) return handler(request);
    if (key === 'GET /api/v1/oidc') return json({ enabled: false, name: '单点登录' });
    return json({ status: 404, code: 'NOT_FOUND', detail: key }, 404);
  });
  return seen;
}

const noContent = () => new Response(null, { status: 204 });

let assign: ReturnType<typeof vi.fn<(url: string | URL) => void>>;

beforeEach(() => {
  fetchMock.mockReset();
  sessionStorage.clear();
  assign = vi.fn<(url: string | URL) => void>();
  vi.spyOn(window.location, 'assign').mockImplementation(assign);
});
afterEach(() => {
  vi.restoreAllMocks();
});

function open(url: string, lang: 'zh' | 'en' = 'zh') {
  window.history.replaceState(null, '', url);
  render(
    <LangProvider lang={lang}>
      <Invite />
    </LangProvider>,
  );
}

describe('an invitation', () => {
  it('says who invites, with which role and until when, and wipes the code from the address bar', async () => {
    const seen = serve({ 'POST /api/v1/invitations/lookup': () => json(OFFER) });
    open('/invite#code=xk_inv_123456');
    expect(window.location.hash).toBe('');
    expect(await screen.findByText('“某某科技有限公司”邀请您以成员身份加入。')).toBeTruthy();
    expect(screen.getByText('邀请有效期至 2026年12月17日。')).toBeTruthy();
    expect(screen.getByText(/成员可以：查看/u)).toBeTruthy();
    expect(seen.find((s) => s.key === 'POST /api/v1/invitations/lookup')?.body).toEqual({
      code: 'xk_inv_123456',
    });
  });

  it('makes a new person’s account with name, e-mail and password, then opens the organisation', async () => {
    const seen = serve({
      'POST /api/v1/invitations/lookup': () => json(OFFER),
      'POST /api/v1/invitations/accept': noContent,
      'GET /api/v1/session': () =>
        json(session({ organisation: { id: 'acme', name: '某某科技有限公司', kind: 'holder' } })),
    });
    open('/invite#code=xk_inv_123456');
    await screen.findByRole('heading', { level: 2, name: '创建您的账户' });
    await userEvent.click(screen.getByRole('button', { name: '创建账户并加入' }));
    expect(screen.getByRole('alert').textContent).toBe('请填写姓名。');
    await userEvent.type(screen.getByLabelText('您的姓名'), '赵六');
    await userEvent.click(screen.getByRole('button', { name: '创建账户并加入' }));
    // the invitation names no e-mail: the person gives theirs
    expect(screen.getByRole('alert').textContent).toBe('请填写电子邮件地址。');
    await userEvent.type(screen.getByLabelText('电子邮件地址'), 'zhao@example.com');
    await userEvent.type(screen.getByLabelText('新口令'), 'a long passphrase');
    await userEvent.type(screen.getByLabelText('再输入一次新口令'), 'a long passphrase');
    await userEvent.click(screen.getByRole('button', { name: '创建账户并加入' }));
    await waitFor(() => {
      expect(assign).toHaveBeenCalledWith('/');
    });
    expect(seen.find((s) => s.key === 'POST /api/v1/invitations/accept')?.body).toEqual({
      code: 'xk_inv_123456',
      name: '赵六',
      password: 'a long passphrase',
      email: 'zhao@example.com',
    });
    // the session is in the organisation joined: no switch needed
    expect(seen.some((s) => s.key === 'PUT /api/v1/session/organisation')).toBe(false);
    // the code is not kept once used
    expect(sessionStorage.length).toBe(0);
  });

  it('asks no e-mail when the invitation names one, and offers single sign-on with the invitation', async () => {
    serve({
      'POST /api/v1/invitations/lookup': () => json({ ...OFFER, email: 'zhao@example.com' }),
      'GET /api/v1/oidc': () => json({ enabled: true, name: '钉钉' }),
    });
    open('/invite#code=xk_inv_123456', 'en');
    expect(await screen.findByText('The invitation is for zhao@example.com.')).toBeTruthy();
    expect(screen.queryByLabelText('E-mail address')).toBeNull();
    const sso = await screen.findByRole('link', { name: 'Accept with single sign-on' });
    expect(sso.getAttribute('href')).toBe('/api/v1/oidc/start?invitation=xk_inv_123456');
  });

  it('lets a signed-in person just accept, and acts in the organisation joined', async () => {
    signIn({ csrfToken: 'csrf-in' });
    let joined = false;
    const seen = serve({
      'POST /api/v1/invitations/lookup': () => json(OFFER),
      'POST /api/v1/invitations/accept': () => {
        joined = true;
        return noContent();
      },
      // still in the organisation they were in
      'GET /api/v1/session': () => json(session()),
      'PUT /api/v1/session/organisation': () =>
        json(session({ organisation: { id: 'acme', name: '某某科技有限公司', kind: 'holder' } })),
    });
    open('/invite#code=xk_inv_123456');
    expect(await screen.findByText('您已作为 管理员 登录。')).toBeTruthy();
    expect(screen.queryByLabelText('新口令')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: '接受邀请并加入' }));
    await waitFor(() => {
      expect(assign).toHaveBeenCalledWith('/');
    });
    expect(joined).toBe(true);
    expect(seen.find((s) => s.key === 'POST /api/v1/invitations/accept')).toEqual({
      key: 'POST /api/v1/invitations/accept',
      body: { code: 'xk_inv_123456' },
      csrf: 'csrf-in',
    });
    expect(seen.find((s) => s.key === 'PUT /api/v1/session/organisation')?.body).toEqual({
      organisation: 'acme',
    });
  });

  it.each([
    [410, 'zh' as const, '这个邀请已过期、已被使用或已被撤销'],
    [410, 'en' as const, 'This invitation has expired, has been used or has been revoked'],
    [404, 'zh' as const, '这个邀请不存在'],
  ])('says a %i clearly (%s)', async (status, lang, words) => {
    serve({
      'POST /api/v1/invitations/lookup': () =>
        json({ status, code: status === 410 ? 'GONE' : 'NOT_FOUND', detail: 'x' }, status),
    });
    open('/invite#code=xk_inv_123456', lang);
    expect((await screen.findByRole('alert')).textContent).toContain(words);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('keeps the code for this tab while the person signs in first, and comes back to it', async () => {
    serve({ 'POST /api/v1/invitations/lookup': () => json(OFFER) });
    open('/invite#code=xk_inv_123456');
    const link = await screen.findByRole('link', { name: /已经有账户/u });
    expect(link.getAttribute('href')).toBe('/sign-in?next=%2Finvite');
    expect(sessionStorage.getItem('xuke.invitation')).toBe('xk_inv_123456');
  });

  it('says so when the address carries no code', () => {
    serve({});
    open('/invite');
    expect(screen.getByText(/这个地址没有带邀请码/u)).toBeTruthy();
  });
});

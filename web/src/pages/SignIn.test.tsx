import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { LangProvider } from '../i18n';
import { clearToken, getToken } from '../session';
import { json, stubFetch } from '../test-fixtures';
import SignIn, { safeNext } from './SignIn';

const fetchMock = stubFetch();

const ORIGIN = 'http://127.0.0.1:3100';

describe('safeNext', () => {
  it.each([
    ['/licences', '/licences'],
    ['/licences/京B2-20180910', '/licences/%E4%BA%ACB2-20180910'],
    ['/deadlines?status=overdue#list', '/deadlines?status=overdue#list'],
    [null, '/'],
    ['', '/'],
  ])('keeps the same-site path %s', (next, expected) => {
    expect(safeNext(next, ORIGIN)).toBe(expected);
  });

  it.each([
    'https://evil.example/phish',
    '//evil.example/phish',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    'javascript:alert(1)',
    'evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    ' /licences',
    '/sign-in',
    '/sign-in?next=//evil.example',
  ])('sends %j to the dashboard instead', (next) => {
    expect(safeNext(next, ORIGIN)).toBe('/');
  });
});

function open(url: string, lang: 'zh' | 'en' = 'zh') {
  window.history.replaceState(null, '', url);
  render(
    <LangProvider lang={lang}>
      <SignIn />
    </LangProvider>,
  );
}

describe('SignIn', () => {
  beforeEach(() => {
    fetchMock.mockReset();
    clearToken();
    localStorage.clear();
    sessionStorage.clear();
  });

  it('exchanges the link’s code, wipes it from the address bar and shows the token once', async () => {
    fetchMock.mockResolvedValue(
      json({
        token: 'xk_new_admin_token',
        tokenId: 't1',
        role: 'admin',
        organisation: 'demo',
      }),
    );
    open('/sign-in?next=%2Fdeadlines#code=xk_one_time_code_123');
    expect(window.location.hash).toBe('');
    expect(window.location.href).not.toContain('xk_one_time_code_123');

    const token = await screen.findByLabelText('您的新管理员令牌');
    expect((token as HTMLInputElement).value).toBe('xk_new_admin_token');
    expect(screen.getByText(/只显示这一次/u)).toBeTruthy();
    expect(screen.getByRole('button', { name: '复制令牌' })).toBeTruthy();
    const request = fetchMock.mock.calls[0]?.[0] as Request;
    expect(new URL(request.url).pathname).toBe('/api/v1/sign-in');
    expect(await request.json()).toEqual({ code: 'xk_one_time_code_123' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(getToken()).toBe('xk_new_admin_token');
    expect(sessionStorage.getItem('xuke.token')).toBe('xk_new_admin_token');

    await userEvent.click(screen.getByLabelText('在此设备上保持登录'));
    expect(localStorage.getItem('xuke.token')).toBe('xk_new_admin_token');
    await userEvent.click(screen.getByRole('button', { name: '继续' }));
    expect(window.location.pathname).toBe('/deadlines');
  });

  it('never follows an absolute next after the link', async () => {
    fetchMock.mockResolvedValue(
      json({ token: 'xk_t', tokenId: 't1', role: 'admin', organisation: 'demo' }),
    );
    open(`/sign-in?next=${encodeURIComponent('//evil.example/x')}#code=xk_one_time_code_123`);
    await userEvent.click(await screen.findByRole('button', { name: '继续' }));
    expect(window.location.origin).not.toContain('evil');
    expect(window.location.pathname).toBe('/');
  });

  it('says a used link is used, and offers the token form', async () => {
    fetchMock.mockResolvedValue(
      json(
        {
          type: 'urn:xuke:problem:unauthenticated',
          title: 'Unauthorized',
          status: 401,
          code: 'UNAUTHENTICATED',
          detail: 'The token is unknown or revoked',
          detailZh: '令牌无效或已撤销',
        },
        401,
      ),
    );
    open('/sign-in#code=xk_used_code_4567');
    expect((await screen.findByRole('alert')).textContent).toContain('此登录链接已经使用过');
    expect(screen.getByLabelText('API 令牌')).toBeTruthy();
    expect(getToken()).toBeNull();
  });

  it('checks a pasted token with /me before keeping it, then goes to next', async () => {
    fetchMock.mockResolvedValue(
      json({ tokenId: 't2', role: 'member', organisation: 'acme', actor: 'token:x' }),
    );
    open('/sign-in?next=%2Flicences');
    await userEvent.type(screen.getByLabelText('API 令牌'), '  xk_pasted_token  ');
    await userEvent.click(screen.getByRole('button', { name: '登录' }));
    const request = fetchMock.mock.calls[0]?.[0] as Request;
    expect(new URL(request.url).pathname).toBe('/api/v1/me');
    expect(request.headers.get('authorization')).toBe('Bearer xk_pasted_token');
    expect(getToken()).toBe('xk_pasted_token');
    expect(sessionStorage.getItem('xuke.token')).toBe('xk_pasted_token');
    expect(localStorage.getItem('xuke.token')).toBeNull();
    expect(window.location.pathname).toBe('/licences');
  });

  it('keeps nothing when the token is refused, and says why', async () => {
    fetchMock.mockResolvedValue(
      json({ status: 401, code: 'UNAUTHENTICATED', detail: 'x', title: 'x', type: 'x' }, 401),
    );
    open('/sign-in');
    await userEvent.type(screen.getByLabelText('API 令牌'), 'xk_wrong');
    await userEvent.click(screen.getByRole('button', { name: '登录' }));
    expect((await screen.findByRole('alert')).textContent).toContain('令牌无效或已被撤销');
    expect(getToken()).toBeNull();
    expect(window.location.pathname).toBe('/sign-in');
  });

  it.each([
    ['zh' as const, '令牌保存在本浏览器中'],
    ['en' as const, 'the token is kept in this browser'],
  ])(
    'says in %s where the token is kept in the reader’s words, not the browser’s API',
    (lang, says) => {
      open('/sign-in', lang);
      const hint = document.body.textContent;
      expect(hint).toContain(says);
      expect(hint).not.toMatch(/localStorage|sessionStorage/u);
    },
  );

  it('asks for a token before calling the server', async () => {
    open('/sign-in');
    await userEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(screen.getByRole('alert').textContent).toBe('请输入令牌。');
    expect(fetchMock).not.toHaveBeenCalled();
    expect(screen.getByRole('link', { name: /公开查验/u }).getAttribute('href')).toBe('/verify');
  });
});

import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LangProvider } from '../i18n';
import { json, session, signIn, stubFetch } from '../test-fixtures';
import SignIn, { safeNext } from './SignIn';

const fetchMock = stubFetch();

type Handler = (request: Request) => Response | Promise<Response>;

/** The server: an answer per `METHOD /path`, and every request seen (with its JSON body). */
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

const problem = (status: number, code: string, detail = code) =>
  json({ type: `urn:xuke:problem:${code}`, title: code, status, code, detail }, status);

const noContent = () => new Response(null, { status: 204 });

let assign: ReturnType<typeof vi.fn<(url: string | URL) => void>>;

beforeEach(() => {
  fetchMock.mockReset();
  assign = vi.fn<(url: string | URL) => void>();
  vi.spyOn(window.location, 'assign').mockImplementation(assign);
});
afterEach(() => {
  vi.restoreAllMocks();
});

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

async function fill(email: string, password: string) {
  await userEvent.type(screen.getByLabelText('电子邮件地址'), email);
  await userEvent.type(screen.getByLabelText('口令'), password);
  await userEvent.click(screen.getByRole('button', { name: '登录' }));
}

describe('signing in with e-mail and password', () => {
  it('sends them, then loads where the person was going afresh', async () => {
    const seen = serve({ 'POST /api/v1/session': noContent });
    open('/sign-in?next=%2Flicences');
    await fill(' zhang@example.com ', 'correct horse battery');
    await waitFor(() => {
      expect(assign).toHaveBeenCalledWith('/licences');
    });
    expect(seen.find((s) => s.key === 'POST /api/v1/session')?.body).toEqual({
      email: 'zhang@example.com',
      password: 'correct horse battery',
    });
    // no token field: tokens are for machines
    expect(screen.queryByLabelText(/令牌/u)).toBeNull();
  });

  it('asks for the second factor’s code when the account has one, and sends the form again with it', async () => {
    let posts = 0;
    const seen = serve({
      'POST /api/v1/session': async (request) => {
        posts += 1;
        const body = (await request.json()) as { otp?: string };
        if (body.otp === undefined) return problem(401, 'SECOND_FACTOR_REQUIRED');
        return body.otp === '123456' ? noContent() : problem(401, 'SECOND_FACTOR_REQUIRED');
      },
    });
    open('/sign-in');
    await fill('zhang@example.com', 'correct horse battery');
    const code = await screen.findByLabelText('验证码');
    expect(document.activeElement).toBe(code);
    expect(screen.getByRole('status').textContent).toContain('两步验证');
    // no error yet: being asked is not a failure
    expect(screen.queryByRole('alert')).toBeNull();

    await userEvent.type(code, '654321');
    await userEvent.click(screen.getByRole('button', { name: '登录' }));
    expect((await screen.findByRole('alert')).textContent).toContain('验证码不正确');
    await userEvent.clear(code);
    await userEvent.type(code, ' 123456 ');
    await userEvent.click(screen.getByRole('button', { name: '登录' }));
    await waitFor(() => {
      expect(assign).toHaveBeenCalledWith('/');
    });
    expect(posts).toBe(3);
    expect(seen.filter((s) => s.key === 'POST /api/v1/session').at(-1)?.body).toEqual({
      email: 'zhang@example.com',
      password: 'correct horse battery',
      otp: '123456',
    });
  });

  it('says a wrong e-mail or password in words, and signs nobody in', async () => {
    serve({ 'POST /api/v1/session': () => problem(401, 'UNAUTHENTICATED') });
    open('/sign-in');
    await fill('zhang@example.com', 'wrong password!');
    expect((await screen.findByRole('alert')).textContent).toBe('电子邮件地址或口令不正确。');
    expect(screen.getByLabelText('口令').getAttribute('aria-invalid')).toBe('true');
    expect(assign).not.toHaveBeenCalled();
  });

  it.each([
    ['zh' as const, '请在 15 分钟后'],
    ['en' as const, 'try again in 15 minutes'],
  ])('says how long a lock-out lasts, in %s', async (lang, words) => {
    serve({
      'POST /api/v1/session': () =>
        new Response(JSON.stringify({ status: 429, code: 'RATE_LIMITED', detail: 'x' }), {
          status: 429,
          headers: { 'content-type': 'application/problem+json', 'retry-after': '900' },
        }),
    });
    open('/sign-in', lang);
    await userEvent.type(
      screen.getByLabelText(lang === 'zh' ? '电子邮件地址' : 'E-mail address'),
      'a@b.cn',
    );
    await userEvent.type(screen.getByLabelText(lang === 'zh' ? '口令' : 'Password'), 'x');
    await userEvent.click(screen.getByRole('button', { name: lang === 'zh' ? '登录' : 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain(words);
  });

  it('asks for both fields before calling the server', async () => {
    serve({});
    open('/sign-in');
    await waitFor(() => {
      expect(fetchMock).toHaveBeenCalledTimes(1);
    });
    await userEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(screen.getByRole('alert').textContent).toBe('请填写电子邮件地址和口令。');
    // only the single sign-on question was asked
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('link', { name: /公开查验/u }).getAttribute('href')).toBe('/verify');
  });

  it('tells a person who forgot their password whom to ask, not a command to run', () => {
    serve({});
    open('/sign-in');
    const text = document.body.textContent;
    expect(text).toContain('请本组织的管理员');
    expect(text).not.toMatch(/xuke (user|token)/u);
  });
});

describe('single sign-on', () => {
  it('offers the provider by name when it is configured', async () => {
    serve({ 'GET /api/v1/oidc': () => json({ enabled: true, name: '企业微信' }) });
    open('/sign-in');
    const button = await screen.findByRole('link', { name: '单点登录：企业微信' });
    expect(button.getAttribute('href')).toBe('/api/v1/oidc/start');
  });

  it('offers none when it is not configured', async () => {
    serve({});
    open('/sign-in', 'en');
    await waitFor(() => {
      expect(fetchMock).toHaveBeenCalled();
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(screen.queryByRole('link', { name: /single sign-on/iu })).toBeNull();
  });

  it.each([
    ['zh' as const, '#error=not-invited', '单点登录未成功：您还没有受邀加入任何组织'],
    [
      'en' as const,
      '#error=invalid-state',
      'Single sign-on did not sign you in: the sign-in request has expired',
    ],
    ['zh' as const, '#error=something-new', '原因代码 something-new'],
  ])('says why it failed (%s, %s), and clears the address', (lang, fragment, words) => {
    serve({});
    open(`/sign-in${fragment}`, lang);
    expect(screen.getByRole('alert').textContent).toContain(words);
    expect(window.location.hash).toBe('');
  });
});

describe('the first start’s one-time link', () => {
  it('signs in with the code, wipes it from the address bar, and asks for a name and password', async () => {
    const seen = serve({
      'POST /api/v1/sign-in': noContent,
      'GET /api/v1/session': () =>
        json(session({ method: 'link', passwordSet: false, csrfToken: 'csrf-link' })),
      'PUT /api/v1/me': noContent,
      'PUT /api/v1/me/password': noContent,
    });
    open('/sign-in?next=%2Fdeadlines#code=xk_one_time_code_123');
    expect(window.location.hash).toBe('');
    expect(window.location.href).not.toContain('xk_one_time_code_123');

    expect(await screen.findByRole('heading', { level: 1, name: '设置口令' })).toBeTruthy();
    expect(seen.find((r) => r.key === 'POST /api/v1/sign-in')?.body).toEqual({
      code: 'xk_one_time_code_123',
    });
    const name = screen.getByLabelText<HTMLInputElement>('您的姓名');
    expect(name.value).toBe('管理员');
    await userEvent.clear(name);
    await userEvent.type(name, '王五');
    await userEvent.type(screen.getByLabelText('新口令'), 'short');
    await userEvent.type(screen.getByLabelText('再输入一次新口令'), 'short');
    await userEvent.click(screen.getByRole('button', { name: '保存并继续' }));
    expect(screen.getByRole('alert').textContent).toBe('口令至少 10 个字符。');

    await userEvent.clear(screen.getByLabelText('新口令'));
    await userEvent.clear(screen.getByLabelText('再输入一次新口令'));
    await userEvent.type(screen.getByLabelText('新口令'), 'a long passphrase');
    await userEvent.type(screen.getByLabelText('再输入一次新口令'), 'a long passphrasE');
    await userEvent.click(screen.getByRole('button', { name: '保存并继续' }));
    expect(screen.getByRole('alert').textContent).toBe('两次输入的口令不一致。');

    await userEvent.clear(screen.getByLabelText('再输入一次新口令'));
    await userEvent.type(screen.getByLabelText('再输入一次新口令'), 'a long passphrase');
    await userEvent.click(screen.getByRole('button', { name: '保存并继续' }));
    await waitFor(() => {
      expect(assign).toHaveBeenCalledWith('/deadlines');
    });
    const writes = seen.filter((s) => s.key.startsWith('PUT'));
    expect(writes).toEqual([
      { key: 'PUT /api/v1/me', body: { name: '王五' }, csrf: 'csrf-link' },
      {
        key: 'PUT /api/v1/me/password',
        body: { newPassword: 'a long passphrase' },
        csrf: 'csrf-link',
      },
    ]);
  });

  it('offers to link single sign-on instead, when it is configured', async () => {
    serve({
      'POST /api/v1/sign-in': noContent,
      'GET /api/v1/session': () => json(session({ method: 'link', passwordSet: false })),
      'GET /api/v1/oidc': () => json({ enabled: true, name: 'Keycloak' }),
    });
    open('/sign-in#code=xk_one_time_code_123', 'en');
    const link = await screen.findByRole('link', { name: 'Link your single sign-on account' });
    expect(link.getAttribute('href')).toBe('/api/v1/oidc/start?link=1');
  });

  it('goes straight on when the person has a password already', async () => {
    serve({
      'POST /api/v1/sign-in': noContent,
      'GET /api/v1/session': () => json(session({ method: 'link', passwordSet: true })),
    });
    open(`/sign-in?next=${encodeURIComponent('//evil.example/x')}#code=xk_one_time_code_123`);
    await waitFor(() => {
      expect(assign).toHaveBeenCalledWith('/');
    });
  });

  it('says a used link is used, and offers the password form', async () => {
    serve({
      'POST /api/v1/sign-in': () => problem(401, 'UNAUTHENTICATED', 'The code is unknown or used'),
    });
    open('/sign-in#code=xk_used_code_4567');
    expect((await screen.findByRole('alert')).textContent).toContain('此登录链接已经使用过');
    expect(screen.getByLabelText('电子邮件地址')).toBeTruthy();
    expect(assign).not.toHaveBeenCalled();
  });
});

describe('a person signed in already', () => {
  it('is told so, with the way on', () => {
    serve({});
    signIn();
    open('/sign-in?next=%2Fsettings');
    expect(screen.getByText('您已登录。')).toBeTruthy();
    expect(screen.getByRole('link', { name: '继续使用' }).getAttribute('href')).toBe('/settings');
  });
});

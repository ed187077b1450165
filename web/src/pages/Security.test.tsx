import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import { qrPath } from '../components/account/QrCode';
import { LangProvider } from '../i18n';
import { getSession } from '../session';
import { json, session, signIn, stubFetch } from '../test-fixtures';
import Security from './Security';

const fetchMock = stubFetch();

type Handler = (request: Request) => Response | Promise<Response>;

const URI =
  'otpauth://totp/xuke:admin%40localhost?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=xuke&algorithm=SHA1&digits=6&period=30';
const CODES = Array.from({ length: 10 }, (_, i) => `abcd-efgh-00${String(i)}`);

function serve(routes: Readonly<Record<string, Handler>>) {
  const seen: { key: string; body: unknown; csrf: string | null }[] = [];
  fetchMock.mockImplementation(async (request) => {
    const url = new URL(request.url);
    const key = `${request.method} ${url.pathname}${url.search}`;
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

function renderPage(lang: 'zh' | 'en' = 'zh') {
  render(
    <LangProvider lang={lang}>
      <Security />
    </LangProvider>,
  );
}

const section = (name: string) => screen.getByRole('region', { name });

beforeEach(() => {
  fetchMock.mockReset();
  signIn({ csrfToken: 'csrf-s' });
});

describe('your account', () => {
  it('changes the name', async () => {
    const seen = serve({
      'PUT /api/v1/me': noContent,
      'GET /api/v1/session': () => json(session({ person: { ...session().person, name: '王五' } })),
    });
    const user = userEvent.setup();
    renderPage();
    const account = section('您的账户');
    expect(within(account).getByText('admin@localhost')).toBeTruthy();
    expect(within(account).getByText('口令')).toBeTruthy();
    const name = within(account).getByLabelText('姓名');
    await user.clear(name);
    await user.type(name, '王五');
    await user.click(within(account).getByRole('button', { name: '保存姓名' }));
    expect(await within(account).findByText('已保存姓名。')).toBeTruthy();
    expect(seen.find((s) => s.key === 'PUT /api/v1/me')).toEqual({
      key: 'PUT /api/v1/me',
      body: { name: '王五' },
      csrf: 'csrf-s',
    });
    expect(getSession()?.person.name).toBe('王五');
  });
});

describe('the password', () => {
  it('asks for the current one, checks the new one, and says the other sessions ended', async () => {
    const seen = serve({
      'PUT /api/v1/me/password': noContent,
      'GET /api/v1/session': () => json(session()),
    });
    const user = userEvent.setup();
    renderPage();
    const form = section('口令');
    await user.type(within(form).getByLabelText('新口令'), 'a long passphrase');
    await user.type(within(form).getByLabelText('再输入一次新口令'), 'a long passphrase');
    await user.click(within(form).getByRole('button', { name: '更改口令' }));
    expect(within(form).getByRole('alert').textContent).toBe('请输入当前口令。');
    await user.type(within(form).getByLabelText('当前口令'), 'the old one!');
    await user.click(within(form).getByRole('button', { name: '更改口令' }));
    expect(await within(form).findByText(/其他浏览器和设备上的会话已经结束/u)).toBeTruthy();
    expect(seen.find((s) => s.key === 'PUT /api/v1/me/password')?.body).toEqual({
      currentPassword: 'the old one!',
      newPassword: 'a long passphrase',
    });
  });

  it('shows the server’s words when the current password is wrong, and stays signed in', async () => {
    serve({
      'PUT /api/v1/me/password': () =>
        json(
          {
            status: 401,
            code: 'UNAUTHENTICATED',
            detail: 'The current password is not right',
            detailZh: '当前口令不正确。',
          },
          401,
        ),
      'GET /api/v1/session': () => json(session()),
    });
    const user = userEvent.setup();
    renderPage();
    const form = section('口令');
    await user.type(within(form).getByLabelText('当前口令'), 'wrong one!!');
    await user.type(within(form).getByLabelText('新口令'), 'a long passphrase');
    await user.type(within(form).getByLabelText('再输入一次新口令'), 'a long passphrase');
    await user.click(within(form).getByRole('button', { name: '更改口令' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('当前口令不正确。');
    await waitFor(() => {
      expect(
        fetchMock.mock.calls.some(([r]) => new URL(r.url).pathname === '/api/v1/session'),
      ).toBe(true);
    });
    expect(getSession()).not.toBeNull();
  });

  it('sets one without a current password when the person has none (English)', async () => {
    signIn({ passwordSet: false });
    const seen = serve({
      'PUT /api/v1/me/password': noContent,
      'GET /api/v1/session': () => json(session({ passwordSet: true })),
    });
    const user = userEvent.setup();
    renderPage('en');
    const form = section('Password');
    expect(within(form).getByText(/You have no password yet/u)).toBeTruthy();
    expect(within(form).queryByLabelText('Current password')).toBeNull();
    await user.type(within(form).getByLabelText('New password'), 'a long passphrase');
    await user.type(within(form).getByLabelText('The new password again'), 'a long passphrase');
    await user.click(within(form).getByRole('button', { name: 'Set the password' }));
    await waitFor(() => {
      expect(seen.find((s) => s.key === 'PUT /api/v1/me/password')?.body).toEqual({
        newPassword: 'a long passphrase',
      });
    });
  });
});

describe('two-step verification', () => {
  it('draws a QR code that a reader decodes to the otpauth URI', () => {
    const { size, path } = qrPath(URI);
    // the picture, 4 pixels a module, white but for the path's squares
    const scale = 4;
    const side = size * scale;
    const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
    for (const [, x, y] of path.matchAll(/M(\d+) (\d+)h1v1h-1z/gu)) {
      for (let dy = 0; dy < scale; dy += 1) {
        for (let dx = 0; dx < scale; dx += 1) {
          const at = ((Number(y) * scale + dy) * side + Number(x) * scale + dx) * 4;
          pixels.fill(0, at, at + 3);
        }
      }
    }
    expect(jsQR(pixels, side, side)?.data).toBe(URI);
  });

  it('turns it on: QR code and key, a code to confirm, then the recovery codes once', async () => {
    const seen = serve({
      'POST /api/v1/me/totp': () => json({ secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', uri: URI }),
      'POST /api/v1/me/totp/confirm': () => json({ recoveryCodes: CODES }),
      'GET /api/v1/session': () => json(session()),
    });
    const user = userEvent.setup();
    renderPage();
    const totp = section('两步验证');
    expect(within(totp).getByText(/两步验证未开启/u)).toBeTruthy();
    await user.click(within(totp).getByRole('button', { name: '开启两步验证' }));
    const qr = await within(totp).findByRole('img', { name: '供验证器应用扫描的二维码' });
    expect(qr.querySelector('path')?.getAttribute('d')).toBe(qrPath(URI).path);
    expect(within(totp).getByText('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toBeTruthy();

    await user.click(within(totp).getByRole('button', { name: '确认并开启' }));
    expect(within(totp).getByRole('alert').textContent).toBe('请输入 6 位验证码。');
    await user.type(within(totp).getByLabelText('验证码'), '123456');
    await user.click(within(totp).getByRole('button', { name: '确认并开启' }));
    const codes = await within(totp).findByRole('list');
    expect(
      within(codes)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(CODES);
    expect(within(totp).getByText(/只显示这一次/u)).toBeTruthy();
    expect(seen.find((s) => s.key === 'POST /api/v1/me/totp/confirm')).toEqual({
      key: 'POST /api/v1/me/totp/confirm',
      body: { code: '123456' },
      csrf: 'csrf-s',
    });
    await user.click(within(totp).getByRole('button', { name: '我已保存恢复码' }));
    // the codes are gone, and it is on
    expect(within(totp).queryByRole('list')).toBeNull();
    expect(within(totp).getByText(/两步验证已开启/u)).toBeTruthy();
  });

  it('offers to turn it off when the server says it is on already', async () => {
    // the session signed in without it (set up elsewhere since): the server knows better
    serve({
      'POST /api/v1/me/totp': () =>
        json(
          {
            status: 409,
            code: 'CONFLICT',
            detail: 'The second factor is on already',
            detailZh: '两步验证已启用',
          },
          409,
        ),
    });
    const user = userEvent.setup();
    renderPage();
    const totp = section('两步验证');
    await user.click(within(totp).getByRole('button', { name: '开启两步验证' }));
    expect((await within(totp).findByRole('alert')).textContent).toBe('两步验证已启用');
    expect(within(totp).getByRole('button', { name: '关闭两步验证' })).toBeTruthy();
  });

  it('turns it off with a code', async () => {
    signIn({ totpEnabled: true });
    const seen = serve({
      'DELETE /api/v1/me/totp': noContent,
      'GET /api/v1/session': () => json(session()),
    });
    const user = userEvent.setup();
    renderPage('en');
    const totp = section('Two-step verification');
    expect(within(totp).getByText(/Two-step verification is on/u)).toBeTruthy();
    await user.click(within(totp).getByRole('button', { name: 'Turn off two-step verification' }));
    await user.type(
      within(totp).getByLabelText('A current code or a recovery code'),
      'abcd-efgh-001',
    );
    await user.click(within(totp).getByRole('button', { name: 'Turn off two-step verification' }));
    expect(await within(totp).findByText('Two-step verification is off.')).toBeTruthy();
    expect(seen.find((s) => s.key === 'DELETE /api/v1/me/totp')?.body).toEqual({
      code: 'abcd-efgh-001',
    });
  });
});

describe('single sign-on and sessions', () => {
  it('offers to link single sign-on when it is configured', async () => {
    serve({ 'GET /api/v1/oidc': () => json({ enabled: true, name: '飞书' }) });
    renderPage();
    const link = await screen.findByRole('link', { name: '关联单点登录账户' });
    expect(link.getAttribute('href')).toBe('/api/v1/oidc/start?link=1');
    expect(screen.getByText(/把您在 飞书 的账户关联到 xuke/u)).toBeTruthy();
  });

  it('signs out everywhere after a confirmation, and this session ends too', async () => {
    const seen = serve({
      'DELETE /api/v1/session?everywhere=true': noContent,
      'GET /api/v1/session': () => json({ status: 401, code: 'UNAUTHENTICATED' }, 401),
    });
    const user = userEvent.setup();
    renderPage();
    const sessions = section('登录会话');
    await user.click(within(sessions).getByRole('button', { name: '在所有设备上退出' }));
    expect(within(sessions).getByText(/都会立即结束/u)).toBeTruthy();
    expect(seen).toEqual([expect.objectContaining({ key: 'GET /api/v1/oidc' })]);
    await user.click(within(sessions).getByRole('button', { name: '确认全部退出：所有会话' }));
    await waitFor(() => {
      expect(getSession()).toBeNull();
    });
    expect(seen.find((s) => s.key.startsWith('DELETE'))).toEqual({
      key: 'DELETE /api/v1/session?everywhere=true',
      body: null,
      csrf: 'csrf-s',
    });
  });
});

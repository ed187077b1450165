import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Schemas } from '../api/client';
import { personActor } from '../../../src/core/actor';
import { splitDomains } from '../components/settings/AccessPolicySection';
import { LangProvider } from '../i18n';
import { getSession } from '../session';
import { json, session, signIn, stubFetch } from '../test-fixtures';
import Members from './Members';

const fetchMock = stubFetch();

const member = (fields: Partial<Schemas['Member']>): Schemas['Member'] => ({
  userId: 'u-admin',
  name: '管理员',
  email: 'admin@localhost',
  mobile: null,
  role: 'admin',
  secondFactor: true,
  hasPassword: true,
  ssoLinked: false,
  createdAt: '2026-12-01T00:00:00Z',
  ...fields,
});

const invitation = (fields: Partial<Schemas['Invitation']>): Schemas['Invitation'] => ({
  id: 'i-1',
  email: 'zhao@example.com',
  role: 'member',
  createdBy: personActor({ id: 'u-admin', name: '管理员', email: 'admin@localhost' }, '127.0.0.1'),
  createdAt: '2026-12-09T02:00:00Z',
  expiresAt: '2026-12-16T02:00:00Z',
  acceptedAt: null,
  acceptedBy: null,
  revokedAt: null,
  status: 'open',
  ...fields,
});

type Handler = (request: Request) => Response | Promise<Response>;

interface Server {
  members: Schemas['Member'][];
  invitations: Schemas['Invitation'][];
  policy: Schemas['AccessPolicy'];
  seen: { key: string; body: unknown; csrf: string | null }[];
  routes: Record<string, Handler>;
}

function serve(): Server {
  const server: Server = {
    members: [
      member({}),
      member({
        userId: 'u-2',
        name: '张三',
        email: 'zhang@example.com',
        role: 'member',
        secondFactor: false,
        ssoLinked: true,
      }),
    ],
    invitations: [
      invitation({}),
      invitation({ id: 'i-2', email: null, role: 'viewer', status: 'expired' }),
      invitation({ id: 'i-3', status: 'accepted', acceptedAt: '2026-12-10T01:00:00Z' }),
      invitation({ id: 'i-4', email: 'old@example.com', status: 'revoked' }),
    ],
    policy: {
      joinMode: 'invitation',
      joinDomains: [],
      joinRole: 'viewer',
      requireSecondFactor: false,
    },
    seen: [],
    routes: {},
  };
  fetchMock.mockImplementation(async (request) => {
    const url = new URL(request.url);
    const key = `${request.method} ${url.pathname}`;
    const text = request.method === 'GET' ? '' : await request.clone().text();
    const body = text === '' ? null : (JSON.parse(text) as unknown);
    server.seen.push({ key, body, csrf: request.headers.get('x-csrf-token') });
    const handler = server.routes[key];
    if (handler !== undefined) return handler(request);
    switch (key) {
      case 'GET /api/v1/members':
        return json({ items: server.members });
      case 'GET /api/v1/invitations':
        return json({ items: server.invitations });
      case 'GET /api/v1/organisation/access':
        return json(server.policy);
      case 'GET /api/v1/oidc':
        return json({ enabled: true, name: '企业微信' });
      default:
        return json({ status: 404, code: 'NOT_FOUND', detail: key }, 404);
    }
  });
  return server;
}

function renderPage(lang: 'zh' | 'en' = 'zh') {
  render(
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <LangProvider lang={lang}>
        <Members />
      </LangProvider>
    </SWRConfig>,
  );
}

beforeEach(() => {
  fetchMock.mockReset();
  signIn({ csrfToken: 'csrf-m' });
});

describe('the members', () => {
  it.each([
    {
      lang: 'zh' as const,
      columns: ['姓名', '电子邮件', '角色', '两步验证', '单点登录', '加入时间', '操作'],
      row: ['张三', 'zhang@example.com', '成员', '未开启', '已关联', '2026年12月01日'],
      you: '您',
    },
    {
      lang: 'en' as const,
      columns: [
        'Name',
        'E-mail',
        'Role',
        'Two-step verification',
        'Single sign-on',
        'Joined',
        'Actions',
      ],
      row: ['张三', 'zhang@example.com', 'Member', 'Off', 'Linked', '2026-12-01'],
      you: 'you',
    },
  ])(
    'lists each with the role, second factor and single sign-on in words ($lang)',
    async (words) => {
      serve();
      renderPage(words.lang);
      const table = await screen.findByRole('table', {
        name: words.lang === 'zh' ? '成员' : 'Members',
      });
      expect(
        within(table)
          .getAllByRole('columnheader')
          .map((h) => h.textContent),
      ).toEqual(words.columns);
      const rows = within(table).getAllByRole('row');
      const zhang = rows[2] as HTMLElement;
      expect(
        [within(zhang).getByRole('rowheader'), ...within(zhang).getAllByRole('cell')]
          .slice(0, 6)
          .map((c) => c.textContent),
      ).toEqual(words.row);
      expect(within(rows[1] as HTMLElement).getByRole('rowheader').textContent).toContain(
        words.you,
      );
    },
  );

  it('changes a role, and says the server’s words when the last administrator would lose theirs', async () => {
    const server = serve();
    server.routes['PATCH /api/v1/members/u-admin'] = () =>
      json(
        {
          status: 409,
          code: 'CONFLICT',
          detail: 'The organisation needs an administrator',
          detailZh: '本组织至少要有一位管理员。',
        },
        409,
      );
    server.routes['PATCH /api/v1/members/u-2'] = () => {
      server.members[1] = member({ ...server.members[1], role: 'viewer' });
      return json(server.members[1]);
    };
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: '更改角色：张三' }));
    await user.selectOptions(screen.getByLabelText('张三的新角色'), 'viewer');
    await user.click(screen.getByRole('button', { name: '保存角色：张三' }));
    expect(await screen.findByText('张三现在是只读。')).toBeTruthy();
    expect(server.seen.find((s) => s.key === 'PATCH /api/v1/members/u-2')).toEqual({
      key: 'PATCH /api/v1/members/u-2',
      body: { role: 'viewer' },
      csrf: 'csrf-m',
    });
    await waitFor(() => {
      const zhang = screen.getAllByRole('row')[2] as HTMLElement;
      expect(within(zhang).getByText('只读')).toBeTruthy();
    });

    await user.click(screen.getByRole('button', { name: '更改角色：管理员' }));
    await user.selectOptions(screen.getByLabelText('管理员的新角色'), 'member');
    await user.click(screen.getByRole('button', { name: '保存角色：管理员' }));
    expect((await screen.findByRole('alert')).textContent).toBe('本组织至少要有一位管理员。');
  });

  it('removes a member after a confirmation that says what it does', async () => {
    const server = serve();
    server.routes['DELETE /api/v1/members/u-2'] = () => {
      server.members.splice(1, 1);
      return new Response(null, { status: 204 });
    };
    const user = userEvent.setup();
    renderPage('en');
    await user.click(await screen.findByRole('button', { name: 'Remove: 张三' }));
    expect(screen.getByText(/Their sessions here end at once/u)).toBeTruthy();
    expect(server.seen.some((s) => s.key.startsWith('DELETE'))).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Confirm removal: 张三' }));
    expect(await screen.findByText('Removed 张三.')).toBeTruthy();
    await waitFor(() => {
      expect(screen.queryByRole('rowheader', { name: '张三' })).toBeNull();
    });
  });

  it('reads the session again after a change to one’s own membership', async () => {
    const server = serve();
    server.routes['PATCH /api/v1/members/u-admin'] = () => json(member({ role: 'member' }));
    server.routes['GET /api/v1/session'] = () => json(session({ role: 'member' }));
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: '更改角色：管理员' }));
    await user.selectOptions(screen.getByLabelText('管理员的新角色'), 'member');
    await user.click(screen.getByRole('button', { name: '保存角色：管理员' }));
    await waitFor(() => {
      expect(getSession()?.role).toBe('member');
    });
  });

  it('tells a member who is not an administrator whom to ask, and reads nothing', () => {
    serve();
    signIn({ role: 'member' });
    renderPage();
    expect(screen.getByText(/只有本组织的管理员可以管理成员和邀请/u)).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe('the invitations', () => {
  it.each([
    {
      lang: 'zh' as const,
      statuses: ['待接受', '已过期', '已接受', '已撤销'],
      link: '链接邀请（未指定电子邮件）',
    },
    {
      lang: 'en' as const,
      statuses: ['Waiting', 'Expired', 'Accepted', 'Revoked'],
      link: 'A link (no e-mail given)',
    },
  ])('list each with its status in words, and revoke only an open one ($lang)', async (words) => {
    serve();
    renderPage(words.lang);
    const table = await screen.findByRole('table', {
      name: words.lang === 'zh' ? '邀请' : 'Invitations',
    });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByText(/./u, { selector: '.badge' }).textContent)).toEqual(
      words.statuses,
    );
    expect(within(rows[1] as HTMLElement).getByRole('rowheader').textContent).toBe(words.link);
    // who invited, by name
    expect(within(rows[0] as HTMLElement).getByText('管理员')).toBeTruthy();
    expect(within(table).getAllByRole('button')).toHaveLength(1);
  });

  it('invites as a link, shows the whole link once, and lists it', async () => {
    const server = serve();
    server.routes['POST /api/v1/invitations'] = () => {
      server.invitations.unshift(invitation({ id: 'i-9', email: null, role: 'admin' }));
      return json(
        {
          id: 'i-9',
          url: '/invite#code=xk_inv_999',
          code: 'xk_inv_999',
          email: null,
          role: 'admin',
          expiresAt: '2026-12-17T02:00:00Z',
          mailed: false,
        },
        201,
      );
    };
    const user = userEvent.setup();
    renderPage();
    await screen.findByRole('table', { name: '邀请' });
    await user.selectOptions(screen.getByLabelText('角色'), 'admin');
    await user.click(screen.getByRole('button', { name: '发出邀请' }));
    const link =
      await screen.findByLabelText<HTMLInputElement>('邀请链接：链接邀请（未指定电子邮件）');
    expect(link.value).toBe(`${window.location.origin}/invite#code=xk_inv_999`);
    expect(screen.getByText(/只显示这一次，7 天内有效，只能使用一次/u)).toBeTruthy();
    expect(screen.getByText(/以“管理员”身份加入本组织/u)).toBeTruthy();
    expect(server.seen.find((s) => s.key === 'POST /api/v1/invitations')?.body).toEqual({
      role: 'admin',
    });
    await waitFor(() => {
      expect(screen.getAllByText('待接受')).toHaveLength(2);
    });
  });

  it('invites by e-mail, and refuses a malformed address before asking the server', async () => {
    const server = serve();
    server.routes['POST /api/v1/invitations'] = () =>
      json(
        {
          id: 'i-8',
          url: 'https://xuke.example/invite#code=xk_inv_888',
          code: 'xk_inv_888',
          email: 'wang@example.com',
          role: 'member',
          expiresAt: '2026-12-17T02:00:00Z',
          mailed: true,
        },
        201,
      );
    const user = userEvent.setup();
    renderPage('en');
    await screen.findByRole('table', { name: 'Invitations' });
    const email = screen.getByLabelText('E-mail address (optional)');
    await user.type(email, 'wang@');
    await user.click(screen.getByRole('button', { name: 'Send the invitation' }));
    expect(screen.getByRole('alert').textContent).toContain('not a valid e-mail address');
    expect(server.seen.some((s) => s.key === 'POST /api/v1/invitations')).toBe(false);
    await user.type(email, 'example.com');
    await user.click(screen.getByRole('button', { name: 'Send the invitation' }));
    const link = await screen.findByLabelText<HTMLInputElement>(
      'Invitation link: wang@example.com',
    );
    expect(link.value).toBe('https://xuke.example/invite#code=xk_inv_888');
    expect(screen.getByText('The invitation has been e-mailed to wang@example.com.')).toBeTruthy();
    expect(server.seen.find((s) => s.key === 'POST /api/v1/invitations')?.body).toEqual({
      email: 'wang@example.com',
      role: 'member',
    });
  });

  it('revokes an open one after a confirmation', async () => {
    const server = serve();
    server.routes['DELETE /api/v1/invitations/i-1'] = () => {
      server.invitations[0] = invitation({ status: 'revoked', revokedAt: '2026-12-10T00:00:00Z' });
      return new Response(null, { status: 204 });
    };
    const user = userEvent.setup();
    renderPage();
    await user.click(await screen.findByRole('button', { name: '撤销：zhao@example.com' }));
    await user.click(screen.getByRole('button', { name: '确认撤销：zhao@example.com' }));
    expect(await screen.findByText('已撤销给zhao@example.com的邀请。')).toBeTruthy();
    await waitFor(() => {
      expect(screen.queryByText('待接受')).toBeNull();
    });
  });
});

describe('how people join', () => {
  it('splits the domains as people type them', () => {
    expect(splitDomains(' example.com，@corp.cn、a.org\nb.net ; ')).toEqual([
      'example.com',
      'corp.cn',
      'a.org',
      'b.net',
    ]);
  });

  it('saves joining by domain with the role and the second factor required', async () => {
    const server = serve();
    server.routes['PUT /api/v1/organisation/access'] = async (request) => {
      server.policy = (await request.json()) as Schemas['AccessPolicy'];
      return json(server.policy);
    };
    const user = userEvent.setup();
    renderPage();
    const mode = await screen.findByRole('radio', {
      name: '邀请，或用单点登录按电子邮件域名自动加入',
    });
    expect(screen.getByRole('radio', { name: '只能通过邀请加入' })).toHaveProperty('checked', true);
    await user.click(mode);
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(screen.getByRole('alert').textContent).toBe('按域名加入时，请至少列出一个域名。');
    await user.type(screen.getByLabelText('允许自动加入的域名'), 'example.com、corp.cn');
    await user.selectOptions(screen.getByLabelText('自动加入的人的角色'), 'member');
    await user.click(screen.getByRole('checkbox', { name: '要求每位成员开启两步验证' }));
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('已保存加入方式。')).toBeTruthy();
    expect(server.seen.find((s) => s.key === 'PUT /api/v1/organisation/access')).toEqual({
      key: 'PUT /api/v1/organisation/access',
      body: {
        joinMode: 'domain',
        joinDomains: ['example.com', 'corp.cn'],
        joinRole: 'member',
        requireSecondFactor: true,
      },
      csrf: 'csrf-m',
    });
  });

  it('says that joining by domain needs single sign-on, when the server has none', async () => {
    const server = serve();
    server.policy = { ...server.policy, joinMode: 'domain', joinDomains: ['example.com'] };
    server.routes['GET /api/v1/oidc'] = () => json({ enabled: false, name: '单点登录' });
    renderPage('en');
    expect(await screen.findByText(/This server has no single sign-on configured/u)).toBeTruthy();
    expect(screen.getByLabelText<HTMLTextAreaElement>('Domains that may join').value).toBe(
      'example.com',
    );
  });
});

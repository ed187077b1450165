import { render, screen, within } from '@testing-library/react';
import { SWRConfig } from 'swr';
import { beforeEach, describe, expect, it } from 'vitest';
import { personActor } from '../../../src/core/actor';
import { LangProvider } from '../i18n';
import { HOLDER_ORG, json, signIn, stubFetch } from '../test-fixtures';
import Settings from './Settings';

const fetchMock = stubFetch();

const ME = {
  tokenId: null,
  person: { id: 'u-admin', name: '管理员', email: 'admin@localhost' },
  role: 'admin',
  organisation: 'demo',
  actor: personActor({ id: 'u-admin', name: '管理员', email: 'admin@localhost' }, '127.0.0.1'),
  via: 'session',
};

function serve(me: object) {
  fetchMock.mockImplementation((request) => {
    const path = new URL(request.url).pathname;
    if (path === '/api/v1/me') return Promise.resolve(json(me));
    if (path === '/api/v1/organisation') {
      return Promise.resolve(json({ ...HOLDER_ORG, instanceAdmin: false }));
    }
    if (path === '/api/v1/tokens' || path === '/api/v1/webhooks') {
      return Promise.resolve(json({ items: [] }));
    }
    return Promise.resolve(json({ status: 404, code: 'NOT_FOUND' }, 404));
  });
}

function renderPage(lang: 'zh' | 'en') {
  render(
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <LangProvider lang={lang}>
        <Settings />
      </LangProvider>
    </SWRConfig>,
  );
}

beforeEach(() => {
  fetchMock.mockReset();
});

describe.each([
  {
    lang: 'zh' as const,
    parts: ['组织与集成', '成员与邀请', '您的账户与安全'],
    memberParts: ['组织与集成', '您的账户与安全'],
    you: '您',
    recorded: '操作记录中显示为',
    tokenId: '当前令牌 ID',
    tokens: /令牌供程序调用 API/u,
  },
  {
    lang: 'en' as const,
    parts: [
      'Organisation and integrations',
      'Members and invitations',
      'Your account and security',
    ],
    memberParts: ['Organisation and integrations', 'Your account and security'],
    you: 'You',
    recorded: 'Shown in records as',
    tokenId: 'Current token id',
    tokens: /Tokens are for programs that call the API/u,
  },
])('the settings, $lang', (words) => {
  it('name the person signed in, as the records will, and lead to the other parts', async () => {
    signIn();
    serve(ME);
    renderPage(words.lang);
    const nav = screen.getByRole('navigation');
    expect(
      within(nav)
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(words.parts);
    expect(within(nav).getAllByRole('link')[0]?.getAttribute('aria-current')).toBe('page');
    const facts = (await screen.findByText(words.you, { selector: 'dt' })).closest(
      'dl',
    ) as HTMLElement;
    expect(within(facts).getByText('管理员 · admin@localhost')).toBeTruthy();
    // a session has no token id; the actor is the person, by name
    expect(within(facts).queryByText(words.tokenId)).toBeNull();
    const recorded = within(facts).getByText(words.recorded).nextElementSibling;
    expect(recorded?.textContent).toBe('管理员');
    expect(screen.getByText(words.tokens)).toBeTruthy();
  });

  it('offer a member no members’ part', () => {
    signIn({ role: 'member' });
    serve({ ...ME, role: 'member' });
    renderPage(words.lang);
    expect(
      within(screen.getByRole('navigation'))
        .getAllByRole('link')
        .map((l) => l.textContent),
    ).toEqual(words.memberParts);
  });
});

import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { afterEach, describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { LangProvider } from '../../i18n';
import { json, stubFetch } from '../../test-fixtures';
import { TokensSection } from './TokensSection';

const fetchMock = stubFetch();

const token = (
  id: string,
  name: string,
  kind: Schemas['Token']['kind'],
  fields: Partial<Schemas['Token']> = {},
): Schemas['Token'] => ({
  id,
  name,
  role: 'admin',
  kind,
  createdAt: '2026-11-29T02:05:00Z',
  revokedAt: null,
  createdBy: null,
  lastUsedAt: null,
  expiresAt: null,
  ...fields,
});

afterEach(() => {
  fetchMock.mockReset();
});

describe.each([
  {
    lang: 'zh' as const,
    signIn: '网页登录',
    feed: '日历订阅',
    people: '合规部 张三',
    at: '2026年11月29日 02:05',
    columns: ['名称', '角色', '类型', '创建人', '创建时间', '最近使用', '有效期至', '状态', '操作'],
    revoke: '撤销：合规部 张三',
    creator: '王五',
    never: '从未使用',
    untilRevoked: '长期（直到撤销）',
    expired: '已过期',
    lastUsed: '2026年12月01日 08:30',
  },
  {
    lang: 'en' as const,
    signIn: 'web sign-in',
    feed: 'calendar feed',
    people: '合规部 张三',
    at: '2026-11-29 02:05',
    columns: [
      'Name',
      'Role',
      'Kind',
      'Created by',
      'Created',
      'Last used',
      'Valid until',
      'State',
      'Actions',
    ],
    revoke: 'Revoke: 合规部 张三',
    creator: '王五',
    never: 'Never used',
    untilRevoked: 'Until revoked',
    expired: 'Expired',
    lastUsed: '2026-12-01 08:30',
  },
])('the token list, $lang', (words) => {
  it('names the tokens the server made itself in the page’s language', async () => {
    fetchMock.mockResolvedValue(
      json({
        items: [
          token('t1', 'web sign-in', 'api'),
          token('t2', 'calendar feed', 'calendar'),
          token('t3', '合规部 张三', 'api'),
        ],
      }),
    );
    render(
      <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
        <LangProvider lang={words.lang}>
          <TokensSection currentTokenId="t1" />
        </LangProvider>
      </SWRConfig>,
    );
    const rows = (await screen.findAllByRole('rowheader')).map((h) => h.textContent);
    expect(rows[0]).toContain(words.signIn);
    expect(rows[1]).toBe(words.feed);
    expect(rows[2]).toBe(words.people);
    const first = screen.getAllByRole('row')[1] as HTMLElement;
    expect(within(first).getByText(words.at)).toBeTruthy();
  });

  it('names each cell by its column, so a phone can show a token as labelled lines with its revoke button', async () => {
    fetchMock.mockResolvedValue(json({ items: [token('t3', '合规部 张三', 'api')] }));
    render(
      <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
        <LangProvider lang={words.lang}>
          <TokensSection currentTokenId="t1" />
        </LangProvider>
      </SWRConfig>,
    );
    const table = await screen.findByRole('table');
    // the phone layout (styles.css, .stack-table) stacks the rows of a table inside it
    expect(table.closest('.stack-table')).not.toBeNull();
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(words.columns);
    const row = within(table).getAllByRole('row')[1] as HTMLElement;
    expect([...row.querySelectorAll('td')].map((c) => c.dataset.label)).toEqual(
      words.columns.slice(1),
    );
    const revoke = within(row).getByRole('button', { name: words.revoke });
    expect(revoke.closest('td')?.dataset.label).toBe(words.columns[8]);
  });

  it('names who created each token, its last use and until when it works', async () => {
    fetchMock.mockResolvedValue(
      json({
        items: [
          token('t4', 'CI', 'api', {
            createdBy: { id: 'u-5', name: '王五' },
            lastUsedAt: '2026-12-01T08:30:00Z',
          }),
          token('t5', '旧系统', 'api', { expiresAt: '2026-01-31T15:59:59Z' }),
        ],
      }),
    );
    render(
      <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
        <LangProvider lang={words.lang}>
          <TokensSection currentTokenId={null} />
        </LangProvider>
      </SWRConfig>,
    );
    const [, first, second] = await screen.findAllByRole('row');
    const cell = (row: HTMLElement | undefined, column: number) =>
      row?.querySelector(`td[data-label="${words.columns[column] ?? ''}"]`)?.textContent;
    expect(cell(first, 3)).toBe(words.creator);
    expect(cell(first, 5)).toBe(words.lastUsed);
    expect(cell(first, 6)).toBe(words.untilRevoked);
    expect(cell(second, 3)).toBe('—');
    expect(cell(second, 5)).toBe(words.never);
    // an expiry passed: the token works no more, and says so
    expect(cell(second, 7)).toBe(words.expired);
  });
});

describe('creating a token', () => {
  it('sends an expiry date chosen as the end of that day in Beijing, and refuses a past one', async () => {
    const posted: unknown[] = [];
    fetchMock.mockImplementation(async (request) => {
      if (request.method === 'POST') {
        posted.push(await request.json());
        return json(
          { token: 'xk_new', id: 't9', name: 'CI', role: 'member', organisation: 'demo' },
          201,
        );
      }
      return json({ items: [] });
    });
    render(
      <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
        <LangProvider lang="zh">
          <TokensSection currentTokenId={null} />
        </LangProvider>
      </SWRConfig>,
    );
    await userEvent.type(await screen.findByLabelText('名称'), 'CI');
    const expiry = screen.getByLabelText('有效期至（可不填）');
    await userEvent.type(expiry, '2020-01-01');
    await userEvent.click(screen.getByRole('button', { name: '创建令牌' }));
    expect(screen.getByRole('alert').textContent).toBe('有效期必须在今天之后。');
    expect(posted).toEqual([]);

    await userEvent.clear(expiry);
    await userEvent.type(expiry, '2999-01-31');
    await userEvent.click(screen.getByRole('button', { name: '创建令牌' }));
    expect(await screen.findByLabelText('新令牌“CI”')).toBeTruthy();
    expect(posted).toEqual([
      { name: 'CI', role: 'member', expiresAt: '2999-01-31T23:59:59+08:00' },
    ]);
    // for programs: the warning does not say it signs in to the web UI
    expect(document.body.textContent).toContain('程序用它调用 API');
  });
});

import { render, screen, within } from '@testing-library/react';
import { SWRConfig } from 'swr';
import { afterEach, describe, expect, it } from 'vitest';
import type { Schemas } from '../../api/client';
import { LangProvider } from '../../i18n';
import { json, stubFetch } from '../../test-fixtures';
import { TokensSection } from './TokensSection';

const fetchMock = stubFetch();

const token = (id: string, name: string, kind: Schemas['Token']['kind']): Schemas['Token'] => ({
  id,
  name,
  role: 'admin',
  kind,
  createdAt: '2026-11-29T02:05:00Z',
  revokedAt: null,
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
    columns: ['名称', '角色', '类型', '创建时间', '状态', '操作'],
    revoke: '撤销：合规部 张三',
  },
  {
    lang: 'en' as const,
    signIn: 'web sign-in',
    feed: 'calendar feed',
    people: '合规部 张三',
    at: '2026-11-29 02:05',
    columns: ['Name', 'Role', 'Kind', 'Created', 'State', 'Actions'],
    revoke: 'Revoke: 合规部 张三',
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
    expect(revoke.closest('td')?.dataset.label).toBe(words.columns[5]);
  });
});

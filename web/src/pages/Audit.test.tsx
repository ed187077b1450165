import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SWRConfig } from 'swr';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { personActor, tokenActor } from '../../../src/core/actor';
import { LangProvider } from '../i18n';
import { json, signIn, stubFetch } from '../test-fixtures';
import Audit, { filtersOf, queryOf } from './Audit';

const fetchMock = stubFetch();

const ZHANG = { id: 'u-2', name: '张三', email: 'zhang@example.com' };

const ENTRIES = [
  {
    seq: 41,
    at: '2026-12-09T02:05:00Z',
    actor: personActor(ZHANG, '203.0.113.5'),
    by: {
      kind: 'person',
      name: '张三',
      email: 'zhang@example.com',
      personId: 'u-2',
      tokenName: null,
      createdBy: null,
    },
    address: '203.0.113.5',
    action: 'licence.created',
    subject: '京B2-20180910',
    payload: { version: 1 },
    hash: 'a1'.repeat(32),
  },
  {
    seq: 42,
    at: '2026-12-09T03:00:00Z',
    actor: tokenActor({ id: 't-1', name: '上架审核系统' }, { id: 'u-2', name: '张三' }, '10.0.0.9'),
    by: {
      kind: 'token',
      name: '上架审核系统',
      email: null,
      personId: 'u-2',
      tokenName: '上架审核系统',
      createdBy: { id: 'u-2', name: '张三' },
    },
    address: '10.0.0.9',
    action: 'confirmation.recorded',
    subject: '京B2-20180910',
    payload: {},
    hash: 'b2'.repeat(32),
  },
  {
    seq: 43,
    at: '2026-12-09T04:00:00Z',
    actor: 'cli:alice',
    by: {
      kind: 'other',
      name: 'cli:alice',
      email: null,
      personId: null,
      tokenName: null,
      createdBy: null,
    },
    address: null,
    action: 'organisation.changed',
    subject: 'demo',
    payload: {},
    hash: 'c3'.repeat(32),
  },
];

function serve() {
  const reads: URL[] = [];
  fetchMock.mockImplementation((request) => {
    const url = new URL(request.url);
    if (url.pathname === '/api/v1/members') {
      return Promise.resolve(
        json({
          items: [
            {
              userId: 'u-2',
              name: '张三',
              email: 'zhang@example.com',
              mobile: null,
              role: 'member',
              secondFactor: false,
              hasPassword: true,
              ssoLinked: false,
              createdAt: '2026-12-01T00:00:00Z',
            },
          ],
        }),
      );
    }
    if (url.pathname === '/api/v1/audit') {
      reads.push(url);
      const after = Number(url.searchParams.get('after'));
      // two pages: the first two entries, then the third
      return Promise.resolve(
        json(
          after === 0
            ? { items: ENTRIES.slice(0, 2), next: 42 }
            : { items: ENTRIES.slice(2), next: null },
        ),
      );
    }
    if (url.pathname === '/api/v1/audit/export') {
      return Promise.resolve(
        new Response('\uFEFFseq,at\n41,2026-12-09', {
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="audit.csv"',
          },
        }),
      );
    }
    return Promise.resolve(json({ status: 404, code: 'NOT_FOUND' }, 404));
  });
  return reads;
}

function open(url: string, lang: 'zh' | 'en' = 'zh') {
  window.history.replaceState(null, '', url);
  render(
    <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
      <LangProvider lang={lang}>
        <Audit />
      </LangProvider>
    </SWRConfig>,
  );
}

beforeEach(() => {
  fetchMock.mockReset();
  signIn();
});
afterEach(() => {
  vi.restoreAllMocks();
  window.history.replaceState(null, '', '/');
});

describe('the audit log', () => {
  it('keeps its filters in the address, in one order', () => {
    const filters = filtersOf('?to=2026-12-31&person=u-2&x=1&licence=%20京B2-20180910%20');
    expect(filters).toEqual({
      person: 'u-2',
      licence: '京B2-20180910',
      action: '',
      from: '',
      to: '2026-12-31',
    });
    expect(queryOf(filters)).toBe(
      `person=u-2&licence=${encodeURIComponent('京B2-20180910')}&to=2026-12-31`,
    );
  });

  it.each([
    {
      lang: 'zh' as const,
      person: '张三（zhang@example.com）',
      token: '令牌“上架审核系统”，张三 创建',
      other: '命令行（alice）',
      more: '加载更多',
      end: '已显示全部记录。',
    },
    {
      lang: 'en' as const,
      person: '张三 (zhang@example.com)',
      token: 'token “上架审核系统”, created by 张三',
      other: 'command line (alice)',
      more: 'Load more',
      end: 'All entries are shown.',
    },
  ])('names who did it, from where, and pages on ($lang)', async (words) => {
    serve();
    const user = userEvent.setup();
    open('/audit', words.lang);
    const table = await screen.findByRole('table');
    const first = (await within(table).findByText('licence.created')).closest('tr') as HTMLElement;
    expect(within(first).getByText(words.person)).toBeTruthy();
    expect(within(first).getByText('203.0.113.5')).toBeTruthy();
    const second = within(table).getByText('confirmation.recorded').closest('tr') as HTMLElement;
    expect(within(second).getByText(words.token)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: words.more }));
    const third = (await within(table).findByText('organisation.changed')).closest(
      'tr',
    ) as HTMLElement;
    expect(within(third).getByText(words.other)).toBeTruthy();
    expect(screen.getByText(words.end)).toBeTruthy();
    expect(screen.queryByRole('button', { name: words.more })).toBeNull();
  });

  it('filters by person, licence, action and period, and exports with the same filters', async () => {
    const reads = serve();
    const user = userEvent.setup();
    const saved: string[] = [];
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:audit');
    vi.spyOn(URL, 'revokeObjectURL').mockReturnValue(undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push(this.download);
    });
    open('/audit');
    await screen.findByText('licence.created');
    await user.selectOptions(await screen.findByLabelText('人员'), 'u-2');
    await user.type(screen.getByLabelText('许可证编号'), '京B2-20180910');
    await user.type(screen.getByLabelText('操作'), 'licence.created');
    await user.type(screen.getByLabelText('起始日期'), '2026-12-01');
    await user.type(screen.getByLabelText('截止日期'), '2026-11-01');
    await user.click(screen.getByRole('button', { name: '筛选' }));
    expect(screen.getByRole('alert').textContent).toBe('截止日期不能早于起始日期。');
    await user.clear(screen.getByLabelText('截止日期'));
    await user.type(screen.getByLabelText('截止日期'), '2026-12-31');
    await user.click(screen.getByRole('button', { name: '筛选' }));

    await waitFor(() => {
      expect(reads.at(-1)?.searchParams.get('person')).toBe('u-2');
    });
    const query = reads.at(-1)?.searchParams;
    expect(query?.get('licence')).toBe('京B2-20180910');
    expect(query?.get('action')).toBe('licence.created');
    expect(query?.get('from')).toBe('2026-12-01');
    expect(query?.get('to')).toBe('2026-12-31');
    expect(query?.get('after')).toBe('0');
    expect(new URLSearchParams(window.location.search).get('person')).toBe('u-2');

    const exportLink = screen.getByRole('link', { name: '导出 CSV' });
    const href = new URL(exportLink.getAttribute('href') ?? '', window.location.origin);
    expect(href.pathname).toBe('/api/v1/audit/export');
    expect(href.searchParams.get('person')).toBe('u-2');
    expect(href.searchParams.get('to')).toBe('2026-12-31');
    expect(href.searchParams.has('after')).toBe(false);
    await user.click(exportLink);
    await waitFor(() => {
      expect(saved).toEqual(['audit.csv']);
    });

    await user.click(screen.getByRole('button', { name: '清除筛选' }));
    await waitFor(() => {
      expect(window.location.search).toBe('');
    });
  });

  it('is for administrators only', () => {
    serve();
    signIn({ role: 'member' });
    open('/audit', 'en');
    expect(
      screen.getByText('Only the organisation’s administrators can see the audit log.'),
    ).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

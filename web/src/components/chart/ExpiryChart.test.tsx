import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { LangProvider } from '../../i18n';
import { ExpiryChart } from './ExpiryChart';
import { bucketByMonth } from './expiry-buckets';

const licences = [
  { number: '京B2-20180910', expiresOn: '2026-12-01' },
  { number: '沪B2-20200002', expiresOn: '2026-12-31' },
  { number: '粤B2-20190003', expiresOn: '2027-03-15' },
];

describe('ExpiryChart', () => {
  it('names the chart, sums it up in words and draws a bar with its count per month', () => {
    const { buckets } = bucketByMonth(licences, '2026-11-29');
    const { container } = render(
      <LangProvider lang="zh">
        <ExpiryChart buckets={buckets} />
      </LangProvider>,
    );
    const chart = screen.getByRole('img', { name: '未来 12 个月到期的许可证' });
    expect(chart.getAttribute('aria-describedby')).toBeTruthy();
    expect(
      screen.getByText('共 3 张许可证在未来 12 个月内到期。最多的是 2026年12月（2 张）。'),
    ).toBeTruthy();
    expect(container.querySelectorAll('rect.chart-bar')).toHaveLength(2);
    expect([...container.querySelectorAll('.chart-count')].map((n) => n.textContent)).toEqual([
      '2',
      '1',
    ]);
    // the year under the first month and under January
    expect([...container.querySelectorAll('.chart-year')].map((n) => n.textContent)).toEqual([
      '2026',
      '2027',
    ]);
  });

  it('offers the same numbers as a table, with links to the licences', async () => {
    const { buckets } = bucketByMonth(licences, '2026-11-29');
    render(
      <LangProvider lang="zh">
        <ExpiryChart buckets={buckets} />
      </LangProvider>,
    );
    await userEvent.click(screen.getByText('以表格查看'));
    const table = screen.getByRole('table', { name: '未来 12 个月到期的许可证' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(13);
    const december = within(table).getByRole('rowheader', { name: '2026年12月' }).closest('tr');
    expect(december?.textContent).toContain('2');
    expect(within(table).getByRole('link', { name: '沪B2-20200002' }).getAttribute('href')).toBe(
      '/licences/%E6%B2%AAB2-20200002',
    );
  });

  it.each([
    ['zh' as const, '未来 12 个月内没有许可证到期。'],
    ['en' as const, 'No licence expires in the next 12 months.'],
  ])('says in a sentence, %s, that nothing expires, without an empty chart', (lang, text) => {
    // expired already, or after the window: nothing in the twelve months
    const { buckets } = bucketByMonth(
      [
        { number: '京B2-20180910', expiresOn: '2023-05-03' },
        { number: '沪B2-20200002', expiresOn: '2029-01-01' },
      ],
      '2026-11-29',
    );
    const { container } = render(
      <LangProvider lang={lang}>
        <ExpiryChart buckets={buckets} />
      </LangProvider>,
    );
    expect(screen.getByText(text)).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
    expect(container.querySelector('svg')).toBeNull();
  });
});

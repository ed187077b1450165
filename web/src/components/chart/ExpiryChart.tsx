/**
 * Licences expiring by month: a hand-written SVG bar chart and, for readers who cannot see it or
 * want the numbers, the same data as a table. Bars are laid out in percentages of the width and
 * text in pixels, so the chart fills a phone's width without shrinking its labels. Every bar
 * carries its count in text: colour is never the only signal. With nothing to chart it says so in
 * a sentence, without an empty frame of twelve months.
 */
import { useId } from 'react';
import { Link } from 'wouter';
import { formatMonth } from '../../format';
import { defineMessages, PUNCT, useLang, useT } from '../../i18n';
import type { MonthBucket } from './expiry-buckets';
import './chart.css';

const m = defineMessages(
  {
    title: '未来 12 个月到期的许可证',
    summary: '共 {total} 张许可证在未来 12 个月内到期。',
    summaryPeak: '最多的是 {month}（{count} 张）。',
    summaryNone: '未来 12 个月内没有许可证到期。',
    table: '以表格查看',
    month: '月份',
    count: '到期数量',
    numbers: '许可证',
    more: '等 {n} 张',
    monthLabel: '{m}月',
  },
  {
    title: 'Licences expiring in the next 12 months',
    summary: 'Expiring in the next 12 months: {total}. ',
    summaryPeak: 'Most in {month} ({count}).',
    summaryNone: 'No licence expires in the next 12 months.',
    table: 'Show as a table',
    month: 'Month',
    count: 'Expiring',
    numbers: 'Licences',
    more: 'and {n} more',
    monthLabel: '{m}',
  },
);

const EN_MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/** how many licence numbers a table row lists before "and N more" */
const LISTED = 5;

const HEIGHT = 200;
const TOP = 22; // room for the count above the tallest bar
const BOTTOM = 42; // month and year labels
const PLOT = HEIGHT - TOP - BOTTOM;

export function ExpiryChart({ buckets }: { buckets: readonly MonthBucket[] }) {
  const t = useT(m);
  const { lang } = useLang();
  const id = useId();
  const total = buckets.reduce((n, b) => n + b.count, 0);
  // the tallest bar fills the plot; every bar prints its count, so no axis is needed
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const peak = buckets.reduce<MonthBucket | undefined>(
    (best, b) => (b.count > (best?.count ?? 0) ? b : best),
    undefined,
  );
  const monthShort = (month: string): string => {
    const n = Number(month.slice(5, 7));
    return lang === 'zh' ? t('monthLabel', { m: n }) : (EN_MONTHS[n - 1] ?? month);
  };
  const monthLong = (month: string): string => formatMonth(month, lang);
  const summary =
    total === 0
      ? t('summaryNone')
      : `${t('summary', { total })}${peak === undefined ? '' : t('summaryPeak', { month: monthLong(peak.month), count: peak.count })}`;
  const band = 100 / Math.max(1, buckets.length);

  if (total === 0) return <p className="chart-empty">{summary}</p>;

  return (
    <figure className="chart">
      <svg
        className="chart-svg"
        role="img"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-desc`}
        width="100%"
        height={HEIGHT}
      >
        <title id={`${id}-title`}>{t('title')}</title>
        <line className="chart-base" x1="0" x2="100%" y1={TOP + PLOT} y2={TOP + PLOT} />
        {buckets.map((b, i) => {
          const h = (b.count / max) * PLOT;
          const centre = `${(i + 0.5) * band}%`;
          const showYear = i === 0 || b.month.endsWith('-01');
          return (
            <g key={b.month}>
              {b.count > 0 && (
                <rect
                  className="chart-bar"
                  x={`${(i + 0.2) * band}%`}
                  width={`${0.6 * band}%`}
                  y={TOP + PLOT - h}
                  height={h}
                />
              )}
              {b.count > 0 && (
                <text className="chart-count" x={centre} y={TOP + PLOT - h - 5} textAnchor="middle">
                  {b.count}
                </text>
              )}
              <text className="chart-month" x={centre} y={TOP + PLOT + 17} textAnchor="middle">
                {lang === 'zh' ? (
                  <>
                    {Number(b.month.slice(5, 7))}
                    {/* dropped on a phone, where twelve "11月" do not fit side by side */}
                    <tspan className="chart-month-unit">月</tspan>
                  </>
                ) : (
                  monthShort(b.month)
                )}
              </text>
              {showYear && (
                <text className="chart-year" x={centre} y={TOP + PLOT + 34} textAnchor="middle">
                  {b.month.slice(0, 4)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-caption" id={`${id}-desc`}>
        {summary}
      </figcaption>
      <details className="chart-table">
        <summary>{t('table')}</summary>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('month')}</th>
                <th scope="col">{t('count')}</th>
                <th scope="col">{t('numbers')}</th>
              </tr>
            </thead>
            <tbody>
              {buckets.map((b) => (
                <tr key={b.month}>
                  <th scope="row">{monthLong(b.month)}</th>
                  <td>{b.count}</td>
                  <td>
                    {b.numbers.slice(0, LISTED).map((n, i) => (
                      <span key={n}>
                        {i > 0 && PUNCT[lang].list}
                        <Link href={`/licences/${encodeURIComponent(n)}`}>{n}</Link>
                      </span>
                    ))}
                    {b.count > LISTED && ` ${t('more', { n: b.count - LISTED })}`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

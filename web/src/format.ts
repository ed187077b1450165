/**
 * Dates, one form per language (docs/glossary.md): ISO `YYYY-MM-DD` in data; in Chinese the
 * document style with zero-padded month and day, `2022年09月05日` (as licences print them), in
 * English ISO `2022-09-05`. Months and timestamps follow the same forms. Every page formats through
 * these helpers; Chinese text from the API gets the same form through `pick` (i18n.tsx).
 */
import { zhDates, type Lang } from './i18n';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/u;

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2022-09-05` → `2022年09月05日` / `2022-09-05`; `—` for no date; anything else as it is. */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const day = iso.slice(0, 10);
  if (!ISO_DATE.test(day)) return iso;
  return lang === 'zh' ? zhDates(day) : day;
}

/** `2022-09` → `2022年09月` / `September 2022`. */
export function formatMonth(month: string, lang: Lang): string {
  const year = month.slice(0, 4);
  const mon = month.slice(5, 7);
  if (lang === 'zh') return `${year}年${mon}月`;
  return new Intl.DateTimeFormat('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(Number(year), Number(mon) - 1, 1)));
}

/**
 * A timestamp (ISO 8601) in the viewer's time zone, to the minute, its day as `formatDate` shows
 * it: `2026年12月07日 10:05` / `2026-12-07 10:05`.
 */
export function formatTimestamp(iso: string | null | undefined, lang: Lang): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const day = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${formatDate(day, lang)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Today as ISO in Asia/Shanghai (licence dates are Beijing dates). */
export function todayInShanghai(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** Dates are ISO `YYYY-MM-DD` in data; a document-style `2022年09月05日` where Chinese is shown. */
import type { Lang } from './i18n';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const m = ISO_DATE.exec(iso.slice(0, 10));
  if (m === null) return iso;
  return lang === 'zh' ? `${m[1]}年${m[2]}月${m[3]}日` : `${m[1]}-${m[2]}-${m[3]}`;
}

/** A timestamp (ISO 8601) in the viewer's time zone, to the minute. */
export function formatTimestamp(iso: string | null | undefined, lang: Lang): string {
  if (iso === null || iso === undefined || iso === '') return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
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

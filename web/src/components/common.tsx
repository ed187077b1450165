/** Small pieces every page uses: page heading, loading, errors in words, status badges. */
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { defineMessages, pick, useLang, useT } from '../i18n';
import { isLicenceStatus } from './licence/statuses';

/** Words every page uses, with a licence's statuses (licence/labels.tsx names them with these). */
export const commonWords = defineMessages({
  loading: ['正在加载…', 'Loading…'],
  network: [
    '无法连接服务器，请检查网络后重试。',
    'Cannot reach the server; check the connection and try again.',
  ],
  unknown: ['出错了：{detail}', 'Something went wrong: {detail}'],
  retry: ['重试', 'Retry'],
  status_valid: ['有效', 'Valid'],
  status_expired: ['已过期', 'Expired'],
  status_suspended: ['暂停', 'Suspended'],
  status_cancelled: ['已注销', 'Cancelled'],
  status_revoked: ['已吊销', 'Revoked'],
  'status_renewal-pending': ['续期审批中', 'Renewal pending'],
  app: ['许可 xuke', 'xuke'],
});

let firstPageShown = false;

/** The page's <h1>, focused when navigation brings the user here, and the document's title. */
export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  const t = useT(commonWords);
  useEffect(() => {
    document.title = `${title} · ${t('app')}`;
  }, [title, t]);
  useEffect(() => {
    // After in-app navigation the new heading takes focus, so a screen reader announces the page;
    // on the first load the browser's own order stands (Tab reaches the skip link first).
    if (firstPageShown) ref.current?.focus({ preventScroll: true });
    firstPageShown = true;
  }, []);
  return (
    <div className="page-header">
      <h1 ref={ref} tabIndex={-1}>
        {title}
      </h1>
      {children !== undefined && <div className="page-actions">{children}</div>}
    </div>
  );
}

/** A table's column headings (`<th scope="col">`), in order. */
export function ColumnHeads({ names }: { names: readonly string[] }) {
  return (
    <thead>
      <tr>
        {names.map((name, i) => (
          <th key={i} scope="col">
            {name}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export function Loading({ label }: { label?: string | undefined }) {
  const t = useT(commonWords);
  return (
    <p className="loading" role="status" aria-live="polite">
      {label ?? t('loading')}
    </p>
  );
}

/** An error in the user's language: the server's own words when it gave them. */
export function errorText(
  error: unknown,
  lang: 'zh' | 'en',
  t: (k: 'network' | 'unknown', v?: { detail: string }) => string,
): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('network');
    const p = error.problem;
    if (p !== null) {
      // a validation problem's detail names its fields in words; `errors` are for programs
      const detail = pick(lang, p.detailZh ?? p.detail ?? '', p.detail);
      if (detail !== '') return detail;
    }
    return t('unknown', { detail: `HTTP ${error.status}` });
  }
  return t('unknown', { detail: error instanceof Error ? error.message : String(error) });
}

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT(commonWords);
  const { lang } = useLang();
  return (
    <div className="notice notice-error" role="alert">
      <p>{errorText(error, lang, t)}</p>
      {onRetry !== undefined && (
        <button type="button" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const t = useT(commonWords);
  const known = isLicenceStatus(status);
  const label = known ? t(`status_${status}`) : status;
  return <span className={`badge badge-${known ? status : 'unknown'}`}>{label}</span>;
}

/** Small pieces every page uses: page heading, loading, errors in words, status badges. */
import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { defineMessages, pick, PUNCT, useLang, useT } from '../i18n';
import { isLicenceStatus } from './licence/statuses';

/** Words every page uses, with a licence's statuses (licence/labels.tsx names them with these). */
export const commonWords = defineMessages(
  {
    loading: '正在加载…',
    network: '无法连接服务器，请检查网络后重试。',
    unknown: '出错了：{detail}',
    retry: '重试',
    status_valid: '有效',
    status_expired: '已过期',
    status_suspended: '暂停',
    status_cancelled: '已注销',
    status_revoked: '已吊销',
    'status_renewal-pending': '续期审批中',
    app: '许可 xuke',
  },
  {
    loading: 'Loading…',
    network: 'Cannot reach the server; check the connection and try again.',
    unknown: 'Something went wrong: {detail}',
    retry: 'Retry',
    status_valid: 'Valid',
    status_expired: 'Expired',
    status_suspended: 'Suspended',
    status_cancelled: 'Cancelled',
    status_revoked: 'Revoked',
    'status_renewal-pending': 'Renewal pending',
    app: 'xuke',
  },
);

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
      const detail = pick(lang, p.detailZh ?? p.detail ?? '', p.detail);
      const { colon, semi, open, close } = PUNCT[lang];
      const fields = (p.errors ?? []).map((e) => `${e.path}${colon}${e.message}`).join(semi);
      if (detail !== '') return fields === '' ? detail : `${detail}${open}${fields}${close}`;
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

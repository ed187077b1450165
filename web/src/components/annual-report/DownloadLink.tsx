/**
 * A link to a file only the signed-in may fetch (download.ts): its real address, and a click that
 * downloads it with the session; a failure is said beside it.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { commonWords, errorText } from '../common';
import { defineMessages, useLang, useT } from '../../i18n';
import { downloadFile } from '../../api/download';

const m = defineMessages(
  { failed: '未能下载：{detail}' },
  { failed: 'Could not download: {detail}' },
);

export function DownloadLink({
  href,
  name,
  className,
  children,
}: {
  href: string;
  name: string;
  className?: string;
  children: ReactNode;
}) {
  const t = useT(m);
  const tc = useT(commonWords);
  const { lang } = useLang();
  const [failure, setFailure] = useState<string | null>(null);
  return (
    <>
      <a
        href={href}
        className={className}
        download={name}
        onClick={(e) => {
          e.preventDefault();
          setFailure(null);
          downloadFile(href, name).catch((error: unknown) => {
            setFailure(t('failed', { detail: errorText(error, lang, tc) }));
          });
        }}
      >
        {children}
      </a>
      {failure !== null && (
        <span className="field-error" role="alert">
          {' '}
          {failure}
        </span>
      )}
    </>
  );
}

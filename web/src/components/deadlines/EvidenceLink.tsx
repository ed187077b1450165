/**
 * The evidence file kept with a completed occurrence, as a link that downloads it: its name and
 * size in the link, its SHA-256 in the tooltip. The file is served to the signed-in organisation
 * only (GET …/deadlines/{occurrenceId}/evidence), so the link fetches it with the session and
 * hands the browser the bytes to save, under the file's own name.
 */
import { useState } from 'react';
import type { MouseEvent } from 'react';
import { ApiError, type Schemas } from '../../api/client';
import { downloadFile } from '../../api/download';
import { ErrorNotice } from '../common';
import { defineMessages, useT } from '../../i18n';

export type EvidenceFile = Schemas['EvidenceFile'];

const m = defineMessages(
  {
    file: '凭证文件：{name}（{size}）',
    hash: 'SHA-256：{sha256}',
    downloading: '正在下载…',
  },
  {
    file: 'Evidence file: {name} ({size})',
    hash: 'SHA-256: {sha256}',
    downloading: 'Downloading…',
  },
);

/** Bytes in the units people read: 812 B, 12.4 KB, 3.1 MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function EvidenceLink({ file }: { file: EvidenceFile }) {
  const t = useT(m);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  async function onClick(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await downloadFile(file.url, file.name);
    } catch (e) {
      setFailure(e instanceof ApiError ? e : new ApiError(0, null));
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="evidence-file">
      <a
        href={file.url}
        download={file.name}
        title={t('hash', { sha256: file.sha256 })}
        aria-busy={busy}
        onClick={(e) => {
          void onClick(e);
        }}
      >
        {t('file', { name: file.name, size: formatSize(file.size) })}
      </a>
      {busy && <span className="hint"> {t('downloading')}</span>}
      {failure !== null && <ErrorNotice error={failure} />}
    </span>
  );
}

/**
 * What a read (useData) shows: its error in words with a retry, the loading line, or what
 * `children` makes of the data once it has come. (Its own module, not common.tsx: the pages that
 * read this way load it, the others do not.)
 */
import type { ReactNode } from 'react';
import { ErrorNotice, Loading } from './common';

export function Loaded<T>({
  read,
  loadingLabel,
  children,
}: {
  read: { readonly data: T | undefined; readonly error: unknown; mutate(): Promise<unknown> };
  /** the loading line's words, when "正在加载…" says too little */
  loadingLabel?: string;
  children: (data: T) => ReactNode;
}) {
  if (read.error !== undefined) {
    return (
      <ErrorNotice
        error={read.error}
        onRetry={() => {
          void read.mutate();
        }}
      />
    );
  }
  if (read.data === undefined) return <Loading label={loadingLabel} />;
  return children(read.data);
}

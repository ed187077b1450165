/**
 * One recorded event in a licence's lists (lifecycle and obligation events): its day and kind, then
 * what the list adds (the version it made), its note, and who recorded it when. The caller's <li>
 * holds it.
 */
import type { ReactNode } from 'react';
import { formatDate, formatTimestamp } from '../../format';
import { defineMessages, useLang, useT } from '../../i18n';
import { useNames } from './labels';

const m = defineMessages({ by: '{actor} 记录于 {at}' }, { by: 'recorded by {actor}, {at}' });

export function RecordedEvent({
  event: e,
  children,
}: {
  event: {
    readonly on: string;
    readonly kind: string;
    readonly note: string | null;
    readonly actor: string;
    readonly recordedAt: string;
  };
  /** after the kind, on its line */
  children?: ReactNode;
}) {
  const t = useT(m);
  const { lang } = useLang();
  const name = useNames();
  return (
    <>
      <p>
        <time dateTime={e.on}>{formatDate(e.on, lang)}</time>{' '}
        <strong>{name('kind', e.kind)}</strong>
        {children}
      </p>
      {e.note !== null && e.note !== '' && <p>{e.note}</p>}
      <p className="hint">{t('by', { actor: e.actor, at: formatTimestamp(e.recordedAt, lang) })}</p>
    </>
  );
}

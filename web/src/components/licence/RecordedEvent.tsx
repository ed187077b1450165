/**
 * One recorded event in a licence's lists (lifecycle and obligation events) and the dashboard's
 * recent events: its day and kind, then what the list adds (the version it made, the licence), its
 * note, and who recorded it when — the note's server-written parts and the actor in words. The
 * caller's <li> holds it.
 */
import type { ReactNode } from 'react';
import { formatDate, formatTimestamp } from '../../format';
import { defineMessages, interpolate, PUNCT, useLang, useT, type Lang } from '../../i18n';
import { actorName } from '../actors';
import { glossary, glossaryKey } from '../trust/glossary';
import { fieldLabel } from './field-names';
import { useNames } from './labels';

const m = defineMessages({
  by: ['由{actor}记录于 {at}', 'recorded by {actor}, {at}'],
  corrected: ['人工更正：{fields}', 'Corrected by hand: {fields}'],
  acknowledged: [
    '核验结论为“{verdict}”，已确认保存：{reason}',
    'Saved despite the verdict “{verdict}”: {reason}',
  ],
});

/** What the server writes into a saved document's note (app/documents/ingest-document.ts). */
const CORRECTED = /^人工更正 corrected by hand: ([^；]*)(?:；|$)/u;
const ACKNOWLEDGED = /^已确认保存（核验结论 ([\w-]+)）：/u;

/**
 * An event's note in the page's language: the parts the server writes when a document is saved
 * (`人工更正 corrected by hand: holder, expiresOn`, `已确认保存（核验结论 suspect）：…`) in words,
 * the fields named as the form names them; what a person wrote, as they wrote it.
 */
export function noteWords(note: string, lang: Lang, verdict: (code: string) => string): string {
  const parts: string[] = [];
  let rest = note;
  const corrected = CORRECTED.exec(rest);
  if (corrected !== null) {
    const fields = (corrected[1] ?? '').split(', ').map((f) => fieldLabel(f, lang));
    parts.push(interpolate(m[lang].corrected, { fields: fields.join(PUNCT[lang].list) }));
    rest = rest.slice(corrected[0].length);
  }
  const acknowledged = ACKNOWLEDGED.exec(rest);
  if (acknowledged !== null) {
    const reason = rest.slice(acknowledged[0].length);
    parts.push(
      interpolate(m[lang].acknowledged, { verdict: verdict(acknowledged[1] ?? ''), reason }),
    );
    rest = '';
  }
  if (rest !== '') parts.push(rest);
  return parts.join(PUNCT[lang].stop);
}

/** An event's note, when it has one. */
export function EventNote({ note }: { note: string | null }) {
  const { lang } = useLang();
  const g = useT(glossary);
  if (note === null || note === '') return null;
  const verdict = (code: string) => {
    const key = glossaryKey('verdict', code);
    return key === null ? code : g(key);
  };
  return <p>{noteWords(note, lang, verdict)}</p>;
}

/** Who recorded it, in words, and when. */
export function RecordedBy({
  actor,
  at,
  className = 'hint',
}: {
  actor: string;
  at: string;
  className?: string;
}) {
  const t = useT(m);
  const { lang } = useLang();
  return (
    <p className={className}>
      {t('by', { actor: actorName(actor, lang), at: formatTimestamp(at, lang) })}
    </p>
  );
}

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
  const { lang } = useLang();
  const name = useNames();
  return (
    <>
      <p>
        <time dateTime={e.on}>{formatDate(e.on, lang)}</time>{' '}
        <strong>{name('kind', e.kind)}</strong>
        {children}
      </p>
      <EventNote note={e.note} />
      <RecordedBy actor={e.actor} at={e.recordedAt} />
    </>
  );
}

/**
 * A licence's deadlines on a timeline, by due date, with today marked among them: each date with
 * its status, whether it is provisional, the last working day to act when that is earlier, and the
 * explanation of the date on demand. Obligations that do not bind the holder are listed apart.
 */
import { formatDate } from '../../format';
import { defineMessages, pick, PUNCT, useLang, useT } from '../../i18n';
import { EvidenceLink } from '../deadlines/EvidenceLink';
import { OccurrenceBadge } from '../deadlines/occurrence-status';
import { ProvisionalMarker } from './labels';
import type { Occurrence } from './types';

const m = defineMessages({
  empty: ['这张许可证目前没有带日期的期限。', 'This licence has no dated deadline at the moment.'],
  today: ['今天 {date}', 'Today, {date}'],
  actBy: ['最后办理工作日 {date}', 'Last working day to act: {date}'],
  why: ['这个日期是怎么算的', 'How this date was worked out'],
  done: ['已于 {date} 完成', 'Done on {date}'],
  notApplicable: ['不适用的义务（{n} 项）', 'Obligations that do not apply ({n})'],
});

function Entry({ o }: { o: Occurrence }) {
  const t = useT(m);
  const { lang } = useLang();
  return (
    <li className={`licence-occurrence licence-occurrence-${o.status}`}>
      <p className="licence-occurrence-head">
        <time dateTime={o.dueOn} className="licence-occurrence-date">
          {formatDate(o.dueOn, lang)}
        </time>{' '}
        <OccurrenceBadge status={o.status} /> {o.provisional && <ProvisionalMarker />}
      </p>
      <p className="licence-occurrence-title">{pick(lang, o.title, o.titleEn)}</p>
      {o.actBy !== o.dueOn && (
        <p className="hint">{t('actBy', { date: formatDate(o.actBy, lang) })}</p>
      )}
      {o.done !== null && (
        <p>
          {t('done', { date: formatDate(o.done.on, lang) })}
          {o.done.evidence.note !== null && `${PUNCT[lang].colon}${o.done.evidence.note}`}
        </p>
      )}
      {o.done !== null && o.done.evidence.file !== null && (
        <p>
          <EvidenceLink file={o.done.evidence.file} />
        </p>
      )}
      <details className="licence-why">
        <summary>{t('why')}</summary>
        <p>{pick(lang, o.explanation.text, o.explanation.textEn)}</p>
      </details>
    </li>
  );
}

export function DeadlineTimeline({
  occurrences,
  today,
}: {
  occurrences: readonly Occurrence[];
  today: string;
}) {
  const t = useT(m);
  const { lang } = useLang();
  const dated = occurrences
    .filter((o) => o.status !== 'not-applicable')
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id));
  const notApplicable = occurrences.filter((o) => o.status === 'not-applicable');
  const past = dated.filter((o) => o.dueOn < today);
  const coming = dated.filter((o) => o.dueOn >= today);
  return (
    <>
      {dated.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <ol className="licence-timeline">
          {past.map((o) => (
            <Entry key={o.id} o={o} />
          ))}
          <li className="licence-today" aria-current="date">
            {t('today', { date: formatDate(today, lang) })}
          </li>
          {coming.map((o) => (
            <Entry key={o.id} o={o} />
          ))}
        </ol>
      )}
      {notApplicable.length > 0 && (
        <details className="licence-not-applicable">
          <summary>{t('notApplicable', { n: notApplicable.length })}</summary>
          <ul>
            {notApplicable.map((o) => (
              <li key={o.id}>{pick(lang, o.title, o.titleEn)}</li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

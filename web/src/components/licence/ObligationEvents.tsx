/**
 * The obligation events recorded on a licence (`GET /api/v1/events?number=`): what happened that
 * starts a deadline (illegal information disposed of, a decision to change the operating entity …),
 * newest recorded first, each with its day, note and who recorded it.
 */
import { Link } from 'wouter';
import type { Schemas } from '../../api/client';
import { defineMessages, useT } from '../../i18n';
import { RecordedEvent } from './RecordedEvent';

const m = defineMessages({
  heading: ['义务事件', 'Obligation events'],
  hint: [
    '这些事件起算期限，例如处置违法信息后须在 10 个工作日内上报。',
    'These events start deadlines: illegal information disposed of must be reported within 10 working days, for instance.',
  ],
  none: ['还没有记录义务事件。', 'No obligation event recorded yet.'],
  record: ['在期限页面记录事件', 'Record an event on the deadlines page'],
  more: ['只列出最近记录的 {n} 项。', 'Only the {n} most recently recorded are listed.'],
});

export type RecentEvent = Schemas['RecentEvent'];

export function ObligationEvents({
  events,
  limit,
}: {
  /** the licence's events as the API lists them (lifecycle ones are left out here) */
  events: readonly RecentEvent[];
  /** how many were asked for: as many back means there may be more */
  limit: number;
}) {
  const t = useT(m);
  const items = events.filter((e) => e.category === 'obligation');
  return (
    <>
      <h3>{t('heading')}</h3>
      <p className="hint">{t('hint')}</p>
      {items.length === 0 ? (
        <p>
          {t('none')} <Link href="/deadlines">{t('record')}</Link>
        </p>
      ) : (
        <ul className="licence-events">
          {items.map((e) => (
            <li key={`${e.kind}-${e.on}-${e.recordedAt}`}>
              <RecordedEvent event={e} />
            </li>
          ))}
        </ul>
      )}
      {events.length >= limit && <p className="hint">{t('more', { n: limit })}</p>}
    </>
  );
}

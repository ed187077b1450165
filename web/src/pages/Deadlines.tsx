/**
 * Deadlines: every occurrence of every licence of the organisation on a month calendar (China's
 * working-day calendar: holidays, adjusted working days, days not yet announced) and in a list;
 * record an event that starts a deadline; mark an occurrence done with evidence; subscribe to the
 * deadlines in a calendar app. The calendar opens on today's month, or on the month of the next
 * deadline when today's has none. The address may choose the filters (`?licence=京B2-20180910`,
 * `?status=overdue,due-soon`), as the dashboard's and a licence's links do.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useSearch } from 'wouter';
import { api, call } from '../api/client';
import { refresh, useData } from '../api/use-data';
import { ErrorNotice, Loading, PageHeader } from '../components/common';
import { allDeadlines } from '../components/deadlines/all-deadlines';
import { CalendarFeed } from '../components/deadlines/CalendarFeed';
import { FEED_SECTION } from '../components/deadlines/links';
import { labels, titleOf } from '../components/deadlines/names';
import {
  MonthCalendar,
  sameDayIn,
  type CalendarEntry,
} from '../components/deadlines/MonthCalendar';
import {
  monthOf,
  monthRange,
  openingDay,
  type CalendarDay,
} from '../components/deadlines/month-grid';
import { OccurrenceTable } from '../components/deadlines/OccurrenceTable';
import {
  isStatus,
  OccurrenceBadge,
  STATUSES,
  statusWords,
  type OccurrenceStatus,
} from '../components/deadlines/occurrence-status';
import {
  RecordEventForm,
  type LicenceChoice,
  type RecordedEvent,
} from '../components/deadlines/RecordEventForm';
import { occurrenceKey, type Occurrence } from '../components/deadlines/types';
import { useHashTarget } from '../components/use-hash-target';
import { formatDate, formatMonth, todayInShanghai } from '../format';
import { defineMessages, pick, useLang, useT } from '../i18n';
import './deadlines.css';

const m = defineMessages({
  title: ['期限', 'Deadlines'],
  intro: [
    '期限按中国的工作日历计算（法定节假日与调休）。尚未公布节假日安排的日期是估算的，标为“暂定”。',
    'Deadlines are counted on China’s working-day calendar (public holidays and adjusted working days). Dates that depend on holidays not yet announced are estimated and marked provisional.',
  ],
  filters: ['筛选', 'Filters'],
  status: ['状态', 'Status'],
  licence: ['显示的许可证', 'Licences shown'],
  allLicences: ['全部许可证', 'All licences'],
  calendar: ['月历', 'Calendar'],
  jumped: [
    '本月没有期限，月历显示下一项期限所在的 {month}。',
    'No deadline this month: the calendar shows {month}, when the next one is due.',
  ],
  backToToday: ['回到本月', 'Back to this month'],
  daysFailed: [
    '无法加载这个月的工作日历，节假日暂不显示。',
    'Could not load this month’s working-day calendar; holidays are not shown.',
  ],
  daysLoading: ['正在加载节假日安排…', 'Loading holidays…'],
  monthUnknown: [
    '本月有些日期的节假日安排尚未公布（标为“未公布”）：暂按周一至周五上班、法定固定节日放假估算，涉及这些日期的期限标为“暂定”。',
    'The holiday arrangements for some days of this month are not yet announced (marked “Not published”): they are estimated as Monday to Friday at work with the fixed-date holidays off, and deadlines that depend on them are provisional.',
  ],
  legend: ['图例', 'Legend'],
  legendHoliday: ['法定节假日（休息）', 'Public holiday (day off)'],
  legendRest: ['周末', 'Weekend'],
  legendAdjusted: ['调休上班', 'Adjusted working day'],
  legendUnknown: ['安排未公布（估算）', 'Not yet announced (estimated)'],
  legendToday: ['今天', 'Today'],
  dayNone: ['这一天没有期限。', 'No deadlines on this day.'],
  dayItemDue: ['截止 {due}，最后办理日 {actBy}', 'due {due}, last day to act {actBy}'],
  list: ['期限列表', 'List'],
  count: ['共 {shown} 项（全部 {total} 项）', '{shown} shown ({total} in all)'],
  record: ['记录事件', 'Record an event'],
  recordIntro: [
    '发生了会引起报告或申请义务的事情时记录下来（例如处置了违法信息），xuke 会据此算出新的期限。',
    'When something happens that starts a duty to report or apply (such as illegal information disposed of), record it and xuke dates the new deadline.',
  ],
  recorded: ['已记录：{kind}（{licence}，{date}）。', 'Recorded: {kind} ({licence}, {date}).'],
  newDeadlines: ['新的期限：', 'New deadlines:'],
  noNewDeadline: [
    '没有产生新的期限：这项义务可能不适用于此许可证（见许可证的条款），或同一天的同类事件已经记录过。',
    'No new deadline: the duty may not apply to this licence (see its provisions), or the same event on the same day was recorded before.',
  ],
  dueLine: ['：截止 {due}（最后办理日 {actBy}）', ': due {due} (last day to act {actBy})'],
  showInCalendar: ['在月历中查看', 'Show in the calendar'],
  feed: ['日历订阅', 'Calendar subscription'],
  readOnly: ['您的角色是只读，不能记录事件。', 'Your role is read-only: you cannot record events.'],
  cannotComplete: [
    '您的角色不能标记完成或撤销完成：需要成员或管理员。',
    'Your role cannot mark deadlines done or undo them: member or administrator needed.',
  ],
});

const DEFAULT_STATUSES: readonly OccurrenceStatus[] = ['overdue', 'due-soon', 'upcoming'];

/** The filters the address asks for: `?status=overdue,due-soon&licence=京B2-20180910`. */
export function filtersFromSearch(search: string): {
  statuses: ReadonlySet<string>;
  licence: string;
} {
  const params = new URLSearchParams(search);
  const asked = (params.get('status') ?? '').split(',').filter(isStatus);
  return {
    statuses: new Set(asked.length === 0 ? DEFAULT_STATUSES : asked),
    licence: (params.get('licence') ?? '').trim(),
  };
}

/** The month's working-day calendar, to draw its holidays (the server counts working days left). */
function useCalendarDays(from: string, to: string) {
  return useData(['calendar-days', from, to], () =>
    call(api.GET('/api/v1/calendar/days', { params: { query: { from, to } } })),
  );
}

export default function Deadlines() {
  const t = useT(m);
  const tl = useT(labels);
  const { lang } = useLang();
  const today = useMemo(() => todayInShanghai(), []);
  const ids = {
    licence: useId(),
    calendar: useId(),
    list: useId(),
    record: useId(),
  };
  const search = useSearch();
  const [initial] = useState(() => filtersFromSearch(search));

  const [month, setMonth] = useState(monthOf(today));
  const [selected, setSelected] = useState(today);
  /** the calendar opened on a later month than today's, which had no deadline */
  const [jumped, setJumped] = useState(false);
  const opened = useRef(false);
  const [statuses, setStatuses] = useState<ReadonlySet<string>>(initial.statuses);
  const [licence, setLicence] = useState(initial.licence);
  const [recorded, setRecorded] = useState<{
    event: RecordedEvent;
    created: readonly Occurrence[];
  } | null>(null);

  const deadlines = useData(['deadlines', 'organisation'], () => allDeadlines({}));
  const me = useData(['me'], () => call(api.GET('/api/v1/me')));
  const licences = useData(['licences', 'choices'], () =>
    call(api.GET('/api/v1/licences', { params: { query: { limit: 200 } } })),
  );
  const range = monthRange(month);
  const monthDays = useCalendarDays(range.from, range.to);

  const dayMap = useMemo(
    () => new Map<string, CalendarDay>((monthDays.data?.days ?? []).map((d) => [d.date, d])),
    [monthDays.data],
  );

  const items = deadlines.data?.items ?? [];
  const licenceNumbers = useMemo(
    () =>
      [
        ...new Set([
          ...(deadlines.data?.items ?? []).map((o) => o.licence),
          // the licence the address asked for stays choosable, even with no deadline
          ...(initial.licence === '' ? [] : [initial.licence]),
        ]),
      ].sort(),
    [deadlines.data, initial.licence],
  );
  const visible = items.filter(
    (o) => statuses.has(o.status) && (licence === '' || o.licence === licence),
  );
  const countByStatus = new Map<string, number>();
  for (const o of items) {
    if (licence === '' || o.licence === licence) {
      countByStatus.set(o.status, (countByStatus.get(o.status) ?? 0) + 1);
    }
  }

  const entries: CalendarEntry[] = visible.map((o) => ({
    key: occurrenceKey(o),
    date: o.dueOn,
    title: titleOf(o, lang),
    licence: o.licence,
    status: o.status,
    provisional: o.provisional,
  }));

  // once, when the deadlines arrive: a month without any, with one ahead, opens on that one's month
  useEffect(() => {
    if (deadlines.data === undefined || opened.current) return;
    opened.current = true;
    const day = openingDay(
      today,
      visible.map((o) => ({
        date: o.dueOn,
        open: o.status === 'due-soon' || o.status === 'upcoming',
      })),
    );
    if (day !== today) {
      setMonth(monthOf(day));
      setSelected(day);
      setJumped(true);
    }
  }, [deadlines.data, today, visible]);

  useHashTarget(deadlines.data !== undefined || deadlines.error !== undefined);

  const role = me.data?.role;
  const canComplete = role === 'admin' || role === 'member';
  const canFeed = role === 'admin' || role === 'member';

  const choices: LicenceChoice[] =
    licences.data?.items.map((l) => ({ number: l.number, holder: l.licence.holder.name })) ??
    licenceNumbers.map((n) => ({ number: n, holder: null }));

  function select(date: string) {
    setSelected(date);
    setMonth(monthOf(date));
    setJumped(false);
  }

  async function reload() {
    await deadlines.mutate();
    void refresh('licence');
  }

  async function onRecorded(event: RecordedEvent) {
    const before = new Set(items.filter((o) => o.licence === event.licence).map((o) => o.id));
    const fresh = await deadlines.mutate();
    void refresh('licence');
    void refresh('events');
    const created = (fresh?.items ?? []).filter(
      (o) => o.licence === event.licence && !before.has(o.id),
    );
    setRecorded({ event, created });
  }

  const selectedDay = dayMap.get(selected);
  const selectedItems = visible.filter((o) => o.dueOn === selected);

  return (
    <div className="deadlines">
      <PageHeader title={t('title')} />
      <p className="hint deadlines-intro">{t('intro')}</p>

      <fieldset className="deadlines-filters">
        <legend>{t('filters')}</legend>
        <fieldset className="deadlines-statuses">
          <legend>{t('status')}</legend>
          {STATUSES.map((s) => (
            <label key={s} className="deadlines-check">
              <input
                type="checkbox"
                checked={statuses.has(s)}
                onChange={(e) => {
                  const next = new Set(statuses);
                  if (e.currentTarget.checked) next.add(s);
                  else next.delete(s);
                  setStatuses(next);
                }}
              />
              <OccurrenceBadge status={s} />
              <span className="deadlines-count">{countByStatus.get(s) ?? 0}</span>
            </label>
          ))}
        </fieldset>
        <div className="field deadlines-licence">
          <label htmlFor={ids.licence}>{t('licence')}</label>
          <select
            id={ids.licence}
            value={licence}
            onChange={(e) => {
              setLicence(e.currentTarget.value);
            }}
          >
            <option value="">{t('allLicences')}</option>
            {licenceNumbers.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
      </fieldset>

      {deadlines.error !== undefined && (
        <ErrorNotice
          error={deadlines.error}
          onRetry={() => {
            void deadlines.mutate();
          }}
        />
      )}

      <section aria-labelledby={ids.calendar} className="deadlines-calendar">
        <h2 id={ids.calendar}>{t('calendar')}</h2>
        {jumped && (
          <p className="notice notice-info deadlines-jumped">
            {t('jumped', { month: formatMonth(month, lang) })}{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                select(today);
              }}
            >
              {t('backToToday')}
            </button>
          </p>
        )}
        <div className="deadlines-calendar-layout">
          <div>
            <MonthCalendar
              month={month}
              today={today}
              days={monthDays.data === undefined ? null : dayMap}
              entries={entries}
              selected={selected}
              onSelect={select}
              onMonthChange={(next) => {
                setMonth(next);
                setSelected(sameDayIn(next, selected));
                setJumped(false);
              }}
            />
            <div className="deadlines-calendar-status">
              {monthDays.error !== undefined ? (
                <p className="notice notice-warn" role="status">
                  {t('daysFailed')}
                </p>
              ) : monthDays.data === undefined ? (
                <Loading label={t('daysLoading')} />
              ) : monthDays.data.days.some((d) => !d.known) ? (
                <p className="notice notice-info">{t('monthUnknown')}</p>
              ) : null}
            </div>
            <Legend />
          </div>
          <div className="deadlines-day card">
            <h3>
              {formatDate(selected, lang)}
              {selectedDay?.holiday != null && (
                <span className="deadlines-day-kind">
                  {' '}
                  {pick(lang, selectedDay.holiday, selectedDay.holidayEn)}
                </span>
              )}
            </h3>
            {deadlines.data === undefined && deadlines.error === undefined ? (
              <Loading />
            ) : selectedItems.length === 0 ? (
              <p className="hint">{t('dayNone')}</p>
            ) : (
              <ul className="deadlines-day-list">
                {selectedItems.map((o) => (
                  <li key={occurrenceKey(o)}>
                    <span className="deadlines-day-title">{titleOf(o, lang)}</span>{' '}
                    <OccurrenceBadge status={o.status} />
                    <br />
                    <span className="hint">
                      {o.licence} ·{' '}
                      {t('dayItemDue', {
                        due: formatDate(o.dueOn, lang),
                        actBy: formatDate(o.actBy, lang),
                      })}
                    </span>
                    <p className="deadlines-day-explain">
                      {pick(lang, o.explanation.text, o.explanation.textEn)}
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      </section>

      <section aria-labelledby={ids.list} className="deadlines-list">
        <h2 id={ids.list}>{t('list')}</h2>
        {deadlines.data === undefined ? (
          deadlines.error === undefined && <Loading />
        ) : (
          <>
            <p className="hint">{t('count', { shown: visible.length, total: items.length })}</p>
            {role !== undefined && !canComplete && (
              <p className="notice notice-info">{t('cannotComplete')}</p>
            )}
            <OccurrenceTable
              occurrences={visible}
              today={today}
              canComplete={canComplete}
              onChanged={reload}
            />
          </>
        )}
      </section>

      <div className="deadlines-tools">
        <section aria-labelledby={ids.record} className="card">
          <h2 id={ids.record}>{t('record')}</h2>
          <p className="hint">{t('recordIntro')}</p>
          {role === 'viewer' ? (
            <p className="notice notice-info">{t('readOnly')}</p>
          ) : (
            <RecordEventForm
              key={choices.length}
              licences={choices}
              truncated={licences.data?.next != null}
              today={today}
              onRecorded={onRecorded}
            />
          )}
          <div className="deadlines-recorded" role="status" aria-live="polite">
            {recorded !== null && (
              <div className="notice notice-ok">
                <p>
                  {t('recorded', {
                    kind: tl(`event_${recorded.event.kind}`),
                    licence: recorded.event.licence,
                    date: formatDate(recorded.event.date, lang),
                  })}
                </p>
                {recorded.created.length === 0 ? (
                  <p>{t('noNewDeadline')}</p>
                ) : (
                  <>
                    <p>{t('newDeadlines')}</p>
                    <ul className="deadlines-new">
                      {recorded.created.map((o) => (
                        <li key={occurrenceKey(o)}>
                          <strong>{titleOf(o, lang)}</strong>
                          {t('dueLine', {
                            due: formatDate(o.dueOn, lang),
                            actBy: formatDate(o.actBy, lang),
                          })}{' '}
                          <OccurrenceBadge status={o.status} />
                          <p>{pick(lang, o.explanation.text, o.explanation.textEn)}</p>
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => {
                              select(o.dueOn);
                              document
                                .getElementById(ids.calendar)
                                ?.scrollIntoView({ behavior: 'smooth', block: 'start' });
                            }}
                          >
                            {t('showInCalendar')}
                          </button>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </div>
            )}
          </div>
        </section>

        <section
          id={FEED_SECTION}
          aria-labelledby={`${FEED_SECTION}-h`}
          className="card deadlines-feed"
        >
          <h2 id={`${FEED_SECTION}-h`}>{t('feed')}</h2>
          <CalendarFeed allowed={role === undefined || canFeed} />
        </section>
      </div>
    </div>
  );
}

/** The calendar's day markings, each swatch with its words. */
const SWATCHES = [
  ['holiday', 'legendHoliday'],
  ['rest', 'legendRest'],
  ['adjusted', 'legendAdjusted'],
  ['unknown', 'legendUnknown'],
  ['today', 'legendToday'],
] as const;

function Legend() {
  const t = useT(m);
  const tl = useT(statusWords);
  return (
    <div className="deadlines-legend">
      <ul aria-label={t('legend')}>
        {SWATCHES.map(([swatch, words]) => (
          <li key={swatch}>
            <span className={`legend-swatch swatch-${swatch}`} aria-hidden="true" />
            {t(words)}
          </li>
        ))}
        {(['overdue', 'due-soon', 'upcoming', 'done'] as const).map((s) => (
          <li key={s}>
            <span className={`legend-swatch swatch-entry entry-${s}`} aria-hidden="true" />
            {tl(`status_${s}`)}
          </li>
        ))}
      </ul>
    </div>
  );
}

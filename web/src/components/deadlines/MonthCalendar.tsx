/**
 * A month of China's working-day calendar with the deadlines due each day: a hand-written grid
 * (weeks start on Monday), holidays named, adjusted working days (调休上班) and days without a
 * published notice marked in words as well as colour. Each deadline's chip names its licence and
 * its obligation, wrapping over a few lines, its whole text in its tooltip (and in the day's label
 * for screen readers). Keyboard: the arrow keys move by day and week, Home/End to the week's ends,
 * Page Up/Down by month; one day is in the tab order.
 */
import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { formatMonth } from '../../format';
import { defineMessages, pick, useLang, useT } from '../../i18n';
import { isStatus, statusWords } from './occurrence-status';
import './month-calendar.css';
import {
  addDays,
  addMonths,
  daysInMonth,
  monthOf,
  monthWeeks,
  weekdayIndex,
  type CalendarDay,
} from './month-grid';

/** An occurrence as the calendar shows it: on its due day. */
export interface CalendarEntry {
  readonly key: string;
  readonly date: string;
  readonly title: string;
  readonly licence: string;
  readonly status: string;
  readonly provisional: boolean;
}

const m = defineMessages({
  previous: ['上个月', 'Previous month'],
  next: ['下个月', 'Next month'],
  weekdays: ['一,二,三,四,五,六,日', 'Mon,Tue,Wed,Thu,Fri,Sat,Sun'],
  weekdaysLong: [
    '星期一,星期二,星期三,星期四,星期五,星期六,星期日',
    'Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday',
  ],
  today: ['今天', 'Today'],
  workday: ['工作日', 'working day'],
  weekend: ['周末休息', 'weekend'],
  holiday: ['{name}，休息日', '{name}, day off'],
  holidayUnnamed: ['法定节假日，休息日', 'public holiday, day off'],
  adjusted: ['调休上班', 'Adjusted working day'],
  adjustedLong: ['{name}调休上班，工作日', 'working day adjusted for {name}'],
  adjustedShort: ['班', 'Work'],
  unknown: ['未公布', 'Not published'],
  unknownLong: ['节假日安排尚未公布，按估算', 'holiday notice not yet published, estimated'],
  entries: ['{count} 项期限：{list}', '{count} deadline(s): {list}'],
  entry: ['{title}（{licence}，{status}）', '{title} ({licence}, {status})'],
  entryProvisional: [
    '{title}（{licence}，{status}，暂定）',
    '{title} ({licence}, {status}, provisional)',
  ],
  more: ['另 {count} 项', '{count} more'],
  chip: ['{licence} {title}（{status}）', '{licence} {title} ({status})'],
  chipProvisional: [
    '{licence} {title}（{status}，暂定）',
    '{licence} {title} ({status}, provisional)',
  ],
  provisional: ['暂定', 'provisional'],
  dayLabel: ['{month}月{day}日 {weekday}', '{weekday} {day} {monthName}'],
  keys: [
    '方向键按天或按周移动，Page Up / Page Down 换月。',
    'Arrow keys move by day or week; Page Up / Page Down change the month.',
  ],
});

/** `October` of `2022-10`, for the days' labels. */
function monthName(month: string): string {
  return formatMonth(month, 'en').split(' ')[0] ?? month;
}

/** The same day of the month in another month, clamped to its length (31 Jan → 28 Feb). */
export function sameDayIn(month: string, date: string): string {
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(month));
  return `${month}-${String(day).padStart(2, '0')}`;
}

export interface MonthCalendarProps {
  /** `YYYY-MM` */
  readonly month: string;
  readonly today: string;
  /** the working-day calendar of the month; null while it loads (days then show no labels) */
  readonly days: ReadonlyMap<string, CalendarDay> | null;
  readonly entries: readonly CalendarEntry[];
  /** the selected day; when it is not in `month`, the 1st takes the keyboard focus */
  readonly selected: string;
  /** a day chosen (click, Enter, arrow keys; may be in another month) */
  readonly onSelect: (date: string) => void;
  readonly onMonthChange: (month: string) => void;
}

const SHOWN_PER_DAY = 3;

/** The day a key moves to from `from` (the APG date-picker grid's keys), or null. */
export function keyTarget(key: string, from: string): string | null {
  switch (key) {
    case 'ArrowLeft':
      return addDays(from, -1);
    case 'ArrowRight':
      return addDays(from, 1);
    case 'ArrowUp':
      return addDays(from, -7);
    case 'ArrowDown':
      return addDays(from, 7);
    case 'Home':
      return addDays(from, -weekdayIndex(from));
    case 'End':
      return addDays(from, 6 - weekdayIndex(from));
    case 'PageUp':
      return sameDayIn(addMonths(monthOf(from), -1), from);
    case 'PageDown':
      return sameDayIn(addMonths(monthOf(from), 1), from);
    default:
      return null;
  }
}

export function MonthCalendar({
  month,
  today,
  days,
  entries,
  selected,
  onSelect,
  onMonthChange,
}: MonthCalendarProps) {
  const t = useT(m);
  const tl = useT(statusWords);
  const { lang } = useLang();
  const captionId = useId();
  const hintId = useId();
  const tableRef = useRef<HTMLTableElement>(null);
  /** set when the keyboard moved the selection: the new day then takes the focus */
  const moveFocus = useRef(false);

  const focusDate = monthOf(selected) === month ? selected : `${month}-01`;

  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    tableRef.current?.querySelector<HTMLButtonElement>(`button[data-date="${focusDate}"]`)?.focus();
  }, [focusDate]);

  const byDay = new Map<string, CalendarEntry[]>();
  for (const e of entries) {
    const list = byDay.get(e.date);
    if (list === undefined) byDay.set(e.date, [e]);
    else list.push(e);
  }

  const weekdays = t('weekdays').split(',');
  const weekdaysLong = t('weekdaysLong').split(',');

  function dayKind(day: CalendarDay | undefined): { short: string; long: string } | null {
    if (day === undefined) return null;
    const name = pick(lang, day.holiday ?? '', day.holidayEn);
    switch (day.kind) {
      case 'holiday':
        return name === ''
          ? { short: t('holidayUnnamed'), long: t('holidayUnnamed') }
          : { short: name, long: t('holiday', { name }) };
      case 'adjusted-workday':
        return {
          short: t('adjusted'),
          long: name === '' ? t('adjusted') : t('adjustedLong', { name }),
        };
      case 'weekend':
        return { short: '', long: t('weekend') };
      case 'workday':
        return { short: '', long: t('workday') };
    }
  }

  const statusName = (status: string) => (isStatus(status) ? tl(`status_${status}`) : status);

  function label(date: string, day: CalendarDay | undefined, list: readonly CalendarEntry[]) {
    const parts = [
      t('dayLabel', {
        month: Number(date.slice(5, 7)),
        day: Number(date.slice(8, 10)),
        monthName: monthName(monthOf(date)),
        weekday: weekdaysLong[weekdayIndex(date)] ?? '',
      }),
    ];
    const kind = dayKind(day);
    if (kind !== null) parts.push(kind.long);
    if (day !== undefined && !day.known) parts.push(t('unknownLong'));
    if (date === today) parts.push(t('today'));
    if (list.length > 0) {
      const items = list.map((e) =>
        t(e.provisional ? 'entryProvisional' : 'entry', {
          title: e.title,
          licence: e.licence,
          status: statusName(e.status),
        }),
      );
      parts.push(
        t('entries', { count: list.length, list: items.join(lang === 'zh' ? '；' : '; ') }),
      );
    }
    return parts.join(lang === 'zh' ? '，' : ', ');
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableElement>) {
    const target = event.target;
    if (!(target instanceof HTMLElement) || target.dataset.date === undefined) return;
    const to = keyTarget(event.key, target.dataset.date);
    if (to === null) return;
    event.preventDefault();
    moveFocus.current = true;
    onSelect(to);
  }

  return (
    <div className="month-calendar">
      <div className="month-calendar-bar">
        <button
          type="button"
          onClick={() => {
            onMonthChange(addMonths(month, -1));
          }}
        >
          <span aria-hidden="true">‹ </span>
          {t('previous')}
        </button>
        <h3 id={captionId} className="month-calendar-title" aria-live="polite">
          {formatMonth(month, lang)}
        </h3>
        <button
          type="button"
          onClick={() => {
            onMonthChange(addMonths(month, 1));
          }}
        >
          {t('next')}
          <span aria-hidden="true"> ›</span>
        </button>
      </div>
      <p id={hintId} className="visually-hidden">
        {t('keys')}
      </p>
      <table
        ref={tableRef}
        role="grid"
        className="month-calendar-grid"
        aria-labelledby={captionId}
        aria-describedby={hintId}
        onKeyDown={onKeyDown}
      >
        <thead>
          <tr>
            {weekdays.map((w, i) => (
              <th key={w} scope="col" abbr={weekdaysLong[i]}>
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(month).map((week) => (
            <tr key={week.find((d) => d !== null) ?? ''}>
              {week.map((date, i) => {
                if (date === null) {
                  return <td key={`blank-${i}`} className="month-calendar-blank" />;
                }
                const day = days?.get(date);
                const list = byDay.get(date) ?? [];
                const kind = dayKind(day);
                const restDay = day !== undefined && !day.workday;
                const classes = [
                  'month-calendar-day',
                  restDay ? 'is-rest' : '',
                  day?.kind === 'holiday' ? 'is-holiday' : '',
                  day?.kind === 'adjusted-workday' ? 'is-adjusted' : '',
                  day !== undefined && !day.known ? 'is-unknown' : '',
                  date === today ? 'is-today' : '',
                  date === selected ? 'is-selected' : '',
                ]
                  .filter((c) => c !== '')
                  .join(' ');
                return (
                  <td key={date} role="gridcell" aria-selected={date === selected}>
                    <button
                      type="button"
                      className={classes}
                      data-date={date}
                      tabIndex={date === focusDate ? 0 : -1}
                      aria-label={label(date, day, list)}
                      aria-current={date === today ? 'date' : undefined}
                      onClick={() => {
                        onSelect(date);
                      }}
                    >
                      <span className="month-calendar-head" aria-hidden="true">
                        <span className="month-calendar-num">{Number(date.slice(8, 10))}</span>
                        {date === today && (
                          <span className="month-calendar-today">{t('today')}</span>
                        )}
                      </span>
                      {kind !== null && kind.short !== '' && (
                        <span
                          className={`month-calendar-tag${day?.kind === 'adjusted-workday' ? ' tag-adjusted' : ' tag-holiday'}`}
                          aria-hidden="true"
                        >
                          {day?.kind === 'adjusted-workday' ? (
                            <>
                              <span className="wide">{kind.short}</span>
                              <span className="narrow">{t('adjustedShort')}</span>
                            </>
                          ) : (
                            kind.short
                          )}
                        </span>
                      )}
                      {day !== undefined && !day.known && (
                        <span className="month-calendar-tag tag-unknown" aria-hidden="true">
                          {t('unknown')}
                        </span>
                      )}
                      {list.length > 0 && (
                        <span className="month-calendar-entries" aria-hidden="true">
                          {list.slice(0, SHOWN_PER_DAY).map((e) => (
                            <span
                              key={e.key}
                              className={`month-calendar-entry entry-${isStatus(e.status) ? e.status : 'unknown'}`}
                              title={t(e.provisional ? 'chipProvisional' : 'chip', {
                                licence: e.licence,
                                title: e.title,
                                status: statusName(e.status),
                              })}
                            >
                              <span className="month-calendar-entry-licence">{e.licence}</span>{' '}
                              <span className="month-calendar-entry-title">{e.title}</span>
                            </span>
                          ))}
                          {list.length > SHOWN_PER_DAY && (
                            <span className="month-calendar-more">
                              {t('more', { count: list.length - SHOWN_PER_DAY })}
                            </span>
                          )}
                          <span className="month-calendar-count">{list.length}</span>
                        </span>
                      )}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * iCalendar feeds of deadlines (ical-generator 10): one per licence, one per organisation (several
 * licences). Every occurrence is an all-day event on its due date whose UID is derived from the
 * licence number and the occurrence id only, so a calendar client that re-fetches the feed updates
 * the event (a date moved by a newly published notice) instead of adding a duplicate.
 */
import ical, { ICalEventStatus } from 'ical-generator';
import type { DeadlinesReport } from '../../app/deadlines/compute-deadlines.js';
import type { Occurrence } from '../../core/obligations/compute-deadlines.js';

export type FeedLang = 'zh' | 'en';

export interface FeedOptions {
  /** calendar name shown by clients */
  readonly name?: string;
  readonly lang?: FeedLang;
  /** DTSTAMP: when the feed was generated (from the Clock) */
  readonly stamp: Date;
}

/**
 * The stable UID of an occurrence, from the licence number and occurrence id only:
 * `%E4%BA%ACB2-20180910.annual-report.2022@xuke`.
 */
export function occurrenceUid(licenceNumber: string | null, occurrenceId: string): string {
  return `${encodeURIComponent(licenceNumber ?? 'unnumbered')}.${occurrenceId.replace('@', '.')}@xuke`;
}

function summaryOf(report: DeadlinesReport, o: Occurrence, lang: FeedLang): string {
  const flag = o.provisional ? (lang === 'en' ? ' (provisional)' : '（暂定）') : '';
  const title = lang === 'en' ? o.titleEn : o.title;
  // VEVENT has no "completed" status (VTODO's): a done occurrence says so in its summary
  const done = o.done === null ? '' : lang === 'en' ? '[done] ' : '【已完成】';
  return `${done}${report.licence.number ?? ''} ${title}${flag}`.trim();
}

/** A done occurrence's day and note, and the evidence file kept with it by name and hash. */
function doneLine(o: Occurrence, lang: FeedLang): string[] {
  if (o.done === null) return [];
  const note = o.done.evidence.note ?? '';
  const file = o.done.evidence.file ?? null;
  if (lang === 'en') {
    return [
      `Done on ${o.done.on}${note === '' ? '' : `: ${note}`}`,
      ...(file === null ? [] : [`Evidence file: ${file.name} (SHA-256 ${file.sha256})`]),
    ];
  }
  return [
    `已于 ${o.done.on} 完成${note === '' ? '' : `：${note}`}`,
    ...(file === null ? [] : [`凭证文件：${file.name}（SHA-256：${file.sha256}）`]),
  ];
}

function descriptionOf(o: Occurrence, lang: FeedLang): string {
  if (lang === 'en') {
    return [
      ...doneLine(o, lang),
      `Due ${o.dueOn}; last working day ${o.actBy}.`,
      o.explanation.textEn,
      `Source: ${o.sourceEn}`,
    ].join('\n');
  }
  return [
    ...doneLine(o, lang),
    `截止 ${o.dueOn}；最后工作日 ${o.actBy}。`,
    o.explanation.text,
    `依据：${o.source}`,
  ].join('\n');
}

/** Occurrences worth a calendar entry: applicable ones (done ones stay, marked completed). */
function listed(report: DeadlinesReport): Occurrence[] {
  return report.occurrences.filter((o) => o.status !== 'not-applicable');
}

/** One feed for many licences (an organisation's). */
export function deadlinesFeed(reports: readonly DeadlinesReport[], options: FeedOptions): string {
  const lang = options.lang ?? 'zh';
  const calendar = ical({
    name: options.name ?? (lang === 'en' ? 'xuke licence deadlines' : '许可证合规期限'),
    prodId: { company: 'xuke', product: 'deadlines', language: lang === 'en' ? 'EN' : 'ZH' },
  });
  for (const report of reports) {
    for (const o of listed(report)) {
      calendar.createEvent({
        id: occurrenceUid(report.licence.number, o.id),
        start: o.dueOn,
        allDay: true,
        stamp: options.stamp,
        summary: summaryOf(report, o, lang),
        description: descriptionOf(o, lang),
        // A provisional date may still move when the holiday notice is published.
        status: o.provisional ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
      });
    }
  }
  return calendar.toString();
}

/** The feed of one licence. */
export function licenceFeed(report: DeadlinesReport, options: FeedOptions): string {
  return deadlinesFeed([report], {
    ...options,
    name:
      options.name ??
      `${report.licence.number ?? ''} ${options.lang === 'en' ? 'deadlines' : '合规期限'}`.trim(),
  });
}

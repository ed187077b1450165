/**
 * A deadline occurrence's statuses (docs/deadlines.md), their words in both languages and the badge
 * that shows them: the deadlines page and the licence page's timeline both use these. A status the
 * UI does not know is shown as it is, never hidden.
 */
import type { OccurrenceStatus as CoreOccurrenceStatus } from '../../../../src/core/obligations/compute-deadlines';
import type { Assert, SameMembers } from '../../api/same-members';
import { defineMessages, useT } from '../../i18n';

/** In the order the UI lists them. */
export const STATUSES = ['overdue', 'due-soon', 'upcoming', 'done', 'not-applicable'] as const;
export type OccurrenceStatus = (typeof STATUSES)[number];
/** The API types an occurrence's status as a string: the core's union is where they are named. */
export type StatusesChecked = Assert<SameMembers<typeof STATUSES, CoreOccurrenceStatus>>;

export const statusWords = defineMessages({
  status_overdue: ['已逾期', 'Overdue'],
  'status_due-soon': ['即将到期', 'Due soon'],
  status_upcoming: ['未到期', 'Upcoming'],
  status_done: ['已完成', 'Done'],
  'status_not-applicable': ['不适用', 'Not applicable'],
});

export function isStatus(s: string): s is OccurrenceStatus {
  return (STATUSES as readonly string[]).includes(s);
}

/** The status in words, with colour as a second signal. */
export function OccurrenceBadge({ status }: { status: string }) {
  const t = useT(statusWords);
  return (
    <span className={`badge badge-${isStatus(status) ? status : 'unknown'}`}>
      {isStatus(status) ? t(`status_${status}`) : status}
    </span>
  );
}

/**
 * Use case: send the reminders that are due, to every channel, each at most once, catching up on any
 * missed while the service was down. Run it as often as you like (a timer, cron): the sent-log makes
 * it idempotent. A channel that fails is recorded and retried on the next run, never dropped.
 */
import type { WorkdayCalendar } from '../../core/calendar/workday-calendar.js';
import type { Occurrence } from '../../core/obligations/compute-deadlines.js';
import type { Clock } from '../../ports/clock.js';
import type { Notifier, Reminder } from '../../ports/notifier.js';
import type { ReminderLog } from '../../ports/reminder-log.js';

/** Default lead times, in working days before the last day to act. */
export const DEFAULT_LEAD_WORKDAYS: readonly number[] = [10, 5, 1];

export interface ReminderTarget {
  readonly licenceNumber: string | null;
  readonly holder: string | null;
  readonly occurrences: readonly Occurrence[];
}

export interface SendRemindersDeps {
  readonly clock: Clock;
  readonly calendar: WorkdayCalendar;
  readonly notifiers: readonly Notifier[];
  readonly log: ReminderLog;
  /**
   * Stop starting sends once aborted (the service is closing): checked before each claim, so no
   * claim is left without its outcome by the stop itself.
   */
  readonly signal?: AbortSignal;
}

export interface SendRemindersResult {
  readonly sent: readonly { readonly key: string; readonly channel: string }[];
  readonly failed: readonly {
    readonly key: string;
    readonly channel: string;
    readonly error: string;
  }[];
}

/** The reminders due by today for these occurrences (pure apart from the calendar). */
export function dueReminders(
  target: ReminderTarget,
  today: string,
  calendar: WorkdayCalendar,
  leads: readonly number[] = DEFAULT_LEAD_WORKDAYS,
): Reminder[] {
  const out: Reminder[] = [];
  const sortedLeads = [...new Set(leads)].sort((a, b) => b - a);
  for (const occ of target.occurrences) {
    if (occ.status === 'done' || occ.status === 'not-applicable') continue;
    for (const lead of sortedLeads) {
      const scheduledOn = calendar.addWorkdays(occ.actBy, -lead).date;
      if (scheduledOn > today) continue;
      out.push({
        key: `${target.licenceNumber ?? '-'}/${occ.id}#${lead}`,
        licenceNumber: target.licenceNumber,
        holder: target.holder,
        occurrenceId: occ.id,
        obligation: occ.obligation,
        title: occ.title,
        titleEn: occ.titleEn,
        dueOn: occ.dueOn,
        actBy: occ.actBy,
        leadWorkdays: lead,
        scheduledOn,
        remainingWorkdays: calendar.workdaysBetween(today, occ.actBy),
        late: scheduledOn < today,
        overdue: today > occ.dueOn,
        provisional: occ.provisional,
        explanation: occ.explanation.text,
        explanationEn: occ.explanation.textEn,
      });
    }
  }
  return out;
}

/** Send what is due and not yet sent; record every outcome. */
export async function sendReminders(
  targets: readonly ReminderTarget[],
  deps: SendRemindersDeps,
  leads: readonly number[] = DEFAULT_LEAD_WORKDAYS,
  /** notices of what happened (an annual report returned …), sent once each like the reminders */
  notices: readonly Reminder[] = [],
): Promise<SendRemindersResult> {
  const today = deps.clock.today();
  const sent: { key: string; channel: string }[] = [];
  const failed: { key: string; channel: string; error: string }[] = [];
  const batches = [
    ...targets.map((target) => dueReminders(target, today, deps.calendar, leads)),
    notices,
  ];
  for (const batch of batches) {
    for (const reminder of batch) {
      for (const notifier of deps.notifiers) {
        if (deps.signal?.aborted === true) return { sent, failed };
        if (!(await deps.log.claim(reminder.key, notifier.id, deps.clock.now().toISOString()))) {
          continue;
        }
        try {
          await notifier.send(reminder);
          await deps.log.markSent(reminder.key, notifier.id, deps.clock.now().toISOString());
          sent.push({ key: reminder.key, channel: notifier.id });
        } catch (e) {
          const error = e instanceof Error ? e.message : String(e);
          await deps.log.markFailed(
            reminder.key,
            notifier.id,
            deps.clock.now().toISOString(),
            error,
          );
          failed.push({ key: reminder.key, channel: notifier.id, error });
        }
      }
    }
  }
  return { sent, failed };
}

/**
 * Use case: one reminder run over every organisation: its licences' occurrences as of today (from
 * the registry, the recorded events and completions) → the reminders due → each of its channels,
 * through its own sent-log. The service calls it on start and then on an interval; because the log
 * remembers what went out, a run after downtime sends exactly what was missed, and a run that finds
 * nothing due sends nothing. One organisation's failure does not stop the others.
 */
import { chinaCalendar } from '../../core/calendar/index.js';
import type { LicenceStatus } from '../../core/lifecycle/lifecycle.js';
import type { Reminder } from '../../ports/notifier.js';
import type { ReminderChannels, ReminderDirectory } from '../../ports/reminder-channels.js';
import type { ReminderLog } from '../../ports/reminder-log.js';
import type { DeadlineDeps } from '../deadlines/deadline-deps.js';
import { listOrganisationDeadlines } from '../deadlines/list-organisation-deadlines.js';
import { DEFAULT_LEAD_WORKDAYS, sendReminders } from './send-reminders.js';

/** Licences that still bind their holder: an expired, cancelled or revoked one has no reminders. */
export const REMINDED_STATUSES: readonly LicenceStatus[] = [
  'valid',
  'renewal-pending',
  'suspended',
];

export interface RunRemindersDeps extends DeadlineDeps {
  readonly directory: Pick<ReminderDirectory, 'listOrganisations'>;
  readonly channels: Pick<ReminderChannels, 'forOrganisation'>;
  /** the organisation's sent-log */
  readonly logFor: (organisation: string) => ReminderLog;
  /** working days before the last day to act (default 10, 5, 1) */
  readonly leads?: readonly number[];
  /** stop between sends (the service is closing) */
  readonly signal?: AbortSignal;
  /** the organisation's notices of what happened (the annual-report cycle's), sent once each */
  readonly notices?: (organisation: string) => Promise<readonly Reminder[]>;
}

export interface RunRemindersResult {
  readonly sent: readonly { organisation: string; key: string; channel: string }[];
  readonly failed: readonly { organisation: string; key: string; channel: string; error: string }[];
  /** organisations whose reminders could not be computed or read, with why */
  readonly errors: readonly { organisation: string; error: string }[];
}

export async function runReminders(deps: RunRemindersDeps): Promise<RunRemindersResult> {
  const calendar = deps.calendar ?? chinaCalendar();
  const sent: { organisation: string; key: string; channel: string }[] = [];
  const failed: { organisation: string; key: string; channel: string; error: string }[] = [];
  const errors: { organisation: string; error: string }[] = [];
  for (const organisation of await deps.directory.listOrganisations()) {
    if (deps.signal?.aborted === true) break;
    try {
      const notifiers = await deps.channels.forOrganisation(organisation);
      if (notifiers.length === 0) continue;
      const reports = await listOrganisationDeadlines(
        organisation,
        { ...deps, calendar },
        { statuses: REMINDED_STATUSES },
      );
      const result = await sendReminders(
        reports.map((r) => ({
          licenceNumber: r.licence.number,
          holder: r.licence.holder,
          occurrences: r.occurrences,
        })),
        {
          clock: deps.clock,
          calendar,
          notifiers,
          log: deps.logFor(organisation),
          ...(deps.signal === undefined ? {} : { signal: deps.signal }),
        },
        deps.leads ?? DEFAULT_LEAD_WORKDAYS,
        (await deps.notices?.(organisation)) ?? [],
      );
      sent.push(...result.sent.map((s) => ({ organisation, ...s })));
      failed.push(...result.failed.map((f) => ({ organisation, ...f })));
    } catch (e) {
      errors.push({ organisation, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { sent, failed, errors };
}

/**
 * Use case: send a sample reminder to one webhook subscription now, signed like every delivery, so
 * the person who set it up sees it arrive (or why not). The receiver's failure is a report, not an
 * error; an unknown subscription is NOT_FOUND, and a URL the address policy refuses TARGET_REFUSED.
 */
import { chinaCalendar } from '../../core/calendar/index.js';
import type { WorkdayCalendar } from '../../core/calendar/workday-calendar.js';
import { DomainError } from '../../core/errors.js';
import type { Clock } from '../../ports/clock.js';
import type { Reminder } from '../../ports/notifier.js';
import type { DeliveryReport, ReminderChannels } from '../../ports/reminder-channels.js';
import type { Principal } from '../access/access-deps.js';

export interface TestWebhookDeps {
  readonly channels: ReminderChannels;
  readonly clock: Clock;
  readonly calendar?: WorkdayCalendar;
}

/**
 * A reminder that says it is a test: no licence, key `test/<subscription id>`, due ten working days
 * from today. It has the shape of every reminder (`xuke.reminder/v1`), so a receiver's parser is
 * exercised too.
 */
export function sampleReminder(
  id: string,
  today: string,
  calendar: WorkdayCalendar = chinaCalendar(),
): Reminder {
  const due = calendar.addWorkdays(today, 10);
  return {
    key: `test/${id}#10`,
    licenceNumber: null,
    holder: null,
    occurrenceId: `renewal@${due.date}`,
    obligation: 'renewal',
    title: '测试提醒：经营许可证续期（延续）申请',
    titleEn: 'Test reminder: apply to renew the licence',
    dueOn: due.date,
    actBy: due.date,
    leadWorkdays: 10,
    scheduledOn: today,
    remainingWorkdays: 10,
    late: false,
    overdue: false,
    provisional: due.provisional,
    explanation: '这是 xuke 发送的测试提醒，签名方式与正式提醒相同；无需处理。',
    explanationEn: 'A test reminder from xuke, signed like every reminder; nothing to do.',
  };
}

export async function testWebhook(
  id: string,
  who: Principal,
  deps: TestWebhookDeps,
): Promise<DeliveryReport> {
  const channel = await deps.channels.webhook(who.organisation, id);
  if (channel === undefined) {
    throw new DomainError(
      'NOT_FOUND',
      `找不到这个 Webhook（${id}），它可能已被删除；请刷新列表`,
      `There is no webhook ${id}; it may have been deleted. Reload the list`,
    );
  }
  return channel.probe(sampleReminder(id, deps.clock.today(), deps.calendar));
}

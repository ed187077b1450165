/** How a reminder reads in chat and e-mail: Chinese first, English on request. */
import type { Reminder } from '../../ports/notifier.js';

export type ReminderLang = 'zh' | 'en';

export function reminderTitle(r: Reminder, lang: ReminderLang): string {
  const who = r.licenceNumber ?? '';
  if (r.notice !== undefined && !r.notice.hasDue) {
    return lang === 'en'
      ? `[xuke] ${who} ${r.titleEn} (${r.notice.on})`
      : `【许可通知】${who} ${r.title}（${r.notice.on}）`;
  }
  if (lang === 'en') {
    const state = r.overdue ? 'OVERDUE' : `${r.remainingWorkdays} working day(s) left`;
    return `[xuke] ${who} ${r.titleEn}: due ${r.dueOn} (${state})`;
  }
  const state = r.overdue ? '已逾期' : `剩余 ${r.remainingWorkdays} 个工作日`;
  return `【许可提醒】${who} ${r.title}：${r.dueOn} 到期（${state}）`;
}

/** Plain-text lines: the facts, then the explanation. */
export function reminderLines(r: Reminder, lang: ReminderLang): string[] {
  if (r.notice !== undefined) return noticeLines(r, r.notice, lang);
  if (lang === 'en') {
    return [
      `Licence: ${r.licenceNumber ?? '(no number)'}${r.holder ? ` — ${r.holder}` : ''}`,
      `Obligation: ${r.titleEn} (${r.obligation})`,
      `Due: ${r.dueOn}; last working day to act: ${r.actBy}`,
      r.overdue
        ? 'Status: overdue'
        : `Working days left: ${r.remainingWorkdays} (reminder ${r.leadWorkdays} working days ahead)`,
      ...(r.late ? [`Sent late: it was due on ${r.scheduledOn}, while the service was down`] : []),
      ...(r.provisional
        ? ['Provisional: the holiday notice for these dates is not published yet']
        : []),
      `Why: ${r.explanationEn}`,
    ];
  }
  return [
    `许可证：${r.licenceNumber ?? '（无编号）'}${r.holder ? ` ${r.holder}` : ''}`,
    `事项：${r.title}（${r.obligation}）`,
    `截止：${r.dueOn}；最后工作日：${r.actBy}`,
    r.overdue
      ? '状态：已逾期'
      : `剩余工作日：${r.remainingWorkdays}（提前 ${r.leadWorkdays} 个工作日提醒）`,
    ...(r.late ? [`补发：原定 ${r.scheduledOn} 发送，服务当时未运行`] : []),
    ...(r.provisional ? ['暂定：相关日期的放假安排通知尚未发布'] : []),
    `依据：${r.explanation}`,
  ];
}

/** A notice's lines: what happened and when, the deadline it brings if any, and what to do. */
function noticeLines(
  r: Reminder,
  notice: NonNullable<Reminder['notice']>,
  lang: ReminderLang,
): string[] {
  const licence = r.licenceNumber ?? (lang === 'en' ? '(no number)' : '（无编号）');
  if (lang === 'en') {
    return [
      `Licence: ${licence}${r.holder ? ` — ${r.holder}` : ''}`,
      `${r.titleEn} on ${notice.on}`,
      ...(notice.hasDue ? [`Due: ${r.dueOn}; last working day to act: ${r.actBy}`] : []),
      r.explanationEn,
    ];
  }
  return [
    `许可证：${licence}${r.holder ? ` ${r.holder}` : ''}`,
    `${r.title}：${notice.on}`,
    ...(notice.hasDue ? [`截止：${r.dueOn}；最后工作日：${r.actBy}`] : []),
    r.explanation,
  ];
}

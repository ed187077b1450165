/**
 * What a holder is told as its annual report moves through the cycle (docs/annual-report.md), as
 * notices through the reminder channels: its report returned (with the reasons and the deadline it
 * still has: the end of the first quarter, or a make-up order's last day), accepted, its listing on
 * the 不良名单 and its removal. Each has a stable key, so the sent-log sends it once; only what
 * happened in the last 30 days is told, so a first run does not replay history.
 */
import type { WorkdayCalendar } from '../../core/calendar/workday-calendar.js';
import { filingWindow } from '../../core/annual-report/cycle.js';
import { addDays, shanghaiDayOf } from '../../core/dates.js';
import type { Reminder } from '../../ports/notifier.js';
import { type AnnualReportDeps } from './annual-report-deps.js';

/** How far back a notice is still worth sending. */
export const NOTICE_WINDOW_DAYS = 30;

export async function cycleNotices(
  organisation: string,
  deps: Pick<AnnualReportDeps, 'reports' | 'store' | 'clock'>,
  calendar: WorkdayCalendar,
): Promise<Reminder[]> {
  const today = deps.clock.today();
  const since = addDays(today, -NOTICE_WINDOW_DAYS);
  const out: Reminder[] = [];
  const notice = (
    number: string,
    holder: string | null,
    key: string,
    on: string,
    words: { title: string; titleEn: string; text: string; textEn: string },
    due: string | null,
  ): Reminder => {
    const dueOn = due ?? on;
    const actBy = calendar.lastWorkdayOnOrBefore(dueOn).date;
    return {
      key: `${number}/${key}`,
      licenceNumber: number,
      holder,
      occurrenceId: key,
      obligation: 'annual-report',
      title: words.title,
      titleEn: words.titleEn,
      dueOn,
      actBy,
      leadWorkdays: 0,
      scheduledOn: on,
      remainingWorkdays: calendar.workdaysBetween(today, actBy),
      late: on < today,
      overdue: due !== null && today > due,
      provisional: false,
      explanation: words.text,
      explanationEn: words.textEn,
      notice: { on, hasDue: due !== null },
    };
  };

  const reports = await deps.reports.listReports({ organisation });
  for (const r of reports) {
    for (const [i, h] of r.history.entries()) {
      const on = shanghaiDayOf(h.at);
      if (on < since) continue;
      if (h.action === 'returned' && r.status === 'returned') {
        // the deadline the return leaves: a make-up order's last day, else the first quarter's
        const [order] = await deps.reports.listOrders({ number: r.number, year: r.year });
        out.push(
          notice(
            r.number,
            r.holderName,
            `annual-report@${r.year}#returned-${i}`,
            on,
            {
              title: `${r.year} 年度年报被发证机关退回，请修改后重新报送`,
              titleEn: `The ${r.year} annual report was returned by the issuer: correct it and submit again`,
              text: `退回理由：${h.reason ?? ''}`,
              textEn: `Reasons given: ${h.reason ?? ''}`,
            },
            order?.dueOn ?? filingWindow(r.year).to,
          ),
        );
      } else if (h.action === 'accepted') {
        out.push(
          notice(
            r.number,
            r.holderName,
            `annual-report@${r.year}#accepted`,
            on,
            {
              title: `${r.year} 年度年报已被发证机关受理`,
              titleEn: `The ${r.year} annual report was accepted by the issuer`,
              text: '年报的公示部分（第一至三项，商业秘密除外；选择公示的第五、六项）已在公开核验页显示。',
              textEn:
                'Its public part (items 1–3 less trade secrets; items 5–6 if chosen) now shows on public verification.',
            },
            null,
          ),
        );
      }
    }
  }

  // the lists' recent entries (few), and of those only the licences this organisation holds
  for (const l of await deps.reports.listListings({})) {
    const recent = l.listedOn >= since || (l.removedOn !== null && l.removedOn >= since);
    if (!recent || (await deps.store.findLicence(organisation, l.number)) === undefined) continue;
    const list = l.list === 'bad' ? '电信业务经营不良名单' : '电信业务经营失信名单';
    const listEn =
      l.list === 'bad' ? 'the 不良名单 (not-compliant list)' : 'the 失信名单 (dishonest list)';
    if (l.listedOn >= since) {
      out.push(
        notice(
          l.number,
          l.holderName,
          `credit-list@${l.id}`,
          l.listedOn,
          {
            title: `已被${l.listedBy}列入${list}`,
            titleEn: `Put on ${listEn} by ${l.listedBy}`,
            text: `列入事由：${l.reason}${l.reasonKind === 'annual-report-missing' ? '。补报年报并经发证机关确认后移出。' : ''}`,
            textEn: `Reason: ${l.reason}${l.reasonKind === 'annual-report-missing' ? '. Removed once the report is filed and the issuer confirms it.' : ''}`,
          },
          null,
        ),
      );
    }
    if (l.removedOn !== null && l.removedOn >= since) {
      out.push(
        notice(
          l.number,
          l.holderName,
          `credit-list@${l.id}#removed`,
          l.removedOn,
          {
            title: `已移出${list}`,
            titleEn: `Removed from ${listEn}`,
            text: `移出理由：${l.removalReason ?? ''}`,
            textEn: `Reason: ${l.removalReason ?? ''}`,
          },
          null,
        ),
      );
    }
  }
  return out;
}

/** The deadlines report as terminal text: zh-CN by default, English with --lang en. */
import type { DeadlinesReport } from '../../app/deadlines/compute-deadlines.js';
import type { OccurrenceStatus } from '../../core/obligations/compute-deadlines.js';
import type { Lang } from './lang.js';

const STATUS: Readonly<Record<OccurrenceStatus, [string, string]>> = {
  upcoming: ['未到期', 'upcoming'],
  'due-soon': ['即将到期', 'due soon'],
  overdue: ['已逾期', 'OVERDUE'],
  done: ['已完成', 'done'],
  'not-applicable': ['不适用', 'not applicable'],
};

function indent(text: string, by: string): string {
  return text
    .split('\n')
    .map((l) => `${by}${l}`)
    .join('\n');
}

export function formatDeadlines(report: DeadlinesReport, lang: Lang): string {
  const en = lang === 'en';
  const out: string[] = [];
  const head = [
    report.licence.number ?? (en ? '(no number)' : '（无编号）'),
    report.licence.holder ?? '',
  ]
    .filter((s) => s !== '')
    .join('  ');
  out.push(en ? `${head}  as of ${report.today}` : `${head}  截至 ${report.today}`);
  if (report.calendarKnownUntil) {
    out.push(
      en
        ? `Holiday notices known until ${report.calendarKnownUntil}; later dates are provisional.`
        : `节假日安排已公布至 ${report.calendarKnownUntil}，其后的日期为暂定。`,
    );
  }
  out.push('', en ? 'Deadlines' : '期限');
  if (report.occurrences.length === 0) out.push(en ? '  none' : '  无');
  for (const o of report.occurrences) {
    const [zh, e] = STATUS[o.status];
    const flag = o.provisional ? (en ? ' (provisional)' : '（暂定）') : '';
    out.push(`  ${o.dueOn}  ${en ? e : zh}${flag}  ${en ? o.titleEn : o.title}  [${o.id}]`);
    if (o.actBy !== o.dueOn) {
      out.push(
        en ? `              last working day: ${o.actBy}` : `              最后工作日：${o.actBy}`,
      );
    }
    out.push(indent(en ? o.explanation.textEn : o.explanation.text, '              '));
    out.push(indent(en ? `Source: ${o.sourceEn}` : `依据：${o.source}`, '              '));
    if (o.reason) out.push(`              ${en ? o.reason.en : o.reason.zh}`);
    if (o.done) {
      const ev = [o.done.evidence.note, o.done.evidence.document].filter((x) => x !== null);
      out.push(
        en
          ? `              done on ${o.done.on}${ev.length ? `: ${ev.join('; ')}` : ''}`
          : `              已于 ${o.done.on} 完成${ev.length ? `：${ev.join('；')}` : ''}`,
      );
    }
  }
  const waiting = report.obligations.filter(
    (ob) =>
      ob.applicable &&
      ob.trigger.kind === 'event' &&
      !report.occurrences.some((o) => o.obligation === ob.id),
  );
  if (waiting.length > 0) {
    out.push(
      '',
      en
        ? 'Triggered by an event (try one with --event KIND=DATE; record it in the service or API)'
        : '由事件触发（可用 --event 类型=日期 试算；在服务或 API 中记录）',
    );
    for (const ob of waiting) {
      const kind = ob.trigger.kind === 'event' ? ob.trigger.event : '';
      out.push(`  ${kind.padEnd(30)}  ${en ? ob.titleEn : ob.title}`);
    }
  }
  const continuous = report.obligations.filter(
    (ob) => ob.applicable && ob.trigger.kind === 'continuous',
  );
  if (continuous.length > 0) {
    out.push('', en ? 'Continuing duties' : '持续义务');
    for (const ob of continuous) {
      out.push(`  ${en ? ob.titleEn : ob.title}  (${en ? ob.sourceEn : ob.source})`);
    }
  }
  const inert = [
    ...report.obligations
      .filter((ob) => !ob.applicable)
      .map((ob) => `  ${ob.id}  ${en ? ob.reasonEn : ob.reason}`),
    ...report.provisions
      .filter((p) => !p.applicable)
      .map((p) => (en ? `  provision ${p.id}  ${p.reasonEn}` : `  第 ${p.id} 项  ${p.reason}`)),
  ];
  if (inert.length > 0) {
    out.push('', en ? 'Not applicable' : '不适用');
    out.push(...inert);
  }
  return out.join('\n');
}

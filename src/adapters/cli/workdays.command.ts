/**
 * `xuke workdays is DATE`: whether a day is a working day, and why (exit 0 yes, 1 no).
 * `xuke workdays add DATE N`: the N-th working day after DATE (before it for negative N).
 * `xuke workdays add -`: `DATE N` lines on stdin → one line each: the date, then a tab and
 * `provisional` where the notice is not yet published.
 */
import { holidayNameEn } from '../../core/calendar/explain.js';
import type { WorkdayCalendar } from '../../core/calendar/workday-calendar.js';
import { DomainError, isDomainError } from '../../core/errors.js';
import type { CliIo } from './cli-io.js';
import { EXIT_CODE, EXIT_INTERNAL } from './exit-codes.js';
import type { Lang } from './lang.js';
import { reportError } from './run-command.js';

/** Exit code of `workdays is` for a day that is not a working day. */
export const EXIT_NOT_WORKDAY = 1;
const MAX_STDIN_BYTES = 16 * 1024 * 1024;

export function runWorkdaysIs(date: string, lang: Lang, io: CliIo, cal: WorkdayCalendar): number {
  try {
    const d = cal.dayInfo(date);
    const en = lang === 'en';
    const what: Record<typeof d.kind, [string, string]> = {
      workday: ['工作日', 'a working day'],
      weekend: ['休息日（周末）', 'a rest day (weekend)'],
      holiday: [
        `休息日（${d.name ?? ''}放假）`,
        `a rest day (${holidayNameEn(d.name ?? '')} holiday)`,
      ],
      'adjusted-workday': [
        `工作日（${d.name ?? ''}调休上班）`,
        `a working day (${holidayNameEn(d.name ?? '')} adjusted working day)`,
      ],
    };
    const [zh, e] = what[d.kind];
    let line = en ? `${date} is ${e}` : `${date} ${zh}`;
    if (d.notices.length > 0)
      line += en ? `; notice: ${d.notices.join(', ')}` : `；依据：${d.notices.join('、')}`;
    if (d.provisional) {
      line += en
        ? '\tprovisional: no State Council notice covers this day yet'
        : '\t暂定：国务院办公厅尚未公布该日的放假安排';
    }
    io.stdout(`${line}\n`);
    return d.workday ? 0 : EXIT_NOT_WORKDAY;
  } catch (e) {
    return reportError(io, 'workdays', lang, e);
  }
}

function parseCount(text: string): number {
  if (!/^[+-]?\d{1,6}$/u.test(text)) {
    throw new DomainError(
      'INVALID_INPUT',
      `工作日数"${text}"不是整数`,
      `The working-day count "${text}" is not an integer`,
    );
  }
  return Number(text);
}

function addLine(cal: WorkdayCalendar, date: string, n: string): string {
  const r = cal.addWorkdays(date, parseCount(n));
  return r.provisional ? `${r.date}\tprovisional` : r.date;
}

export async function runWorkdaysAdd(
  date: string,
  n: string | undefined,
  lang: Lang,
  io: CliIo,
  cal: WorkdayCalendar,
): Promise<number> {
  if (date !== '-') {
    try {
      if (n === undefined) {
        throw new DomainError(
          'INVALID_INPUT',
          '缺少工作日数 N',
          'The working-day count N is missing',
        );
      }
      io.stdout(`${addLine(cal, date, n)}\n`);
      return 0;
    } catch (e) {
      return reportError(io, 'workdays', lang, e);
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await io.readStdin(MAX_STDIN_BYTES));
  } catch (e) {
    return reportError(io, 'workdays', lang, e);
  }
  let exit = 0;
  const out: string[] = [];
  const lines = text.split(/\r?\n/u);
  if (lines.at(-1) === '') lines.pop();
  lines.forEach((line, i) => {
    const parts = line.trim().split(/\s+/u);
    try {
      if (parts.length !== 2 || parts[0] === undefined || parts[1] === undefined) {
        throw new DomainError(
          'INVALID_INPUT',
          `第 ${i + 1} 行应为“日期 工作日数”："${line}"`,
          `line ${i + 1}: expected "DATE N", got "${line}"`,
        );
      }
      out.push(addLine(cal, parts[0], parts[1]));
    } catch (e) {
      // Keep the output aligned with the input: an empty line where a line failed.
      out.push('');
      const code = isDomainError(e) ? EXIT_CODE[e.code] : EXIT_INTERNAL;
      exit = Math.max(exit, code);
      const msg = isDomainError(e) ? (lang === 'en' ? e.messageEn : e.message) : String(e);
      io.stderr(
        `xuke workdays add: ${lang === 'en' ? `line ${i + 1}` : `第 ${i + 1} 行`}: ${msg}\n`,
      );
    }
  });
  if (out.length > 0) io.stdout(`${out.join('\n')}\n`);
  return exit;
}

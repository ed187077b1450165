/**
 * Dates computed with their reasons. Each function applies one counting rule and returns the date,
 * whether it is provisional, and an explanation naming the rule, its legal basis, the holidays and
 * adjusted working days the count crossed, and the notices they come from (deadlines.md, "How periods
 * are counted").
 */
import { addDays } from '../dates.js';
import { dayNumberOf, weekdayOf } from './day-number.js';
import type { SpecialDay, WorkdayCalendar } from './workday-calendar.js';

export const CountRule = {
  /** "N 个工作日内": the N-th working day after the event day */
  workingDays: 'working-days',
  /** "N 日内": 《民法典》 arts. 201 and 203 */
  calendarDays: 'calendar-days',
  /** "N 个月内": 《民法典》 arts. 201–203 */
  calendarMonths: 'calendar-months',
  /** "提前 N 日": counted back from a date, not rolled forward */
  backCount: 'back-count',
  /** a date set by the rule itself (31 March) */
  fixedDate: 'fixed-date',
  /** "立即", "第一时间": the same day */
  sameDay: 'same-day',
} as const;
export type CountRule = (typeof CountRule)[keyof typeof CountRule];

export interface Explanation {
  readonly rule: CountRule;
  /** the legal basis of the counting rule */
  readonly basis: string;
  readonly basisEn: string;
  /** the day counted from (the event, or the expiry for back-counting) */
  readonly from: string;
  /** the number of days or working days counted; null for fixed dates and the same day */
  readonly count: number | null;
  /** holidays and adjusted working days that moved or bounded the result */
  readonly crossed: readonly SpecialDay[];
  /** the gov.cn notice URLs of the crossed days */
  readonly notices: readonly string[];
  readonly provisional: boolean;
  /** the unknown days the count touched (no notice published yet) */
  readonly unknown: { readonly from: string; readonly to: string } | null;
  /** the whole reasoning in a sentence or three */
  readonly text: string;
  readonly textEn: string;
}

export interface ComputedDate {
  /** the legal due date */
  readonly date: string;
  /**
   * The last working day on or before `date`: the last day an office can receive a filing. Equal
   * to `date` except when a back-counted or fixed date is not a working day.
   */
  readonly lastWorkday: string;
  readonly provisional: boolean;
  readonly explanation: Explanation;
}

const WEEKDAY_ZH = ['', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];
const WEEKDAY_EN = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function weekday(date: string): number {
  return weekdayOf(dayNumberOf(date));
}

function dayZh(date: string): string {
  return `${date}（${WEEKDAY_ZH[weekday(date)] ?? ''}）`;
}

function dayEn(date: string): string {
  return `${date} (${WEEKDAY_EN[weekday(date)] ?? ''})`;
}

/** Runs of consecutive special days of the same kind and holiday. */
function runsOf(days: readonly SpecialDay[]): SpecialDay[][] {
  const runs: SpecialDay[][] = [];
  for (const d of days) {
    const run = runs.at(-1);
    const last = run?.at(-1);
    if (
      run &&
      last &&
      last.kind === d.kind &&
      last.name === d.name &&
      dayNumberOf(d.date) - dayNumberOf(last.date) === 1
    ) {
      run.push(d);
    } else {
      runs.push([d]);
    }
  }
  return runs;
}

const HOLIDAY_EN: readonly (readonly [string, string])[] = [
  ['元旦', "New Year's Day"],
  ['春节', 'Spring Festival'],
  ['清明', 'Qingming'],
  ['五一', 'Labour Day'],
  ['劳动节', 'Labour Day'],
  ['端午', 'Dragon Boat Festival'],
  ['中秋', 'Mid-Autumn Festival'],
  ['国庆', 'National Day'],
  ['抗战胜利', 'Victory Day'],
];

/** English name of a holiday as the notices write it ('国庆节、中秋节' → 'National Day, Mid-Autumn Festival'). */
export function holidayNameEn(name: string): string {
  const found = HOLIDAY_EN.filter(([zh]) => name.includes(zh)).map(([, en]) => en);
  return found.length > 0 ? [...new Set(found)].join(', ') : name;
}

function describeCrossed(days: readonly SpecialDay[]): { zh: string; en: string } {
  if (days.length === 0) return { zh: '', en: '' };
  const zh: string[] = [];
  const en: string[] = [];
  for (const run of runsOf(days)) {
    const first = run[0] as SpecialDay;
    const last = run.at(-1) as SpecialDay;
    const est = first.estimated ? '（估计：法定固定节日，通知未发布）' : '';
    const estEn = first.estimated
      ? ' (estimated: statutory fixed-date holiday, no notice yet)'
      : '';
    if (first.kind === 'holiday') {
      zh.push(
        run.length === 1
          ? `${first.name}放假 ${dayZh(first.date)}${est}`
          : `${first.name}放假 ${first.date} 至 ${last.date}${est}`,
      );
      en.push(
        run.length === 1
          ? `${holidayNameEn(first.name)} holiday ${dayEn(first.date)}${estEn}`
          : `${holidayNameEn(first.name)} holiday ${first.date} to ${last.date}${estEn}`,
      );
    } else {
      zh.push(`${first.name}调休上班 ${run.map((d) => dayZh(d.date)).join('、')}`);
      en.push(
        `${holidayNameEn(first.name)} adjusted working day ${run.map((d) => dayEn(d.date)).join(', ')}`,
      );
    }
  }
  return { zh: zh.join('；'), en: en.join('; ') };
}

function noticesOf(days: readonly SpecialDay[]): string[] {
  return [...new Set(days.flatMap((d) => d.notices))];
}

function provisionalText(unknown: { from: string; to: string } | null): { zh: string; en: string } {
  if (!unknown) return { zh: '', en: '' };
  return {
    zh: `【暂定】${unknown.from} 至 ${unknown.to} 的放假安排尚未由国务院办公厅通知公布，暂按星期一至星期五（扣除法定固定节日）估算；通知发布后须重新计算。`,
    en: `[Provisional] No State Council notice covers ${unknown.from} to ${unknown.to} yet; estimated as Monday–Friday less the fixed-date statutory holidays. Recompute when the notice is published.`,
  };
}

function sources(notices: readonly string[]): { zh: string; en: string } {
  if (notices.length === 0) return { zh: '', en: '' };
  return {
    zh: `放假安排依据国务院办公厅通知：${notices.join('、')}。`,
    en: `Holiday arrangements per the State Council General Office notice(s): ${notices.join(', ')}.`,
  };
}

function join(...parts: string[]): string {
  return parts.filter((p) => p !== '').join('');
}

function joinEn(...parts: string[]): string {
  return parts.filter((p) => p !== '').join(' ');
}

/** "N 个工作日内": the N-th working day after `event` (deadlines.md; the provision's own words). */
export function countWorkdays(cal: WorkdayCalendar, event: string, n: number): ComputedDate {
  const r = cal.addWorkdays(event, n);
  const crossed = n > 0 ? cal.specialDaysBetween(addDays(event, 1), r.date) : [];
  const unknown = r.provisional ? cal.unknownSpan(addDays(event, 1), r.date) : null;
  const c = describeCrossed(crossed);
  const p = provisionalText(unknown);
  const s = sources(noticesOf(crossed));
  return {
    date: r.date,
    lastWorkday: r.date,
    provisional: r.provisional,
    explanation: {
      rule: CountRule.workingDays,
      basis: '工作日：星期一至星期五，扣除法定节假日，计入国务院办公厅通知调休上班的周末',
      basisEn:
        'Working days: Monday–Friday, less public holidays, plus the weekend days a State Council notice makes working days',
      from: event,
      count: n,
      crossed,
      notices: noticesOf(crossed),
      provisional: r.provisional,
      unknown,
      text: join(
        `${event} 后第 ${n} 个工作日为 ${dayZh(r.date)}。`,
        c.zh ? `期间经过：${c.zh}。` : '期间无节假日或调休。',
        s.zh,
        p.zh,
      ),
      textEn: joinEn(
        `The ${ordinal(n)} working day after ${event} is ${dayEn(r.date)}.`,
        c.en ? `Crossed: ${c.en}.` : 'No holidays or adjusted working days in between.',
        s.en,
        p.en,
      ),
    },
  };
}

/**
 * "N 日内" by 《中华人民共和国民法典》: art. 201, the day of the event is not counted; art. 203, when
 * the last day is a 法定休假日 (a public holiday, or a weekend day that is not an adjusted working
 * day), the period ends on the day after the holiday ends.
 */
export function countPeriodEnd(cal: WorkdayCalendar, event: string, days: number): ComputedDate {
  return periodEndingOn(cal, event, addDays(event, days), days, CountRule.calendarDays, {
    basis:
      '《中华人民共和国民法典》第二百零一条（开始的当日不计入，自下一日开始计算）、第二百零三条（期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日）',
    basisEn:
      'Civil Code of the PRC art. 201 (the first day is not counted) and art. 203 (a period whose last day is a statutory rest day ends on the day after the rest ends)',
    zh: `自 ${event} 次日起算 ${days} 日，第 ${days} 日`,
    en: `${days} days counted from the day after ${event}: day ${days}`,
  });
}

/** The last day of month `m` of `year`, 1-based month. */
function daysInMonth(year: number, m: number): number {
  return new Date(Date.UTC(year, m, 0)).getUTCDate();
}

/** `iso` plus `months` calendar months, on the corresponding day or the month's last day. */
export function addMonths(iso: string, months: number): string {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  const index = y * 12 + (m - 1) + months;
  const ny = Math.floor(index / 12);
  const nm = (index % 12) + 1;
  const nd = Math.min(d, daysInMonth(ny, nm));
  return `${String(ny).padStart(4, '0')}-${String(nm).padStart(2, '0')}-${String(nd).padStart(2, '0')}`;
}

/**
 * "N 个月内" by 《中华人民共和国民法典》: art. 201, the day of the event is not counted; art. 202, a
 * period in months ends on the corresponding day of the last month, or on its last day when it has
 * no corresponding day; art. 203, a last day that is a statutory rest day moves to the day after.
 */
export function countMonths(cal: WorkdayCalendar, event: string, months: number): ComputedDate {
  return periodEndingOn(cal, event, addMonths(event, months), months, CountRule.calendarMonths, {
    basis:
      '《中华人民共和国民法典》第二百零一条（开始的当日不计入）、第二百零二条（按照月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，为到期月的最后一日）、第二百零三条（最后一日是法定休假日的，以法定休假日结束的次日为最后一日）',
    basisEn:
      'Civil Code of the PRC arts. 201 (the first day is not counted), 202 (a period in months ends on the corresponding day of the last month, or its last day) and 203 (a last day that is a statutory rest day moves to the day after the rest ends)',
    zh: `自 ${event} 起算 ${months} 个月，到期月的对应日`,
    en: `${months} month${months === 1 ? '' : 's'} from ${event}: the corresponding day of the last month`,
  });
}

/** A period whose nominal last day is `last`, moved past statutory rest days (民法典 art. 203). */
function periodEndingOn(
  cal: WorkdayCalendar,
  event: string,
  last: string,
  count: number,
  rule: CountRule,
  words: { basis: string; basisEn: string; zh: string; en: string },
): ComputedDate {
  const days = count;
  const r = cal.addWorkdays(last, 0);
  const moved = r.date !== last;
  const crossed = cal.specialDaysBetween(last, r.date);
  const unknown = r.provisional ? cal.unknownSpan(last, r.date) : null;
  const c = describeCrossed(crossed);
  const p = provisionalText(unknown);
  const s = sources(noticesOf(crossed));
  const lastInfo = cal.dayInfo(last);
  const lastWhatZh =
    lastInfo.kind === 'holiday' ? `法定节假日（${lastInfo.name ?? ''}）` : '周末休息日';
  const lastWhatEn =
    lastInfo.kind === 'holiday'
      ? `a public holiday (${holidayNameEn(lastInfo.name ?? '')})`
      : 'a weekend rest day';
  const endInfo = cal.dayInfo(r.date);
  const endZh = endInfo.kind === 'adjusted-workday' ? '，调休上班日' : '';
  const endEn = endInfo.kind === 'adjusted-workday' ? ', an adjusted working day' : '';
  return {
    date: r.date,
    lastWorkday: r.date,
    provisional: r.provisional,
    explanation: {
      rule,
      basis: words.basis,
      basisEn: words.basisEn,
      from: event,
      count: days,
      crossed,
      notices: noticesOf(crossed),
      provisional: r.provisional,
      unknown,
      text: join(
        `${words.zh}为 ${dayZh(last)}`,
        moved
          ? `，是${lastWhatZh}，顺延至休假结束的次日 ${dayZh(r.date)}${endZh}（民法典第二百零三条）。`
          : '，为工作日。',
        c.zh && moved ? `经过：${c.zh}。` : '',
        s.zh,
        p.zh,
      ),
      textEn: joinEn(
        `${words.en} is ${dayEn(last)}`,
        moved
          ? `— ${lastWhatEn}, so the period ends on the day after the rest ends, ${dayEn(r.date)}${endEn} (Civil Code art. 203).`
          : '— a working day.',
        c.en && moved ? `Crossed: ${c.en}.` : '',
        s.en,
        p.en,
      ),
    },
  };
}

/**
 * "提前 N 日": the latest day is `date − N days` (deadlines.md). Counting back does not roll forward;
 * when that day is not a working day, `lastWorkday` is the last day an office can receive the filing.
 */
export function countBack(cal: WorkdayCalendar, date: string, days: number): ComputedDate {
  const due = addDays(date, -days);
  const lw = cal.lastWorkdayOnOrBefore(due);
  const crossed = cal.specialDaysBetween(lw.date, due);
  const unknown = lw.provisional ? cal.unknownSpan(lw.date, due) : null;
  const c = describeCrossed(crossed);
  const p = provisionalText(unknown);
  const s = sources(noticesOf(crossed));
  const moved = lw.date !== due;
  return {
    date: due,
    lastWorkday: lw.date,
    provisional: lw.provisional,
    explanation: {
      rule: CountRule.backCount,
      basis: '提前 N 日：自届满日倒数 N 日，为最迟日期；倒数不适用顺延',
      basisEn: 'N days ahead: counted back from the end date; counting back is not rolled forward',
      from: date,
      count: days,
      crossed,
      notices: noticesOf(crossed),
      provisional: lw.provisional,
      unknown,
      text: join(
        `${date} 前 ${days} 日为 ${dayZh(due)}`,
        moved
          ? `，非工作日${c.zh ? `（${c.zh}）` : ''}；倒数不顺延，发证机关最后可受理的工作日为 ${dayZh(lw.date)}。`
          : '，为工作日。',
        s.zh,
        p.zh,
      ),
      textEn: joinEn(
        `${days} days before ${date} is ${dayEn(due)}`,
        moved
          ? `— not a working day${c.en ? ` (${c.en})` : ''}; counting back does not roll forward, so the last working day an office can receive it is ${dayEn(lw.date)}.`
          : '— a working day.',
        s.en,
        p.en,
      ),
    },
  };
}

/** A date fixed by the rule (31 March); says when it is not a working day, without moving it. */
export function fixedDate(
  cal: WorkdayCalendar,
  date: string,
  basis: { zh: string; en: string },
): ComputedDate {
  const lw = cal.lastWorkdayOnOrBefore(date);
  const crossed = cal.specialDaysBetween(lw.date, date);
  const unknown = lw.provisional ? cal.unknownSpan(lw.date, date) : null;
  const p = provisionalText(unknown);
  const moved = lw.date !== date;
  return {
    date,
    lastWorkday: lw.date,
    provisional: lw.provisional,
    explanation: {
      rule: CountRule.fixedDate,
      basis: basis.zh,
      basisEn: basis.en,
      from: date,
      count: null,
      crossed,
      notices: noticesOf(crossed),
      provisional: lw.provisional,
      unknown,
      text: join(
        `截止日为 ${dayZh(date)}（${basis.zh}）`,
        moved ? `；该日非工作日，是否顺延未经确认，最后一个工作日为 ${dayZh(lw.date)}。` : '。',
        p.zh,
      ),
      textEn: joinEn(
        `Due ${dayEn(date)} (${basis.en})`,
        moved
          ? `; not a working day, and whether it moves is unconfirmed: the last working day before it is ${dayEn(lw.date)}.`
          : '.',
        p.en,
      ),
    },
  };
}

/** "立即", "第一时间": due the same day as the event. */
export function sameDay(event: string): ComputedDate {
  return {
    date: event,
    lastWorkday: event,
    provisional: false,
    explanation: {
      rule: CountRule.sameDay,
      basis: '立即、第一时间报告：当日',
      basisEn: 'Immediately: the same day',
      from: event,
      count: null,
      crossed: [],
      notices: [],
      provisional: false,
      unknown: null,
      text: `须立即报告，不因节假日顺延：当日 ${dayZh(event)}。`,
      textEn: `Report immediately, holidays or not: the same day, ${dayEn(event)}.`,
    },
  };
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

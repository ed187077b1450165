/**
 * The lifecycle of a licence as a state machine: which events may happen in which state, what each
 * event requires, and the state it leaves the licence in. Pure: "today" and every date are passed in.
 *
 * States (licensing.md §0, §1.5): a licence is valid from issue; an application for renewal (延续,
 * at least 90 days before expiry, Order 42 art.27) makes it renewal-pending until renewed; past its
 * expiry date without renewal it is expired; the authority may suspend it; the holder may cancel it
 * (注销, Order 42 arts.30–31); the authority may revoke it (吊销). Cancelled and revoked are final.
 */
import { addDays, isIsoDate } from '../dates.js';
import type { IsoDate, Licence } from '../licence.js';

export const LicenceStatus = {
  valid: 'valid',
  renewalPending: 'renewal-pending',
  expired: 'expired',
  suspended: 'suspended',
  /** 注销: given up by the holder */
  cancelled: 'cancelled',
  /** 吊销: withdrawn by the authority as a penalty */
  revoked: 'revoked',
} as const;
export type LicenceStatus = (typeof LicenceStatus)[keyof typeof LicenceStatus];
export const LICENCE_STATUSES: readonly LicenceStatus[] = Object.values(LicenceStatus);

export const LicenceEventKind = {
  /** 发证: the licence comes into the registry */
  issued: 'issued',
  /** 申请延续: the holder applied for renewal */
  renewalApplied: 'renewal-applied',
  /** 延续: the authority renewed it; requires the new expiry date */
  renewed: 'renewed',
  /** 变更: a new version of the record (name, legal representative, services, websites …) */
  changed: 'changed',
  /** 年报: the annual report for a year was filed (Order 42, since 2018) */
  annualReportFiled: 'annual-report-filed',
  /** 年检: a stamped annual inspection (Order 19 / Order 5 regime) */
  inspectionRecorded: 'inspection-recorded',
  /** 暂停: the authority suspended it; requires a reason */
  suspended: 'suspended',
  /** 恢复: the suspension was lifted */
  reinstated: 'reinstated',
  /** 到期: the expiry date passed without renewal */
  expired: 'expired',
  /** 注销: cancelled; requires a reason */
  cancelled: 'cancelled',
  /** 吊销: revoked; requires a reason */
  revoked: 'revoked',
} as const;
export type LicenceEventKind = (typeof LicenceEventKind)[keyof typeof LicenceEventKind];
export const LICENCE_EVENT_KINDS: readonly LicenceEventKind[] = Object.values(LicenceEventKind);

export function isLicenceEventKind(s: string): s is LicenceEventKind {
  return (LICENCE_EVENT_KINDS as readonly string[]).includes(s);
}
export function isLicenceStatus(s: string): s is LicenceStatus {
  return (LICENCE_STATUSES as readonly string[]).includes(s);
}

/** What happened, as the caller states it. */
export interface LicenceEventInput {
  readonly kind: LicenceEventKind;
  /** the day it happened */
  readonly on: IsoDate;
  /** why, in the caller's words */
  readonly note: string | null;
  /** renewed: the new expiry date */
  readonly expiresOn?: IsoDate;
  /** annual-report-filed: the year reported on; inspection-recorded: the year inspected */
  readonly year?: number;
  /** issued, changed: the record */
  readonly licence?: Licence;
}

/** The licence before the event; `undefined` status means "not in the registry yet". */
export interface LifecycleState {
  readonly status: LicenceStatus | undefined;
  readonly licence: Licence | undefined;
}

export type Transition =
  | { readonly ok: true; readonly status: LicenceStatus; readonly licence: Licence }
  | { readonly ok: false; readonly message: string; readonly messageEn: string };

const LIVE: readonly LicenceStatus[] = ['valid', 'renewal-pending', 'suspended'];

/** From which states each event may happen, and the state it leads to (`same` keeps the state). */
export const TRANSITIONS: Readonly<
  Record<
    LicenceEventKind,
    { from: readonly (LicenceStatus | 'none')[]; to: LicenceStatus | 'same' }
  >
> = {
  issued: { from: ['none'], to: 'valid' },
  'renewal-applied': { from: ['valid'], to: 'renewal-pending' },
  renewed: { from: ['valid', 'renewal-pending'], to: 'valid' },
  changed: { from: [...LIVE, 'expired'], to: 'same' },
  'annual-report-filed': { from: [...LIVE, 'expired'], to: 'same' },
  'inspection-recorded': { from: [...LIVE, 'expired'], to: 'same' },
  suspended: { from: ['valid', 'renewal-pending'], to: 'suspended' },
  reinstated: { from: ['suspended'], to: 'valid' },
  expired: { from: ['valid', 'renewal-pending'], to: 'expired' },
  cancelled: { from: [...LIVE, 'expired'], to: 'cancelled' },
  revoked: { from: LIVE, to: 'revoked' },
};

export const STATUS_NAMES: Readonly<Record<LicenceStatus, string>> = {
  valid: '有效',
  'renewal-pending': '延续申请中',
  expired: '已过期',
  suspended: '暂停',
  cancelled: '已注销',
  revoked: '已吊销',
};

export const EVENT_NAMES: Readonly<Record<LicenceEventKind, string>> = {
  issued: '发证',
  'renewal-applied': '申请延续',
  renewed: '延续',
  changed: '变更',
  'annual-report-filed': '年报',
  'inspection-recorded': '年检',
  suspended: '暂停',
  reinstated: '恢复',
  expired: '到期',
  cancelled: '注销',
  revoked: '吊销',
};

function refuse(message: string, messageEn: string): Transition {
  return { ok: false, message, messageEn };
}

/**
 * Apply one event. Never throws: an illegal transition or a missing requirement is a refusal that
 * says what is wrong, in Chinese and English.
 */
export function applyLicenceEvent(state: LifecycleState, event: LicenceEventInput): Transition {
  const rule = TRANSITIONS[event.kind];
  const from = stateOn(state, event);
  const ev = `${EVENT_NAMES[event.kind]}（${event.kind}）`;
  if (!isIsoDate(event.on)) {
    return refuse(
      `事件日期"${event.on}"不是有效的 YYYY-MM-DD 日期`,
      `The event date "${event.on}" is not a valid YYYY-MM-DD date`,
    );
  }
  if (!rule.from.includes(from)) {
    const now = from === 'none' ? '尚未登记' : `${STATUS_NAMES[from]}（${from}）`;
    const nowEn = from === 'none' ? 'not registered' : from;
    const allowed = rule.from.join(', ');
    return refuse(
      `许可证当前状态为${now}，不能记录${ev}事件（允许的状态：${allowed}）`,
      `A licence that is ${nowEn} cannot have a ${event.kind} event (allowed from: ${allowed})`,
    );
  }
  // Events that keep the state keep the recorded one: "expired by date" is derived when read.
  const status = rule.to === 'same' ? (state.status ?? 'valid') : rule.to;
  const current = state.licence;

  switch (event.kind) {
    case 'issued':
    case 'changed': {
      const next = event.licence;
      if (!next) {
        return refuse(
          `${ev}事件需要许可证记录（请导入许可证文件）`,
          `A ${event.kind} event needs the licence record (import the document)`,
        );
      }
      if (next.number === null) {
        return refuse(
          `${ev}事件的许可证记录没有经营许可证编号`,
          `The record of a ${event.kind} event has no licence number`,
        );
      }
      if (current && current.number !== next.number) {
        return refuse(
          `变更不能改变经营许可证编号（${current.number ?? '无'} → ${next.number}）`,
          `A change cannot alter the licence number (${current.number ?? 'none'} → ${next.number})`,
        );
      }
      return { ok: true, status, licence: next };
    }
    case 'renewed': {
      if (!current) return refuse('许可证尚未登记', 'The licence is not registered');
      const expiresOn = event.expiresOn;
      if (expiresOn === undefined || !isIsoDate(expiresOn)) {
        return refuse(
          '延续事件需要新的有效期至日期（--expires-on）',
          'A renewed event needs the new expiry date (--expires-on)',
        );
      }
      if (current.expiresOn !== null && expiresOn <= current.expiresOn) {
        return refuse(
          `延续后的有效期至 ${expiresOn} 不晚于原有效期至 ${current.expiresOn}`,
          `The renewed expiry ${expiresOn} is not after the current expiry ${current.expiresOn}`,
        );
      }
      return { ok: true, status, licence: { ...current, expiresOn } };
    }
    case 'annual-report-filed':
    case 'inspection-recorded': {
      if (!current) return refuse('许可证尚未登记', 'The licence is not registered');
      const year = event.year;
      if (year === undefined || !Number.isInteger(year) || year < 1990 || year > 2100) {
        return refuse(
          `${ev}事件需要年份（--year）`,
          `A ${event.kind} event needs the year (--year)`,
        );
      }
      if (event.kind === 'inspection-recorded') {
        if (current.inspections.some((i) => i.year === year)) {
          return refuse(`${year} 年的年检已记录`, `The ${year} inspection is already recorded`);
        }
        const inspections = [
          ...current.inspections,
          { year, result: 'passed' as const, stampedOn: event.on },
        ].sort((a, b) => a.year - b.year);
        return { ok: true, status, licence: { ...current, inspections } };
      }
      return { ok: true, status, licence: current };
    }
    case 'expired': {
      if (!current) return refuse('许可证尚未登记', 'The licence is not registered');
      if (current.expiresOn !== null && event.on <= current.expiresOn) {
        return refuse(
          `许可证有效期至 ${current.expiresOn}，${event.on} 尚未到期`,
          `The licence runs until ${current.expiresOn}; on ${event.on} it has not expired`,
        );
      }
      return { ok: true, status, licence: current };
    }
    case 'suspended':
    case 'cancelled':
    case 'revoked': {
      if (!current) return refuse('许可证尚未登记', 'The licence is not registered');
      if (event.note === null || event.note.trim() === '') {
        return refuse(
          `${ev}事件需要说明原因（--note）`,
          `A ${event.kind} event needs a reason (--note)`,
        );
      }
      return { ok: true, status, licence: current };
    }
    case 'renewal-applied':
    case 'reinstated': {
      if (!current) return refuse('许可证尚未登记', 'The licence is not registered');
      return { ok: true, status, licence: current };
    }
  }
}

/**
 * The state an event meets: past the expiry date a licence recorded valid is expired, so it can no
 * longer apply for renewal or be suspended. Two exceptions: the `expired` event itself records that
 * fact, and a renewal applied for in time may be granted after the expiry date.
 */
function stateOn(state: LifecycleState, event: LicenceEventInput): LicenceStatus | 'none' {
  if (state.status === undefined) return 'none';
  if (event.kind === 'expired') return state.status;
  if (event.kind === 'renewed' && state.status === 'renewal-pending') return state.status;
  return effectiveStatus(state.status, state.licence?.expiresOn ?? null, event.on);
}

/** Days before expiry from which a renewal application is due (Order 42 art.27: 提前90日). */
export const RENEWAL_LEAD_DAYS = 90;

/**
 * The status as of `today`: a licence recorded valid or renewal-pending whose expiry date has passed
 * is expired even before anyone records the `expired` event. Other states are as recorded.
 */
export function effectiveStatus(
  status: LicenceStatus,
  expiresOn: IsoDate | null,
  today: IsoDate,
): LicenceStatus {
  if (
    (status === 'valid' || status === 'renewal-pending') &&
    expiresOn !== null &&
    expiresOn < today
  ) {
    return 'expired';
  }
  return status;
}

/** The last day a renewal application is on time: 90 calendar days before expiry. */
export function renewalDeadline(expiresOn: IsoDate): IsoDate {
  return addDays(expiresOn, -RENEWAL_LEAD_DAYS);
}

/**
 * Official confirmations age. What a person saw in the official query (电信业务市场综合管理信息系统) is
 * the issuer's word on that day only: a licence can be changed, suspended or cancelled afterwards, so
 * a confirmation falls due after a period, and sooner when the licence nears its expiry, when the
 * renewal decides whether it goes on (Order 42 art. 27: renewal is applied for 90 days before expiry).
 */
import { addDays, isIsoDate } from '../dates.js';
import { DomainError } from '../errors.js';
import type { IsoDate } from '../licence.js';

/** How long a confirmation stands by default. */
export const DEFAULT_CONFIRMATION_DAYS = 90;
/** The longest period an organisation may choose: ten years, the longest licence term. */
export const MAX_CONFIRMATION_DAYS = 3650;
/** Order 42 art. 27: renewal is applied for at least 90 days before expiry. */
const NEARING_EXPIRY_DAYS = 90;

function requireIsoDate(value: string, what: string, whatEn: string): void {
  if (!isIsoDate(value)) {
    throw new DomainError(
      'INVALID_INPUT',
      `${what}“${value}”不是有效的 YYYY-MM-DD 日期`,
      `The ${whatEn} "${value}" is not a valid YYYY-MM-DD date`,
    );
  }
}

/**
 * The day a confirmation made on `checkedOn` falls due: the earlier of `checkedOn + periodDays` and
 * the day the licence nears expiry. That day is `expiresOn − 90` when it is still ahead; when the
 * check was already within 90 days of expiry, the renewal has been decided or not by expiry, so the
 * day after `expiresOn`. Never earlier than the day after the check: a confirmation stands at least
 * the day it is made.
 *
 * @throws DomainError `INVALID_INPUT` for a date that is not `YYYY-MM-DD`, or a period that is not a
 *   whole number of days from 1 to 3650.
 */
export function confirmationDueOn(
  checkedOn: IsoDate,
  expiresOn: IsoDate | null,
  periodDays: number,
): IsoDate {
  requireIsoDate(checkedOn, '核实日期', 'confirmation date');
  if (expiresOn !== null) requireIsoDate(expiresOn, '有效期至', 'expiry date');
  if (!Number.isInteger(periodDays) || periodDays < 1 || periodDays > MAX_CONFIRMATION_DAYS) {
    throw new DomainError(
      'INVALID_INPUT',
      `核实有效天数“${periodDays}”应为 1 至 ${MAX_CONFIRMATION_DAYS} 之间的整数`,
      `The confirmation period "${periodDays}" must be a whole number of days from 1 to ${MAX_CONFIRMATION_DAYS}`,
    );
  }
  const byPeriod = addDays(checkedOn, periodDays);
  if (expiresOn === null) return byPeriod;
  const nearing = addDays(expiresOn, -NEARING_EXPIRY_DAYS);
  const byExpiry = nearing > checkedOn ? nearing : addDays(expiresOn, 1);
  const earliest = addDays(checkedOn, 1);
  const due = byExpiry < byPeriod ? byExpiry : byPeriod;
  return due < earliest ? earliest : due;
}

/**
 * Whether a confirmation still stands on `today`: until the day before it falls due.
 * @throws DomainError `INVALID_INPUT` for a date that is not `YYYY-MM-DD`.
 */
export function isConfirmationCurrent(
  confirmation: { readonly dueOn: IsoDate },
  today: IsoDate,
): boolean {
  requireIsoDate(today, '日期', 'date');
  requireIsoDate(confirmation.dueOn, '复核日期', 'due date');
  return today < confirmation.dueOn;
}

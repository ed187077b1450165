/**
 * The dates of the annual-report cycle (licensing.md §1.8–1.9): the report on year R is filed in
 * R+1's first quarter by every licence obtained on or before R-12-31 and valid in the filing
 * window; a holder that did not file is ordered in April to make up within one month (art. 38);
 * one that still has not filed by then is put on the 电信业务经营不良名单 within 30 days of the
 * decision, and removed once it files and the authority confirms.
 */
import { addDays } from '../dates.js';
import type { IsoDate } from '../licence.js';

/** The first year reported under the annual-report system (filed Jan–Mar 2018). */
export const FIRST_REPORT_YEAR = 2017;

/** The days a decision to list may precede the listing (MIIT's 2018 list-management notice). */
export const LISTING_WITHIN_DAYS = 30;

export function filingWindow(year: number): { from: IsoDate; to: IsoDate } {
  return { from: `${year + 1}-01-01`, to: `${year + 1}-03-31` };
}

export function isReportYear(year: unknown): year is number {
  return (
    typeof year === 'number' && Number.isInteger(year) && year >= FIRST_REPORT_YEAR && year < 10000
  );
}

export interface LicenceTerm {
  readonly issuedOn: IsoDate | null;
  readonly validFrom: IsoDate | null;
  readonly expiresOn: IsoDate | null;
}

/**
 * Whether a licence must report on `year`: obtained on or before its last day, and still valid
 * when the filing window opens ("凡在R年12月31日前取得…的企业，均须在许可有效期内…履行年报义务").
 * A licence with no issue date is taken to bind (the register states one; a copy may not).
 */
export function mustReport(term: LicenceTerm, year: number): boolean {
  const obtained = term.validFrom ?? term.issuedOn;
  if (obtained !== null && obtained > `${year}-12-31`) return false;
  if (term.expiresOn !== null && term.expiresOn < filingWindow(year).from) return false;
  return true;
}

/** The last day a decision taken on `decidedOn` may be carried into the list. */
export function listingDeadline(decidedOn: IsoDate): IsoDate {
  return addDays(decidedOn, LISTING_WITHIN_DAYS);
}

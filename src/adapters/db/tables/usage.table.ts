/** Each organisation's quota counters, one row per meter and window (ports/usage-quota.ts). */

export interface UsageCounterTable {
  organisation_id: string;
  /** UsageMeter: ocr-pages | upload-bytes */
  meter: string;
  /** the window's start, ISO instant (UTC) */
  window_start: string;
  /** PostgreSQL's bigint arrives as a string */
  amount: number | string;
}

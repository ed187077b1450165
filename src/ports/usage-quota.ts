/**
 * Each organisation's quotas on the costly work (issue 19): OCR pages per hour and uploaded bytes
 * per day. The counters live in the database, so every instance on it counts together; a charge
 * that would pass the limit adds nothing and is refused, in one statement (no read-then-write race).
 */

/** What is counted: OCR pages (an hour's window) or uploaded document bytes (a day's). */
export type UsageMeter = 'ocr-pages' | 'upload-bytes';

export interface UsageCounterStore {
  /**
   * Add `amount` to the organisation's counter of `meter` for the window starting at `window` (an
   * ISO instant) unless the total would pass `limit`: the new total, or null when refused.
   */
  charge(
    organisation: string,
    meter: UsageMeter,
    window: string,
    amount: number,
    limit: number,
  ): Promise<number | null>;
}

/** The quotas as the use cases see them: a refusal is DomainError RATE_LIMITED. */
export interface UsageQuota {
  chargeOcrPages(organisation: string, pages: number): Promise<void>;
  chargeUploadBytes(organisation: string, bytes: number): Promise<void>;
}

import type { IsoDate } from '../core/licence.js';

/**
 * The time, injected: the core never reads a clock, and tests pin "today".
 */
export interface Clock {
  /** the current instant */
  now(): Date;
  /** today's calendar date in Asia/Shanghai (where licences' dates are counted) */
  today(): IsoDate;
}

/**
 * Scheduled re-checks of a bulk check (docs/bulk-check.md "Scheduled re-check"): one schedule per
 * organisation and bulk check, every N days. The sweep (app/bulk-check/bulk-check-schedules.ts)
 * claims a due schedule with one conditional UPDATE, so two instances sweeping at once never both
 * start its re-check.
 */

export interface BulkCheckSchedule {
  readonly organisation: string;
  /** the bulk check job the schedule was set on (its key with the organisation) */
  readonly bulkCheck: string;
  /** the latest finished run: the next re-check compares with it */
  readonly follows: string;
  /** the latest re-check the schedule started, or null before the first */
  readonly lastRun: string | null;
  /** 1–90 */
  readonly everyDays: number;
  /** ISO instant */
  readonly nextDue: string;
  /** the actor who set it: the re-checks' owner */
  readonly createdBy: string;
  readonly createdAt: string;
}

export interface BulkCheckScheduleStore {
  /** create, or change the period and next due of, the schedule (its runs are kept) */
  put(schedule: BulkCheckSchedule): Promise<BulkCheckSchedule>;
  get(organisation: string, bulkCheck: string): Promise<BulkCheckSchedule | undefined>;
  /** false when there was none */
  delete(organisation: string, bulkCheck: string): Promise<boolean>;
  /** every organisation's schedules due at `now`, earliest first, at most `limit` */
  due(now: string, limit: number): Promise<readonly BulkCheckSchedule[]>;
  /**
   * Move a schedule's next due from `from` to `to`, only while it is still `from`: true for the
   * one caller that moved it (the claim), false for everyone else.
   */
  moveDue(organisation: string, bulkCheck: string, from: string, to: string): Promise<boolean>;
  /** record a started re-check: the run it followed and the new job */
  recordRun(
    organisation: string,
    bulkCheck: string,
    follows: string,
    lastRun: string,
  ): Promise<void>;
}

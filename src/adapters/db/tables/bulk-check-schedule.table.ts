/** Scheduled re-checks of bulk checks (ports/bulk-check-schedule-store.ts): one row per schedule. */

export interface BulkCheckScheduleTable {
  organisation_id: string;
  /** the bulk check job the schedule was set on */
  bulk_check_id: string;
  /** the latest finished run, which the next re-check compares with */
  follows_job_id: string;
  last_run_job_id: string | null;
  every_days: number;
  /** ISO instant (UTC, toISOString): compared as text */
  next_due: string;
  created_by: string;
  created_at: string;
}

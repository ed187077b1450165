/** The job queue's public record (docs/jobs.md): one row per job, on SQLite and PostgreSQL. */

export interface JobTable {
  id: string;
  /** JobKind */
  kind: string;
  organisation_id: string;
  /** an actor string, or `system` */
  owner: string;
  /** queued | running | done | failed | cancelled */
  state: string;
  progress_done: number | null;
  progress_total: number | null;
  /** attempts started */
  attempts: number;
  max_attempts: number;
  timeout_seconds: number;
  /** unique among queued and running jobs */
  singleton_key: string | null;
  /** JSON */
  input: string;
  /** the request's bytes until the job finishes */
  blob: Uint8Array | null;
  /** JSON, once done */
  result: string | null;
  /** JSON JobError: the last failure */
  error: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  run_after: string;
  heartbeat_at: string | null;
  /** the instance running the current attempt */
  worker: string | null;
  /** PostgreSQL: the pg-boss job id of the current dispatch; null on SQLite */
  dispatch_id: string | null;
  /** 0 | 1 */
  cancel_requested: number;
  /** a finished job is deleted after this instant */
  keep_until: string | null;
}

/**
 * Bulk verification jobs (docs/bulk-check.md), per organisation: the same pattern as the website
 * scans' job store (job-store.ts). The input is kept with the job so a re-check runs it again.
 */
import type { BulkInput, BulkReport } from '../core/bulk-check/types.js';

export interface BulkCheckJob {
  readonly id: string;
  readonly organisation: string;
  readonly status: 'queued' | 'running' | 'done' | 'failed';
  readonly createdAt: string;
  readonly finishedAt: string | null;
  /** rows (or documents) done of the total */
  readonly progress: { readonly done: number; readonly total: number };
  /** the job this one re-checks, or null */
  readonly previous: string | null;
  readonly input: BulkInput;
  readonly report: BulkReport | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

export interface BulkCheckJobStore {
  put(job: BulkCheckJob): void;
  /** undefined when the organisation has no such job (another organisation's is not seen) */
  get(organisation: string, id: string): BulkCheckJob | undefined;
  /** the organisation's jobs not yet finished (queued or running) */
  pending(organisation: string): number;
}

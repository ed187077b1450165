/** Background jobs (website scans) and their outcome, per organisation. */
import type { ScanReport } from '../core/scan/scan-report.js';

export interface ScanJob {
  readonly id: string;
  readonly organisation: string;
  readonly url: string;
  readonly status: 'running' | 'done' | 'failed';
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly report: ScanReport | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

export interface JobStore {
  put(job: ScanJob): void;
  /** undefined when the organisation has no such job */
  get(organisation: string, id: string): ScanJob | undefined;
}

import type { JobStore, ScanJob } from '../../ports/job-store.js';
import { memoryJobs } from '../memory-jobs.js';

/**
 * Scan jobs in memory, the newest `max` kept: a job lives as long as the process (a restart
 * forgets running and finished scans; the client starts another).
 */
export function memoryJobStore(max = 1000): JobStore {
  return memoryJobs<ScanJob>(max);
}

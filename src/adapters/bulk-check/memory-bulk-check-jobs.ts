import type { BulkCheckJob, BulkCheckJobStore } from '../../ports/bulk-check-jobs.js';
import { memoryJobs } from '../memory-jobs.js';

/**
 * Bulk check jobs in memory, the newest `max` kept (each holds its input and report): a job lives
 * as long as the process, like the website scans'.
 */
export function memoryBulkCheckJobs(max = 100): BulkCheckJobStore {
  const jobs = memoryJobs<BulkCheckJob>(max);
  return {
    ...jobs,
    pending: (organisation) =>
      jobs.of(organisation).filter((j) => j.status === 'queued' || j.status === 'running').length,
  };
}

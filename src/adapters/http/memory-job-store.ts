import type { JobStore, ScanJob } from '../../ports/job-store.js';

/**
 * Scan jobs in memory, the newest `max` kept: a job lives as long as the process (a restart
 * forgets running and finished scans; the client starts another).
 */
export function memoryJobStore(max = 1000): JobStore {
  const jobs = new Map<string, ScanJob>();
  return {
    put(job) {
      jobs.delete(job.id);
      jobs.set(job.id, job);
      while (jobs.size > max) {
        const oldest = jobs.keys().next().value;
        if (oldest === undefined) break;
        jobs.delete(oldest);
      }
    },
    get(organisation, id) {
      const job = jobs.get(id);
      return job?.organisation === organisation ? job : undefined;
    },
  };
}

import type { BulkCheckJob, BulkCheckJobStore } from '../../ports/bulk-check-jobs.js';

/**
 * Bulk check jobs in memory, the newest `max` kept (each holds its input and report): a job lives
 * as long as the process, like the website scans' (http/memory-job-store.ts).
 */
export function memoryBulkCheckJobs(max = 100): BulkCheckJobStore {
  const jobs = new Map<string, BulkCheckJob>();
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
    pending(organisation) {
      let n = 0;
      for (const job of jobs.values()) {
        if (
          job.organisation === organisation &&
          (job.status === 'queued' || job.status === 'running')
        )
          n++;
      }
      return n;
    },
  };
}

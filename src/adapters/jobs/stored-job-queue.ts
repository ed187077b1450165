/**
 * What both job queues answer from the `jobs` table alone (job-store.ts): a job, a page of jobs,
 * the counts. The backends differ in how jobs are dispatched and cancelled, not in how they are read.
 */
import type { JobKind, JobPage, JobRecord } from '../../ports/job-queue.js';
import type { JobStore } from './job-store.js';

export abstract class StoredJobQueue {
  constructor(readonly store: JobStore) {}

  get(organisation: string, id: string): Promise<JobRecord | undefined> {
    return this.store.get(organisation, id);
  }

  list(
    organisation: string,
    options: { readonly kind?: JobKind; readonly limit: number; readonly cursor?: string },
  ): Promise<JobPage> {
    return this.store.list(organisation, options);
  }

  pending(organisation: string, kind?: JobKind): Promise<number> {
    return this.store.count(['queued', 'running'], organisation, kind);
  }

  depth(kind?: JobKind): Promise<number> {
    return this.store.count(['queued'], undefined, kind);
  }
}

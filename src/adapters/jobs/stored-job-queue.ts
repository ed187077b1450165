/**
 * What both job queues do with the `jobs` table alone (job-store.ts): a job, a page of jobs, the
 * counts, and the periodic deletion of finished jobs past their keeping. The backends differ in how
 * jobs are dispatched and cancelled, not in how they are read or kept.
 */
import type { JobKind, JobPage, JobRecord } from '../../ports/job-queue.js';
import type { JobQueueLogger } from './job-queue-options.js';
import type { JobStore } from './job-store.js';

export abstract class StoredJobQueue {
  constructor(
    readonly store: JobStore,
    protected readonly logger: JobQueueLogger,
  ) {}

  /** Delete finished jobs past their keeping; a failure is logged, the timer carries on. */
  protected async cleanup(): Promise<void> {
    try {
      await this.store.cleanup();
    } catch (e) {
      this.logger.error('job cleanup failed', { error: String(e) });
    }
  }

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

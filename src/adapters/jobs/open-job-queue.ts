/**
 * The job queue for the database xuke runs on (docs/jobs.md): on SQLite the in-process runner
 * over the `jobs` table, on PostgreSQL pg-boss (loaded lazily) with the same table as the public
 * record. The composition root opens it once per process, registers the handlers, then starts it.
 */
import type { JobQueue } from '../../ports/job-queue.js';
import type { OpenDatabase } from '../db/open-database.js';
import type { JobQueueOptions } from './job-queue-options.js';
import { SqliteJobQueue } from './sqlite-job-queue.js';

export type { JobQueueOptions, JobQueueLogger } from './job-queue-options.js';

export async function openJobQueue(
  database: OpenDatabase,
  options: JobQueueOptions = {},
): Promise<JobQueue> {
  if (database.dialect === 'sqlite') return new SqliteJobQueue(database.db, options);
  const { PgBossJobQueue } = await import('./pg-boss-job-queue.js');
  return PgBossJobQueue.open(database.db, options);
}

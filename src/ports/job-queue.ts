/**
 * The job queue (docs/jobs.md): every slow piece of work (reading an uploaded document, a website
 * scan, a bulk check, a register follow, a reminder run) is a job with an id, an owner, progress, a
 * result, retries with backoff, cancellation and expiry. On PostgreSQL the queue is pg-boss, shared
 * by every instance on the database; on SQLite the same port runs in-process, persisted in the
 * SQLite database so a restart resumes what was queued or running.
 *
 * The job's public view (this record) lives in xuke's `jobs` table on both backends; on
 * PostgreSQL pg-boss carries the dispatch (which instance runs which attempt, retries, expiry,
 * schedules) and the row carries what a client sees.
 */
import type { Regression } from '../core/regressions.js';

/** The kinds of work the queue carries; each has one handler (src/main/job-handlers.ts). */
export const JOB_KINDS = [
  'document',
  'scan',
  'bulk-check',
  'reminders',
  'follow',
  'bulk-check-schedules',
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/**
 * queued (waiting, or waiting to retry) → running → done | failed | cancelled. A cancelled or
 * failed job never runs again; a running job whose instance died is queued again for its next
 * attempt (or failed when none is left).
 */
export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobError {
  readonly code: string;
  /** in English; the zh-CN message when the error had one */
  readonly message: string;
  readonly messageZh?: string;
  /** REGRESSION: what the refused save would have lost, as the synchronous 409 lists it */
  readonly regressions?: readonly Regression[];
}

/** JSON-compatible values: a job's input and result are stored as JSON. */
export type Json =
  null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };

export interface JobRecord {
  readonly id: string;
  readonly kind: JobKind;
  readonly organisation: string;
  /** who asked: an actor string (core/actor.ts), or `system` for scheduled work */
  readonly owner: string;
  readonly state: JobState;
  /** work done of the total (pages, rows), or null before the handler reports any */
  readonly progress: { readonly done: number; readonly total: number } | null;
  /** attempts started (0 while first queued) of the most allowed */
  readonly attempts: number;
  readonly maxAttempts: number;
  /** how many queued jobs of the same kind are ahead of this one (0 = next); null unless queued */
  readonly position: number | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  /** when a queued job may start (a retry waits for its backoff) */
  readonly runAfter: string;
  readonly input: Json;
  readonly result: Json | null;
  readonly error: JobError | null;
}

export interface EnqueueRequest {
  readonly kind: JobKind;
  readonly organisation: string;
  readonly owner: string;
  readonly input: Json;
  /** bytes the job reads (an uploaded document), kept beside the row until the job finishes */
  readonly blob?: Uint8Array;
  /** attempts in all, first included (default 3); a DomainError from the handler never retries */
  readonly maxAttempts?: number;
  /** one attempt's time limit in seconds: an attempt running longer is aborted and retried */
  readonly timeoutSeconds: number;
  /** at most one queued or running job with this key: a second enqueue returns the first */
  readonly singletonKey?: string;
  /** progress total known in advance (shown before the job starts) */
  readonly total?: number;
}

/** What a handler gets for one attempt of one job. */
export interface JobContext {
  readonly job: JobRecord;
  /** the request's bytes, or null when it had none */
  blob(): Promise<Uint8Array | null>;
  /** aborted on cancellation (within a second), on the attempt's time limit and on shutdown */
  readonly signal: AbortSignal;
  /** report progress (writes are coalesced; cheap to call often) */
  progress(done: number, total: number): void;
}

/**
 * One attempt. Its return value (JSON) is the job's result. A DomainError fails the job at once
 * (the input is at fault: another attempt would fail alike); any other error is retried with
 * exponential backoff while attempts remain.
 */
export type JobHandler = (context: JobContext) => Promise<Json>;

export interface WorkOptions {
  /** jobs of this kind run at once in this instance (default 1) */
  readonly concurrency?: number;
}

export interface JobPage {
  readonly items: readonly JobRecord[];
  /** the cursor of the next page, or null at the end */
  readonly next: string | null;
}

export interface JobQueue {
  /** queue a job; with a singletonKey already queued or running, that job is returned instead */
  enqueue(request: EnqueueRequest): Promise<JobRecord>;
  /** undefined for an unknown id and for another organisation's job */
  get(organisation: string, id: string): Promise<JobRecord | undefined>;
  /** the organisation's jobs, newest first */
  list(
    organisation: string,
    options: { readonly kind?: JobKind; readonly limit: number; readonly cursor?: string },
  ): Promise<JobPage>;
  /** the organisation's queued and running jobs (of a kind) */
  pending(organisation: string, kind?: JobKind): Promise<number>;
  /** every organisation's queued jobs (of a kind): how full the queue is */
  depth(kind?: JobKind): Promise<number>;
  /**
   * Cancel a queued or running job: it never starts, or its handler's signal aborts within a
   * second on whichever instance runs it. A finished job is returned as it is. undefined for an
   * unknown id and another organisation's job.
   */
  cancel(organisation: string, id: string): Promise<JobRecord | undefined>;
  /** take jobs of `kind` in this instance (the worker role); call before `start` */
  work(kind: JobKind, handler: JobHandler, options?: WorkOptions): void;
  /**
   * Run `kind` every `intervalSeconds` with `input`, once across all instances (a scheduled job is
   * a singleton: a run still queued or running is not doubled).
   */
  every(kind: JobKind, intervalSeconds: number, organisation: string, input: Json): void;
  /** begin working (the handlers registered) and scheduling */
  start(): Promise<void>;
  /** stop taking jobs, abort the running ones' signals, wait for them a little, release */
  stop(): Promise<void>;
}

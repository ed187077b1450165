/**
 * Use case: a bulk check as a queued job (kind `bulk-check`, docs/bulk-check.md): `startBulkCheckJob`
 * queues a customer list (its rows in the job's input) or a ZIP of documents (its bytes as the job's
 * blob, read again by the handler); `recheckBulkJob` queues a finished job's input again, to report
 * what changed since; `runBulkCheckJob` is the handler (src/main/job-handlers.ts). Each organisation
 * has at most `maxPendingPerOrganisation` bulk checks queued or running (`jobs.pending`).
 *
 * A job's result is its report and, for documents, the documents as read: a re-check assesses them
 * again without reading (OCR) them again.
 */
import { DomainError } from '../../core/errors.js';
import type { BulkReport, CustomerRow, PreparedDocument } from '../../core/bulk-check/types.js';
import type { DomainKey } from '../../core/bulk-check/row-verdict.js';
import type { Clock } from '../../ports/clock.js';
import type { JobContext, JobQueue, JobRecord, Json } from '../../ports/job-queue.js';
import type { Principal } from '../access/access-deps.js';
import type { ParseDocumentDeps } from '../documents/parse-document.js';
import type { TrustDeps } from '../registry/registry-deps.js';
import {
  prepareDocuments,
  runBulkCheck,
  type BulkInput,
  type DocumentEntry,
} from './run-bulk-check.js';

/** What a bulk check job's handler needs. */
export interface BulkCheckJobDeps {
  readonly clock: Pick<Clock, 'now' | 'today'>;
  readonly trust: TrustDeps;
  readonly documents: ParseDocumentDeps;
  readonly domainKey: DomainKey;
  /** a ZIP's bytes → its documents (the limits the upload was admitted with) */
  readonly readDocuments: (bytes: Uint8Array, name: string) => Promise<readonly DocumentEntry[]>;
  /** the queue: a re-check reads the job it re-checks */
  readonly jobs: Pick<JobQueue, 'get'>;
}

/** What a job is started with: a list read already, or documents still to be read. */
export type BulkJobInput =
  | Extract<BulkInput, { kind: 'list' }>
  | {
      readonly kind: 'documents';
      readonly name: string;
      readonly entries: readonly DocumentEntry[];
    };

/** A bulk check job's input, as stored with the job. */
export type BulkJobStoredInput =
  | {
      readonly mode: 'list';
      readonly name: string;
      readonly customers: readonly CustomerRow[];
      readonly previous: string | null;
    }
  /** the ZIP is the job's blob */
  | { readonly mode: 'zip'; readonly name: string; readonly previous: null }
  /** the documents the previous job read */
  | { readonly mode: 'prepared'; readonly name: string; readonly previous: string };

/** A bulk check job's result. */
export interface BulkJobResult {
  readonly report: BulkReport;
  /** for documents: as read, for a re-check */
  readonly documents: readonly PreparedDocument[] | null;
}

/** who starts a job: a caller, or a schedule on its creator's behalf */
export type Requester = Pick<Principal, 'organisation' | 'actor'>;

export const DEFAULT_MAX_PENDING_BULK_CHECKS = 3;
/** one attempt's time limit: 10,000 rows, or a ZIP of documents read one at a time */
const BULK_TIMEOUT_SECONDS = 3 * 3600;

export function bulkJobInput(job: Pick<JobRecord, 'input'>): BulkJobStoredInput {
  return job.input as unknown as BulkJobStoredInput;
}

export function bulkJobResult(job: Pick<JobRecord, 'result'>): BulkJobResult | null {
  return job.result as unknown as BulkJobResult | null;
}

async function admit(who: Requester, jobs: JobQueue, max: number): Promise<void> {
  if ((await jobs.pending(who.organisation, 'bulk-check')) >= max) {
    throw new DomainError(
      'RATE_LIMITED',
      `本机构已有 ${max} 个批量核验在排队或运行；请等待其完成后再提交`,
      `This organisation has ${max} bulk checks queued or running; wait for one to finish`,
      { retryAfterSeconds: 60 },
    );
  }
}

function enqueue(
  who: Requester,
  jobs: JobQueue,
  input: BulkJobStoredInput,
  total: number,
  blob?: Uint8Array,
): Promise<JobRecord> {
  return jobs.enqueue({
    kind: 'bulk-check',
    organisation: who.organisation,
    owner: who.actor,
    input: input as unknown as Json,
    ...(blob === undefined ? {} : { blob }),
    total,
    maxAttempts: 2,
    timeoutSeconds: BULK_TIMEOUT_SECONDS,
  });
}

/**
 * Queue a bulk check: a list's rows go into the job's input; a ZIP's bytes (`zip`, already read
 * once by the caller to refuse a bad one at once) become the job's blob.
 */
export async function startBulkCheckJob(
  input: BulkJobInput,
  who: Principal,
  jobs: JobQueue,
  options: { readonly zip?: Uint8Array; readonly maxPendingPerOrganisation?: number } = {},
): Promise<JobRecord> {
  await admit(who, jobs, options.maxPendingPerOrganisation ?? DEFAULT_MAX_PENDING_BULK_CHECKS);
  if (input.kind === 'list') {
    return enqueue(
      who,
      jobs,
      { mode: 'list', name: input.name, customers: input.customers, previous: null },
      input.customers.length,
    );
  }
  if (options.zip === undefined) throw new Error('a documents bulk check needs its ZIP');
  return enqueue(
    who,
    jobs,
    { mode: 'zip', name: input.name, previous: null },
    input.entries.length * 2,
    options.zip,
  );
}

/**
 * Re-check a finished job: the same customers (or the documents as read then) assessed again as
 * of today, with what changed since. NOT_FOUND for another organisation's job; CONFLICT until it
 * is done.
 */
export async function recheckBulkJob(
  id: string,
  who: Requester,
  jobs: JobQueue,
  options: { readonly maxPendingPerOrganisation?: number } = {},
): Promise<JobRecord> {
  const before = await jobs.get(who.organisation, id);
  if (before?.kind !== 'bulk-check') {
    throw new DomainError('NOT_FOUND', `没有批量核验任务 ${id}`, `No bulk check job ${id}`);
  }
  const result = bulkJobResult(before);
  if (before.state !== 'done' || result === null) {
    throw new DomainError(
      'CONFLICT',
      `批量核验任务 ${id} 尚未完成（${before.state}），完成后才能复核`,
      `Bulk check job ${id} has not finished (${before.state}); re-check it once it has`,
    );
  }
  await admit(who, jobs, options.maxPendingPerOrganisation ?? DEFAULT_MAX_PENDING_BULK_CHECKS);
  const input = bulkJobInput(before);
  if (input.mode === 'list') {
    return enqueue(
      who,
      jobs,
      { mode: 'list', name: input.name, customers: input.customers, previous: id },
      input.customers.length,
    );
  }
  return enqueue(
    who,
    jobs,
    { mode: 'prepared', name: input.name, previous: id },
    result.documents?.length ?? 0,
  );
}

/** The `bulk-check` handler: read the documents (if any), check every row, report. */
export async function runBulkCheckJob(context: JobContext, deps: BulkCheckJobDeps): Promise<Json> {
  const { job, signal } = context;
  const input = bulkJobInput(job);
  let previous:
    { id: string; report: BulkReport; documents: readonly PreparedDocument[] | null } | undefined;
  if (input.previous !== null) {
    const before = await deps.jobs.get(job.organisation, input.previous);
    const result = before === undefined ? null : bulkJobResult(before);
    if (result === null) {
      throw new DomainError(
        'NOT_FOUND',
        `复核的批量核验任务 ${input.previous} 已不存在`,
        `The bulk check job ${input.previous} this re-checks is gone`,
      );
    }
    previous = { id: input.previous, ...result };
  }
  let checked: BulkInput;
  let offset = 0;
  let documents: readonly PreparedDocument[] | null = null;
  if (input.mode === 'list') {
    checked = { kind: 'list', name: input.name, customers: input.customers };
  } else if (input.mode === 'prepared') {
    documents = previous?.documents ?? [];
    checked = { kind: 'documents', name: input.name, documents };
  } else {
    const zip = await context.blob();
    if (zip === null) throw new Error(`bulk check job ${job.id} lost its ZIP`);
    const entries = await deps.readDocuments(zip, input.name);
    // reading is the slow half (OCR): the first half of the progress
    const total = entries.length * 2;
    offset = entries.length;
    documents = await prepareDocuments(entries, deps.documents, {
      signal,
      organisation: context.job.organisation,
      onProgress: (done) => {
        context.progress(done, total);
      },
    });
    checked = { kind: 'documents', name: input.name, documents };
  }
  const report = await runBulkCheck(
    checked,
    {
      today: deps.clock.today(),
      signal,
      ...(previous === undefined ? {} : { previous: { id: previous.id, report: previous.report } }),
      onProgress: (done, total) => {
        context.progress(offset + done, offset + total);
      },
    },
    {
      trust: deps.trust,
      organisation: job.organisation,
      domainKey: deps.domainKey,
      clock: deps.clock,
    },
  );
  const result: BulkJobResult = { report, documents };
  return result as unknown as Json;
}

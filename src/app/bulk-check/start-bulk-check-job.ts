/**
 * Use case: a bulk check in the background, as the website scans run (start-scan-job.ts): the job
 * is returned at once (`queued`), the batches of this process run one after another (one document
 * extraction at a time for the whole process), and the outcome lands in the job store with its
 * progress. A re-check runs a finished job's input again and reports what changed since.
 *
 * The jobs live in this process (a restart forgets them): the persistent job queue of issue 19 is
 * another part's work, and this use case is where it plugs in.
 */
import { DomainError, isDomainError } from '../../core/errors.js';
import type { BulkReport } from '../../core/bulk-check/types.js';
import type { Clock } from '../../ports/clock.js';
import type { BulkCheckJob, BulkCheckJobStore } from '../../ports/bulk-check-jobs.js';
import type { Secrets } from '../../ports/secrets.js';
import type { Principal } from '../access/access-deps.js';
import type { ParseDocumentDeps } from '../documents/parse-document.js';
import type { TrustDeps } from '../registry/registry-deps.js';
import {
  prepareDocuments,
  runBulkCheck,
  type BulkInput,
  type DocumentEntry,
} from './run-bulk-check.js';
import type { DomainKey } from '../../core/bulk-check/row-verdict.js';

export interface BulkCheckJobDeps {
  readonly jobs: BulkCheckJobStore;
  readonly clock: Clock;
  readonly secrets: Pick<Secrets, 'newId'>;
  readonly trust: TrustDeps;
  readonly documents: ParseDocumentDeps;
  readonly domainKey: DomainKey;
  /** the most jobs one organisation may have queued or running (default 3) */
  readonly maxPendingPerOrganisation?: number;
}

/** What a job is started with: a list read already, or documents still to be read. */
export type BulkJobInput =
  | Extract<BulkInput, { kind: 'list' }>
  | {
      readonly kind: 'documents';
      readonly name: string;
      readonly entries: readonly DocumentEntry[];
    };

/** The batches of this process, one after another. */
let queue: Promise<void> = Promise.resolve();

function admit(who: Principal, deps: BulkCheckJobDeps): void {
  const max = deps.maxPendingPerOrganisation ?? 3;
  if (deps.jobs.pending(who.organisation) >= max) {
    throw new DomainError(
      'RATE_LIMITED',
      `本机构已有 ${max} 个批量核验在排队或运行；请等待其完成后再提交`,
      `This organisation has ${max} bulk checks queued or running; wait for one to finish`,
    );
  }
}

function run(
  job: BulkCheckJob,
  input: BulkJobInput | BulkInput,
  previous: { id: string; report: BulkReport } | undefined,
  deps: BulkCheckJobDeps,
): Promise<void> {
  let current = job;
  const put = (patch: Partial<BulkCheckJob>) => {
    current = { ...current, ...patch };
    deps.jobs.put(current);
  };
  const work = async () => {
    put({ status: 'running' });
    const today = deps.clock.today();
    let checked: BulkInput;
    if ('entries' in input) {
      // reading is the slow half (OCR): the first half of the progress
      const total = input.entries.length * 2;
      const documents = await prepareDocuments(input.entries, deps.documents, {
        onProgress: (done) => {
          put({ progress: { done, total } });
        },
      });
      checked = { kind: 'documents', name: input.name, documents };
      put({ input: checked });
    } else {
      checked = input;
    }
    const offset = 'entries' in input ? input.entries.length : 0;
    const report = await runBulkCheck(
      checked,
      {
        today,
        ...(previous === undefined ? {} : { previous }),
        onProgress: (done, total) => {
          if (done % 100 === 0 || done === total) {
            put({ progress: { done: offset + done, total: offset + total } });
          }
        },
      },
      {
        trust: deps.trust,
        organisation: job.organisation,
        domainKey: deps.domainKey,
        clock: deps.clock,
      },
    );
    put({ status: 'done', report, finishedAt: deps.clock.now().toISOString() });
  };
  const done = queue.then(work).catch((e: unknown) => {
    put({
      status: 'failed',
      finishedAt: deps.clock.now().toISOString(),
      error: isDomainError(e)
        ? { code: e.code, message: e.messageEn }
        : { code: 'INTERNAL', message: 'the bulk check failed unexpectedly' },
    });
  });
  queue = done;
  return done;
}

function newJob(
  who: Principal,
  input: BulkInput,
  total: number,
  previous: string | null,
  deps: BulkCheckJobDeps,
): BulkCheckJob {
  return {
    id: deps.secrets.newId(),
    organisation: who.organisation,
    status: 'queued',
    createdAt: deps.clock.now().toISOString(),
    finishedAt: null,
    progress: { done: 0, total },
    previous,
    input,
    report: null,
    error: null,
  };
}

export function startBulkCheckJob(
  input: BulkJobInput,
  who: Principal,
  deps: BulkCheckJobDeps,
): { job: BulkCheckJob; done: Promise<void> } {
  admit(who, deps);
  const total = input.kind === 'list' ? input.customers.length : input.entries.length * 2;
  // until its documents are read, a job's input is their names only (the bytes are not kept)
  const kept: BulkInput =
    input.kind === 'list' ? input : { kind: 'documents', name: input.name, documents: [] };
  const job = newJob(who, kept, total, null, deps);
  deps.jobs.put(job);
  return { job, done: run(job, input, undefined, deps) };
}

/**
 * Re-check a finished job: the same customers (or the documents as read then) assessed again as of
 * today, with what changed since. NOT_FOUND for another organisation's job; CONFLICT while it runs.
 */
export function recheckBulkJob(
  id: string,
  who: Principal,
  deps: BulkCheckJobDeps,
): { job: BulkCheckJob; done: Promise<void> } {
  const before = deps.jobs.get(who.organisation, id);
  if (before === undefined) {
    throw new DomainError('NOT_FOUND', `没有批量核验任务 ${id}`, `No bulk check job ${id}`);
  }
  if (before.report === null) {
    throw new DomainError(
      'CONFLICT',
      `批量核验任务 ${id} 尚未完成（${before.status}），完成后才能复核`,
      `Bulk check job ${id} has not finished (${before.status}); re-check it once it has`,
    );
  }
  admit(who, deps);
  const input = before.input;
  const total = input.kind === 'list' ? input.customers.length : input.documents.length;
  const job = newJob(who, input, total, before.id, deps);
  deps.jobs.put(job);
  return { job, done: run(job, input, { id: before.id, report: before.report }, deps) };
}

/**
 * The handlers of the HTTP API's queued work (docs/http-api.md "Jobs"), registered on a JobQueue by
 * the composition roots (server.ts; the test harness): `document` (an upload read asynchronously:
 * the answer POST /documents would have given), `scan` (a website scan) and `bulk-check`. A
 * handler's work stops when its signal aborts (a cancel, the attempt's time limit, shutdown): the
 * use cases that take a signal get it, the others are raced against it so the attempt ends at once.
 */
import { bulkZipLimits } from '../adapters/http/routes/bulk-checks.routes.js';
import { runDocumentJob } from '../adapters/http/document-jobs.js';
import { bulkDomainKey } from '../adapters/bulk-check/domain-key.js';
import { readBulkInput } from '../adapters/bulk-check/read-bulk-input.js';
import { openPdf } from '../adapters/documents/pdf-document.js';
import { runBulkCheckJob } from '../app/bulk-check/start-bulk-check-job.js';
import type { ParseDocumentDeps } from '../app/documents/parse-document.js';
import type { TrustDeps } from '../app/registry/registry-deps.js';
import { runScanJob, type ScanJobDeps } from '../app/scans/start-scan-job.js';
import { DomainError } from '../core/errors.js';
import type { JobQueue } from '../ports/job-queue.js';

export interface JobHandlerDeps {
  readonly registry: TrustDeps;
  readonly documents: ParseDocumentDeps;
  readonly scans: ScanJobDeps;
}

export interface JobConcurrency {
  /** documents read at once in this instance (each bounded again by the OCR page pool) */
  readonly document?: number;
  readonly scan?: number;
  readonly 'bulk-check'?: number;
}

/**
 * A PDF's page count for the asynchronous-upload rule (document-jobs.ts): pdf.js reads the
 * cross-reference table and the page tree, renders nothing. null when pdf.js cannot open it (the
 * synchronous path then says why).
 */
export async function pdfPageCount(bytes: Uint8Array): Promise<number | null> {
  try {
    const doc = await openPdf(bytes, 'upload');
    const pages = doc.numPages;
    await doc.destroy();
    return pages;
  } catch {
    return null;
  }
}

/** `work` settles as soon as `signal` aborts: the attempt ends, whatever the work still does. */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(aborted(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      reject(aborted(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

function aborted(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new DomainError('GONE', '任务已中止', 'The job was stopped');
}

/** Register the `document`, `scan` and `bulk-check` handlers (call before `queue.start()`). */
export function registerJobHandlers(
  queue: JobQueue,
  deps: JobHandlerDeps,
  concurrency: JobConcurrency = {},
): void {
  const ingest = { ...deps.registry, documents: deps.documents };
  queue.work(
    'document',
    (context) => untilAborted(runDocumentJob(context, ingest), context.signal),
    { concurrency: concurrency.document ?? 2 },
  );
  queue.work('scan', (context) => untilAborted(runScanJob(context, deps.scans), context.signal), {
    concurrency: concurrency.scan ?? 2,
  });
  const zipLimits = bulkZipLimits(deps.documents.maxBytes);
  queue.work(
    'bulk-check',
    (context) =>
      runBulkCheckJob(context, {
        clock: deps.registry.clock,
        trust: deps.registry,
        documents: deps.documents,
        domainKey: bulkDomainKey,
        jobs: queue,
        readDocuments: async (bytes, name) => {
          const input = await readBulkInput(bytes, name, {
            contentType: 'application/zip',
            zipLimits,
          });
          if (input.kind !== 'documents') {
            throw new DomainError('INVALID_INPUT', `${name} 不是 ZIP`, `${name} is not a ZIP`);
          }
          return input.entries;
        },
      }),
    // one batch at a time: a batch reads its documents one at a time, as before the queue
    { concurrency: concurrency['bulk-check'] ?? 1 },
  );
}

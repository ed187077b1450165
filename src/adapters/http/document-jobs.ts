/**
 * POST /documents, asynchronously (issue 19; docs/http-api.md "Jobs"): a body over the byte
 * threshold, a PDF of more pages than the page threshold, or a request that says
 * `Prefer: respond-async` is queued as a `document` job (its bytes the job's blob) and answered 202
 * with the JobView; the job's result is exactly the body the synchronous answer would have had.
 * `documentAnswer` builds that body as the route does (test/http-jobs.test.ts compares the two).
 */
import type { RegisterOutcome } from '../../app/registry/register-licence.js';
import type { Principal } from '../../app/access/access-deps.js';
import { ingestDocument, type IngestDeps } from '../../app/documents/ingest-document.js';
import { actorOf } from './auth.js';
import { sniffDocumentFormat } from '../../core/document-format.js';
import type { Licence } from '../../core/licence.js';
import type { Regression } from '../../core/regressions.js';
import type { JobContext, JobQueue, JobRecord, Json } from '../../ports/job-queue.js';
import { documentView, licenceView } from './presenters.js';

export const DEFAULT_ASYNC_DOCUMENT_BYTES = 4 * 1024 * 1024;
export const DEFAULT_ASYNC_DOCUMENT_PAGES = 4;
/** one attempt's time limit: a long scanned PDF through OCR */
const DOCUMENT_TIMEOUT_SECONDS = 900;

/** A document job's input (the bytes are its blob). */
export interface DocumentJobInput {
  readonly name: string;
  readonly save: boolean;
  /** save a version that loses what the held one has (REGRESSION otherwise) */
  readonly force?: boolean;
  readonly acknowledge?: string;
  readonly record?: Licence;
}

type IngestRequest = Omit<DocumentJobInput, 'acknowledge' | 'record' | 'force'> & {
  readonly bytes: Uint8Array;
  readonly force?: boolean | undefined;
  readonly acknowledge?: string | undefined;
  readonly record?: Licence | undefined;
};

/** The body of POST /documents' answer (DocumentResultSchema). */
export type DocumentAnswerBody = ReturnType<typeof documentView> & {
  readonly saved: {
    readonly outcome: RegisterOutcome;
    readonly licence: ReturnType<typeof licenceView>;
  } | null;
  /** what the reading loses against the held version; absent when none is held */
  readonly regressions?: readonly Regression[];
};

/** The answer of POST /documents: its status and body. */
export async function documentAnswer(
  request: IngestRequest,
  who: Pick<Principal, 'organisation' | 'actor'>,
  deps: IngestDeps,
  /** a cancelled job or a client gone: OCR stops and its processes are killed */
  signal?: AbortSignal,
): Promise<{ status: 200 | 201; body: DocumentAnswerBody }> {
  const { document, saved, regressions } = await ingestDocument(
    {
      name: request.name,
      bytes: request.bytes,
      record: request.record,
      save: request.save,
      acknowledge: request.acknowledge,
      force: request.force,
      signal,
    },
    { organisation: who.organisation, actor: who.actor },
    deps,
  );
  const result = { ...documentView(document), ...(regressions === null ? {} : { regressions }) };
  if (saved === null) return { status: 200, body: { ...result, saved: null } };
  return {
    status: saved.outcome === 'created' ? 201 : 200,
    body: { ...result, saved: { outcome: saved.outcome, licence: licenceView(saved.licence) } },
  };
}

/** Whether the client asked for an asynchronous answer (RFC 7240 `Prefer: respond-async`). */
export function prefersAsync(prefer: string | string[] | undefined): boolean {
  const values = [prefer ?? []].flat().join(',');
  return values.split(',').some((p) => p.split(';')[0]?.trim().toLowerCase() === 'respond-async');
}

/** When an upload is queued (HttpDeps.asyncDocuments). */
export interface AsyncDocumentThresholds {
  readonly bytes: number;
  readonly pages: number;
  /** a PDF's page count, cheaply (no page rendered); null when unreadable. Absent: not counted */
  readonly pdfPages?: (bytes: Uint8Array) => Promise<number | null>;
}

/** Whether an upload is queued: too many bytes, too many PDF pages, or asked for. */
export async function goesAsync(
  bytes: Uint8Array,
  prefer: string | string[] | undefined,
  thresholds: AsyncDocumentThresholds | undefined,
): Promise<boolean> {
  if (prefersAsync(prefer)) return true;
  const limits = thresholds ?? {
    bytes: DEFAULT_ASYNC_DOCUMENT_BYTES,
    pages: DEFAULT_ASYNC_DOCUMENT_PAGES,
  };
  if (bytes.length > limits.bytes) return true;
  if (limits.pdfPages === undefined || sniffDocumentFormat(bytes) !== 'pdf') return false;
  const pages = await limits.pdfPages(bytes);
  return pages !== null && pages > limits.pages;
}

/** Queue the upload as a `document` job. */
export function enqueueDocumentJob(
  request: IngestRequest,
  who: Principal,
  jobs: JobQueue,
): Promise<JobRecord> {
  const input: DocumentJobInput = {
    name: request.name,
    save: request.save,
    ...(request.acknowledge === undefined ? {} : { acknowledge: request.acknowledge }),
    ...(request.record === undefined ? {} : { record: request.record }),
    ...(request.force === true ? { force: true } : {}),
  };
  return jobs.enqueue({
    kind: 'document',
    organisation: who.organisation,
    owner: actorOf(who).actor,
    input: input as unknown as Json,
    blob: request.bytes,
    maxAttempts: 2,
    timeoutSeconds: DOCUMENT_TIMEOUT_SECONDS,
  });
}

/** The `document` handler: the synchronous answer's body, as the job's result. */
export async function runDocumentJob(context: JobContext, deps: IngestDeps): Promise<Json> {
  const input = context.job.input as unknown as DocumentJobInput;
  const bytes = await context.blob();
  if (bytes === null) throw new Error(`document job ${context.job.id} lost its bytes`);
  context.progress(0, 1);
  const { body } = await documentAnswer(
    { ...input, bytes },
    { organisation: context.job.organisation, actor: context.job.owner },
    deps,
    context.signal,
  );
  context.progress(1, 1);
  return body as unknown as Json;
}

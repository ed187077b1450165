/**
 * The review screen's calls: read a document (`POST /documents`, with upload progress), re-check an
 * edited record (`POST /checks`), save the document with the corrected record
 * (`POST /documents?save=true`, multipart `file` + `record`). Types come from the OpenAPI document.
 */
import { api, call, type Schemas } from '../../api/client';
import { isJobView, jobResult, type JobView } from '../../api/jobs';
import type { paths } from '../../api/schema';

type DocumentsPost = paths['/api/v1/documents']['post'];
export type DocumentResult = DocumentsPost['responses'][200]['content']['application/json'];
export type ParseResult = DocumentResult['parse'];
export type Licence = ParseResult['licence'];
/**
 * Where a field came from; `page` (1-based) and `box` ([left, top, width, height], fractions of that
 * page's upright image) with fields read by OCR.
 */
export type Evidence = ParseResult['evidence'][string];
export type Note = ParseResult['notes'][number];
export type Saved = NonNullable<DocumentResult['saved']>;
/** The text the server read from the document, by line (evidence line N is `lines[N - 1]`). */
export type DocumentText = DocumentResult['text'];
/** The checks' report (`xuke.check/v1`) and one of its findings, as the OpenAPI document types them. */
export type Report = Schemas['CheckReport'];
export type ReportFinding = Schemas['Finding'];
type MultipartBody = DocumentsPost['requestBody']['content']['multipart/form-data'];

/**
 * A field the save would lose or damage against the licence's current version: the document answer's
 * `regressions` (when the caller holds the licence) or a 409 `REGRESSION` problem's.
 */
export type Regression = Schemas['Regression'];

/** The `regressions` a document answer or a problem carries; none when it carries none. */
export function regressionsOf(
  answer: { readonly regressions?: readonly Regression[] } | null,
): readonly Regression[] {
  return answer?.regressions ?? [];
}

/** The largest document the server reads (DEFAULT_MAX_DOCUMENT_BYTES in src/app/documents/parse-document.ts). */
export const MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

/** File names the server reads: text, PDF, PNG, JPEG, TIFF. */
export const ACCEPTED_EXTENSIONS = ['.txt', '.pdf', '.png', '.jpg', '.jpeg', '.tif', '.tiff'];
export const ACCEPT_ATTRIBUTE = [
  ...ACCEPTED_EXTENSIONS,
  'text/plain',
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/tiff',
].join(',');

/** Why a file is refused before it is sent, or null when it may be sent. */
export function refuseFile(file: File): 'format' | 'size' | 'empty' | null {
  const name = file.name.toLowerCase();
  if (!ACCEPTED_EXTENSIONS.some((ext) => name.endsWith(ext))) return 'format';
  if (file.size > MAX_DOCUMENT_BYTES) return 'size';
  if (file.size === 0) return 'empty';
  return null;
}

/**
 * A fetch that reports upload progress (fetch cannot): XMLHttpRequest under the same Request the
 * typed client built, so the token, URL and body are the client's. Where XMLHttpRequest is missing
 * (tests), plain fetch.
 */
export function fetchWithUploadProgress(
  onProgress: (fraction: number) => void,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (typeof XMLHttpRequest === 'undefined') return globalThis.fetch(request);
    const body = await request.blob();
    return new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(request.method, request.url);
      request.headers.forEach((value, key) => {
        xhr.setRequestHeader(key, value);
      });
      xhr.responseType = 'blob';
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
      };
      xhr.upload.onload = () => {
        onProgress(1);
      };
      xhr.onload = () => {
        const headers = new Headers();
        for (const line of xhr.getAllResponseHeaders().trim().split(/\r?\n/u)) {
          const at = line.indexOf(':');
          if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
        }
        const noBody = [101, 204, 205, 304].includes(xhr.status);
        resolve(
          new Response(noBody ? null : (xhr.response as Blob), {
            status: xhr.status,
            statusText: xhr.statusText,
            headers,
          }),
        );
      };
      xhr.onerror = () => {
        reject(new TypeError('Network request failed'));
      };
      xhr.onabort = () => {
        reject(new DOMException('The upload was cancelled', 'AbortError'));
      };
      request.signal.addEventListener('abort', () => {
        xhr.abort();
      });
      xhr.send(body);
    });
  };
}

/**
 * The multipart parts under the names the OpenAPI document gives them (a part it does not name does
 * not compile). `api` sends a FormData body as it is.
 */
function multipart(parts: { readonly [K in keyof MultipartBody]-?: Blob | string | undefined }) {
  const form = new FormData();
  for (const [name, value] of Object.entries<Blob | string | undefined>(parts)) {
    if (value instanceof File) form.append(name, value, value.name);
    else if (value !== undefined) form.append(name, value);
  }
  return form as unknown as MultipartBody;
}

export interface SendOptions {
  readonly onProgress?: (fraction: number) => void;
  readonly signal?: AbortSignal;
}

/**
 * Read and check a document without storing it: its result, or (202, a large document) the job
 * that reads it, which the upload page follows.
 */
export function readDocument(
  file: File,
  options: SendOptions = {},
): Promise<DocumentResult | JobView> {
  return call(
    api.POST('/api/v1/documents', {
      params: { query: { name: file.name } },
      body: multipart({ file, record: undefined }),
      ...(options.signal !== undefined && { signal: options.signal }),
      ...(options.onProgress !== undefined && {
        fetch: fetchWithUploadProgress(options.onProgress),
      }),
    }),
    // an evidence `box` read as number[]: see saveDocument
  ) as Promise<DocumentResult | JobView>;
}

/**
 * Store the document with the reviewed record: a new licence, or a new version of the one with the
 * same number. `record` is sent only when the reviewer corrected something. A large document is
 * saved by a job (202): the answer is its result, once it is done.
 */
export async function saveDocument(
  file: File,
  record: Licence | null,
  /** the reason a mismatch or suspect document is saved anyway (audited) */
  acknowledge?: string,
  /** save even though fields regress from the current version (the reviewer confirmed) */
  force?: boolean,
): Promise<DocumentResult> {
  const query: DocumentsPost['parameters']['query'] = {
    save: 'true',
    name: file.name,
    ...(acknowledge !== undefined && { acknowledge }),
    ...(force === true && { force: 'true' }),
  };
  const answer = await call(
    api.POST('/api/v1/documents', {
      params: { query },
      body: multipart({ file, record: record === null ? undefined : JSON.stringify(record) }),
    }),
  );
  // openapi-fetch reads an evidence `box` as number[] (its Readable drops a tuple's length); the
  // server's schema sends exactly four numbers
  return isJobView(answer)
    ? ((await jobResult(answer.id)) as DocumentResult)
    : (answer as DocumentResult);
}

export type CheckBody =
  paths['/api/v1/checks']['post']['requestBody']['content']['application/json'];

/**
 * Run the checks on an edited record. With the document's evidence and page labels, the rules that
 * read the document (page sequence, irregular dates) run as they did on the upload, and findings
 * cite its lines.
 */
export function recheckLicence(body: CheckBody, signal: AbortSignal): Promise<Report> {
  return call(api.POST('/api/v1/checks', { body, signal }));
}

/** An authority's decision: why, and the decision's document number (文号). */
export interface Decision {
  readonly reason: string;
  readonly decisionNumber: string;
}

/** An authority issues a licence into its register from the reviewed record. */
export function issueLicence(
  licence: Licence,
  decision: Decision,
): Promise<Schemas['StoredLicence']> {
  return call(api.POST('/api/v1/register/licences', { body: { licence, ...decision } }));
}

/** An authority approves a change: the reviewed record becomes the register entry's new version. */
export function approveChange(
  number: string,
  licence: Licence,
  decision: Decision,
): Promise<Schemas['StoredLicence']> {
  return call(
    api.POST('/api/v1/register/licences/{number}/events', {
      params: { path: { number } },
      body: { kind: 'changed', licence, ...decision },
    }),
  );
}

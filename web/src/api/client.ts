/**
 * The only way the UI talks to the server: typed calls over the types generated from /openapi.json
 * (schema.d.ts, `npm run gen:api`), with openapi-fetch's call signatures (`api.GET(path, {params,
 * body})`, `{data, error, response}`). Errors become ApiError carrying the server's problem+json
 * (both languages). The session is the browser's cookie: every write sends the session's CSRF token
 * (`x-csrf-token`), and a 401 makes the UI read the session again, which ends it when the server
 * has (docs/accounts.md).
 *
 * openapi-fetch gives the types only: its runtime (6.5 kB in the shell every page loads) does far
 * more than the UI asks — path parameters, a flat query, a JSON or FormData body, the JSON answer —
 * so `send` below does that, and the pages keep 5 kB of their 300 kB budget (docs/web-ui.md).
 */
import type { Client } from 'openapi-fetch';
import { getSession, loadSession } from '../session';
import type { View } from './query-keys';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];

interface CallOptions extends Omit<RequestInit, 'body' | 'headers'> {
  readonly params?: {
    readonly path?: Readonly<Record<string, unknown>>;
    readonly query?: Readonly<Record<string, unknown>>;
  };
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** how this call is sent (an upload with progress) */
  readonly fetch?: (request: Request) => Promise<Response>;
}

const enc = encodeURIComponent;

/** `/licences/{number}` with its path parameters filled in, and the query's defined values. */
export function callUrl(path: string, params: CallOptions['params'] = {}): string {
  const filled = path.replace(/\{(\w+)\}/gu, (_, name: string) => enc(String(params.path?.[name])));
  const query = Object.entries(params.query ?? {})
    .filter(([, v]) => v !== undefined && v !== null)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${enc(k)}=${enc(String(x))}`))
    .join('&');
  return query === '' ? filled : `${filled}?${query}`;
}

async function send(method: string, path: string, options: CallOptions = {}) {
  // fetch is looked up at each call (not captured at load), so tests can stub it at any time
  const { params, body, headers, fetch = (r: Request) => globalThis.fetch(r), ...init } = options;
  const raw = body === undefined || body instanceof FormData;
  const request = new Request(callUrl(path, params), {
    ...init,
    method,
    // a FormData body sets its own multipart type and boundary
    headers: { ...(raw ? {} : { 'Content-Type': 'application/json' }), ...headers },
    body: raw ? (body ?? null) : JSON.stringify(body),
  });
  if (method !== 'GET') {
    // the CSRF token comes with the session: read it first when no page has yet
    await loadSession();
    const csrf = getSession()?.csrfToken;
    if (csrf !== undefined) request.headers.set('x-csrf-token', csrf);
  }
  const response = await fetch(request);
  sessionRefused(response);
  const text = response.status === 204 ? '' : await response.text();
  if (response.ok)
    return { data: text === '' ? undefined : (JSON.parse(text) as unknown), response };
  let error: unknown = text;
  try {
    error = JSON.parse(text);
  } catch {
    // not JSON: the text as it is
  }
  return { error, response };
}

/**
 * A 401 while signed in: the session may have ended (expired, signed out elsewhere, removed from
 * the organisation), or only this call was refused (a wrong current password). Reading the session
 * again tells which; when it has ended the shell sends the person to sign in, and back afterwards.
 */
export function sessionRefused(response: Response): void {
  if (response.status === 401 && getSession() != null) void loadSession(true);
}

const method =
  (name: string) =>
  (path: string, options?: CallOptions): ReturnType<typeof send> =>
    send(name, path, options);

/** Typed as openapi-fetch's client: a path the document lacks, or a wrong body, does not compile. */
export const api = {
  GET: method('GET'),
  POST: method('POST'),
  PUT: method('PUT'),
  PATCH: method('PATCH'),
  DELETE: method('DELETE'),
} as unknown as Pick<Client<paths>, 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'>;

/** A failed call: the server's problem document, or a network failure (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem> | null,
  ) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

function asProblem(error: unknown): Partial<Problem> | null {
  return typeof error === 'object' && error !== null ? error : null;
}

type Result<T> =
  | { data: T; error?: never; response: Response }
  | { data?: never; error: unknown; response: Response };

/** Await an `api` call: its data, or an ApiError. */
export async function call<T>(pending: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await pending;
  } catch (e) {
    throw new ApiError(0, { detail: e instanceof Error ? e.message : String(e) });
  }
  if (result.error !== undefined || !result.response.ok) {
    throw new ApiError(result.response.status, asProblem(result.error));
  }
  return result.data as T;
}

type Refresh = (head: View) => Promise<void>;
let refresher: Refresh | null = null;

/** How to re-read cached views: set by use-data.ts when it loads (the cache is SWR's, and lives there). */
export function setRefresher(refresh: Refresh): void {
  refresher = refresh;
}

/**
 * After a write, re-read every cached view whose key starts with one of `heads` ('licences',
 * 'licence' …). For a page that does not read through SWR itself (the upload page): until some page
 * has loaded use-data.ts, nothing is cached, so there is nothing to re-read and nothing to load.
 */
export async function refreshViews(...heads: readonly View[]): Promise<void> {
  const refresh = refresher;
  if (refresh !== null) await Promise.all(heads.map((h) => refresh(h)));
}

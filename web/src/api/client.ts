/**
 * The only way the UI talks to the server: openapi-fetch over the types generated from
 * /openapi.json (schema.d.ts, `npm run gen:api`). Errors become ApiError carrying the server's
 * problem+json (both languages); a 401 on an authenticated call ends the session.
 */
import createClient from 'openapi-fetch';
import { clearToken, getToken } from '../session';
import type { View } from './query-keys';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];

// fetch is looked up at each call (not captured at load), so tests can stub it at any time
export const api = createClient<paths>({
  baseUrl: '',
  fetch: (request) => globalThis.fetch(request),
});

api.use({
  onRequest({ request }) {
    const token = getToken();
    if (token !== null && !request.headers.has('authorization')) {
      request.headers.set('authorization', `Bearer ${token}`);
    }
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('authorization')) clearToken();
    return response;
  },
});

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

/** Await an openapi-fetch call: its data, or an ApiError. */
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

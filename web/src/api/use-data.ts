/**
 * Reading data: SWR over `call(api.GET(…))`, keyed by query-keys.ts. A key of null waits (a
 * missing parameter); after a write, `refresh('licence')` re-reads every view whose key starts with
 * that word (and so does `refreshViews('licence')` of client.ts, for a page that does not load SWR
 * itself).
 */
import useSWR, { mutate, type SWRConfiguration, type SWRResponse } from 'swr';
import { setRefresher, type ApiError } from './client';
import type { QueryKey, View } from './query-keys';

export type Key = QueryKey | null;

export function useData<T>(
  key: Key,
  fetcher: () => Promise<T>,
  options?: SWRConfiguration<T, ApiError>,
): SWRResponse<T, ApiError> {
  return useSWR<T, ApiError>(key, fetcher, {
    revalidateOnFocus: false,
    shouldRetryOnError: isRetryable,
    ...options,
  });
}

/**
 * Whether asking again may help: a network failure (status 0) or the server's own trouble (5xx).
 * A 4xx is the request's fault, or the caller's rights: it would answer the same again.
 */
export function isRetryable(error: unknown): boolean {
  const status = (error as Partial<ApiError> | null)?.status;
  return typeof status !== 'number' || status === 0 || status >= 500;
}

/** Re-read every cached view whose key starts with `head` (after a write). */
export async function refresh(head: View): Promise<void> {
  await mutate((key) => Array.isArray(key) && key[0] === head);
}

// pages that do not read through SWR (the upload page) refresh the views through client.ts
setRefresher(refresh);

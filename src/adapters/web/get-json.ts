/**
 * GET a JSON document from another xuke instance (a followed register, docs/elicence.md): bounded
 * in time (30 s) and size (64 MiB), no redirects, http(s) only. The operator names the source
 * (`xuke register follow URL`, XUKE_FOLLOW_SOURCES), so it is not held to the scan's address policy.
 */
import { DomainError } from '../../core/errors.js';

export async function getJson(url: string): Promise<unknown> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new DomainError(
      'INVALID_INPUT',
      `只能跟随 http(s) 地址：${url}`,
      `Only http(s) sources can be followed: ${url}`,
    );
  }
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(30_000), redirect: 'error' });
  } catch (e) {
    throw new DomainError(
      'FETCH_FAILED',
      `无法获取 ${url}：${why(e)}`,
      `Could not fetch ${url}: ${why(e)}`,
    );
  }
  const text = await response.text();
  if (text.length > 64 * 1024 * 1024) {
    throw new DomainError(
      'INPUT_TOO_LARGE',
      `${url} 的回答过大`,
      `The answer of ${url} is too large`,
    );
  }
  if (!response.ok) {
    throw new DomainError(
      'FETCH_FAILED',
      `${url} 回答 HTTP ${response.status}：${text.slice(0, 200)}`,
      `${url} answered HTTP ${response.status}: ${text.slice(0, 200)}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DomainError(
      'FETCH_FAILED',
      `${url} 的回答不是 JSON`,
      `The answer of ${url} is not JSON`,
    );
  }
}

/** undici says only "fetch failed"; the cause's code (ECONNREFUSED, ENOTFOUND …) says why. */
function why(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown; errors?: { code?: unknown }[] } } | null)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  // a refused connection to every address of the host: an AggregateError of them
  const first = cause?.errors?.[0]?.code;
  if (typeof first === 'string') return first;
  if (cause instanceof Error) return cause.message;
  if (e instanceof Error && e.name === 'TimeoutError') return 'timeout (30 s)';
  return e instanceof Error ? e.message : String(e);
}

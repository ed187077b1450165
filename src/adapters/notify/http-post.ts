/** JSON over HTTP POST for the webhook channels, with secrets kept out of every error message. */

/** A URL safe to print: query values and long path segments (tokens, keys) masked. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname
      .split('/')
      .map((seg) => (seg.length >= 16 ? '***' : seg))
      .join('/');
    const query = [...u.searchParams.keys()].map((k) => `${k}=***`).join('&');
    return `${u.protocol}//${u.host}${path}${query ? `?${query}` : ''}`;
  } catch {
    return '(invalid URL)';
  }
}

export interface PostResult {
  readonly status: number;
  readonly body: unknown;
}

/**
 * A POST that failed; `status` is the receiver's HTTP status when it answered. The message is
 * technical (for logs); `words` say what went wrong and what to do, for the person who tests a
 * webhook.
 */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  readonly words: { readonly zh: string; readonly en: string } | undefined;
  constructor(
    message: string,
    readonly status: number | null,
    options?: { cause?: unknown; words?: { readonly zh: string; readonly en: string } },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.words = options?.words;
  }
}

/**
 * How a channel POSTs its raw JSON body: `postJson` (fetch) by default; for webhooks the service
 * passes one through the SSRF guard (guarded-post.ts). Throws DeliveryError on failure.
 */
export type PostTransport = (
  url: string,
  body: string,
  headers: Readonly<Record<string, string>>,
) => Promise<PostResult>;

/** `text` as JSON when it is JSON, else the text itself (robots answer JSON; others may not). */
export function parseBody(text: string): unknown {
  try {
    return text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}

/** POST a JSON body; throws on a network error or a non-2xx status, naming the redacted URL. */
export async function postJson(
  url: string,
  body: unknown,
  options: { headers?: Record<string, string>; timeoutMs?: number; rawBody?: string } = {},
): Promise<PostResult> {
  const text = options.rawBody ?? JSON.stringify(body);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', ...options.headers },
      body: text,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (e) {
    const reason = e instanceof Error ? e.name : 'error';
    throw new DeliveryError(`POST ${redactUrl(url)} failed: ${reason}`, null, { cause: e });
  }
  const parsed = parseBody(await response.text());
  if (!response.ok) {
    throw new DeliveryError(`POST ${redactUrl(url)}: HTTP ${response.status}`, response.status);
  }
  return { status: response.status, body: parsed };
}

/** `postJson` as a transport. */
export const fetchTransport: PostTransport = (url, body, headers) =>
  postJson(url, null, { rawBody: body, headers: { ...headers } });

/** The robots answer HTTP 200 with an error code in the body: read it. */
export function robotError(body: unknown, codeField: string, messageField: string): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  const code = record[codeField];
  if (code === undefined || code === 0) return null;
  const message = record[messageField];
  const shown =
    typeof code === 'number' || typeof code === 'string' ? String(code) : JSON.stringify(code);
  return `${shown} ${typeof message === 'string' ? message : ''}`.trim();
}

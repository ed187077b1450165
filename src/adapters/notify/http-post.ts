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
    throw new Error(`POST ${redactUrl(url)} failed: ${reason}`, { cause: e });
  }
  const raw = await response.text();
  let parsed: unknown = raw;
  try {
    parsed = raw === '' ? null : JSON.parse(raw);
  } catch {
    // not JSON: keep the text
  }
  if (!response.ok) {
    throw new Error(`POST ${redactUrl(url)}: HTTP ${response.status}`);
  }
  return { status: response.status, body: parsed };
}

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

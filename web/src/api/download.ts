/**
 * Files the API serves only to the signed-in (a report's PDF, its attachments, the lists' CSV, an
 * obligation's evidence): a
 * link cannot carry the session's token, so the link's click fetches the file with it and hands the
 * bytes to the browser as a download. The link keeps its real address (for the reader, and for
 * "copy link" with a tool that sends a token).
 */
import { ApiError } from './client';
import { clearToken, getToken } from '../session';

/** `filename*=UTF-8''…` (RFC 6266) first, then a plain `filename="…"`. */
export function fileNameOf(disposition: string | null): string | null {
  if (disposition === null) return null;
  const star = /filename\*=UTF-8''([^;]+)/iu.exec(disposition);
  if (star?.[1] !== undefined) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // a malformed escape: try the plain name
    }
  }
  const plain = /filename="([^"]*)"/iu.exec(disposition);
  return plain?.[1] ?? null;
}

/** Fetch `url` with the session's token and save it as `fallbackName` (or the server's name). */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  const token = getToken();
  let response: Response;
  try {
    response = await globalThis.fetch(
      new Request(url, token === null ? {} : { headers: { authorization: `Bearer ${token}` } }),
    );
  } catch (e) {
    throw new ApiError(0, { detail: e instanceof Error ? e.message : String(e) });
  }
  if (response.status === 401 && token !== null) clearToken();
  if (!response.ok) {
    let problem: unknown = null;
    try {
      problem = await response.json();
    } catch {
      // no problem document
    }
    throw new ApiError(response.status, typeof problem === 'object' ? problem : null);
  }
  const blob = await response.blob();
  const name = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName;
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => {
    URL.revokeObjectURL(href);
  }, 10_000);
}

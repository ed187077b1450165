/**
 * Files the API serves only to the signed-in (a report's PDF, its attachments, the lists' CSV, an
 * obligation's evidence, the audit log's export): the link's click fetches the file with the
 * session's cookie, so that a refusal is said in words on the page rather than as a bare error
 * page, and hands the bytes to the browser as a download. The link keeps its real address (for the
 * reader, and for "open in a new tab").
 */
import { ApiError, sessionRefused } from './client';

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

/** Fetch `url` with the session and save it as `fallbackName` (or the server's name). */
export async function downloadFile(url: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await globalThis.fetch(new Request(url));
  } catch (e) {
    throw new ApiError(0, { detail: e instanceof Error ? e.message : String(e) });
  }
  sessionRefused(response);
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

/**
 * The web as the scan sees it: a guarded fetcher and a page renderer. Implementations refuse
 * targets the address policy (core/scan/address-policy.ts) refuses — before connecting — and
 * re-check every redirect; a refusal is a DomainError `TARGET_REFUSED` naming the target and rule.
 */
import type { BlockedRequest } from '../core/scan/scan-report.js';

/** What kind of response a caller accepts: a document (HTML, XHTML, text) or any subresource. */
export type FetchPurpose = 'document' | 'subresource';

export interface FetchRequest {
  readonly url: string;
  readonly purpose: FetchPurpose;
  /** request method for subresources the page makes (GET, HEAD, POST …); documents are GET */
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
}

export interface FetchedResponse {
  /** as asked */
  readonly url: string;
  /** after redirects */
  readonly finalUrl: string;
  /** each URL redirected to, in order */
  readonly redirects: readonly string[];
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly contentType: string;
  readonly body: Uint8Array;
}

export interface WebFetcher {
  /**
   * Fetch `request.url` through the guard, following at most the configured number of redirects,
   * each re-validated. Throws DomainError: TARGET_REFUSED (policy; nothing was connected to),
   * INPUT_TOO_LARGE (size cap), UNSUPPORTED_FORMAT (content type), FETCH_FAILED (network, time,
   * too many redirects, HTTP error status for a document).
   */
  fetch(request: FetchRequest): Promise<FetchedResponse>;
  /** Check a URL against the policy without connecting (a resolver may be asked). */
  check(url: string): Promise<void>;
}

/** A page as a person's browser shows it. */
export interface RenderedPage {
  readonly url: string;
  readonly finalUrl: string;
  /** the DOM serialised after scripts ran */
  readonly html: string;
  /** WebSocket URLs the page tried to open (refused: the scan never opens one) */
  readonly websockets: readonly string[];
  /** the page's requests the guard refused */
  readonly blocked: readonly BlockedRequest[];
  /** full-page PNG */
  readonly screenshot: Uint8Array;
}

export interface PageRenderer {
  /** Render `url` with every request of the page routed through `fetcher`. */
  render(url: string, fetcher: WebFetcher): Promise<RenderedPage>;
  close(): Promise<void>;
}

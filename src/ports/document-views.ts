/**
 * Showing a stored original as it is (对照原件): the media type it is sent as, and its pages as
 * images. The adapter is adapters/documents/page-images.ts.
 */
import type { StoredDocument } from './licence-store.js';

/** One page of a document as an image. */
export interface PageImage {
  readonly mediaType: 'image/png' | 'image/jpeg';
  readonly bytes: Uint8Array;
  /** pages in the document */
  readonly pages: number;
}

export interface DocumentViews {
  /** what the original is sent as: its format's type (a text's charset, a scan's image type) */
  mediaType(document: StoredDocument): string;
  /**
   * Page `page` (1-based) as an upright image; NOT_FOUND for a text document or a page past the
   * last. `name` is how messages name the document.
   */
  renderPage(document: StoredDocument, page: number, name: string): Promise<PageImage>;
}

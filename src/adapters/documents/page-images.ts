/**
 * A stored document's page as an image, for a person to compare the record with the original
 * (对照原件): a PDF page rasterised by pdf.js at PAGE_IMAGE_DPI as PNG; a page of a scanned image
 * (PNG, JPEG, a TIFF's pages) turned upright by its orientation tag as OCR turns it, and sent as
 * JPEG. Both within PAGE_IMAGE_MAX_PIXELS. A text document has no pages to show (NOT_FOUND), nor a
 * page past its last.
 */
import { sniffDocumentFormat } from '../../core/document-format.js';
import { DomainError } from '../../core/errors.js';
import { readImageHeader } from './image-document.js';
import type { DocumentViews, PageImage } from '../../ports/document-views.js';
import type { StoredDocument } from '../../ports/licence-store.js';
import { decodeText } from './text-document.js';

/** What a page image is shown at: a licence's smallest print stays legible, an A4 page ~1.5 MP. */
export const PAGE_IMAGE_DPI = 150;

/** At most this many pixels a page image (an A4 page at 150 dpi is 2.2 MP). */
export const PAGE_IMAGE_MAX_PIXELS = 4_000_000;

/** Longest side of a scanned page's image (its height, on an upright A4 page: 2400 × 1697). */
const IMAGE_MAX_SIDE = Math.floor(Math.sqrt(PAGE_IMAGE_MAX_PIXELS * Math.SQRT2));

function noSuchPage(name: string, page: number, pages: number): DomainError {
  return new DomainError(
    'NOT_FOUND',
    `${name}：没有第 ${page} 页（共 ${pages} 页）`,
    `${name}: there is no page ${page} (the document has ${pages})`,
  );
}

/** What an original is sent as, by its stored format (a scan's type told by its content). */
export function originalMediaType(document: StoredDocument): string {
  if (document.format === 'pdf') return 'application/pdf';
  if (document.format === 'text') {
    try {
      return `text/plain; charset=${decodeText(document.bytes, document.sha256).encoding}`;
    } catch {
      return 'text/plain';
    }
  }
  const sniffed = sniffDocumentFormat(document.bytes);
  return sniffed === 'png' || sniffed === 'jpeg' || sniffed === 'tiff'
    ? `image/${sniffed}`
    : 'application/octet-stream';
}

/** The originals as HttpDeps shows them. */
export const documentViews: DocumentViews = {
  mediaType: originalMediaType,
  renderPage: (document, page, name) => renderDocumentPage(document, page, name),
};

/** Page `page` (1-based) of a stored document as an image; NOT_FOUND for no such page. */
export async function renderDocumentPage(
  document: StoredDocument,
  page: number,
  name: string,
): Promise<PageImage> {
  const format = sniffDocumentFormat(document.bytes);
  if (format === 'pdf') return pdfPage(document.bytes, page, name);
  if (format === 'png' || format === 'jpeg' || format === 'tiff') {
    return imagePage(document.bytes, format, page, name);
  }
  throw new DomainError(
    'NOT_FOUND',
    `${name}：文本文件没有页面图像，请下载原件查看`,
    `${name}: a text document has no page images; download the original to read it`,
  );
}

async function pdfPage(bytes: Uint8Array, n: number, name: string): Promise<PageImage> {
  const { openPdf, renderPageRgba } = await import('./pdf-document.js');
  const doc = await openPdf(bytes, name);
  try {
    if (n > doc.numPages) throw noSuchPage(name, n, doc.numPages);
    const page = await doc.getPage(n);
    try {
      const { canvas } = await renderPageRgba(page, PAGE_IMAGE_DPI / 72, PAGE_IMAGE_MAX_PIXELS);
      return { mediaType: 'image/png', bytes: await canvas.encode('png'), pages: doc.numPages };
    } finally {
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
}

async function imagePage(
  bytes: Uint8Array,
  format: 'png' | 'jpeg' | 'tiff',
  n: number,
  name: string,
): Promise<PageImage> {
  const info = readImageHeader(bytes, format, name);
  const pages = info.pages.length;
  if (n > pages) throw noSuchPage(name, n, pages);
  const { default: sharp } = await import('sharp');
  try {
    const out = await sharp(bytes, { page: n - 1, failOn: 'error', limitInputPixels: 100_000_000 })
      .autoOrient()
      .resize({
        width: IMAGE_MAX_SIDE,
        height: IMAGE_MAX_SIDE,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 85 })
      .timeout({ seconds: 30 })
      .toBuffer();
    return { mediaType: 'image/jpeg', bytes: new Uint8Array(out), pages };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new DomainError(
      'UNREADABLE_DOCUMENT',
      `${name}：第 ${n} 页图像无法解码（${message.slice(0, 200)}）`,
      `${name}: page ${n}'s image could not be decoded (${message.slice(0, 200)})`,
      { cause: e },
    );
  }
}

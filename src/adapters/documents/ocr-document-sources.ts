/**
 * Every document text source xuke has, wired to one OCR engine: text, PDF (text layer, OCR for
 * scanned pages) and images (PNG, JPEG, TIFF). The composition roots call this; which engine and
 * which limits are their choice.
 */
import type { DocumentTextSources } from '../../ports/document-text-source.js';
import type { OcrEngine } from '../../ports/ocr-engine.js';
import { createImageDocumentSource } from './image-document.js';
import { createTesseractCliEngine } from './ocr-tesseract-cli.js';
import { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits, type OnProgress } from './ocr-pool.js';
import { createPdfDocumentSource } from './pdf-document.js';
import { textDocumentSource } from './text-document.js';

export interface DocumentSourcesOptions {
  /** the OCR engine; the `tesseract` CLI by default, configured by XUKE_TESSERACT / XUKE_TESSDATA */
  readonly ocr?: OcrEngine;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly limits?: DocumentLimits;
  readonly onProgress?: OnProgress | undefined;
}

/** The sources for `text`, `pdf`, `png`, `jpeg` and `tiff`. */
export function createDocumentTextSources(
  options: DocumentSourcesOptions = {},
): DocumentTextSources {
  const env = options.env ?? {};
  const binary = env['XUKE_TESSERACT'];
  const tessdataDir = env['XUKE_TESSDATA'];
  const ocr =
    options.ocr ??
    createTesseractCliEngine({
      ...(binary ? { binary } : {}),
      ...(tessdataDir ? { tessdataDir } : {}),
    });
  const limits = options.limits ?? DEFAULT_DOCUMENT_LIMITS;
  const progress = options.onProgress ? { onProgress: options.onProgress } : {};
  const image = createImageDocumentSource({ ocr, limits, ...progress });
  return {
    text: textDocumentSource,
    pdf: createPdfDocumentSource({ ocr, limits, ...progress }),
    png: image,
    jpeg: image,
    tiff: image,
  };
}

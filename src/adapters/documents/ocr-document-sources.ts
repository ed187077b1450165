/**
 * Every document text source xuke has, wired to one OCR engine: text, PDF (text layer, OCR for
 * scanned pages) and images (PNG, JPEG, TIFF). The composition roots call this; which engine and
 * which limits are their choice.
 */
import { availableParallelism } from 'node:os';
import type { DocumentTextSource, DocumentTextSources } from '../../ports/document-text-source.js';
import type { OcrEngine } from '../../ports/ocr-engine.js';
import { createImageDocumentSource } from './image-document.js';
import { createCombinedOcrEngine } from './ocr-combined.js';
import { createPaddleWorkerRecogniser, type LineRecogniser } from './ocr-paddle.js';
import { defaultOcrAdmission, type OcrAdmission } from './ocr-admission.js';
import { createTesseractCliEngine, type TesseractCliOptions } from './ocr-tesseract-cli.js';
import { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits, type OnProgress } from './ocr-pool.js';
import { textDocumentSource } from './text-document.js';

export interface DocumentSourcesOptions {
  /** the OCR engine; the `tesseract` CLI by default, configured by `tesseract` below */
  readonly ocr?: OcrEngine;
  /**
   * which engines read scans when `ocr` is not given (XUKE_OCR_ENGINES): `combined` (default),
   * Tesseract with PaddleOCR re-reading its doubtful lines; `tesseract` alone; `paddle`, PaddleOCR
   * reading every line Tesseract finds
   */
  readonly engines?: OcrEngineChoice;
  /** the `tesseract` CLI's executable and tessdata (XUKE_TESSERACT, XUKE_TESSDATA) */
  readonly tesseract?: TesseractCliOptions;
  readonly limits?: DocumentLimits;
  readonly onProgress?: OnProgress | undefined;
  /** the OCR limiter every page of every document passes; the process's default one if absent */
  readonly admission?: OcrAdmission;
  /** load the PDF reader now (a service, at start), not on the first PDF (the CLI) */
  readonly preload?: boolean;
}

export type OcrEngineChoice = 'combined' | 'tesseract' | 'paddle';

let sharedRecogniser: LineRecogniser | undefined;

/**
 * The OCR engine for a choice. The PaddleOCR recogniser is one per process, loaded on first use,
 * in `recogniserThreads` worker threads (default 2). The sources give it one per page the admission
 * lets in at once, since a page's lines are re-read one after another, but no more than the cores.
 */
export function createOcrEngine(
  choice: OcrEngineChoice,
  tesseract: TesseractCliOptions = {},
  recogniserThreads = 2,
): OcrEngine {
  const primary = createTesseractCliEngine(tesseract);
  if (choice === 'tesseract') return primary;
  sharedRecogniser ??= createPaddleWorkerRecogniser(undefined, recogniserThreads);
  return createCombinedOcrEngine({
    primary,
    recogniser: sharedRecogniser,
    ...(choice === 'paddle' ? { rereadBelow: Number.POSITIVE_INFINITY, prefer: 'paddle' } : {}),
  });
}

/**
 * The PDF source, built on first use: pdf.js and the canvas module take ~0.1 s to load, which every
 * CLI command (and `xuke --version`) would otherwise pay.
 */
function lazyPdfSource(
  options: Parameters<typeof import('./pdf-document.js').createPdfDocumentSource>[0],
  preload: boolean,
): DocumentTextSource {
  let source: Promise<DocumentTextSource> | undefined;
  const load = () =>
    (source ??= import('./pdf-document.js').then(async (m) => {
      await m.preloadPdfWorker();
      return m.createPdfDocumentSource(options);
    }));
  if (preload) {
    // A failure here surfaces, with its cause, on the first PDF; the service starts regardless.
    load().catch(() => undefined);
  }
  return {
    extract: async (bytes, name, extractOptions) =>
      (await load()).extract(bytes, name, extractOptions),
  };
}

/** The sources for `text`, `pdf`, `png`, `jpeg` and `tiff`. */
export function createDocumentTextSources(
  options: DocumentSourcesOptions = {},
): DocumentTextSources {
  const admission = options.admission ?? defaultOcrAdmission();
  const ocr =
    options.ocr ??
    createOcrEngine(
      options.engines ?? 'combined',
      options.tesseract,
      Math.min(admission.stats().pagesInFlight, availableParallelism()),
    );
  const limits = options.limits ?? DEFAULT_DOCUMENT_LIMITS;
  const progress = options.onProgress ? { onProgress: options.onProgress } : {};
  const image = createImageDocumentSource({ ocr, limits, admission, ...progress });
  return {
    text: textDocumentSource,
    pdf: lazyPdfSource({ ocr, limits, admission, ...progress }, options.preload ?? false),
    png: image,
    jpeg: image,
    tiff: image,
  };
}

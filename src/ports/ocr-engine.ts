/**
 * Optical character recognition of page images. Adapters: the Tesseract CLI (production) and
 * tesseract.js (compared in bench/documents.bench.ts; see docs/reading-documents.md).
 */
import type { GreyImage } from '../core/ocr/page-image.js';
import type { OcrLineGeometry } from '../core/ocr/tesseract-tsv.js';
import type { Orientation } from '../core/ocr/tesseract-osd.js';

export type { GreyImage, OcrLineGeometry, Orientation };

/** An encoded page image, as the OCR engine reads it. */
export interface OcrImage {
  readonly format: 'png' | 'jpeg' | 'tiff';
  readonly bytes: Uint8Array;
  /**
   * The page's grey pixels before binarisation, when the caller has them: an engine that re-reads
   * lines (ocr-combined.ts) cuts them from these rather than decoding `bytes` again.
   */
  readonly pixels?: GreyImage;
}

/** What the engine read from one page. */
export interface OcrPage {
  /** lines in reading order; spaces between Chinese characters already removed */
  readonly text: string;
  /** 0–1: the engine's own mean word confidence */
  readonly confidence: number;
  /** per line of `text`, the 0–1 confidence of each non-blank character; absent when the engine cannot tell */
  readonly characterConfidence?: readonly (readonly number[])[];
  /** the page image's size in pixels; absent (or 0) when the engine cannot tell */
  readonly width?: number;
  readonly height?: number;
  /** per line of `text`, where it sits on the page image (null for a blank line); absent when the engine cannot tell */
  readonly lines?: readonly (OcrLineGeometry | null)[];
}

export interface OcrOptions {
  /** abort the recognition (time limit or caller gone); the engine stops its work */
  readonly signal?: AbortSignal;
  /** how long the recognition may take before it is killed, in ms */
  readonly timeoutMs: number;
}

/**
 * Reads the text of one image. A multi-page TIFF yields one `OcrPage` per page. Fails with
 * `DomainError` INPUT_TOO_LARGE when it runs out of time and UNREADABLE_DOCUMENT when the image
 * cannot be decoded; anything else is a bug or a broken installation.
 */
export interface OcrEngine {
  readonly name: string;
  recognise(image: OcrImage, options: OcrOptions): Promise<OcrPage[]>;
  /** The image's orientation, when the engine can tell; `null` when it cannot (no model, no text). */
  detectOrientation?(image: OcrImage, options: OcrOptions): Promise<Orientation | null>;
}

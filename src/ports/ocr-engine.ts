/**
 * Optical character recognition of page images. Adapters: the Tesseract CLI (production) and
 * tesseract.js (compared in bench/documents.bench.ts; see docs/reading-documents.md).
 */
import type { Orientation } from '../core/ocr/tesseract-osd.js';

export type { Orientation };

/** An encoded page image, as the OCR engine reads it. */
export interface OcrImage {
  readonly format: 'png' | 'jpeg' | 'tiff';
  readonly bytes: Uint8Array;
}

/** What the engine read from one page. */
export interface OcrPage {
  /** lines in reading order; spaces between Chinese characters already removed */
  readonly text: string;
  /** 0–1: the engine's own mean word confidence */
  readonly confidence: number;
  /** per line of `text`, the 0–1 confidence of each non-blank character; absent when the engine cannot tell */
  readonly characterConfidence?: readonly (readonly number[])[];
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

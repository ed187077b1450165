import type { DocumentFormat } from '../core/document-format.js';
import type { Note, SourceFormat } from '../core/licence.js';
import type { TextConfidence } from '../core/ocr/doubtful-fields.js';
import type { LineGeometry } from '../core/ocr/line-geometry.js';

/** Text extracted from a document, ready for the text parser. */
export interface ExtractedText {
  readonly format: SourceFormat;
  /** the detected text encoding; null for PDF and images */
  readonly encoding: string | null;
  /** the text; pages separated by form feeds (\f) where the source knows its pages */
  readonly text: string;
  /** 1 for a text layer; the OCR engine's confidence for scans */
  readonly baseConfidence: number;
  /** how sure OCR was of each character, per line of `text`; absent when nothing was OCR-read */
  readonly characterConfidence?: TextConfidence;
  /** what the extraction itself could not do cleanly */
  readonly notes: readonly Note[];
  /** the document's page count (PDF pages, image pages); absent for text */
  readonly pages?: number;
  /** per line of `text` (as `splitLines` numbers them), where OCR read it; absent when nothing was */
  readonly lineGeometry?: readonly (LineGeometry | null)[];
}

/** Whose document this is and when to stop: threaded down to the OCR engine's processes. */
export interface ExtractOptions {
  /** the caller's abort (the client disconnected, the job was cancelled): the work stops */
  readonly signal?: AbortSignal | undefined;
  /** the organisation whose work this is: OCR pages are shared fairly between organisations */
  readonly organisation?: string | undefined;
  /** charged with the pages to OCR before any is read; throws (RATE_LIMITED) to refuse */
  readonly chargePages?: ((pages: number) => Promise<void>) | undefined;
}

/**
 * Reads the text out of one kind of document. The text adapter decodes bytes; the PDF and OCR
 * adapters (their own issue) plug in here for `pdf`, `png`, `jpeg` and `tiff`.
 * Expected failures are `DomainError`s (UNREADABLE_DOCUMENT, INPUT_TOO_LARGE).
 */
export interface DocumentTextSource {
  extract(bytes: Uint8Array, name: string, options?: ExtractOptions): Promise<ExtractedText>;
}

export type DocumentTextSources = Partial<Record<DocumentFormat, DocumentTextSource>>;

/** Content hashing (sha256, lower-case hex). */
export interface Hasher {
  sha256(bytes: Uint8Array): string;
}

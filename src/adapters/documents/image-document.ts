/**
 * Scanned licences as images: PNG, JPEG and TIFF (multi-page), detected by content. Sizes and page
 * counts are read from the header and checked against the limits before any OCR starts. The images
 * go to the OCR engine as they are: Tesseract binarises them itself, and neither scaling nor
 * deskewing improved the fixture scans (docs/reading-documents.md).
 */
import { sniffDocumentFormat } from '../../core/document-format.js';
import { DomainError } from '../../core/errors.js';
import { combinePageConfidence } from '../../core/ocr/confidence.js';
import { readImageInfo } from '../../core/ocr/image-info.js';
import type { Note } from '../../core/licence.js';
import type { DocumentTextSource, ExtractedText } from '../../ports/document-text-source.js';
import type { OcrEngine, OcrPage } from '../../ports/ocr-engine.js';
import {
  DEFAULT_DOCUMENT_LIMITS,
  pageLimitError,
  pixelLimitError,
  runPool,
  type DocumentLimits,
  type OnProgress,
} from './ocr-pool.js';

export interface ImageDocumentSourceOptions {
  readonly ocr: OcrEngine;
  readonly limits?: DocumentLimits;
  readonly onProgress?: OnProgress;
}

/** The `DocumentTextSource` for `png`, `jpeg` and `tiff`. */
export function createImageDocumentSource(options: ImageDocumentSourceOptions): DocumentTextSource {
  const limits = options.limits ?? DEFAULT_DOCUMENT_LIMITS;
  return {
    async extract(bytes: Uint8Array, name: string): Promise<ExtractedText> {
      const format = sniffDocumentFormat(bytes);
      if (format !== 'png' && format !== 'jpeg' && format !== 'tiff') {
        throw new DomainError(
          'UNSUPPORTED_FORMAT',
          `${name}：不是支持的图片格式（支持 PNG、JPEG、TIFF）`,
          `${name}: not a supported image format (PNG, JPEG and TIFF are)`,
        );
      }
      const info = readImageInfo(bytes, format);
      if (!info.ok) {
        throw new DomainError(
          'UNREADABLE_DOCUMENT',
          `${name}：${info.reason}`,
          `${name}: ${info.reasonEn}`,
        );
      }
      if (info.pages.length > limits.maxPages) {
        throw pageLimitError(name, info.pages.length, limits.maxPages);
      }
      info.pages.forEach((p, i) => {
        if (p.width * p.height > limits.maxPixelsPerPage) {
          throw pixelLimitError(name, i + 1, p.width, p.height, limits.maxPixelsPerPage);
        }
        if (p.width === 0 || p.height === 0) {
          throw new DomainError(
            'UNREADABLE_DOCUMENT',
            `${name}：第 ${i + 1} 页图像尺寸为 0`,
            `${name}: page ${i + 1} has no pixels`,
          );
        }
      });
      const pages = info.pages.length;
      // One engine run reads the whole image: a multi-page TIFF gets the time of all its pages.
      const [read = []] = await runPool(
        1,
        (_i, signal): Promise<OcrPage[]> =>
          options.ocr.recognise(
            { format, bytes },
            { signal, timeoutMs: Math.min(limits.pageTimeoutMs * pages, limits.totalTimeoutMs) },
          ),
        {
          limits,
          name,
          ...(options.onProgress
            ? {
                onProgress: (p) => {
                  options.onProgress?.({ ...p, done: p.done * pages, total: pages });
                },
              }
            : {}),
        },
      );
      const notes: Note[] = [];
      if (read.length !== pages) {
        notes.push({
          field: 'document',
          message: `${name}：图像有 ${pages} 页，文字识别读出 ${read.length} 页`,
          messageEn: `${name}: the image has ${pages} page(s); OCR returned ${read.length}`,
          line: null,
        });
      }
      const confidence = combinePageConfidence(
        read.map((p) => ({ confidence: p.confidence, characters: p.text.length })),
      );
      notes.push({
        field: 'document',
        message: `${name}：扫描件，经文字识别读取（${pages} 页，置信度 ${confidence.toFixed(2)}），请核对`,
        messageEn: `${name}: a scan read by OCR (${pages} page(s), confidence ${confidence.toFixed(2)}); please review`,
        line: null,
      });
      return {
        format: 'image',
        encoding: null,
        text: read.map((p) => p.text).join('\f'),
        baseConfidence: confidence,
        notes,
      };
    },
  };
}

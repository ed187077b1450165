/**
 * Scanned licences as images: PNG, JPEG and TIFF (multi-page), detected by content. Sizes and page
 * counts are read from the header and checked against the limits before any OCR starts. PNG and
 * JPEG are decoded here (Skia, through @napi-rs/canvas) and go to OCR as the PDF scans do: the red
 * channel, so a red seal stamped over the text fades, binarised with Otsu's threshold, as a 1-bit
 * TIFF with the resolution the header states. TIFF goes to the engine undecoded, one page a run,
 * the pages of a multi-page TIFF in parallel in the pool; it keeps the engine's own grey conversion. Neither scaling nor deskewing improved the
 * fixture scans (docs/reading-documents.md).
 */
import { sniffDocumentFormat } from '../../core/document-format.js';
import { DomainError } from '../../core/errors.js';
import { combinePageConfidence } from '../../core/ocr/confidence.js';
import { readImageInfo, tiffPage } from '../../core/ocr/image-info.js';
import {
  binarise,
  encodeBilevelTiff,
  greyFromDecodedImage,
  IMAGE_KIND,
  rotateGrey,
} from '../../core/ocr/page-image.js';
import type { Note } from '../../core/licence.js';
import type { DocumentTextSource, ExtractedText } from '../../ports/document-text-source.js';
import type { OcrEngine, OcrPage } from '../../ports/ocr-engine.js';
import {
  DEFAULT_DOCUMENT_LIMITS,
  pageLimitError,
  pixelLimitError,
  runPipeline,
  runPool,
  type DocumentLimits,
  type OnProgress,
} from './ocr-pool.js';
import { recogniseUpright, type TurnableImage } from './upright.js';

export interface ImageDocumentSourceOptions {
  readonly ocr: OcrEngine;
  readonly limits?: DocumentLimits;
  readonly onProgress?: OnProgress;
}

/**
 * A PNG or JPEG as the OCR engine reads it best: decoded, red channel, binarised, 1-bit TIFF.
 * Transparent parts show white paper. The canvas module is loaded on the first image.
 */
async function imageForOcr(
  bytes: Uint8Array,
  name: string,
  dpi: number | undefined,
): Promise<TurnableImage> {
  const { createCanvas, loadImage } = await import('@napi-rs/canvas');
  let image: Awaited<ReturnType<typeof loadImage>>;
  try {
    image = await loadImage(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch (e) {
    throw new DomainError(
      'UNREADABLE_DOCUMENT',
      `${name}：图片无法解码（${e instanceof Error ? e.message : String(e)}）`,
      `${name}: the image could not be decoded (${e instanceof Error ? e.message : String(e)})`,
      { cause: e },
    );
  }
  const { width, height } = image;
  const canvas = createCanvas(width, height);
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.drawImage(image, 0, 0);
  const rgba = context.getImageData(0, 0, width, height).data;
  const grey = greyFromDecodedImage({ width, height, kind: IMAGE_KIND.RGBA_32BPP }, rgba);
  if (grey === null) {
    throw new DomainError(
      'UNREADABLE_DOCUMENT',
      `${name}：图片无法解码`,
      `${name}: the image could not be decoded`,
    );
  }
  // Tesseract's own range of credible resolutions; outside it, it estimates from the text.
  const credible = dpi !== undefined && dpi >= 70 && dpi <= 2400 ? dpi : null;
  return {
    image: { format: 'tiff', bytes: encodeBilevelTiff(binarise(grey), credible) },
    turn: (degrees) => ({
      format: 'tiff',
      bytes: encodeBilevelTiff(binarise(rotateGrey(grey, degrees)), credible),
    }),
  };
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
      const progress = options.onProgress ? { onProgress: options.onProgress } : {};
      let read: OcrPage[];
      let turnedBy = 0;
      if (format === 'tiff' && pages > 1) {
        // A multi-page TIFF is cut into one TIFF a page (no decoding: the header and the page's
        // directory are re-pointed), each read by its own engine run in the pool, so its pages are
        // read in parallel, each within the page time limit.
        const results = await runPipeline(
          pages,
          (i) => {
            const size = info.pages[i];
            return Promise.resolve({ value: i, cost: (size?.width ?? 0) * (size?.height ?? 0) });
          },
          async (i, _i, signal): Promise<OcrPage> => {
            // Cut here, not ahead: at most one copy of the file per page being read.
            const page = tiffPage(bytes, i);
            if (page === null) {
              throw new DomainError(
                'UNREADABLE_DOCUMENT',
                `${name}：第 ${i + 1} 页无法读取（TIFF 页目录无效）`,
                `${name}: page ${i + 1} cannot be read (invalid TIFF directory)`,
              );
            }
            const [first] = await options.ocr.recognise(
              { format: 'tiff', bytes: page },
              { signal, timeoutMs: limits.pageTimeoutMs },
            );
            return first ?? { text: '', confidence: 0 };
          },
          { limits, name, ...progress },
        );
        read = results.map((r) => r ?? { text: '', confidence: 0 });
      } else {
        const [one] = await runPool(
          1,
          async (_i, signal) => {
            const options_ = { signal, timeoutMs: limits.pageTimeoutMs };
            if (format === 'tiff') return options.ocr.recognise({ format, bytes }, options_);
            const input = await imageForOcr(bytes, name, info.pages[0]?.dpi);
            const { page, turned } = await recogniseUpright(options.ocr, input, options_);
            turnedBy = turned;
            return [page];
          },
          { limits, name, ...progress },
        );
        read = one ?? [];
      }
      const notes: Note[] = [];
      if (read.length !== pages) {
        notes.push({
          field: 'document',
          message: `${name}：图像有 ${pages} 页，文字识别读出 ${read.length} 页`,
          messageEn: `${name}: the image has ${pages} page(s); OCR returned ${read.length}`,
          line: null,
        });
      }
      if (turnedBy !== 0) {
        notes.push({
          field: 'document',
          message: `${name}：图像方向不正，已顺时针旋转 ${turnedBy}° 后识别`,
          messageEn: `${name}: the image was not upright; read after turning it ${turnedBy}° clockwise`,
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

/**
 * Scanned licences as images: PNG, JPEG and TIFF (multi-page), detected by content. Sizes and page
 * counts are read from the header and checked against the limits before anything is decoded. Each
 * page is decoded by libvips (sharp) and goes to OCR as the PDF scans do: turned upright by its
 * orientation tag (a phone photo's EXIF, a TIFF's), grey with red ink taken out, so a red seal
 * stamped over the text fades (page-image.ts `inkGrey`, as for every page OCR reads), binarised
 * with Otsu's threshold, as a 1-bit TIFF with the resolution the file states;
 * a page on its side is turned by orientation detection. The pages of a multi-page TIFF are read in
 * parallel in the pool. Neither scaling nor deskewing improved the fixture scans
 * (docs/reading-documents.md).
 */
import type SharpFn from 'sharp';
import { sniffDocumentFormat } from '../../core/document-format.js';
import { DomainError } from '../../core/errors.js';
import { combinePageConfidence } from '../../core/ocr/confidence.js';
import { documentTextConfidence } from '../../core/ocr/doubtful-fields.js';
import { documentLineGeometry } from '../../core/ocr/line-geometry.js';
import { readImageInfo } from '../../core/ocr/image-info.js';
import {
  binarise,
  encodeBilevelTiff,
  greyFromDecodedImage,
  IMAGE_KIND,
  rotateGrey,
  type GreyImage,
} from '../../core/ocr/page-image.js';
import { deskew } from '../../core/ocr/deskew.js';
import { eraseRules } from '../../core/ocr/rules.js';
import type { Note } from '../../core/licence.js';
import type {
  DocumentTextSource,
  ExtractedText,
  ExtractOptions,
} from '../../ports/document-text-source.js';
import type { OcrEngine } from '../../ports/ocr-engine.js';
import type { OcrAdmission } from './ocr-admission.js';
import {
  admissionOf,
  DEFAULT_DOCUMENT_LIMITS,
  pageLimitError,
  pixelLimitError,
  runPipeline,
  type DocumentLimits,
  type OnProgress,
} from './ocr-pool.js';
import { recogniseUpright, turnedNote, type TurnableImage } from './upright.js';

export interface ImageDocumentSourceOptions {
  readonly ocr: OcrEngine;
  readonly limits?: DocumentLimits;
  readonly onProgress?: OnProgress;
  /** the process's OCR limiter; without it each document runs on its own pool */
  readonly admission?: OcrAdmission;
}

function undecodable(name: string, detail: string): DomainError {
  return new DomainError(
    'UNREADABLE_DOCUMENT',
    `${name}：图片无法解码（${detail}）`,
    `${name}: the image could not be decoded (${detail})`,
  );
}

let loadingSharp: Promise<typeof SharpFn> | undefined;

/**
 * sharp (libvips), loaded on the first image, so a CLI command that reads none does not pay the
 * 0.2 s its native library takes to load. Its operation cache is off: every upload is decoded once
 * and should not stay in memory.
 */
function loadSharp(): Promise<typeof SharpFn> {
  loadingSharp ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    return sharp;
  });
  return loadingSharp;
}

/** Tesseract's own range of credible resolutions; outside it, it estimates from the text. */
function credibleDpi(dpi: number | undefined): number | null {
  return dpi !== undefined && dpi >= 70 && dpi <= 2400 ? Math.round(dpi) : null;
}

/**
 * One page of an image as the OCR engine reads it best: decoded by libvips (sharp), turned upright
 * by its orientation tag, transparency shown as paper, grey without red ink, binarised, 1-bit
 * TIFF; and the same turned, should the page lie on its side. `page` picks a page of a multi-page
 * TIFF. `dpi` is the header's (PNG, JPEG), or `tag` for the decoder to read a TIFF's.
 */
async function imageForOcr(
  bytes: Uint8Array,
  name: string,
  page: number,
  dpi: number | 'tag' | undefined,
  limits: { readonly maxPixels: number; readonly timeoutMs: number },
): Promise<TurnableImage> {
  const sharp = await loadSharp();
  let grey: GreyImage;
  let skew: number;
  let density: number | undefined;
  try {
    // failOn 'error': a truncated or corrupt file is refused with libvips' reason rather than read
    // in part (a page cut off would parse as a licence missing its lower half); warnings pass.
    const image = sharp(bytes, { page, failOn: 'error', limitInputPixels: limits.maxPixels });
    // A TIFF's resolution tag is read by the decoder; PNG and JPEG state theirs in the header.
    density = dpi === 'tag' ? (await image.metadata()).density : dpi;
    const { data, info } = await image
      .autoOrient()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .timeout({ seconds: Math.max(1, Math.ceil(limits.timeoutMs / 1000)) })
      .toBuffer({ resolveWithObject: true });
    // sRGB with alpha removed is three channels (fewer would fail the length check: null).
    const kind = IMAGE_KIND.RGB_24BPP;
    const decoded = greyFromDecodedImage({ width: info.width, height: info.height, kind }, data);
    if (decoded === null) throw new Error(`${info.channels} channels after conversion to sRGB`);
    // turned level (core/ocr/deskew.ts), then ruled lines off (a table's grid: core/ocr/rules.ts)
    const level = deskew(decoded);
    skew = level.degrees;
    grey = eraseRules(level.image).image;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/timeout/iu.test(message)) {
      throw new DomainError(
        'INPUT_TOO_LARGE',
        `${name}：图片解码超过 ${limits.timeoutMs} 毫秒`,
        `${name}: decoding the image took longer than ${limits.timeoutMs} ms`,
        { cause: e },
      );
    }
    const reason = message.replace(/\s+/gu, ' ').replace(/:\s*$/u, '').trim();
    throw undecodable(name, reason.slice(0, 200));
  }
  const resolution = credibleDpi(density);
  return {
    image: { format: 'tiff', bytes: encodeBilevelTiff(binarise(grey), resolution), pixels: grey },
    turn: (degrees) => {
      const turned = rotateGrey(grey, degrees);
      return {
        format: 'tiff',
        bytes: encodeBilevelTiff(binarise(turned), resolution),
        pixels: turned,
      };
    },
    skew,
  };
}

/** The image's pages and sizes from its header, or UNREADABLE_DOCUMENT naming what is wrong. */
export function readImageHeader(bytes: Uint8Array, format: 'png' | 'jpeg' | 'tiff', name: string) {
  const info = readImageInfo(bytes, format);
  if (!info.ok) {
    throw new DomainError(
      'UNREADABLE_DOCUMENT',
      `${name}：${info.reason}`,
      `${name}: ${info.reasonEn}`,
    );
  }
  return info;
}

/** The `DocumentTextSource` for `png`, `jpeg` and `tiff`. */
export function createImageDocumentSource(options: ImageDocumentSourceOptions): DocumentTextSource {
  const limits = options.limits ?? DEFAULT_DOCUMENT_LIMITS;
  return {
    async extract(
      bytes: Uint8Array,
      name: string,
      extractOptions: ExtractOptions = {},
    ): Promise<ExtractedText> {
      const format = sniffDocumentFormat(bytes);
      if (format !== 'png' && format !== 'jpeg' && format !== 'tiff') {
        throw new DomainError(
          'UNSUPPORTED_FORMAT',
          `${name}：不是支持的图片格式（支持 PNG、JPEG、TIFF）`,
          `${name}: not a supported image format (PNG, JPEG and TIFF are)`,
        );
      }
      const info = readImageHeader(bytes, format, name);
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
      // One engine run a page, in the pool, each within the page time limit; the largest first.
      const results = await runPipeline(
        pages,
        (i) => {
          const size = info.pages[i];
          return Promise.resolve({ value: i, cost: (size?.width ?? 0) * (size?.height ?? 0) });
        },
        async (i, _i, signal) => {
          const ocrOptions = { signal, timeoutMs: limits.pageTimeoutMs };
          const dpi = format === 'tiff' ? 'tag' : info.pages[i]?.dpi;
          const input = await imageForOcr(bytes, name, i, dpi, {
            maxPixels: limits.maxPixelsPerPage,
            timeoutMs: limits.pageTimeoutMs,
          });
          signal.throwIfAborted();
          return recogniseUpright(options.ocr, input, ocrOptions);
        },
        {
          limits,
          name,
          onProgress: options.onProgress,
          signal: extractOptions.signal,
          admission: admissionOf(options.admission, extractOptions),
        },
      );
      const read = results.map((r) => r?.page ?? { text: '', confidence: 0 });
      const notes: Note[] = [];
      results.forEach((r, i) => {
        if (r && r.turned !== 0) notes.push(turnedNote(name, pages === 1 ? null : i + 1, r.turned));
      });
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
        characterConfidence: documentTextConfidence(read),
        notes,
        pages,
        lineGeometry: documentLineGeometry(read),
      };
    },
  };
}

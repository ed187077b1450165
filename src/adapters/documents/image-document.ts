/**
 * Scanned licences as images: PNG, JPEG and TIFF (multi-page), detected by content. Sizes and page
 * counts are read from the header and checked against the limits before any OCR starts. PNG and
 * JPEG are decoded by Skia (@napi-rs/canvas) in a child process and go to OCR as the PDF scans do:
 * the red channel, so a red seal stamped over the text fades, binarised with Otsu's threshold, as a
 * 1-bit TIFF with the resolution the header states. TIFF goes to the engine undecoded, one page a
 * run, the pages of a multi-page TIFF in parallel in the pool; it keeps the engine's own grey
 * conversion. Neither scaling nor deskewing improved the fixture scans (docs/reading-documents.md).
 */
import { createRequire } from 'node:module';
import { sniffDocumentFormat } from '../../core/document-format.js';
import { DomainError } from '../../core/errors.js';
import { combinePageConfidence } from '../../core/ocr/confidence.js';
import { documentTextConfidence } from '../../core/ocr/doubtful-fields.js';
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
import type { OcrEngine } from '../../ports/ocr-engine.js';
import {
  DEFAULT_DOCUMENT_LIMITS,
  pageLimitError,
  pixelLimitError,
  runPipeline,
  type DocumentLimits,
  type OnProgress,
} from './ocr-pool.js';
import { runChild } from './child-run.js';
import { recogniseUpright, turnedNote, type TurnableImage } from './upright.js';

export interface ImageDocumentSourceOptions {
  readonly ocr: OcrEngine;
  readonly limits?: DocumentLimits;
  readonly onProgress?: OnProgress;
}

/**
 * `@napi-rs/canvas`'s entry, for the decoder to import wherever it runs from; looked up on the
 * first image, not when a CLI command that reads none starts.
 */
let canvasEntry: string | undefined;
const canvasEntryPath = (): string =>
  (canvasEntry ??= createRequire(import.meta.url).resolve('@napi-rs/canvas'));

/**
 * The decoder, run by `node` as a child process: Skia crashed (SIGSEGV) on a PNG whose header
 * promised an image and held no data, and a crash must take a child down, not the service. It
 * reads the image on stdin, paints it on white (transparency shows paper; a JPEG's EXIF orientation
 * is applied) and prints width and height (uint32, little-endian) and the RGBA pixels (converting
 * them there, in a process too short-lived for the JIT to warm up, measured slower than sending 4×
 * the bytes).
 */
const DECODER = `
const { readFileSync } = await import('node:fs');
const { pathToFileURL } = await import('node:url');
const { createCanvas, loadImage } = await import(pathToFileURL(process.argv[1]).href);
const image = await loadImage(readFileSync(0));
const canvas = createCanvas(image.width, image.height);
const context = canvas.getContext('2d');
context.fillStyle = '#ffffff';
context.fillRect(0, 0, image.width, image.height);
context.drawImage(image, 0, 0);
const { data } = context.getImageData(0, 0, image.width, image.height);
const header = Buffer.alloc(8);
header.writeUInt32LE(image.width, 0);
header.writeUInt32LE(image.height, 4);
process.stdout.write(header);
process.stdout.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
`;

function undecodable(name: string, detail: string): DomainError {
  return new DomainError(
    'UNREADABLE_DOCUMENT',
    `${name}：图片无法解码（${detail}）`,
    `${name}: the image could not be decoded (${detail})`,
  );
}

/**
 * A PNG or JPEG as the OCR engine reads it best: decoded (in a child process), red channel,
 * binarised, 1-bit TIFF; and the same turned, should the page lie on its side.
 */
async function imageForOcr(
  bytes: Uint8Array,
  name: string,
  dpi: number | undefined,
  options: { readonly signal: AbortSignal; readonly timeoutMs: number },
): Promise<TurnableImage> {
  const r = await runChild(
    process.execPath,
    ['--input-type=module', '-e', DECODER, canvasEntryPath()],
    bytes,
    {
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      timeoutError: () =>
        new DomainError(
          'INPUT_TOO_LARGE',
          `${name}：图片解码超过 ${options.timeoutMs} 毫秒`,
          `${name}: decoding the image took longer than ${options.timeoutMs} ms`,
        ),
      startError: (e) => undecodable(name, e.message),
    },
  );
  if (r.code !== 0) {
    const detail =
      r.signal !== null
        ? `decoder crashed: ${r.signal}`
        : (r.stderr
            .trim()
            .split('\n')
            .find((l) => /Error/u.test(l)) ?? `exit ${r.code ?? '?'}`);
    throw undecodable(name, detail);
  }
  const width = r.stdout.length >= 8 ? r.stdout.readUInt32LE(0) : 0;
  const height = r.stdout.length >= 8 ? r.stdout.readUInt32LE(4) : 0;
  const rgba = r.stdout.subarray(8);
  const grey =
    rgba.length === width * height * 4
      ? greyFromDecodedImage({ width, height, kind: IMAGE_KIND.RGBA_32BPP }, rgba)
      : null;
  if (grey === null) throw undecodable(name, 'no pixels');
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
      // One engine run a page, in the pool: a multi-page TIFF is cut into one TIFF a page (no
      // decoding: the header and the page's directory are re-pointed), so its pages are read in
      // parallel, each within the page time limit; a PNG or JPEG is decoded and may be turned.
      const results = await runPipeline(
        pages,
        (i) => {
          const size = info.pages[i];
          return Promise.resolve({ value: i, cost: (size?.width ?? 0) * (size?.height ?? 0) });
        },
        async (i, _i, signal) => {
          const ocrOptions = { signal, timeoutMs: limits.pageTimeoutMs };
          if (format !== 'tiff') {
            const input = await imageForOcr(bytes, name, info.pages[0]?.dpi, ocrOptions);
            return recogniseUpright(options.ocr, input, ocrOptions);
          }
          // Cut here, not ahead: at most one copy of the file per page being read.
          const page = pages === 1 ? bytes : tiffPage(bytes, i);
          if (page === null) {
            throw new DomainError(
              'UNREADABLE_DOCUMENT',
              `${name}：第 ${i + 1} 页无法读取（TIFF 页目录无效）`,
              `${name}: page ${i + 1} cannot be read (invalid TIFF directory)`,
            );
          }
          const [first] = await options.ocr.recognise({ format: 'tiff', bytes: page }, ocrOptions);
          return { page: first ?? { text: '', confidence: 0 }, turned: 0 as const };
        },
        { limits, name, ...(options.onProgress ? { onProgress: options.onProgress } : {}) },
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
      };
    },
  };
}

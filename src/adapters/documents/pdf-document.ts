/**
 * PDF licences: the text layer through pdf.js (legacy build, for Node 20), with the Adobe CMaps and
 * standard fonts configured so Chinese text in CID fonts is not silently lost. Pages whose text
 * layer holds too little Chinese (scans assembled into a PDF, text drawn as paths) are read by OCR
 * instead: a page that is one scanned image goes to OCR as that image's pixels, any other page is
 * rasterised (docs/reading-documents.md). Pages are joined with form feeds, so the parser sees page
 * boundaries.
 */
// first: it keeps JSON's native functions before pdf.js replaces them (native-json.ts)
import { restoreNativeJson } from './native-json.js';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import {
  getDocument,
  OPS,
  type PDFDocumentProxy,
  type PDFPageProxy,
} from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DomainError } from '../../core/errors.js';
import type { Note } from '../../core/licence.js';
import { cleanExtractedText, countIdeographs } from '../../core/ocr/cjk-text.js';
import { combinePageConfidence } from '../../core/ocr/confidence.js';
import { documentTextConfidence, type PageText } from '../../core/ocr/doubtful-fields.js';
import { documentLineGeometry, type PageGeometry } from '../../core/ocr/line-geometry.js';
import {
  binarise,
  countInk,
  encodeBilevelTiff,
  encodeGreyTiff,
  findFullPageImage,
  greyFromDecodedImage,
  IMAGE_KIND,
  rotateGrey,
} from '../../core/ocr/page-image.js';
import { deskew } from '../../core/ocr/deskew.js';
import { eraseRules } from '../../core/ocr/rules.js';
import { layoutTextRuns, type TextRun } from '../../core/ocr/text-layout.js';
import type {
  DocumentTextSource,
  ExtractedText,
  ExtractOptions,
} from '../../ports/document-text-source.js';
import type { OcrEngine } from '../../ports/ocr-engine.js';
import { recogniseUpright, turnedNote, type TurnableImage } from './upright.js';
import type { OcrAdmission } from './ocr-admission.js';
import {
  admissionOf,
  DEFAULT_DOCUMENT_LIMITS,
  pageLimitError,
  runPipeline,
  type DocumentLimits,
  type Prepared,
  type OnProgress,
} from './ocr-pool.js';

restoreNativeJson();

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
/** pdf.js in Node reads these with fs: plain directory paths with a trailing separator. */
const PDFJS_DATA = {
  cMapUrl: join(pdfjsRoot, 'cmaps') + '/',
  cMapPacked: true,
  standardFontDataUrl: join(pdfjsRoot, 'standard_fonts') + '/',
  wasmUrl: join(pdfjsRoot, 'wasm') + '/',
  iccUrl: join(pdfjsRoot, 'iccs') + '/',
} as const;

/**
 * Load pdf.js's worker code now rather than on the first document. In Node pdf.js runs its worker
 * on this thread (a "fake worker") and imports the module the first time a document is opened:
 * 0.13–0.17 CPU-s under node, which a service pays at start instead of on its first upload.
 */
export async function preloadPdfWorker(): Promise<void> {
  const g = globalThis as { pdfjsWorker?: unknown };
  g.pdfjsWorker ??= await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  restoreNativeJson();
}

/**
 * Rasterisation resolution for OCR, chosen by measurement (docs/reading-documents.md): at 200 dpi
 * the fixture pages read with a character error rate of 0.8 % in 1.2 s of CPU a page; 300 dpi reads
 * no better (1.2 %) in 1.7 s; 150 dpi loses characters (1.0 %).
 */
export const OCR_DPI = 200;

/**
 * A page whose text layer has fewer ideographs than this is read by OCR when it paints an image.
 * A licence page carries hundreds; a page of page furniture alone a dozen or so.
 */
export const MIN_IDEOGRAPHS_PER_PAGE = 10;

export interface PdfDocumentSourceOptions {
  /** OCR for pages without a usable text layer; without it such pages stay empty, with a note */
  readonly ocr?: OcrEngine;
  readonly limits?: DocumentLimits;
  readonly dpi?: number;
  readonly onProgress?: OnProgress;
  /** the process's OCR limiter; without it each document runs on its own pool */
  readonly admission?: OcrAdmission;
}

const IMAGE_OPS = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageMaskXObject,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObjectRepeat,
  OPS.paintSolidColorImageMask,
]);

async function pageText(page: PDFPageProxy): Promise<string> {
  const content = await page.getTextContent();
  const runs: TextRun[] = [];
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform as number[];
    runs.push({
      text: item.str,
      x,
      y,
      width: item.width,
      size: Math.hypot(c, d) || Math.hypot(a, b) || item.height,
    });
  }
  return cleanExtractedText(layoutTextRuns(runs));
}

async function paintsImage(page: PDFPageProxy): Promise<boolean> {
  const ops = await page.getOperatorList();
  return ops.fnArray.some((fn) => IMAGE_OPS.has(fn));
}

/**
 * A page image ready for OCR: the image, its resolution, its ink (what reading it costs), and the
 * same page turned, should it lie on its side.
 */
export interface PageForOcr extends TurnableImage {
  readonly dpi: number;
  readonly ink: number;
}

/**
 * One page drawn on white at `scale` (lowered to stay within `maxPixels`): its canvas and RGBA
 * pixels, for OCR here and for reading an e-licence's QR code (adapters/elicence/qr-image.ts).
 */
export async function renderPageRgba(page: PDFPageProxy, wanted: number, maxPixels: number) {
  const base = page.getViewport({ scale: 1 });
  let scale = wanted;
  const pixels = base.width * base.height * scale * scale;
  if (pixels > maxPixels) scale *= Math.sqrt(maxPixels / pixels);
  const viewport = page.getViewport({ scale });
  const canvas = createCanvas(Math.floor(viewport.width), Math.floor(viewport.height));
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  // @napi-rs/canvas is the canvas pdf.js itself uses in Node; its types are not the DOM's.
  // pdf.js declares DOM types, which this Node project does not load: the parameters pass as is.
  await page.render({ canvas, canvasContext: context, viewport }).promise;
  const { width, height } = canvas;
  return { canvas, width, height, rgba: context.getImageData(0, 0, width, height).data, scale };
}

/**
 * Render one page at `dpi`, within the pixel limit (the resolution drops to fit, noted), as an
 * uncompressed grey TIFF, red ink taken out as from scans (a seal drawn in a PDF's vector art):
 * encoding PNG only for Tesseract to decode it again cost more CPU than
 * the grey conversion (docs/reading-documents.md).
 */
export async function rasterisePage(
  page: PDFPageProxy,
  dpi: number,
  maxPixels: number,
): Promise<PageForOcr> {
  const { canvas, width, height, rgba, scale } = await renderPageRgba(page, dpi / 72, maxPixels);
  const grey = greyFromDecodedImage({ width, height, kind: IMAGE_KIND.RGBA_32BPP }, rgba);
  const actualDpi = scale * 72;
  if (grey === null) {
    return {
      image: { format: 'png', bytes: await canvas.encode('png') },
      dpi: Math.round(actualDpi),
      ink: 0,
    };
  }
  return {
    image: { format: 'tiff', bytes: encodeGreyTiff(grey, actualDpi), pixels: grey },
    turn: (degrees) => {
      const turned = rotateGrey(grey, degrees);
      return { format: 'tiff', bytes: encodeGreyTiff(turned, actualDpi), pixels: turned };
    },
    dpi: Math.round(actualDpi),
    ink: countInk(grey),
  };
}

const PAGE_IMAGE_OPS = {
  save: OPS.save,
  restore: OPS.restore,
  transform: OPS.transform,
  dependency: OPS.dependency,
  paintImageXObject: OPS.paintImageXObject,
} as const;

/**
 * A page that is one upright image over the whole page (the usual scan), as the image itself:
 * pdf.js decoded it while building the operator list, so it goes to OCR as its pixels — grey
 * without red ink, Otsu-binarised, in an uncompressed 1-bit TIFF — without a canvas. A scan at
 * twice `dpi` or finer is reduced by a whole factor.
 * `null` for any other page, for a rotated page, and for an image over the pixel limit: those are
 * rasterised.
 */
export function embeddedPageImage(
  page: PDFPageProxy,
  ops: { readonly fnArray: readonly number[]; readonly argsArray: readonly unknown[] },
  dpi: number,
  maxPixels: number,
): PageForOcr | null {
  if (page.rotate % 360 !== 0) return null;
  const found = findFullPageImage(ops.fnArray, ops.argsArray, page.view, PAGE_IMAGE_OPS);
  if (found === null || found.width * found.height > maxPixels) return null;
  const objs = found.objId.startsWith('g_') ? page.commonObjs : page.objs;
  if (!objs.has(found.objId)) return null;
  const decoded: unknown = objs.get(found.objId);
  if (typeof decoded !== 'object' || decoded === null) return null;
  const { width, height, kind, data } = decoded as Record<string, unknown>;
  if (
    typeof width !== 'number' ||
    typeof height !== 'number' ||
    typeof kind !== 'number' ||
    !(data instanceof Uint8Array || data instanceof Uint8ClampedArray)
  ) {
    return null;
  }
  const imageDpi = (width * 72) / found.transform[0];
  const factor = Math.max(1, Math.floor(imageDpi / dpi));
  const decodedGrey = greyFromDecodedImage({ width, height, kind }, data, factor);
  if (decodedGrey === null) return null;
  // turned level (core/ocr/deskew.ts), then ruled lines off (a table's grid: core/ocr/rules.ts)
  const level = deskew(decodedGrey);
  const grey = eraseRules(level.image).image;
  const scaledDpi = (imageDpi * grey.width) / width;
  const bilevel = binarise(grey);
  return {
    image: { format: 'tiff', bytes: encodeBilevelTiff(bilevel, scaledDpi), pixels: grey },
    turn: (degrees) => {
      const turned = rotateGrey(grey, degrees);
      return {
        format: 'tiff',
        bytes: encodeBilevelTiff(binarise(turned), scaledDpi),
        pixels: turned,
      };
    },
    dpi: Math.round(scaledDpi),
    ink: bilevel.ink,
    skew: level.degrees,
  };
}

/**
 * The image to OCR for a page without a usable text layer: the embedded scan when the page is
 * one, otherwise the page rasterised; `null` when the page paints no image at all (blank, or page
 * furniture only), which is left as it is.
 */
async function pageImageForOcr(
  page: PDFPageProxy,
  dpi: number,
  maxPixels: number,
): Promise<PageForOcr | null> {
  const ops = await page.getOperatorList();
  if (!ops.fnArray.some((fn) => IMAGE_OPS.has(fn))) return null;
  const embedded = embeddedPageImage(page, ops, dpi, maxPixels);
  if (embedded) return embedded;
  return rasterisePage(page, dpi, maxPixels);
}

function pdfError(name: string, e: unknown): DomainError {
  const kind = e instanceof Error ? e.name : '';
  if (kind === 'PasswordException') {
    return new DomainError(
      'UNREADABLE_DOCUMENT',
      `${name}：PDF 已加密（需要密码才能打开），请提供未加密的文件`,
      `${name}: the PDF is encrypted (it needs a password to open); supply an unencrypted copy`,
      { cause: e },
    );
  }
  const detail = e instanceof Error ? e.message : String(e);
  return new DomainError(
    'UNREADABLE_DOCUMENT',
    `${name}：PDF 文件损坏，无法读取（${detail}）`,
    `${name}: the PDF is corrupt and cannot be read (${detail})`,
    { cause: e },
  );
}

export async function openPdf(bytes: Uint8Array, name: string): Promise<PDFDocumentProxy> {
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
    return await getDocument({
      data: new Uint8Array(bytes),
      ...PDFJS_DATA,
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
      stopAtErrors: false,
      verbosity: 0,
    }).promise;
  } catch (e) {
    throw pdfError(name, e);
  } finally {
    // the first document loads pdf.js's worker module, which replaces JSON's functions again
    restoreNativeJson();
  }
}

/** The `DocumentTextSource` for PDF. */
export function createPdfDocumentSource(
  options: PdfDocumentSourceOptions = {},
): DocumentTextSource {
  const limits = options.limits ?? DEFAULT_DOCUMENT_LIMITS;
  const dpi = options.dpi ?? OCR_DPI;
  return {
    async extract(
      bytes: Uint8Array,
      name: string,
      extractOptions: ExtractOptions = {},
    ): Promise<ExtractedText> {
      const started = Date.now();
      extractOptions.signal?.throwIfAborted();
      const doc = await openPdf(bytes, name);
      try {
        if (doc.numPages === 0) {
          throw new DomainError(
            'UNREADABLE_DOCUMENT',
            `${name}：PDF 没有页面`,
            `${name}: the PDF has no pages`,
          );
        }
        if (doc.numPages > limits.maxPages)
          throw pageLimitError(name, doc.numPages, limits.maxPages);
        // The text layer of every page first (a few ms a page); pages with too little Chinese are
        // candidates for OCR, decided in the pool, where pdf.js's image decoding for one page
        // overlaps Tesseract reading another.
        const texts: string[] = [];
        const candidates: number[] = [];
        const notes: Note[] = [];
        for (let n = 1; n <= doc.numPages; n++) {
          try {
            const text = await pageText(await doc.getPage(n));
            texts.push(text);
            if (countIdeographs(text) < MIN_IDEOGRAPHS_PER_PAGE) candidates.push(n);
          } catch (e) {
            throw pdfError(`${name} 第 ${n} 页`, e);
          }
        }
        const textLayerOnly = (): ExtractedText => ({
          format: 'pdf',
          encoding: null,
          text: texts.join('\f'),
          baseConfidence: 1,
          notes,
          pages: doc.numPages,
        });
        const engine = options.ocr;
        if (!engine) {
          const skipped: number[] = [];
          for (const n of candidates) {
            try {
              if (await paintsImage(await doc.getPage(n))) skipped.push(n);
            } catch (e) {
              throw pdfError(`${name} 第 ${n} 页`, e);
            }
          }
          if (skipped.length > 0) {
            notes.push({
              field: 'document',
              message: `${name}：第 ${skipped.join('、')} 页没有文字层（扫描件），本版本未配置文字识别，已跳过`,
              messageEn: `${name}: page(s) ${skipped.join(', ')} have no text layer (scans) and no OCR is configured; skipped`,
              line: null,
            });
          }
          return textLayerOnly();
        }
        if (candidates.length === 0) return textLayerOnly();
        const remaining = limits.totalTimeoutMs - (Date.now() - started);
        // Pages are prepared (decoded, converted) one at a time ahead of the OCR, and read the
        // costliest (most ink) first, so the last page read is not the slowest.
        const results = await runPipeline(
          candidates.length,
          async (i): Promise<Prepared<PageForOcr> | null> => {
            const n = candidates[i] ?? 1;
            try {
              const page = await doc.getPage(n);
              try {
                const input = await pageImageForOcr(page, dpi, limits.maxPixelsPerPage);
                return input === null ? null : { value: input, cost: input.ink };
              } finally {
                // Release the decoded image: a 200 dpi A4 scan is 11 MB of RGB in pdf.js.
                page.cleanup();
              }
            } catch (e) {
              throw pdfError(`${name} 第 ${n} 页`, e);
            }
          },
          async (input, i, signal) => {
            const { page: read, turned } = await recogniseUpright(engine, input, {
              signal,
              timeoutMs: limits.pageTimeoutMs,
            });
            return {
              n: candidates[i] ?? 1,
              dpi: input.dpi,
              text: read.text,
              confidence: read.confidence,
              characterConfidence: read.characterConfidence,
              width: read.width,
              height: read.height,
              lines: read.lines,
              turned,
            };
          },
          {
            limits: { ...limits, totalTimeoutMs: Math.max(1, remaining) },
            name,
            onProgress: options.onProgress,
            signal: extractOptions.signal,
            admission: admissionOf(options.admission, extractOptions),
          },
        );
        const ocrd = results.filter((r) => r !== null);
        const pages: (PageText & PageGeometry)[] = texts.map((text) => ({ text }));
        for (const page of ocrd) {
          texts[page.n - 1] = page.text;
          pages[page.n - 1] = page;
          if (page.turned !== 0) notes.push(turnedNote(name, page.n, page.turned));
          notes.push({
            field: 'document',
            message: `${name}：第 ${page.n} 页没有可用的文字层，已按 ${page.dpi} dpi 文字识别，置信度 ${page.confidence.toFixed(2)}`,
            messageEn: `${name}: page ${page.n} has no usable text layer; read by OCR at ${page.dpi} dpi, confidence ${page.confidence.toFixed(2)}`,
            line: null,
          });
        }
        if (ocrd.length === 0) return textLayerOnly();
        // Any field may come from an OCR page, so the document's confidence is that of its OCR pages.
        const baseConfidence = combinePageConfidence(
          ocrd.map((p) => ({ confidence: p.confidence, characters: p.text.length })),
        );
        return {
          format: 'pdf',
          encoding: null,
          text: texts.join('\f'),
          baseConfidence,
          characterConfidence: documentTextConfidence(pages),
          notes,
          pages: texts.length,
          lineGeometry: documentLineGeometry(pages),
        };
      } finally {
        await doc.destroy();
      }
    },
  };
}

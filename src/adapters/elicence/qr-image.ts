/**
 * QR codes as pictures: drawn as SVG for the certificate (`qrcode`, error correction M), and read
 * back from what a verifier is handed: a phone photo or screenshot (PNG/JPEG, decoded by `sharp`),
 * or the certificate PDF itself (first page rasterised with pdf.js onto @napi-rs/canvas, as
 * pdf-document.ts does). `jsqr` finds and decodes the code in RGBA pixels.
 *
 * Reading is bounded: images over 40 megapixels are refused before they are decoded, and at most
 * three attempts are made (as is, greyscale with stretched contrast, downscaled), since a photo's
 * lighting, noise or sheer size each defeat the detector in their own way.
 */
import jsQRModule from 'jsqr';
import QRCode from 'qrcode';
import sharp, { type Sharp } from 'sharp';
import { DomainError } from '../../core/errors.js';
import { openPdf, renderPageRgba } from '../documents/pdf-document.js';

/** Images above this are refused: a 48 MP phone photo is 190 MB of RGBA. */
export const MAX_QR_IMAGE_PIXELS = 40_000_000;
/**
 * The first two attempts read the image as is up to this size; a larger one is reduced to it first
 * (averaging away sensor noise). jsQR's time grows with the pixels and with the noise it must
 * reject: on a noisy picture without a code, about 1 s per megapixel and attempt (measured on a
 * busy two-core machine), against a fifth of a second for a photo whose code it finds.
 */
const AS_IS_MAX_PIXELS = 3_000_000;
/** The last attempt: a large, blurred code is found better in a small copy. */
const DOWNSCALED_SIDE = 1000;
/** No further attempt is started after this long (one attempt is not interrupted). */
const QR_DECODE_BUDGET_MS = 10_000;
/** The PDF's first page is rasterised at this scale (3 × 72 = 216 dpi). */
export const PDF_QR_SCALE = 3;

// jsqr is CommonJS whose declaration says `export default`: under nodenext that is `.default` of
// module.exports, and jsqr does set it there.
const jsQR = jsQRModule.default;

/** The QR code for `text` as an SVG document (error correction M, a four-module quiet zone). */
export async function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
}

/** RGBA as jsQR wants it, from sharp's raw output of 1 to 4 channels. */
function toRgba(data: Uint8Array, channels: number, pixels: number): Uint8ClampedArray {
  if (channels === 4) return new Uint8ClampedArray(data.buffer, data.byteOffset, pixels * 4);
  const out = new Uint8ClampedArray(pixels * 4);
  for (let i = 0; i < pixels; i++) {
    const at = i * channels;
    const r = data[at] ?? 0;
    const colour = channels >= 3;
    out[i * 4] = r;
    out[i * 4 + 1] = colour ? (data[at + 1] ?? 0) : r;
    out[i * 4 + 2] = colour ? (data[at + 2] ?? 0) : r;
    out[i * 4 + 3] = 255;
  }
  return out;
}

async function scan(
  pipeline: Sharp,
  inversionAttempts: 'dontInvert' | 'attemptBoth',
): Promise<string | null> {
  // Transparency over white, as a screenshot's code is shown; 8 bits a channel whatever the input.
  const { data, info } = await pipeline
    .flatten({ background: '#ffffff' })
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const rgba = toRgba(data, info.channels, info.width * info.height);
  const code = jsQR(rgba, info.width, info.height, { inversionAttempts });
  return code === null || code.data === '' ? null : code.data;
}

/**
 * The three attempts over one picture. `open` makes a fresh sharp pipeline of it (already turned
 * upright), `width` × `height` its size. At most 3 + 3 + 1 megapixels are scanned, whatever the
 * input's size.
 */
async function decodeAttempts(
  open: () => Sharp,
  width: number,
  height: number,
): Promise<string | null> {
  const within = (factor: number): Sharp =>
    factor < 1
      ? open().resize({
          width: Math.max(1, Math.round(width * factor)),
          height: Math.max(1, Math.round(height * factor)),
          fit: 'fill',
        })
      : open();
  const asIs = Math.sqrt(AS_IS_MAX_PIXELS / (width * height));
  const small = DOWNSCALED_SIDE / Math.max(width, height);
  const attempts: (() => Promise<string | null>)[] = [
    () => scan(within(asIs), 'dontInvert'),
    // dim or low-contrast photos; the blur keeps the stretched sensor noise from flooding jsQR
    () => scan(within(asIs).greyscale().normalise().blur(1), 'dontInvert'),
  ];
  if (small < 0.8) {
    attempts.push(() => scan(within(small).greyscale().normalise(), 'attemptBoth'));
  }
  const started = Date.now();
  for (const attempt of attempts) {
    if (Date.now() - started > QR_DECODE_BUDGET_MS) return null;
    const found = await attempt();
    if (found !== null) return found;
  }
  return null;
}

function unreadableImage(e: unknown): DomainError {
  const detail = e instanceof Error ? e.message : String(e);
  return new DomainError(
    'UNREADABLE_DOCUMENT',
    `图片无法读取（${detail}）：请提供 PNG 或 JPEG 格式的照片或截图`,
    `the image cannot be read (${detail}): supply a PNG or JPEG photo or screenshot`,
    { cause: e },
  );
}

/**
 * The text of the QR code in a PNG or JPEG (or any format sharp reads), or null when none is
 * found. Throws INVALID_INPUT over {@link MAX_QR_IMAGE_PIXELS}, UNREADABLE_DOCUMENT for bytes
 * that are not an image.
 */
export async function decodeQrFromImage(bytes: Uint8Array): Promise<string | null> {
  const options = { limitInputPixels: MAX_QR_IMAGE_PIXELS, failOn: 'error' } as const;
  let width: number;
  let height: number;
  try {
    // The header only: no pixel limit yet, so that an oversized image is refused by name below.
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    // EXIF orientations 5–8 are a quarter turn: the upright picture's sides are swapped.
    const turned = (meta.orientation ?? 1) >= 5;
    width = turned ? meta.height : meta.width;
    height = turned ? meta.width : meta.height;
  } catch (e) {
    throw unreadableImage(e);
  }
  if (width * height > MAX_QR_IMAGE_PIXELS) {
    const mp = ((width * height) / 1e6).toFixed(1);
    throw new DomainError(
      'INVALID_INPUT',
      `图片为 ${width}×${height}（${mp} 百万像素），超过 ${MAX_QR_IMAGE_PIXELS / 1e6} 百万像素的上限：请缩小后重试`,
      `the image is ${width}×${height} (${mp} MP), over the ${MAX_QR_IMAGE_PIXELS / 1e6} MP limit: reduce it and retry`,
    );
  }
  try {
    return await decodeAttempts(() => sharp(bytes, options).rotate(), width, height);
  } catch (e) {
    throw unreadableImage(e);
  }
}

/**
 * The text of the QR code on the first page of a PDF (the certificate), or null when there is
 * none. Throws UNREADABLE_DOCUMENT for a PDF pdf.js cannot open.
 */
export async function decodeQrFromPdf(bytes: Uint8Array, name = '文件'): Promise<string | null> {
  const doc = await openPdf(bytes, name);
  try {
    if (doc.numPages < 1) return null;
    const page = await doc.getPage(1);
    const { width, height, rgba } = await renderPageRgba(page, PDF_QR_SCALE, MAX_QR_IMAGE_PIXELS);
    page.cleanup();
    const raw = { raw: { width, height, channels: 4 as const } };
    return await decodeAttempts(() => sharp(rgba, raw), width, height);
  } finally {
    await doc.destroy();
  }
}

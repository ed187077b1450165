/**
 * Scanned PDF pages without a canvas. A scan wrapped in a PDF is one image painted over the whole
 * page; pdf.js has already decoded it while building the page's operator list, so its pixels can go
 * to OCR as they are — converted to 8-bit grey with red ink taken out (so red seals fade into the
 * paper), reduced by a whole factor when the scan is far finer than OCR needs, binarised with Otsu's
 * threshold, and wrapped in an uncompressed TIFF that Tesseract reads without decoding.
 * Rasterising the page instead (scale, paint, PNG encode, PNG decode) cost about 1.2 s of CPU a page
 * (docs/reading-documents.md). Pure.
 */

/** A 2-D affine transform [a b c d e f], as in PDF and pdf.js. */
export type Transform = readonly [number, number, number, number, number, number];

/** The pdf.js operator codes this module looks at (`OPS` of pdfjs-dist, passed in: the core is pure). */
export interface PageImageOps {
  readonly save: number;
  readonly restore: number;
  readonly transform: number;
  readonly dependency: number;
  readonly paintImageXObject: number;
}

/** The one image a page paints, and where. */
export interface FullPageImage {
  /** pdf.js's object id for the decoded image */
  readonly objId: string;
  readonly width: number;
  readonly height: number;
  /** the image's placement on the page, in PDF points */
  readonly transform: Transform;
}

/** `m` applied first, then `ctm` (pdf.js `Util.transform(ctm, m)`). */
function compose(ctm: Transform, m: Transform): Transform {
  const [a, b, c, d, e, f] = ctm;
  const [ma, mb, mc, md, me, mf] = m;
  return [
    a * ma + c * mb,
    b * ma + d * mb,
    a * mc + c * md,
    b * mc + d * md,
    a * me + c * mf + e,
    b * me + d * mf + f,
  ];
}

function isTransform(x: unknown): x is Transform {
  return Array.isArray(x) && x.length === 6 && x.every((n) => typeof n === 'number');
}

/**
 * The image of a page that does nothing but paint one upright image over (at least `minCover` of)
 * its `view` box [x0 y0 x1 y1]; `null` for anything else — several images, text, paths, masks,
 * inline images, a flipped or rotated image — which the caller rasterises instead.
 */
export function findFullPageImage(
  fnArray: readonly number[],
  argsArray: readonly unknown[],
  view: readonly number[],
  ops: PageImageOps,
  minCover = 0.9,
): FullPageImage | null {
  let ctm: Transform = [1, 0, 0, 1, 0, 0];
  const stack: Transform[] = [];
  let found: FullPageImage | null = null;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = argsArray[i];
    if (fn === ops.save) {
      stack.push(ctm);
    } else if (fn === ops.restore) {
      ctm = stack.pop() ?? ctm;
    } else if (fn === ops.transform) {
      if (!isTransform(args)) return null;
      ctm = compose(ctm, args);
    } else if (fn === ops.dependency) {
      continue;
    } else if (fn === ops.paintImageXObject) {
      if (found !== null || !Array.isArray(args)) return null;
      const [objId, width, height] = args as unknown[];
      if (typeof objId !== 'string' || typeof width !== 'number' || typeof height !== 'number') {
        return null;
      }
      found = { objId, width, height, transform: ctm };
    } else {
      return null;
    }
  }
  if (found === null) return null;
  const [a, b, c, d, e, f] = found.transform;
  const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = view;
  // Upright only: the image's first row at the top, no rotation or shear.
  if (!(a > 0 && d > 0) || Math.abs(b) > 1e-6 * a || Math.abs(c) > 1e-6 * d) return null;
  const pageArea = (x1 - x0) * (y1 - y0);
  const w = Math.max(0, Math.min(x1, e + a) - Math.max(x0, e));
  const h = Math.max(0, Math.min(y1, f + d) - Math.max(y0, f));
  if (pageArea <= 0 || (w * h) / pageArea < minCover) return null;
  // Mostly on the page: a scan placed half off it is not "the page".
  if ((w * h) / (a * d) < minCover) return null;
  return found;
}

/** pdf.js `ImageKind`: how the decoded pixels are laid out. */
export const IMAGE_KIND = { GRAYSCALE_1BPP: 1, RGB_24BPP: 2, RGBA_32BPP: 3 } as const;

/** 8-bit grey pixels, row by row. */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

/**
 * A pdf.js decoded image (or a canvas's RGBA pixels) as 8-bit grey for OCR, each `factor` ×
 * `factor` block averaged into one pixel (`factor` 1 keeps the size). `null` when the layout is not
 * one pdf.js produces. Every page that goes to OCR as pixels — an image (PNG, JPEG, TIFF), a PDF's
 * embedded scan, a rasterised PDF page — is made grey here, so red ink is taken out the same way
 * on each ({@link inkGrey}).
 */
export function greyFromDecodedImage(
  image: { readonly width: number; readonly height: number; readonly kind: number },
  data: Uint8Array | Uint8ClampedArray,
  factor = 1,
): GreyImage | null {
  const { width, height, kind } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    return null;
  }
  const k = Math.max(1, Math.floor(factor));
  let full: Uint8Array;
  if (kind === IMAGE_KIND.RGB_24BPP) {
    if (data.length < width * height * 3) return null;
    full = new Uint8Array(width * height);
    for (let i = 0, j = 0; j < full.length; i += 3, j++) {
      full[j] = inkGrey(data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0);
    }
  } else if (kind === IMAGE_KIND.RGBA_32BPP) {
    // pdf.js gives grey and masked images as RGBA: transparent parts show the white page.
    if (data.length < width * height * 4) return null;
    full = new Uint8Array(width * height);
    for (let i = 0, j = 0; j < full.length; i += 4, j++) {
      const grey = inkGrey(data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0);
      const alpha = data[i + 3] ?? 255;
      full[j] = alpha === 255 ? grey : Math.round((grey * alpha + 255 * (255 - alpha)) / 255);
    }
  } else if (kind === IMAGE_KIND.GRAYSCALE_1BPP) {
    const rowBytes = (width + 7) >> 3;
    if (data.length < rowBytes * height) return null;
    full = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        // pdf.js: a set bit is white
        full[y * width + x] = ((data[y * rowBytes + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1 ? 255 : 0;
      }
    }
  } else {
    return null;
  }
  if (k === 1) return { width, height, pixels: full };
  const w = Math.floor(width / k);
  const h = Math.floor(height / k);
  if (w === 0 || h === 0) return { width, height, pixels: full };
  const out = new Uint8Array(w * h);
  const area = k * k;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let dy = 0; dy < k; dy++) {
        const row = (y * k + dy) * width + x * k;
        for (let dx = 0; dx < k; dx++) sum += full[row + dx] ?? 0;
      }
      out[y * w + x] = Math.round(sum / area);
    }
  }
  return { width: w, height: h, pixels: out };
}

/**
 * One colour pixel as grey for OCR, red ink taken out: its red channel, lightened by as much again
 * as its red exceeds its green and blue. Licences carry red seals (印章), often stamped over the
 * issuing authority and the dates. In the red channel a red seal is nearly as light as the paper
 * while black, grey and blue ink stay dark (luma grey read the fixture scans with two seals at a
 * character error rate of 24 %, the red channel at 0.5 %); but JPEG keeps colour at half
 * resolution, so where a seal's stroke crosses or touches black ink its colour is averaged with
 * the ink's, and its red channel darkens to grey that Otsu's threshold takes for ink: `发证白期`,
 * `2031.0号17`. Such a pixel is still redder than it is green or blue, and the lift takes it back
 * to paper. Black and grey ink (red no higher than green and blue) and blue ink keep their red
 * channel, so a page without red reads exactly as before; red *text* fades with the seals. On the
 * 60 generated scans with a seal over the dates (test/scan-corpus.test.ts) the dates read exactly
 * went from 77 to 113 of 120 and all key fields from 81.3 % to 85.0 %; lifting by twice the
 * redness, or also clearing the speckles by a median around seal ink as before, read fewer.
 */
export function inkGrey(red: number, green: number, blue: number): number {
  const redness = red - Math.max(green, blue);
  return redness > 0 ? Math.min(255, red + redness) : red;
}

/** `image` turned clockwise by `degrees`. */
export function rotateGrey(image: GreyImage, degrees: 0 | 90 | 180 | 270): GreyImage {
  const { width: w, height: h, pixels } = image;
  if (degrees === 0) return image;
  const out = new Uint8Array(pixels.length);
  if (degrees === 180) {
    for (let i = 0, j = pixels.length - 1; j >= 0; i++, j--) out[j] = pixels[i] ?? 255;
    return { width: w, height: h, pixels: out };
  }
  // 90° clockwise: (x, y) → (h − 1 − y, x); 270°: (x, y) → (y, w − 1 − x). The result is h wide.
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const to = degrees === 90 ? x * h + (h - 1 - y) : (w - 1 - x) * h + y;
      out[to] = pixels[y * w + x] ?? 255;
    }
  }
  return { width: h, height: w, pixels: out };
}

/**
 * A box on a page turned clockwise by {@link rotateGrey} (`degrees`; the turned page is `width` ×
 * `height`) as the same box on the page before it was turned.
 */
export function unturnBox(
  box: readonly [number, number, number, number],
  degrees: 0 | 90 | 180 | 270,
  width: number,
  height: number,
): [number, number, number, number] {
  const [left, top, w, h] = box;
  // 90°: x' = H − y, y' = x (H, the page's height before, is the turned width); 270°: x' = y,
  // y' = W − x (W, its width before, is the turned height)
  if (degrees === 90) return [top, width - left - w, h, w];
  if (degrees === 270) return [height - top - h, left, h, w];
  if (degrees === 180) return [width - left - w, height - top - h, w, h];
  return [left, top, w, h];
}

/** 1-bit pixels: rows of ⌈width / 8⌉ bytes, most significant bit first, a set bit is ink. */
export interface BilevelImage {
  readonly width: number;
  readonly height: number;
  readonly bits: Uint8Array;
  /** how many pixels are ink: what reading the page costs grows with it */
  readonly ink: number;
}

/**
 * Otsu's threshold of 8-bit grey pixels: the level that best separates ink (≤ threshold) from
 * paper, by maximal between-class variance. The global method Tesseract itself applies by default.
 */
export function otsuThreshold(pixels: Uint8Array): number {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < pixels.length; i++) {
    const p = pixels[i] ?? 0;
    histogram[p] = (histogram[p] ?? 0) + 1;
  }
  const total = pixels.length;
  let sum = 0;
  for (let level = 0; level < 256; level++) sum += level * (histogram[level] ?? 0);
  let inkCount = 0;
  let inkSum = 0;
  let best = -1;
  let threshold = 0;
  for (let level = 0; level < 256; level++) {
    inkCount += histogram[level] ?? 0;
    if (inkCount === 0) continue;
    const paperCount = total - inkCount;
    if (paperCount === 0) break;
    inkSum += level * (histogram[level] ?? 0);
    const difference = inkSum / inkCount - (sum - inkSum) / paperCount;
    const between = inkCount * paperCount * difference * difference;
    if (between > best) {
      best = between;
      threshold = level;
    }
  }
  return threshold;
}

/**
 * Grey to 1 bit: pixels at or below `threshold` (Otsu's by default) are ink. Tesseract lays out a
 * page on its own global Otsu binarisation anyway; handing it the binarised scan also spares it
 * the thresholding and makes every text line it crops for recognition a 1-bit image, which on the
 * fixture scans cost 12 % less CPU at a character error rate of 0.53 % instead of 0.62 %
 * (docs/reading-documents.md). Not for anti-aliased renderings, whose grey edges the recogniser
 * reads better.
 */
export function binarise(image: GreyImage, threshold = otsuThreshold(image.pixels)): BilevelImage {
  const { width, height, pixels } = image;
  const rowBytes = (width + 7) >> 3;
  const bits = new Uint8Array(rowBytes * height);
  let ink = 0;
  // Eight pixels to a byte, built in a local and stored once.
  for (let y = 0, at = 0; y < height; y++) {
    let out = y * rowBytes;
    for (let x = 0; x < width; x += 8, out++) {
      const end = Math.min(8, width - x);
      let byte = 0;
      for (let b = 0; b < end; b++, at++) {
        if ((pixels[at] ?? 255) <= threshold) {
          byte |= 0x80 >> b;
          ink++;
        }
      }
      bits[out] = byte;
    }
  }
  return { width, height, bits, ink };
}

/** How many pixels of a grey image are ink, at Otsu's threshold. */
export function countInk(image: GreyImage): number {
  const threshold = otsuThreshold(image.pixels);
  let ink = 0;
  for (const p of image.pixels) if (p <= threshold) ink++;
  return ink;
}

/**
 * An uncompressed one-strip little-endian TIFF with its resolution, so Tesseract knows the dpi
 * instead of guessing it (without one, `dpi` null, Tesseract estimates it from the text).
 * `photometric` 1 (black is zero) for grey, 0 (white is zero) for 1-bit ink, Leptonica's own 1-bit
 * convention, which it reads without inverting.
 */
function encodeTiff(
  width: number,
  height: number,
  bitsPerSample: 1 | 8,
  photometric: 0 | 1,
  pixels: Uint8Array,
  dpi: number | null,
): Uint8Array {
  const tags: [number, number, number][] = [
    [256, 4, width], // ImageWidth
    [257, 4, height], // ImageLength
    [258, 3, bitsPerSample], // BitsPerSample
    [259, 3, 1], // Compression: none
    [262, 3, photometric], // PhotometricInterpretation
    [273, 4, 0], // StripOffsets, set below
    [277, 3, 1], // SamplesPerPixel
    [278, 4, height], // RowsPerStrip
    [279, 4, pixels.length], // StripByteCounts
  ];
  const entries = tags.length + (dpi === null ? 0 : 2);
  const ifd = 8;
  const ifdSize = 2 + entries * 12 + 4;
  const rational = ifd + ifdSize;
  const data = rational + (dpi === null ? 0 : 8);
  tags[5] = [273, 4, data];
  if (dpi !== null) {
    tags.push([282, 5, rational], [283, 5, rational]); // XResolution, YResolution
  }
  const out = new Uint8Array(data + pixels.length);
  const v = new DataView(out.buffer);
  out.set([0x49, 0x49, 0x2a, 0x00]);
  v.setUint32(4, ifd, true);
  v.setUint16(ifd, entries, true);
  tags.forEach(([tag, type, value], e) => {
    const at = ifd + 2 + e * 12;
    v.setUint16(at, tag, true);
    v.setUint16(at + 2, type, true);
    v.setUint32(at + 4, 1, true);
    if (type === 3) v.setUint16(at + 8, value, true);
    else v.setUint32(at + 8, value, true);
  });
  v.setUint32(ifd + 2 + entries * 12, 0, true);
  if (dpi !== null) {
    v.setUint32(rational, Math.max(1, Math.round(dpi)), true);
    v.setUint32(rational + 4, 1, true);
  }
  out.set(pixels, data);
  return out;
}

/** An uncompressed 8-bit greyscale TIFF with its resolution. */
export function encodeGreyTiff(image: GreyImage, dpi: number): Uint8Array {
  return encodeTiff(image.width, image.height, 8, 1, image.pixels, dpi);
}

/** An uncompressed 1-bit TIFF (a set bit is ink) with its resolution, when known. */
export function encodeBilevelTiff(image: BilevelImage, dpi: number | null): Uint8Array {
  return encodeTiff(image.width, image.height, 1, 0, image.bits, dpi);
}

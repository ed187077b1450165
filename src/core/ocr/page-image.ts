/**
 * Scanned PDF pages without a canvas. A scan wrapped in a PDF is one image painted over the whole
 * page; pdf.js has already decoded it while building the page's operator list, so its pixels can go
 * to OCR as they are — converted to 8-bit grey, reduced by a whole factor when the scan is far
 * finer than OCR needs, and wrapped in an uncompressed TIFF that Tesseract reads without decoding.
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
 * A pdf.js decoded image as 8-bit grey (BT.601 luma), each `factor` × `factor` block averaged into
 * one pixel (`factor` 1 keeps the size). `null` when the layout is not one pdf.js produces.
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
      full[j] = ((data[i] ?? 0) * 77 + (data[i + 1] ?? 0) * 150 + (data[i + 2] ?? 0) * 29) >> 8;
    }
  } else if (kind === IMAGE_KIND.RGBA_32BPP) {
    // pdf.js gives grey and masked images as RGBA: transparent parts show the white page.
    if (data.length < width * height * 4) return null;
    full = new Uint8Array(width * height);
    for (let i = 0, j = 0; j < full.length; i += 4, j++) {
      const luma = ((data[i] ?? 0) * 77 + (data[i + 1] ?? 0) * 150 + (data[i + 2] ?? 0) * 29) >> 8;
      const alpha = data[i + 3] ?? 255;
      full[j] = alpha === 255 ? luma : Math.round((luma * alpha + 255 * (255 - alpha)) / 255);
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
 * An uncompressed 8-bit greyscale TIFF (little-endian, one strip) with its resolution, so
 * Tesseract knows the dpi instead of guessing it.
 */
export function encodeGreyTiff(image: GreyImage, dpi: number): Uint8Array {
  const entries = 11;
  const ifd = 8;
  const ifdSize = 2 + entries * 12 + 4;
  const rational = ifd + ifdSize;
  const data = rational + 8;
  const out = new Uint8Array(data + image.pixels.length);
  const v = new DataView(out.buffer);
  out.set([0x49, 0x49, 0x2a, 0x00]);
  v.setUint32(4, ifd, true);
  v.setUint16(ifd, entries, true);
  const tags: [number, number, number][] = [
    [256, 4, image.width], // ImageWidth
    [257, 4, image.height], // ImageLength
    [258, 3, 8], // BitsPerSample
    [259, 3, 1], // Compression: none
    [262, 3, 1], // Photometric: black is zero
    [273, 4, data], // StripOffsets
    [277, 3, 1], // SamplesPerPixel
    [278, 4, image.height], // RowsPerStrip
    [279, 4, image.pixels.length], // StripByteCounts
    [282, 5, rational], // XResolution
    [283, 5, rational], // YResolution
  ];
  tags.forEach(([tag, type, value], e) => {
    const at = ifd + 2 + e * 12;
    v.setUint16(at, tag, true);
    v.setUint16(at + 2, type, true);
    v.setUint32(at + 4, 1, true);
    if (type === 3) v.setUint16(at + 8, value, true);
    else v.setUint32(at + 8, value, true);
  });
  v.setUint32(ifd + 2 + entries * 12, 0, true);
  v.setUint32(rational, Math.max(1, Math.round(dpi)), true);
  v.setUint32(rational + 4, 1, true);
  out.set(image.pixels, data);
  return out;
}

/**
 * Page count and pixel size of an image, read from its header without decoding it, so limits are
 * enforced before any OCR starts. PNG (IHDR), JPEG (SOFn marker), TIFF (every IFD: one per page).
 * Pure.
 */

export interface ImagePage {
  readonly width: number;
  readonly height: number;
  /** the resolution the header states (PNG pHYs, JPEG JFIF), when it states one in real units */
  readonly dpi?: number;
}

export type ImageInfo =
  | { readonly ok: true; readonly pages: readonly ImagePage[] }
  | { readonly ok: false; readonly reason: string; readonly reasonEn: string };

const bad = (reason: string, reasonEn: string): ImageInfo => ({ ok: false, reason, reasonEn });

function readPng(b: Uint8Array): ImageInfo {
  // signature (8) + IHDR length (4) + "IHDR" (4) + width (4) + height (4)
  if (b.length < 24 || b[12] !== 0x49 || b[13] !== 0x48 || b[14] !== 0x44 || b[15] !== 0x52) {
    return bad('PNG 文件头损坏（缺少 IHDR）', 'corrupt PNG header (no IHDR)');
  }
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const page = { width: v.getUint32(16), height: v.getUint32(20) };
  // Chunks until the image data: pHYs (pixels per unit x, y; unit 1 = the metre) comes before it.
  for (let at = 8; at + 12 <= b.length;) {
    const length = v.getUint32(at);
    const type = String.fromCharCode(
      b[at + 4] ?? 0,
      b[at + 5] ?? 0,
      b[at + 6] ?? 0,
      b[at + 7] ?? 0,
    );
    if (type === 'IDAT' || type === 'IEND') break;
    if (type === 'pHYs' && length === 9 && at + 17 <= b.length && b[at + 16] === 1) {
      const dpi = Math.round(v.getUint32(at + 8) * 0.0254);
      return { ok: true, pages: [dpi > 0 ? { ...page, dpi } : page] };
    }
    at += 12 + length;
  }
  return { ok: true, pages: [page] };
}

/** The JFIF APP0 segment's density at `i` (the marker), in dots per inch; null without units. */
function jfifDpi(b: Uint8Array, i: number): number | null {
  // FF E0, length (2), "JFIF\0" (5), version (2), units (1), x density (2), y density (2)
  const id = String.fromCharCode(...b.subarray(i + 4, i + 9));
  if (id !== 'JFIF\0') return null;
  const units = b[i + 11];
  const x = ((b[i + 12] ?? 0) << 8) | (b[i + 13] ?? 0);
  if (x === 0) return null;
  if (units === 1) return x;
  if (units === 2) return Math.round(x * 2.54);
  return null;
}

function readJpeg(b: Uint8Array): ImageInfo {
  let i = 2;
  let dpi: number | null = null;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) {
      i++;
      continue;
    }
    const marker = b[i + 1] ?? 0;
    if (marker === 0xff || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += marker === 0xff ? 1 : 2;
      continue;
    }
    const length = ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0);
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = ((b[i + 5] ?? 0) << 8) | (b[i + 6] ?? 0);
      const width = ((b[i + 7] ?? 0) << 8) | (b[i + 8] ?? 0);
      return { ok: true, pages: [dpi === null ? { width, height } : { width, height, dpi }] };
    }
    if (marker === 0xe0 && dpi === null) dpi = jfifDpi(b, i);
    if (marker === 0xda || length < 2) break;
    i += 2 + length;
  }
  return bad('JPEG 文件损坏（找不到图像尺寸）', 'corrupt JPEG (no frame header)');
}

/** More IFDs than this is a loop or garbage, not a licence. */
const MAX_TIFF_PAGES = 10_000;

function readTiff(b: Uint8Array): ImageInfo {
  if (b.length < 8) return bad('TIFF 文件过短', 'TIFF file too short');
  const little = b[0] === 0x49;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const u16 = (o: number) => v.getUint16(o, little);
  const u32 = (o: number) => v.getUint32(o, little);
  const pages: ImagePage[] = [];
  const seen = new Set<number>();
  let ifd = u32(4);
  while (ifd !== 0) {
    if (seen.has(ifd) || ifd + 2 > b.length || pages.length >= MAX_TIFF_PAGES) {
      return bad('TIFF 文件损坏（页目录无效）', 'corrupt TIFF (invalid image file directory)');
    }
    seen.add(ifd);
    const entries = u16(ifd);
    if (ifd + 2 + entries * 12 + 4 > b.length) {
      return bad('TIFF 文件损坏（页目录被截断）', 'corrupt TIFF (truncated image file directory)');
    }
    let width = 0;
    let height = 0;
    for (let e = 0; e < entries; e++) {
      const at = ifd + 2 + e * 12;
      const tag = u16(at);
      const type = u16(at + 2);
      const value = type === 3 ? u16(at + 8) : u32(at + 8);
      if (tag === 256) width = value;
      if (tag === 257) height = value;
    }
    pages.push({ width, height });
    ifd = u32(ifd + 2 + entries * 12);
  }
  if (pages.length === 0) return bad('TIFF 文件没有页面', 'TIFF file has no pages');
  return { ok: true, pages };
}

/** Read the pages and sizes of a PNG, JPEG or TIFF image from its header. */
export function readImageInfo(bytes: Uint8Array, format: 'png' | 'jpeg' | 'tiff'): ImageInfo {
  switch (format) {
    case 'png':
      return readPng(bytes);
    case 'jpeg':
      return readJpeg(bytes);
    case 'tiff':
      return readTiff(bytes);
  }
}

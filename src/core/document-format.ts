/**
 * What a submitted document is, told by its content (magic bytes), never by its name: a customer's
 * `licence.txt` may well be a PDF.
 */
export const DocumentFormat = {
  text: 'text',
  pdf: 'pdf',
  png: 'png',
  jpeg: 'jpeg',
  tiff: 'tiff',
  /** images xuke recognises but does not read: named in the error, so the user knows to convert */
  gif: 'gif',
  webp: 'webp',
  bmp: 'bmp',
  heif: 'heif',
  jpeg2000: 'jpeg2000',
  /** bytes that are none of the above and not text either */
  binary: 'binary',
} as const;
export type DocumentFormat = (typeof DocumentFormat)[keyof typeof DocumentFormat];

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

/** The bytes of an ASCII signature. */
const ascii = (s: string): number[] => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));

/** HEIF-family brands (HEIC photos from phones, AVIF) in an ISO-BMFF `ftyp` box. */
const HEIF_BRANDS = new Set([
  'heic',
  'heix',
  'hevc',
  'hevx',
  'heim',
  'heis',
  'mif1',
  'msf1',
  'avif',
  'avis',
]);

function sniffOtherImage(bytes: Uint8Array): DocumentFormat | undefined {
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a')))
    return DocumentFormat.gif;
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8))
    return DocumentFormat.webp;
  // BMP: "BM", the file size, then four reserved zero bytes (text never has NULs there).
  if (startsWith(bytes, ascii('BM')) && startsWith(bytes, [0, 0, 0, 0], 6))
    return DocumentFormat.bmp;
  if (startsWith(bytes, ascii('ftyp'), 4)) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12));
    if (HEIF_BRANDS.has(brand)) return DocumentFormat.heif;
  }
  if (startsWith(bytes, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20]))
    return DocumentFormat.jpeg2000;
  if (startsWith(bytes, [0xff, 0x4f, 0xff, 0x51])) return DocumentFormat.jpeg2000;
  return undefined;
}

/** Sniff the format from the first bytes. Text is anything else without NUL bytes (or with a UTF-16 BOM). */
export function sniffDocumentFormat(bytes: Uint8Array): DocumentFormat {
  // PDF: "%PDF-" may follow a little junk (the spec allows it within the first 1024 bytes).
  const head = bytes.subarray(0, 1024);
  for (let i = 0; i + 5 <= head.length; i++) {
    if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d], i)) return DocumentFormat.pdf;
    if (i > 0 && head[i] !== 0x20 && head[i] !== 0x0a && head[i] !== 0x0d && head[i] !== 0x09) {
      if (i > 16) break;
    }
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return DocumentFormat.png;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return DocumentFormat.jpeg;
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return DocumentFormat.tiff;
  }
  const other = sniffOtherImage(bytes);
  if (other) return other;
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]))
    return DocumentFormat.text;
  const sample = bytes.subarray(0, 4096);
  if (sample.indexOf(0) >= 0) return DocumentFormat.binary;
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i] ?? 0;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control > sample.length / 20 ? DocumentFormat.binary : DocumentFormat.text;
}

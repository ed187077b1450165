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
  /** bytes that are none of the above and not text either */
  binary: 'binary',
} as const;
export type DocumentFormat = (typeof DocumentFormat)[keyof typeof DocumentFormat];

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
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

/**
 * Documents built in memory for the reading tests: image-only PDFs (a scan wrapped in a PDF),
 * encrypted and page-less PDFs, and uncompressed multi-page TIFFs. Nothing is written to disk.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('./fixtures/documents/', import.meta.url));

/** The documents as people send them (copied from ../shared/fixtures/documents). */
export const DOCUMENTS = {
  huPdf: `${dir}hu-b2-20200731.pdf`,
  b1b2Pdf: `${dir}b1.b2-20233345.pdf`,
  huPage1: `${dir}hu-b2-20200731.page1.jpg`,
  huPage2: `${dir}hu-b2-20200731.page2.jpg`,
  /** the same scans with two red seals stamped over the text (scripts/make-sealed-scans.js) */
  huSealedPage1: `${dir}hu-b2-20200731.sealed.page1.jpg`,
  huSealedPage2: `${dir}hu-b2-20200731.sealed.page2.jpg`,
} as const;

export function documentBytes(name: keyof typeof DOCUMENTS): Uint8Array {
  return readFileSync(DOCUMENTS[name]);
}

/** A minimal PDF from object bodies (1-based ids), with a correct cross-reference table. */
function buildPdf(objects: readonly (string | Uint8Array[])[], trailerExtra = ''): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [enc.encode('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n')];
  let length = parts[0]?.length ?? 0;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const chunks = typeof body === 'string' ? [enc.encode(body)] : body;
    const all = [enc.encode(`${i + 1} 0 obj\n`), ...chunks, enc.encode('\nendobj\n')];
    for (const c of all) {
      parts.push(c);
      length += c.length;
    }
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>`,
    'startxref',
    String(length),
    '%%EOF\n',
  ].join('\n');
  parts.push(enc.encode(xref));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** JPEG frame size from its SOF marker (test-side, independent of the code under test). */
function jpegSize(jpeg: Uint8Array): { width: number; height: number } {
  for (let i = 2; i < jpeg.length - 9; i++) {
    if (jpeg[i] === 0xff && (jpeg[i + 1] === 0xc0 || jpeg[i + 1] === 0xc2)) {
      return {
        height: ((jpeg[i + 5] ?? 0) << 8) | (jpeg[i + 6] ?? 0),
        width: ((jpeg[i + 7] ?? 0) << 8) | (jpeg[i + 8] ?? 0),
      };
    }
  }
  throw new Error('no SOF marker');
}

/**
 * An image-only PDF: one page per JPEG, each drawn full-page at `dpi`, no text layer. With `cover`
 * below 1 the image is drawn that fraction of the page's width and height, at the top left.
 */
export function imageOnlyPdf(jpegs: readonly Uint8Array[], dpi = 200, cover = 1): Uint8Array {
  const enc = new TextEncoder();
  const n = jpegs.length;
  const pageIds = jpegs.map((_, i) => 3 + i * 3);
  const objects: (string | Uint8Array[])[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${n} >>`,
  ];
  jpegs.forEach((jpeg, i) => {
    const { width, height } = jpegSize(jpeg);
    const w = (width * 72) / dpi;
    const h = (height * 72) / dpi;
    const page = 3 + i * 3;
    const [iw, ih] = [w * cover, h * cover];
    const content = `q ${iw.toFixed(2)} 0 0 ${ih.toFixed(2)} 0 ${(h - ih).toFixed(2)} cm /Im0 Do Q`;
    objects.push(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w.toFixed(2)} ${h.toFixed(2)}] /Resources << /XObject << /Im0 ${page + 1} 0 R >> >> /Contents ${page + 2} 0 R >>`,
      [
        enc.encode(
          `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`,
        ),
        jpeg,
        enc.encode('\nendstream'),
      ],
      `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    );
  });
  return buildPdf(objects);
}

/** A PDF whose pages tree is empty. */
export function pagelessPdf(): Uint8Array {
  return buildPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']);
}

/** A one-page PDF encrypted with a user password (standard security handler, RC4 40-bit). */
export function encryptedPdf(): Uint8Array {
  const hex32 = (seed: number) =>
    Array.from({ length: 32 }, (_, i) =>
      ((seed * 31 + i * 17) & 0xff).toString(16).padStart(2, '0'),
    ).join('');
  return buildPdf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
      `<< /Filter /Standard /V 1 /R 2 /O <${hex32(7)}> /U <${hex32(11)}> /P -44 >>`,
    ],
    `/Encrypt 4 0 R /ID [<${hex32(3).slice(0, 32)}> <${hex32(3).slice(0, 32)}>] `,
  );
}

/** An uncompressed 8-bit greyscale TIFF with one IFD per page (little-endian). */
export function greyTiff(
  pages: readonly { width: number; height: number; pixels: Uint8Array }[],
): Uint8Array {
  const entries = 8;
  const ifdSize = 2 + entries * 12 + 4;
  let size = 8;
  const layout = pages.map((p) => {
    const ifd = size;
    const data = ifd + ifdSize;
    size = data + p.pixels.length + (p.pixels.length % 2);
    return { ifd, data };
  });
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  out.set([0x49, 0x49, 0x2a, 0x00]);
  v.setUint32(4, layout[0]?.ifd ?? 0, true);
  pages.forEach((p, i) => {
    const { ifd, data } = layout[i] ?? { ifd: 0, data: 0 };
    v.setUint16(ifd, entries, true);
    const tags: [number, number, number][] = [
      [256, 4, p.width], // ImageWidth
      [257, 4, p.height], // ImageLength
      [258, 3, 8], // BitsPerSample
      [259, 3, 1], // Compression: none
      [262, 3, 1], // Photometric: black is zero
      [273, 4, data], // StripOffsets
      [278, 4, p.height], // RowsPerStrip
      [279, 4, p.pixels.length], // StripByteCounts
    ];
    tags.forEach(([tag, type, value], e) => {
      const at = ifd + 2 + e * 12;
      v.setUint16(at, tag, true);
      v.setUint16(at + 2, type, true);
      v.setUint32(at + 4, 1, true);
      if (type === 3) v.setUint16(at + 8, value, true);
      else v.setUint32(at + 8, value, true);
    });
    v.setUint32(ifd + 2 + entries * 12, layout[i + 1]?.ifd ?? 0, true);
    out.set(p.pixels, data);
  });
  return out;
}

/**
 * `jpeg` with an EXIF APP1 segment right after SOI holding only the Orientation tag (0x0112):
 * 1 upright, 3 upside down, 6 "rotate 90° clockwise to display", 8 "90° counter-clockwise", as
 * phone cameras write it instead of turning the pixels.
 */
export function withExifOrientation(jpeg: Uint8Array, orientation: number): Uint8Array {
  const tiff = new Uint8Array(8 + 2 + 12 + 4);
  const v = new DataView(tiff.buffer);
  tiff.set([0x49, 0x49, 0x2a, 0x00]); // II, 42
  v.setUint32(4, 8, true); // first IFD
  v.setUint16(8, 1, true); // one entry
  v.setUint16(10, 0x0112, true); // Orientation
  v.setUint16(12, 3, true); // SHORT
  v.setUint32(14, 1, true);
  v.setUint16(18, orientation, true);
  v.setUint32(22, 0, true); // no next IFD
  const payload = new Uint8Array([...new TextEncoder().encode('Exif'), 0, 0, ...tiff]);
  const length = payload.length + 2;
  return new Uint8Array([
    ...jpeg.subarray(0, 2),
    0xff,
    0xe1,
    length >> 8,
    length & 0xff,
    ...payload,
    ...jpeg.subarray(2),
  ]);
}

/** The value at a field path of the record (`websites[0].domains`, `holder.name`); undefined if none. */
export function valueAtPath(record: unknown, path: string): unknown {
  let at: unknown = record;
  for (const key of path.match(/[^.[\]]+/gu) ?? []) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

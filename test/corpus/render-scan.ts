/**
 * A licence record → a scan of its printed pages: the PDF of render-pdf.ts (a printed layout, no
 * browser furniture) drawn by pdf.js at 150–300 dpi, a red round seal (a ring of the issuer's name
 * and a star, semi-transparent, multiplied over the ink) stamped over the issue and expiry dates,
 * the sheet skewed by up to ±3° on white, sometimes slightly blurred, and saved as JPEG at quality
 * 60–85. As a scanner user does, only the pages that carry the licence's fields are scanned (the
 * 正文 and the 附页); the special provisions' pages are left out.
 */
import sharp from 'sharp';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api.js';
import { openPdf, renderPageRgba } from '../../src/adapters/documents/pdf-document.js';
import type { Licence } from '../../src/core/licence.js';
import { checkTesseract } from '../../src/adapters/documents/ocr-tesseract-cli.js';
import { checkChromium, renderPdfDocument, type PdfFamily } from './render-pdf.js';
import { HTML_LAYOUTS, type HtmlLayout } from './render-html.js';
import type { Rng } from './rng.js';

/**
 * Whether scans can be made and read here: Chromium prints them, Tesseract reads them. `missing`
 * says what to install when not.
 */
export function checkScanTools(): { ok: boolean; missing: string } {
  const chromium = checkChromium();
  const tesseract = checkTesseract();
  const missing = !chromium.ok
    ? `${chromium.reason} (apt-get install chromium)`
    : !tesseract.ok
      ? `${tesseract.reason} (apt-get install tesseract-ocr tesseract-ocr-chi-sim)`
      : '';
  return { ok: chromium.ok && tesseract.ok, missing };
}

export interface RenderedScan {
  /** one JPEG a page, in page order */
  readonly pages: Uint8Array[];
  readonly dpi: number;
  readonly layout: HtmlLayout;
  /** the pages the printed PDF had (the scan keeps the first `pages.length`) */
  readonly printedPages: number;
  /** degrees each page was turned by, in page order */
  readonly skew: number[];
  readonly quality: number;
  /** the printed PDF the scan was made from (its text layer tells OCR errors from parser errors) */
  readonly pdf: Uint8Array;
}

interface TextItemLike {
  str: string;
  transform: number[];
  width: number;
}

function itemsOf(content: { items: readonly unknown[] }): TextItemLike[] {
  return content.items.filter(
    (i): i is TextItemLike => typeof i === 'object' && i !== null && 'str' in i,
  );
}

/** The seal as SVG: a ring, the issuer's name along its top, a star in the middle. */
export function sealSvg(size: number, text: string, rng: Rng): string {
  const c = size / 2;
  const ring = size * 0.47;
  const stroke = Math.max(2, size * 0.03);
  const red = rng.pick(['#d7141a', '#e0201c', '#c8161d', '#e8383d']);
  const opacity = 0.55 + rng.next() * 0.3;
  const chars = Array.from(text);
  const span = Math.min(260, 24 * chars.length);
  const fontSize = Math.min(
    size * 0.13,
    ((ring * 0.8 * span * Math.PI) / 180 / chars.length) * 0.9,
  );
  const radius = ring - stroke - fontSize * 0.95;
  const letters = chars
    .map((ch, i) => {
      const a = -span / 2 + (chars.length === 1 ? span / 2 : (span * i) / (chars.length - 1));
      return `<text x="${c}" y="${c - radius}" font-size="${fontSize}" text-anchor="middle" transform="rotate(${a.toFixed(2)} ${c} ${c})" fill="${red}" font-family="WenQuanYi Micro Hei">${ch}</text>`;
    })
    .join('');
  const star = Array.from({ length: 10 }, (_, i) => {
    const r = i % 2 === 0 ? size * 0.16 : size * 0.065;
    const a = (Math.PI / 5) * i - Math.PI / 2;
    return `${(c + r * Math.cos(a)).toFixed(1)},${(c + r * Math.sin(a)).toFixed(1)}`;
  }).join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><g opacity="${opacity.toFixed(2)}"><circle cx="${c}" cy="${c}" r="${ring}" fill="none" stroke="${red}" stroke-width="${stroke}"/>${letters}<polygon points="${star}" fill="${red}"/><text x="${c}" y="${c + size * 0.33}" font-size="${size * 0.08}" text-anchor="middle" fill="${red}" font-family="WenQuanYi Micro Hei">业务专用章</text></g></svg>`;
}

/** Where the dates are printed on a page, in the page image's pixels (the first found). */
function datePosition(
  page: PDFPageProxy,
  items: readonly TextItemLike[],
  dates: readonly string[],
  scale: number,
): { x: number; y: number } | undefined {
  const viewport = page.getViewport({ scale });
  const compact = (s: string) => s.replace(/\s+/gu, '');
  const hits = items.filter((i) => dates.some((d) => compact(i.str).includes(compact(d))));
  const labels = items.filter((i) => /发证日期|签发日期|有效期/u.test(i.str));
  const found = hits.length > 0 ? hits : labels;
  if (found.length === 0) return undefined;
  const points = found.map((i) => {
    const [x0 = 0, y0 = 0] = viewport.convertToViewportPoint(
      i.transform[4] ?? 0,
      i.transform[5] ?? 0,
    ) as number[];
    const [x1 = 0] = viewport.convertToViewportPoint(
      (i.transform[4] ?? 0) + i.width,
      i.transform[5] ?? 0,
    ) as number[];
    return { x: (x0 + x1) / 2, y: y0 };
  });
  const x = points.reduce((n, p) => n + p.x, 0) / points.length;
  const y = points.reduce((n, p) => n + p.y, 0) / points.length;
  return { x, y };
}

/** Whether a page carries licence fields worth scanning (not the provisions or the 年检 table). */
function carriesFields(text: string, record: Licence, dates: readonly string[]): boolean {
  const t = text.replace(/\s+/gu, '');
  const needles = [
    ...dates,
    ...record.websites.flatMap((w) => w.domains),
    ...(record.holder.creditCode === null ? [] : [record.holder.creditCode]),
    ...record.apps.flatMap((a) => (a.name === null ? [] : [a.name])),
    ...record.facilities,
  ];
  return needles.some((n) => t.includes(n.replace(/\s+/gu, '')));
}

async function pageJpeg(
  page: PDFPageProxy,
  dpi: number,
  seal: { x: number; y: number; svg: string; size: number } | undefined,
  skew: number,
  quality: number,
  blur: number,
): Promise<Uint8Array> {
  const { width, height, rgba } = await renderPageRgba(page, dpi / 72, 80_000_000);
  let img = sharp(Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength), {
    raw: { width, height, channels: 4 },
  });
  if (seal) {
    const left = Math.round(Math.min(Math.max(0, seal.x - seal.size / 2), width - seal.size));
    const top = Math.round(Math.min(Math.max(0, seal.y - seal.size / 2), height - seal.size));
    const stamp = await sharp(Buffer.from(seal.svg)).png().toBuffer();
    img = sharp(
      await img
        .composite([{ input: stamp, left, top, blend: 'multiply' }])
        .png()
        .toBuffer(),
    );
  }
  img = img.flatten({ background: '#ffffff' }).rotate(skew, { background: '#ffffff' });
  if (blur >= 0.3) img = img.blur(blur);
  const out = await img
    .jpeg({ quality, chromaSubsampling: '4:2:0' })
    .withMetadata({ density: dpi })
    .toBuffer();
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

/** The record printed in one of the layouts and scanned. */
export async function renderScanDocument(
  record: Licence,
  rng: Rng,
  layout?: HtmlLayout,
): Promise<RenderedScan> {
  const family: PdfFamily = layout ?? rng.pick(HTML_LAYOUTS);
  const printed = await renderPdfDocument(record, rng, family);
  const dpi = rng.pick([150, 200, 200, 240, 300]);
  const quality = rng.int(60, 85);
  const blur = rng.chance(0.3) ? 0.3 + rng.next() * 0.5 : 0;
  const sealText = record.issuer ?? '通信管理局';
  const keyDates = printed.printedDates;
  const doc = await openPdf(printed.pdf, 'scan.pdf');
  try {
    const texts: { page: PDFPageProxy; items: TextItemLike[] }[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      texts.push({ page, items: itemsOf(await page.getTextContent()) });
    }
    let last = 0;
    texts.forEach((t, i) => {
      if (carriesFields(t.items.map((x) => x.str).join(''), record, keyDates)) last = i;
    });
    const pages: Uint8Array[] = [];
    const skews: number[] = [];
    let sealed = false;
    for (const t of texts.slice(0, last + 1)) {
      const at = sealed ? undefined : datePosition(t.page, t.items, keyDates, dpi / 72);
      const size = Math.round(((rng.int(38, 44) / 25.4) * dpi) | 0);
      const seal =
        at === undefined
          ? undefined
          : {
              x: at.x + (rng.next() - 0.5) * size * 0.4,
              y: at.y + (rng.next() - 0.3) * size * 0.4,
              svg: sealSvg(size, sealText, rng),
              size,
            };
      if (seal) sealed = true;
      const skew = Math.round((rng.next() * 6 - 3) * 100) / 100;
      skews.push(skew);
      pages.push(await pageJpeg(t.page, dpi, seal, skew, quality, blur));
    }
    return {
      pages,
      dpi,
      layout: printed.layout,
      printedPages: doc.numPages,
      skew: skews,
      quality,
      pdf: printed.pdf,
    };
  } finally {
    await doc.destroy();
  }
}

/** Contract with the corpus: the record scanned, one JPEG a page. */
export async function renderScan(
  record: Licence,
  rng: Rng,
): Promise<{ pages: Uint8Array[]; dpi: number }> {
  const s = await renderScanDocument(record, rng);
  return { pages: s.pages, dpi: s.dpi };
}

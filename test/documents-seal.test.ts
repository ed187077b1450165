/**
 * Real OCR (Debian's `tesseract`, chi_sim) on a page drawn here: the issuing authority and the
 * dates in black, the holder in blue, and a red round seal (a ring, the authority's name, a star,
 * semi-transparent, multiplied over the ink as a stamp is) over the two dates, saved as a JPEG
 * with colour at half resolution as scanners and phones save it. Read as a JPEG and as a scanned
 * PDF of that JPEG, the dates must come out exactly; the page without the seal reads the same.
 */
import sharp from 'sharp';
import { beforeAll, expect, it } from 'vitest';
import { createImageDocumentSource } from '../src/adapters/documents/image-document.js';
import {
  checkTesseract,
  createTesseractCliEngine,
} from '../src/adapters/documents/ocr-tesseract-cli.js';
import { createPdfDocumentSource } from '../src/adapters/documents/pdf-document.js';
import { imageOnlyPdf } from './documents-builders.js';
import { describeWith } from './require-service.js';

const tesseract = checkTesseract();

const WIDTH = 1400;
const HEIGHT = 560;
const FONT = 'WenQuanYi Micro Hei';
const LINES = [
  { text: '发证机关：广东省通信管理局', colour: '#111111' },
  { text: '发证日期：2026年06月15日', colour: '#111111' },
  { text: '有效期至：2031年06月14日', colour: '#111111' },
  { text: '公司名称：广州青禾网络科技有限公司', colour: '#1a3fa0' },
];

function pageSvg(): string {
  const lines = LINES.map(
    (l, i) =>
      `<text x="80" y="${[100, 220, 320, 510][i] ?? 0}" font-size="44" font-family="${FONT}" fill="${l.colour}">${l.text}</text>`,
  ).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}"><rect width="100%" height="100%" fill="#ffffff"/>${lines}</svg>`;
}

/** Where a seal is stamped (its top left corner on the page), in what red, how opaque. */
interface Stamp {
  readonly left: number;
  readonly top: number;
  readonly red: string;
  readonly opacity: number;
}

/**
 * Three stampings over the dates, as they fall on real licences: the ring through the figures or
 * beside them, the star on the months. Read through the red channel alone (its speckles
 * cleared), as before issue 17, none of the twelve dates came out right (`20?年66朋15日`,
 * `2031年06月宴日`, `2026和66月45日`, `2031生06月1人`).
 */
const STAMPS: readonly Stamp[] = [
  { left: 300, top: 110, red: '#c8161d', opacity: 0.85 },
  { left: 260, top: 120, red: '#e0201c', opacity: 0.85 },
  { left: 320, top: 140, red: '#c8161d', opacity: 0.8 },
];

/** A round seal `size` pixels across: ring, the authority's name along the top, a star. */
function sealSvg(size: number, { red, opacity }: Stamp): string {
  const c = size / 2;
  const ring = size * 0.47;
  const name = Array.from('广东省通信管理局');
  const letters = name
    .map((ch, i) => {
      const angle = -105 + (210 * i) / (name.length - 1);
      return `<text x="${c}" y="${c - ring + 52}" font-size="40" text-anchor="middle" font-family="${FONT}" fill="${red}" transform="rotate(${angle} ${c} ${c})">${ch}</text>`;
    })
    .join('');
  const star = Array.from({ length: 10 }, (_, k) => {
    const r = k % 2 === 0 ? size * 0.16 : size * 0.065;
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    return `${(c + r * Math.cos(a)).toFixed(1)},${(c + r * Math.sin(a)).toFixed(1)}`;
  }).join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><g opacity="${opacity}"><circle cx="${c}" cy="${c}" r="${ring}" fill="none" stroke="${red}" stroke-width="10"/>${letters}<polygon points="${star}" fill="${red}"/><text x="${c}" y="${c + size * 0.33}" font-size="28" text-anchor="middle" font-family="${FONT}" fill="${red}">业务专用章</text></g></svg>`;
}

/** The page as a JPEG (quality 60, colour at half resolution), with the seal stamped, if any. */
async function pageJpeg(stamp: Stamp | null): Promise<Uint8Array> {
  let page = sharp(Buffer.from(pageSvg()));
  if (stamp) {
    const seal = await sharp(Buffer.from(sealSvg(300, stamp)))
      .png()
      .toBuffer();
    page = sharp(
      await page
        .composite([{ input: seal, left: stamp.left, top: stamp.top, blend: 'multiply' }])
        .png()
        .toBuffer(),
    );
  }
  const out = await page
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 60, chromaSubsampling: '4:2:0' })
    .withMetadata({ density: 200 })
    .toBuffer();
  return new Uint8Array(out);
}

/**
 * The lines of OCR text, spaces dropped, a label's colon full-width (Tesseract prints it as `：`,
 * `:` or `;`, or drops it after a label).
 */
function lines(text: string): string[] {
  return text
    .split(/\n/u)
    .map((l) => l.replace(/\s+/gu, '').replace(/^([\p{Script=Han}]{4})[:;：；]?/u, '$1：'))
    .filter((l) => l !== '');
}

describeWith(
  'Tesseract',
  tesseract.ok,
  tesseract.ok ? '' : `${tesseract.reason} (apt-get install tesseract-ocr tesseract-ocr-chi-sim)`,
)('a red seal stamped over the dates', () => {
  const ocr = createTesseractCliEngine();
  /** per stamping: the text read from the JPEG, then from the scanned PDF */
  const sealed: string[][] = [];
  let clean = '';
  beforeAll(async () => {
    const images = createImageDocumentSource({ ocr });
    const pdfs = createPdfDocumentSource({ ocr });
    for (const stamp of STAMPS) {
      const jpeg = await pageJpeg(stamp);
      sealed.push([
        (await images.extract(jpeg, 'sealed.jpg')).text,
        (await pdfs.extract(imageOnlyPdf([jpeg]), 'sealed.pdf')).text,
      ]);
    }
    clean = (await images.extract(await pageJpeg(null), 'clean.jpg')).text;
  }, 180_000);

  it('draws a seal that is red, over the dates', async () => {
    const { data, info } = await sharp(await pageJpeg(STAMPS[0] ?? null))
      .raw()
      .toBuffer({ resolveWithObject: true });
    let red = 0;
    for (let i = 0; i < data.length; i += info.channels) {
      const [r = 0, g = 0, b = 0] = [data[i], data[i + 1], data[i + 2]];
      if (r > 150 && g < 120 && b < 120) red++;
    }
    expect(red).toBeGreaterThan(5000);
  });

  it('reads the figures of both dates under the seal, from a JPEG and from a scanned PDF', () => {
    expect(sealed).toHaveLength(STAMPS.length);
    for (const text of sealed.flat()) {
      expect(lines(text).find((l) => l.startsWith('发证日期'))).toMatch(/2026年06月15/u);
      expect(lines(text).find((l) => l.startsWith('有效期至'))).toMatch(/2031年06月14/u);
    }
  });

  it('reads most dates under the seal exactly, to the last character', () => {
    // Where the ring runs through the 日 closing a date, its stroke is as dark as ink and the 日
    // may still read 晶 or 昌 (the red channel alone lost all twelve dates here).
    const dates = ['发证日期：2026年06月15日', '有效期至：2031年06月14日'];
    const exact = sealed.flat().flatMap((text) => dates.filter((d) => lines(text).includes(d)));
    expect(exact.length).toBeGreaterThanOrEqual((2 / 3) * dates.length * 2 * STAMPS.length);
  });

  it('keeps the black and the blue ink beside the seal', () => {
    for (const text of sealed.flat()) {
      expect(lines(text)[0]).toBe('发证机关：广东省通信管理局');
      expect(lines(text).at(-1)).toBe('公司名称：广州青禾网络科技有限公司');
    }
  });

  it('reads the page without a seal line for line', () => {
    expect(lines(clean)).toEqual(LINES.map((l) => l.text));
  });
});

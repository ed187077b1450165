/**
 * Real OCR with Debian's `tesseract` and chi_sim on the scanned fixture pages. Each page is read
 * once per run (OCR is CPU-heavy): page 1 as a JPEG, both pages as an image-only PDF, page 1 with
 * red seals over its dates as a JPEG, and strips of page 1 as a multi-page TIFF.
 */
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { beforeAll, expect, it } from 'vitest';
import { parseDocument, type ParseDocumentDeps } from '../src/app/documents/parse-document.js';
import { createDocumentTextSources } from '../src/adapters/documents/ocr-document-sources.js';
import { checkTesseract } from '../src/adapters/documents/ocr-tesseract-cli.js';
import { nodeHasher } from '../src/adapters/node-hasher.js';
import { ParseResultSchema, type ParseResult } from '../src/core/licence.js';
import { parseLicenceText } from '../src/core/parse/parse-licence-text.js';
import { describeWith } from './require-service.js';
import {
  documentBytes,
  greyTiff,
  imageOnlyPdf,
  valueAtPath,
  withExifOrientation,
} from './documents-builders.js';

const tesseract = checkTesseract();
const deps: ParseDocumentDeps = {
  sources: createDocumentTextSources(),
  hasher: nodeHasher,
  maxBytes: 32 << 20,
};

/** What the scans must yield: the Done-when fields of issue 8. */
function expectKeyFields(r: ParseResult): void {
  const l = r.licence;
  expect(l.number).toBe('沪B2-20200731');
  expect(l.holder.name).toBe('上海青禾网络科技有限公司');
  expect(l.holder.legalRepresentative).toBe('陈思远');
  // Right, or left null with a note: never wrong.
  if (l.holder.creditCode === null) {
    expect(r.notes.some((n) => n.field === 'holder.creditCode')).toBe(true);
  } else {
    expect(l.holder.creditCode).toBe('91310104MA1FR5C85C');
  }
  expect(l.issuedOn).toBe('2025-07-31');
  expect(l.expiresOn).toBe('2030-07-31');
  expect(l.services.map((s) => [s.code, s.qualifier, s.coverage])).toEqual([
    ['B25', '仅限互联网信息服务', ['上海市']],
  ]);
}

describeWith(
  'Tesseract',
  tesseract.ok,
  tesseract.ok ? '' : `${tesseract.reason} (apt-get install tesseract-ocr tesseract-ocr-chi-sim)`,
)('reading the scanned 沪B2-20200731', () => {
  let jpeg: ParseResult;
  let pdf: ParseResult;
  let sealed: ParseResult;
  let sealedTiff: ParseResult;
  let sideways: ParseResult;
  let upsideDown: ParseResult;
  let sidewaysPdf: ParseResult;
  beforeAll(async () => {
    // A phone photo as cameras store it: the pixels turned 90° counter-clockwise and EXIF
    // orientation 6 saying "turn clockwise to display".
    const upright = await loadImage(Buffer.from(documentBytes('huPage1')));
    const turned = createCanvas(upright.height, upright.width);
    const ctx = turned.getContext('2d');
    ctx.translate(0, upright.width);
    ctx.rotate(-Math.PI / 2);
    ctx.drawImage(upright, 0, 0);
    const photo = withExifOrientation(new Uint8Array(await turned.encode('jpeg', 90)), 6);
    sideways = ParseResultSchema.parse(await parseDocument(photo, 'photo.jpg', deps));
    // The same pixels without the tag, in a PDF: a sheet fed sideways into the scanner.
    const fed = new Uint8Array(await turned.encode('jpeg', 90));
    sidewaysPdf = ParseResultSchema.parse(
      await parseDocument(imageOnlyPdf([fed]), 'sideways.pdf', deps),
    );
    // Upside down, as a PNG with no tag at all.
    const flipped = createCanvas(upright.width, upright.height);
    const fctx = flipped.getContext('2d');
    fctx.translate(upright.width, upright.height);
    fctx.rotate(Math.PI);
    fctx.drawImage(upright, 0, 0);
    upsideDown = ParseResultSchema.parse(
      await parseDocument(new Uint8Array(await flipped.encode('png')), 'flipped.png', deps),
    );
    jpeg = ParseResultSchema.parse(
      await parseDocument(documentBytes('huPage1'), 'page1.jpg', deps),
    );
    sealed = ParseResultSchema.parse(
      await parseDocument(documentBytes('huSealedPage1'), 'sealed.jpg', deps),
    );
    // The sealed page upside down in an LZW-compressed colour TIFF, as a scanner might file it.
    const tiff = await sharp(documentBytes('huSealedPage1'))
      .rotate(180)
      .tiff({ compression: 'lzw' })
      .toBuffer();
    sealedTiff = ParseResultSchema.parse(
      await parseDocument(new Uint8Array(tiff), 'sealed.tif', deps),
    );
    const scan = imageOnlyPdf([documentBytes('huPage1'), documentBytes('huPage2')]);
    pdf = ParseResultSchema.parse(await parseDocument(scan, 'scan.pdf', deps));
  }, 120_000);

  it('reads number, holder, legal representative, credit code, dates and service from a JPEG', () => {
    expectKeyFields(jpeg);
    expect(jpeg.source.format).toBe('image');
  });

  it('gives every field of a scan the OCR confidence, below 1, and says it was OCR', () => {
    const confidences = Object.values(jpeg.evidence).map((e) => e.confidence);
    expect(confidences.length).toBeGreaterThan(5);
    expect(Math.max(...confidences)).toBeLessThan(1);
    expect(Math.max(...confidences)).toBeGreaterThan(0.7);
    expect(jpeg.notes.some((n) => n.messageEn.includes('read by OCR'))).toBe(true);
  });

  it('removes the spaces OCR puts between Chinese characters', () => {
    expect(jpeg.evidence['holder.name']?.text).toMatch(/公司名称[:：]\s*上海青禾网络科技有限公司/u);
  });

  it('reads through red seals stamped over the authority and the dates', () => {
    // Read as luma grey (Tesseract's own conversion) the seals wipe out both dates: the page is
    // read through its red channel, in which the seals are as light as the paper.
    expectKeyFields(sealed);
    expect(sealed.licence.issuer).toBe('上海市通信管理局');
    // The second seal lies over the website block: with the speckles JPEG leaves around seal ink
    // cleared, the site reads as printed (it read 青禾读书二 and qinghe-read.sn before).
    expect(sealed.licence.websites[0]).toMatchObject({
      name: '青禾读书',
      domains: ['www.qinghe-read.cn', 'qinghe-read.cn'],
      serverLocation: '上海市宝山区园丰路88号',
    });
  });

  it('marks the fields whose characters OCR was unsure of, and no field it read right', () => {
    const marked = (r: ParseResult) =>
      r.notes.filter((n) => n.message.startsWith('文字识别存疑')).map((n) => n.field);
    // Through the seals the key fields are read, and not marked.
    for (const field of ['number', 'holder.name', 'holder.legalRepresentative', 'expiresOn']) {
      expect(marked(sealed)).not.toContain(field);
      expect(sealed.evidence[field]?.confidence).toBeGreaterThan(0.7);
    }
    // On the clean two pages, every field marked is one read wrong. The address Tesseract alone
    // misreads (汪溪 for 漕溪, scored 0.25) is re-read by PaddleOCR (XUKE_OCR_ENGINES=combined) and
    // right, so not marked.
    const text = parseLicenceText(
      readFileSync(new URL('./fixtures/licences/hu-b2-20200731.txt', import.meta.url), 'utf8'),
    );
    if (!text.ok) throw new Error(text.message);
    expect(pdf.licence.holder.address).toBe(text.licence.holder.address);
    expect(marked(pdf)).not.toContain('holder.address');
    for (const field of marked(pdf)) {
      expect(valueAtPath(pdf.licence, field), field).not.toEqual(valueAtPath(text.licence, field));
    }
  });

  it('reads a TIFF page as it reads other images: through the seals, turned upright', () => {
    expectKeyFields(sealedTiff);
    expect(sealedTiff.licence.issuer).toBe('上海市通信管理局');
    expect(sealedTiff.notes.map((n) => n.messageEn).join('\n')).toMatch(
      /turning it 180° clockwise/u,
    );
  });

  it('turns a phone photo upright by its EXIF orientation before reading it', () => {
    expectKeyFields(sideways);
  });

  it('turns a page that lies on its side or upside down, and says so', () => {
    expectKeyFields(sidewaysPdf);
    expect(sidewaysPdf.notes.map((n) => n.messageEn).join('\n')).toMatch(
      /turning it 90° clockwise/u,
    );
    expectKeyFields(upsideDown);
    expect(upsideDown.notes.map((n) => n.messageEn).join('\n')).toMatch(
      /turning it 180° clockwise/u,
    );
    // An upright page is read once, with no such note.
    expect(jpeg.notes.some((n) => n.messageEn.includes('turning'))).toBe(false);
  });

  it('outlines a turned page’s fields on the page as it was uploaded, not as it was read', () => {
    const upright = jpeg.evidence['holder.name']?.box;
    expect(upright).toBeDefined();
    const [l, t, w, h] = upright ?? [0, 0, 0, 0];
    const near = (got: readonly number[] | undefined, want: readonly number[]) => {
      expect(got).toHaveLength(4);
      got?.forEach((v, k) => {
        expect(Math.abs(v - (want[k] ?? 0))).toBeLessThan(0.03);
      });
    };
    // upside down: the box mirrored both ways
    near(upsideDown.evidence['holder.name']?.box, [1 - l - w, 1 - t - h, w, h]);
    // fed sideways (the content turned 90° counter-clockwise): x from the top, y from the right
    near(sidewaysPdf.evidence['holder.name']?.box, [t, 1 - l - w, h, w]);
  });

  it('reads an image-only PDF of both pages by OCR, page by page', () => {
    expectKeyFields(pdf);
    expect(pdf.source.format).toBe('pdf');
    expect(pdf.licence.websites.map((w) => w.name)).toEqual(['青禾读书', '青禾听书']);
    expect(pdf.licence.apps.map((a) => a.name)).toEqual(['青禾读书']);
    expect(pdf.notes.filter((n) => n.messageEn.includes('read by OCR'))).toHaveLength(2);
  });

  it('reads every page of a multi-page TIFF', async () => {
    // Two strips of page 1 (number; holder and legal representative), as two TIFF pages.
    const image = await loadImage(Buffer.from(documentBytes('huPage1')));
    const strip = (top: number, height: number) => {
      const canvas = createCanvas(image.width, height);
      const ctx = canvas.getContext('2d');
      ctx.drawImage(image, 0, -top);
      const rgba = ctx.getImageData(0, 0, image.width, height).data;
      const grey = new Uint8Array(image.width * height);
      for (let i = 0; i < grey.length; i++) {
        grey[i] = Math.round(
          0.299 * (rgba[i * 4] ?? 0) +
            0.587 * (rgba[i * 4 + 1] ?? 0) +
            0.114 * (rgba[i * 4 + 2] ?? 0),
        );
      }
      return { width: image.width, height, pixels: grey };
    };
    const h = image.height;
    const tiff = greyTiff([
      strip(0, Math.round(h * 0.2)),
      strip(Math.round(h * 0.2), Math.round(h * 0.15)),
    ]);
    const extracted = await deps.sources.tiff?.extract(tiff, 'strips.tif');
    const pages = extracted?.text.split('\f') ?? [];
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('沪B2-20200731');
    expect(pages[1]).toContain('陈思远');
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import { parseDocument, type ParseDocumentDeps } from '../src/app/documents/parse-document.js';
import { createPdfDocumentSource } from '../src/adapters/documents/pdf-document.js';
import { DEFAULT_DOCUMENT_LIMITS } from '../src/adapters/documents/ocr-pool.js';
import { textDocumentSource } from '../src/adapters/documents/text-document.js';
import { nodeHasher } from '../src/adapters/node-hasher.js';
import { DomainError } from '../src/core/errors.js';
import { readImageInfo } from '../src/core/ocr/image-info.js';
import { ParseResultSchema } from '../src/core/licence.js';
import type { OcrEngine, OcrImage } from '../src/ports/ocr-engine.js';
import { fixtureBytes, FIXTURES } from './fixtures.js';
import {
  documentBytes,
  DOCUMENTS,
  encryptedPdf,
  imageOnlyPdf,
  pagelessPdf,
} from './documents-builders.js';

function depsWith(pdf = createPdfDocumentSource()): ParseDocumentDeps {
  return { sources: { text: textDocumentSource, pdf }, hasher: nodeHasher, maxBytes: 32 << 20 };
}

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

describe('PDF licences with a text layer', () => {
  it.each([
    ['huPdf', 'hu'],
    ['b1b2Pdf', 'b1b2'],
  ] as const)('%s parses to the same licence as its text fixture', async (pdf, txt) => {
    const deps = depsWith();
    const fromPdf = ParseResultSchema.parse(
      await parseDocument(documentBytes(pdf), DOCUMENTS[pdf], deps),
    );
    const fromText = await parseDocument(fixtureBytes(txt), FIXTURES[txt], deps);
    expect(fromPdf.licence).toEqual(fromText.licence);
    expect(fromPdf.notes).toEqual(fromText.notes);
    // The same fields have evidence; only line numbers and line wrapping differ.
    expect(Object.keys(fromPdf.evidence).sort()).toEqual(Object.keys(fromText.evidence).sort());
    expect(Object.values(fromPdf.evidence).every((e) => e.confidence === 1)).toBe(true);
    expect(fromPdf.source.format).toBe('pdf');
    expect(fromPdf.source.encoding).toBeNull();
  });

  it('keeps page boundaries as form feeds and folds radical code points to ideographs', async () => {
    const extracted = await createPdfDocumentSource().extract(documentBytes('huPdf'), 'hu.pdf');
    const pages = extracted.text.split('\f');
    expect(pages).toHaveLength(3);
    expect(pages[0]).toContain('公司名称：上海青禾网络科技有限公司');
    expect(pages[0]).toContain('法定代表人：陈思远');
    expect(extracted.text).not.toMatch(/[\u2e80-\u2fdf]/u);
    expect(pages[2]?.startsWith('九、你公司经营许可证有效期届满')).toBe(true);
    expect(extracted.baseConfidence).toBe(1);
  });
});

describe('PDFs that cannot be read', () => {
  it('says a corrupt PDF is corrupt', async () => {
    const e = await rejection(
      createPdfDocumentSource().extract(new TextEncoder().encode('%PDF-1.7\ngarbage'), 'bad.pdf'),
    );
    expect(e.code).toBe('UNREADABLE_DOCUMENT');
    expect(e.message).toContain('bad.pdf');
    expect(e.messageEn).toContain('corrupt');
  });

  it('says an encrypted PDF needs a password', async () => {
    const e = await rejection(createPdfDocumentSource().extract(encryptedPdf(), 'locked.pdf'));
    expect(e.code).toBe('UNREADABLE_DOCUMENT');
    expect(e.message).toContain('已加密');
    expect(e.messageEn).toContain('encrypted');
  });

  it('says a PDF without pages has none', async () => {
    const e = await rejection(createPdfDocumentSource().extract(pagelessPdf(), 'empty.pdf'));
    expect(e.code).toBe('UNREADABLE_DOCUMENT');
    expect(e.messageEn).toMatch(/no pages|corrupt/u);
  });

  it('refuses more pages than the limit before reading any', async () => {
    const pdf = createPdfDocumentSource({ limits: { ...DEFAULT_DOCUMENT_LIMITS, maxPages: 2 } });
    const e = await rejection(pdf.extract(documentBytes('huPdf'), 'hu.pdf'));
    expect(e.code).toBe('INPUT_TOO_LARGE');
    expect(e.message).toContain('3 页');
  });
});

describe('PDF pages without a usable text layer', () => {
  /** An in-memory engine: records what it was given and "reads" a fixed text. */
  function fakeEngine(text: (n: number) => string, confidence = 0.8) {
    const seen: OcrImage[] = [];
    const engine: OcrEngine = {
      name: 'fake',
      recognise(image) {
        seen.push(image);
        return Promise.resolve([{ text: text(seen.length), confidence }]);
      },
    };
    return { engine, seen };
  }

  it('hands a full-page scan to OCR as its own pixels, with the engine confidence and a note', async () => {
    const { engine, seen } = fakeEngine((n) => `第${n}页 经营许可证编号：沪B2-20200731`);
    const scan = imageOnlyPdf([documentBytes('huPage1'), documentBytes('huPage2')]);
    const progress: number[] = [];
    const pdf = createPdfDocumentSource({
      ocr: engine,
      onProgress: (p) => progress.push(p.done),
    });
    const extracted = await pdf.extract(scan, 'scan.pdf');
    expect(seen).toHaveLength(2);
    // The embedded image itself, in grey, at its own size: no canvas.
    expect(seen.every((i) => i.format === 'tiff')).toBe(true);
    expect(seen.map((i) => readImageInfo(i.bytes, 'tiff'))).toEqual([
      { ok: true, pages: [{ width: 1732, height: 2226 }] },
      { ok: true, pages: [{ width: 1732, height: 2226 }] },
    ]);
    expect(extracted.text.split('\f')).toHaveLength(2);
    expect(extracted.baseConfidence).toBe(0.8);
    expect(extracted.notes.map((n) => n.messageEn)).toEqual([
      expect.stringContaining('page 1 has no usable text layer; read by OCR at 200 dpi'),
      expect.stringContaining('page 2 has no usable text layer'),
    ]);
    expect(progress).toEqual([0, 1, 2]);
  });

  it('reduces a scan finer than twice the OCR resolution by a whole factor', async () => {
    const { engine, seen } = fakeEngine(() => 'x');
    const scan = imageOnlyPdf([documentBytes('huPage1')], 600);
    const extracted = await createPdfDocumentSource({ ocr: engine }).extract(scan, 'scan.pdf');
    expect(readImageInfo(seen[0]?.bytes ?? new Uint8Array(), 'tiff')).toEqual({
      ok: true,
      pages: [{ width: 577, height: 742 }],
    });
    expect(extracted.notes[0]?.messageEn).toContain('read by OCR at 200 dpi');
  });

  it('rasterises a page that is not one image over the whole page', async () => {
    const { engine, seen } = fakeEngine(() => 'x');
    const scan = imageOnlyPdf([documentBytes('huPage1')], 200, 0.5);
    const extracted = await createPdfDocumentSource({ ocr: engine }).extract(scan, 'scan.pdf');
    expect(seen.map((i) => i.format)).toEqual(['tiff']);
    const tiff = seen[0]?.bytes ?? new Uint8Array();
    expect(readImageInfo(tiff, 'tiff')).toEqual({
      ok: true,
      pages: [{ width: 1732, height: 2226 }],
    });
    // The page as drawn: the scan in the top-left quarter, white elsewhere (the scan itself has
    // text in its lower right quarter).
    const pixels = tiff.subarray(tiff.length - 1732 * 2226);
    const lowerRight = Array.from({ length: 1000 }, (_, y) =>
      pixels.subarray((1200 + y) * 1732 + 900, (1200 + y) * 1732 + 1732),
    );
    expect(lowerRight.every((row) => row.every((v) => v === 255))).toBe(true);
    expect(extracted.notes[0]?.messageEn).toContain('read by OCR at 200 dpi');
  });

  it('without an OCR engine, keeps the text layer and says which pages were skipped', async () => {
    const scan = imageOnlyPdf([documentBytes('huPage1'), documentBytes('huPage2')]);
    const extracted = await createPdfDocumentSource().extract(scan, 'scan.pdf');
    expect(extracted.text).toBe('\f');
    expect(extracted.baseConfidence).toBe(1);
    expect(extracted.notes.map((n) => n.messageEn)).toEqual([
      'scan.pdf: page(s) 1, 2 have no text layer (scans) and no OCR is configured; skipped',
    ]);
  });

  it('leaves pages with a text layer alone', async () => {
    const { engine, seen } = fakeEngine(() => '');
    await createPdfDocumentSource({ ocr: engine }).extract(documentBytes('b1b2Pdf'), 'b1b2.pdf');
    expect(seen).toHaveLength(0);
  });

  it('lowers the resolution of a page that would exceed the pixel limit, and says so', async () => {
    const { engine, seen } = fakeEngine(() => 'x');
    const pdf = createPdfDocumentSource({
      ocr: engine,
      limits: { ...DEFAULT_DOCUMENT_LIMITS, maxPixelsPerPage: 1_000_000 },
    });
    const extracted = await pdf.extract(imageOnlyPdf([documentBytes('huPage1')]), 'scan.pdf');
    const info = readImageInfo(seen[0]?.bytes ?? new Uint8Array(), 'tiff');
    expect(info.ok && info.pages[0] && info.pages[0].width * info.pages[0].height).toBeLessThan(
      1_000_000,
    );
    const dpi = Number(/at (\d+) dpi/u.exec(extracted.notes[0]?.messageEn ?? '')?.[1]);
    expect(dpi).toBeLessThan(200);
    expect(dpi).toBeGreaterThan(100);
  });
});

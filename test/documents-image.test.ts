/**
 * The image source's scheduling, with a stand-in engine (no Tesseract): a multi-page TIFF is read
 * one page a run, in parallel in the pool, and its text comes back in page order.
 */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createImageDocumentSource } from '../src/adapters/documents/image-document.js';
import { DEFAULT_DOCUMENT_LIMITS } from '../src/adapters/documents/ocr-pool.js';
import { readImageInfo } from '../src/core/ocr/image-info.js';
import type { OcrEngine, OcrImage } from '../src/ports/ocr-engine.js';
import { documentBytes, greyTiff } from './documents-builders.js';

const page = (width: number) => ({ width, height: 8, pixels: new Uint8Array(width * 8).fill(255) });

/** An engine that names the page it was given by its width, and records how many ran at once. */
function widthEngine(delays: Record<number, number>) {
  const seen: { pages: number; width: number }[] = [];
  let running = 0;
  let widest = 0;
  const engine: OcrEngine = {
    name: 'width',
    async recognise(image: OcrImage) {
      widest = Math.max(widest, ++running);
      const info = readImageInfo(image.bytes, 'tiff');
      if (!info.ok) throw new Error(info.reasonEn);
      const width = info.pages[0]?.width ?? 0;
      seen.push({ pages: info.pages.length, width });
      await new Promise((resolve) => setTimeout(resolve, delays[width] ?? 5));
      running--;
      return [{ text: `第${width}页`, confidence: 0.9 }];
    },
  };
  return { engine, seen, widest: () => widest };
}

describe('a multi-page TIFF', () => {
  it('is read one page a run, pages in parallel, the text in page order', async () => {
    // page 1 (width 11) is the slowest: it finishes last but stays first
    const { engine, seen, widest } = widthEngine({ 11: 60 });
    const progress: number[] = [];
    const source = createImageDocumentSource({
      ocr: engine,
      onProgress: (p) => progress.push(p.done),
    });
    const out = await source.extract(greyTiff([page(11), page(12), page(13)]), 'three.tif');
    expect(out.text.split('\f')).toEqual(['第11页', '第12页', '第13页']);
    expect(seen.map((s) => s.pages)).toEqual([1, 1, 1]);
    expect(seen.map((s) => s.width).sort()).toEqual([11, 12, 13]);
    expect(widest()).toBe(Math.min(3, availableParallelism()));
    expect(progress).toEqual([0, 1, 2, 3]);
    expect(out.notes.some((n) => n.messageEn.includes('3 page(s)'))).toBe(true);
  });

  it('gives each page its own time limit', async () => {
    const { engine } = widthEngine({});
    const slow: OcrEngine = {
      name: 'slow',
      recognise: (image, options) => {
        expect(options.timeoutMs).toBe(1234);
        return engine.recognise(image, options);
      },
    };
    const source = createImageDocumentSource({
      ocr: slow,
      limits: { ...DEFAULT_DOCUMENT_LIMITS, pageTimeoutMs: 1234 },
    });
    const out = await source.extract(greyTiff([page(21), page(22)]), 'two.tif');
    expect(out.text).toBe('第21页\f第22页');
  });
});

describe('a malformed PNG', () => {
  it('is refused as undecodable, and nothing is read', async () => {
    // A header promising a 16 × 16 RGB image, then no image data: Skia died of SIGSEGV on it,
    // which is why images are not decoded by Skia.
    const png = new Uint8Array([
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      0,
      0,
      0,
      13,
      0x49,
      0x48,
      0x44,
      0x52,
      0,
      0,
      0,
      16,
      0,
      0,
      0,
      16,
      8,
      2,
      0,
      0,
      0,
      ...new TextEncoder().encode('garbage'),
    ]);
    const { engine, seen } = widthEngine({});
    const source = createImageDocumentSource({ ocr: engine });
    await expect(source.extract(png, 'bad.png')).rejects.toMatchObject({
      code: 'UNREADABLE_DOCUMENT',
      messageEn: expect.stringContaining('bad.png: the image could not be decoded') as unknown,
    });
    expect(seen).toEqual([]);
  });
});

describe('a truncated JPEG', () => {
  it("is refused with the decoder's reason, not read in part", async () => {
    const cut = documentBytes('huPage1').subarray(0, 100_000);
    const { engine, seen } = widthEngine({});
    const source = createImageDocumentSource({ ocr: engine });
    await expect(source.extract(cut, 'cut.jpg')).rejects.toMatchObject({
      code: 'UNREADABLE_DOCUMENT',
      messageEn: expect.stringMatching(
        /^cut\.jpg: the image could not be decoded \(.*premature end/u,
      ) as unknown,
    });
    expect(seen).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { nodeHasher } from '../node-hasher.js';
import { parseDocument } from '../../app/documents/parse-document.js';
import { DomainError } from '../../core/errors.js';
import { ParseResultSchema } from '../../core/licence.js';
import type { GreyImage } from '../../core/ocr/page-image.js';
import type { OcrEngine, OcrPage } from '../../ports/ocr-engine.js';
import { describeWith } from '../../../test/require-service.js';
import { documentBytes } from '../../../test/documents-builders.js';
import { createCombinedOcrEngine, type CombinedStats } from './ocr-combined.js';
import { createImageDocumentSource } from './image-document.js';
import type { LineRecogniser } from './ocr-paddle.js';
import { createPaddleRecogniser } from './ocr-paddle.js';
import { checkTesseract, createTesseractCliEngine } from './ocr-tesseract-cli.js';

const pixels: GreyImage = { width: 100, height: 60, pixels: new Uint8Array(6000).fill(255) };
const image = { format: 'tiff' as const, bytes: new Uint8Array(), pixels };
const words = (top: number) => [0, 1, 2, 3].map((i) => [10 + i * 20, top, 16, 16] as const);

/** A primary engine that reads two lines, the second (15 characters) with a doubtful character. */
const reading = (second: string): OcrEngine => ({
  name: 'fake',
  recognise: (): Promise<OcrPage[]> =>
    Promise.resolve([
      {
        text: `公司名称\n${second}`,
        confidence: 0.9,
        characterConfidence: [
          [0.99, 0.99, 0.99, 0.99],
          [0.95, 0.95, 0.9, 0.4, ...Array<number>(11).fill(0.95)],
        ],
        width: 100,
        height: 60,
        lines: [
          { box: [10, 5, 76, 16], words: words(5) },
          { box: [10, 30, 76, 16], words: words(30) },
        ],
      },
    ]),
});
const primary = reading('编号：各B2-20180910');

/** A recogniser that reads every line as `text`, and counts what it was asked. */
function fakeRecogniser(text: string, confidence: number): LineRecogniser & { calls: number } {
  const r = {
    name: 'fake-rec',
    calls: 0,
    recogniseLine: () => {
      r.calls++;
      return Promise.resolve({
        text,
        confidence,
        probabilities: Array.from(text).map(() => confidence),
      });
    },
  };
  return r;
}

describe('the combined OCR engine', () => {
  it('re-reads only the doubtful line and keeps the reading that keeps the grammar', async () => {
    const recogniser = fakeRecogniser('编号：京B2-20180910', 0.97);
    const stats: CombinedStats = { lines: 0, reread: 0, replaced: 0, found: 0 };
    const engine = createCombinedOcrEngine({ primary, recogniser }, stats);
    const [page] = await engine.recognise(image, { timeoutMs: 1000 });
    expect(page?.text).toBe('公司名称\n编号：京B2-20180910');
    expect(recogniser.calls).toBe(1);
    expect(stats).toEqual({ lines: 2, reread: 1, replaced: 1, found: 0 });
    // the replaced line carries the recogniser's confidences, one per non-blank character
    expect(page?.characterConfidence?.[1]).toHaveLength(15);
    expect(page?.lines).toHaveLength(2);
  });

  it('re-reads only the doubtful cell of a table row, and keeps the row in its columns', async () => {
    // a row of two cells (业务种类 | 各东), the second doubtful, and a line in column 12 alone
    const table: OcrEngine = {
      name: 'fake',
      recognise: (): Promise<OcrPage[]> =>
        Promise.resolve([
          {
            text: `业务种类${' '.repeat(8)}各东\n${' '.repeat(12)}东`,
            confidence: 0.9,
            characterConfidence: [[0.99, 0.99, 0.99, 0.99, 0.4, 0.95], [0.5]],
            width: 100,
            height: 60,
            lines: [
              { box: [10, 5, 80, 16], words: words(5), cells: [3] },
              { box: [70, 30, 16, 16], words: [[70, 30, 16, 16]] },
            ],
          },
        ]),
    };
    const recogniser = fakeRecogniser('，广东', 0.97);
    const engine = createCombinedOcrEngine({ primary: table, recogniser });
    const [page] = await engine.recognise(image, { timeoutMs: 1000 });
    // the cell's reading loses the comma its crop took in of the gap before it; the line in
    // column 12 keeps its indent
    expect(page?.text).toBe(`业务种类${' '.repeat(8)}广东\n${' '.repeat(12)}广东`);
    expect(recogniser.calls).toBe(2);
    expect(page?.characterConfidence?.[0]).toEqual([0.99, 0.99, 0.99, 0.99, 0.97, 0.97]);
  });

  it('keeps Tesseract’s line when the other reading breaks the grammar', async () => {
    const recogniser = fakeRecogniser('编号：各B2-20180910', 0.99);
    const engine = createCombinedOcrEngine({ primary: reading('编号：京B2-20180910'), recogniser });
    const [page] = await engine.recognise(image, { timeoutMs: 1000 });
    expect(page?.text).toBe('公司名称\n编号：京B2-20180910');
  });

  it('falls back to the primary engine when the model cannot load', async () => {
    const broken: LineRecogniser = {
      name: 'broken',
      recogniseLine: () =>
        Promise.reject(new DomainError('UNSUPPORTED_FORMAT', '无模型', 'no model')),
    };
    const engine = createCombinedOcrEngine({ primary, recogniser: broken });
    const [page] = await engine.recognise(image, { timeoutMs: 1000 });
    expect(page?.text).toBe('公司名称\n编号：各B2-20180910');
  });
});

const tesseract = checkTesseract();

describeWith(
  'Tesseract',
  tesseract.ok,
  tesseract.ok ? '' : `${tesseract.reason} (apt-get install tesseract-ocr tesseract-ocr-chi-sim)`,
)('the combined engine on the scanned fixture', () => {
  const cli = createTesseractCliEngine();
  const combined = createCombinedOcrEngine({ primary: cli, recogniser: createPaddleRecogniser() });
  const read = (ocr: OcrEngine) =>
    createImageDocumentSource({ ocr }).extract(documentBytes('huSealedPage1'), 'sealed.jpg');

  it('fixes a character Tesseract misreads under a seal (漕 read as 汪)', async () => {
    const [alone, both] = await Promise.all([read(cli), read(combined)]);
    // Tesseract alone misreads the street (docs/reading-documents.md); the combined engine does not.
    expect(alone.text).toMatch(/[^漕]溪北路/u);
    expect(both.text).toContain('上海市徐汇区漕溪北路88号15层1503室');
  });

  it('places the fields it read on the upright page', async () => {
    const r = ParseResultSchema.parse(
      await parseDocument(documentBytes('huPage1'), 'page1.jpg', {
        sources: { jpeg: createImageDocumentSource({ ocr: combined }) },
        hasher: nodeHasher,
        maxBytes: 32 << 20,
      }),
    );
    expect(r.source.pages).toBe(1);
    const number = r.evidence['number'];
    const holder = r.evidence['holder.name'];
    expect(number?.page).toBe(1);
    expect(holder?.page).toBe(1);
    for (const e of [number, holder]) {
      const [left = -1, top = -1, width = -1, height = -1] = e?.box ?? [];
      expect(left).toBeGreaterThanOrEqual(0);
      expect(top).toBeGreaterThanOrEqual(0);
      expect(left + width).toBeLessThanOrEqual(1);
      expect(top + height).toBeLessThanOrEqual(1);
      // a line: wider than tall, and a few percent of the page high
      expect(width).toBeGreaterThan(height);
      expect(height).toBeLessThan(0.05);
    }
    // the number is printed above the holder's name
    expect(number?.box?.[1] ?? 1).toBeLessThan(holder?.box?.[1] ?? 0);
  });
});

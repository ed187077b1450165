/**
 * Issue 17's OCR case: the seed licence (京B2-20180910, the MIIT print of fixture 000_…) printed
 * through Chromium, scanned (corpus/render-scan.ts: rasterised, a red seal over the dates, skewed,
 * JPEG) and wrapped as an image-only PDF, then read through the product's path (parseDocument
 * with the real OCR sources). On such scans the reader lost the service code (`言息服务业务`, no
 * B25), wrote the holder with ASCII parentheses or not at all, and misread the number's B as 8.
 * The seeds and layouts are fixed, so each scan is the same page on every run.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentTextSources } from '../src/adapters/documents/ocr-document-sources.js';
import { nodeHasher } from '../src/adapters/node-hasher.js';
import { parseDocument, type ParseDocumentDeps } from '../src/app/documents/parse-document.js';
import { ParseResultSchema, type Licence, type ParseResult } from '../src/core/licence.js';
import { parseLicenceText } from '../src/core/parse/parse-licence-text.js';
import type { HtmlLayout } from './corpus/render-html.js';
import { closeRenderBrowser } from './corpus/render-pdf.js';
import { checkScanTools, renderScanDocument } from './corpus/render-scan.js';
import { createRng } from './corpus/rng.js';
import { imageOnlyPdf } from './documents-builders.js';
import { describeWith } from './require-service.js';

const SEED_TEXT = '/work/shared/fixtures/licences/000_76c3e29b3dfe6cfb.txt';

/** The scans read: the layout and the seed of render-scan's choices (dpi, quality, skew, seal). */
const SCANS: readonly { layout: HtmlLayout; seed: number }[] = [
  { layout: 'miit', seed: 2 },
  { layout: 'miit', seed: 6 },
  { layout: 'webtable', seed: 1 },
];

const tools = checkScanTools();

describeWith(
  'Chromium and Tesseract',
  tools.ok,
  tools.missing,
)('the seed licence 京B2-20180910 scanned to an image-only PDF and read by OCR', () => {
  const deps: ParseDocumentDeps = {
    sources: createDocumentTextSources(),
    hasher: nodeHasher,
    maxBytes: 32 << 20,
  };
  let record: Licence;
  const read = new Map<string, ParseResult>();

  beforeAll(async () => {
    const text = parseLicenceText(readFileSync(SEED_TEXT, 'utf8'));
    if (!text.ok) throw new Error(`the seed fixture does not parse: ${text.messageEn}`);
    record = text.licence;
    for (const { layout, seed } of SCANS) {
      const scan = await renderScanDocument(record, createRng(seed), layout);
      const pdf = imageOnlyPdf(scan.pages, scan.dpi);
      read.set(
        `${layout}/${seed}`,
        ParseResultSchema.parse(await parseDocument(pdf, `seed-${layout}-${seed}.pdf`, deps)),
      );
    }
  }, 300_000);

  afterAll(closeRenderBrowser);

  it('prints the record the fixture text gives (the expected reading)', () => {
    expect(record.number).toBe('京B2-20180910');
    expect(record.holder.name).toBe('云智联网络科技（北京）有限公司');
    expect(record.services.map((s) => [s.code, s.name, s.qualifier])).toEqual([
      ['B25', '信息服务业务', '仅限互联网信息服务'],
    ]);
  });

  for (const { layout, seed } of SCANS) {
    describe(`the ${layout} print, scan seed ${seed}`, () => {
      const result = (): ParseResult => {
        const r = read.get(`${layout}/${seed}`);
        if (r === undefined) throw new Error(`no reading of ${layout}/${seed}`);
        return r;
      };

      it('is read from an image-only PDF by OCR', () => {
        expect(result().source.format).toBe('pdf');
        expect(result().notes.some((n) => n.messageEn.includes('read by OCR'))).toBe(true);
      });

      it('reads the licence number 京B2-20180910 (京 not 各, B not 8)', () => {
        expect(result().licence.number).toBe('京B2-20180910');
      });

      it('keeps the service code: B25 for 信息服务业务（仅限互联网信息服务）', () => {
        expect(result().licence.services.map((s) => [s.code, s.name, s.qualifier])).toEqual([
          ['B25', '信息服务业务', '仅限互联网信息服务'],
        ]);
      });

      it('reads the holder exactly, full-width parentheses and nothing stray', () => {
        expect(result().licence.holder.name).toBe('云智联网络科技（北京）有限公司');
      });
    });
  }
});

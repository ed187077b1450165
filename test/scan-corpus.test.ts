/**
 * The generated corpus scanned (corpus/render-scan.ts: printed through Chromium in the three
 * layouts, rasterised at 150–300 dpi, a red seal over the dates, skewed up to ±3°, JPEG quality
 * 60–85), read through the product's OCR path: one page as its JPEG, more as a scanned PDF.
 * Issue 17's target: at least 97% of key fields (number, holder, legal representative, credit
 * code, services with codes, dates, domains) exact (REACHED). A fixed seed; scans are rendered
 * once and cached in the temporary directory. Two documents are read at once.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { HTML_LAYOUTS } from './corpus/render-html.js';
import { generateRecords } from './corpus/records.js';
import { closeRenderBrowser } from './corpus/render-pdf.js';
import { checkScanTools, renderScanDocument } from './corpus/render-scan.js';
import { createRng } from './corpus/rng.js';
import { formatRows, measureRenderedCorpus, type RenderRow } from './corpus/render-measure.js';
import { describeWith } from './require-service.js';

const SEED = 17;
const SCANS = 60;

const tools = checkScanTools();

describeWith(
  'Chromium and Tesseract',
  tools.ok,
  tools.missing,
)('generated licences scanned and read by OCR', () => {
  /** the scans' rows (the measure also reads each scan's source PDF, to tell OCR from parser) */
  let rows: RenderRow[] = [];
  beforeAll(async () => {
    const all = await measureRenderedCorpus({ pdfs: 0, scans: SCANS, seed: SEED, concurrency: 2 });
    process.stdout.write(`\nScan corpus, seed ${SEED}:\n${formatRows(all)}\n`);
    rows = all.filter((r) => r.mode === 'scan');
  }, 1_200_000);

  afterAll(closeRenderBrowser);

  it('scans as issue 17 says: JPEG pages at 150–300 dpi, skewed at most 3°, a red seal', async () => {
    const [record] = generateRecords(SEED, 1);
    if (record === undefined) throw new Error('no record');
    const scan = await renderScanDocument(record, createRng(SEED), 'miit');
    expect(scan.dpi).toBeGreaterThanOrEqual(150);
    expect(scan.dpi).toBeLessThanOrEqual(300);
    expect(scan.skew.every((d) => Math.abs(d) <= 3)).toBe(true);
    expect(scan.pages.length).toBeGreaterThan(0);
    const first = scan.pages[0] ?? new Uint8Array();
    const meta = await sharp(first).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.density).toBe(scan.dpi);
    // the seal: a few thousand clearly red pixels on the page with the dates
    const { data, info } = await sharp(first).raw().toBuffer({ resolveWithObject: true });
    let red = 0;
    for (let i = 0; i < data.length; i += info.channels) {
      const [r = 0, g = 0, b = 0] = [data[i], data[i + 1], data[i + 2]];
      if (r > 150 && g < 120 && b < 120) red++;
    }
    expect(red).toBeGreaterThan(2000);
  }, 120_000);

  it('scans every layout, in turn', () => {
    expect(rows.map((r) => r.layout).sort()).toEqual([...HTML_LAYOUTS].sort());
    expect(rows.every((r) => r.documents === SCANS / HTML_LAYOUTS.length)).toBe(true);
    expect(rows.every((r) => r.keyFields > 8 * r.documents)).toBe(true);
  });

  // Issue 17 asks for 97%: 85.0% (639/752) before the ruled tables were read as tables
  // (core/ocr/rules.ts, the columns of tesseract-tsv.ts), 99.1% (745/752) with grammar-guided re-reads, dates mended and pages turned level (docs/reading-documents.md).
  const REACHED = 0.97;
  it(`reads at least ${REACHED * 100}% of key fields exactly (issue 17's target)`, () => {
    const key = rows.reduce((n, r) => n + r.keyFields, 0);
    const exact = rows.reduce((n, r) => n + r.keyExact, 0);
    expect(exact / key).toBeGreaterThanOrEqual(REACHED);
  });
});

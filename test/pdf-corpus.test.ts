/**
 * The generated corpus printed to PDF through Chromium (corpus/render-pdf.ts: the MIIT print, a
 * one-page layout with a services table, the e-licence layout with its websites in a table, and
 * any of them printed from a browser with its running header and footer), read through the
 * product's PDF reader; ten of them also through poppler's `pdftotext -raw` and `-layout`, as a
 * user would paste them. Issue 17's target: at least 99% of fields exact. A fixed seed: a failure
 * here is reproduced by `measureRenderedCorpus({ pdfs: 60, scans: 0, seed: 17 })`.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPdfDocumentSource } from '../src/adapters/documents/pdf-document.js';
import { generateRecords } from './corpus/records.js';
import {
  checkChromium,
  closeRenderBrowser,
  PDF_FAMILIES,
  renderPdfDocument,
} from './corpus/render-pdf.js';
import { createRng } from './corpus/rng.js';
import {
  checkPdftotext,
  formatRows,
  measureRenderedCorpus,
  totals,
  type RenderRow,
} from './corpus/render-measure.js';
import { describeWith } from './require-service.js';

const SEED = 17;
const PDFS = 60;
const VIA_PDFTOTEXT = 10;

const chromium = checkChromium();
const poppler = checkPdftotext();

function share(rows: readonly RenderRow[]): number {
  const fields = rows.reduce((n, r) => n + r.fields, 0);
  const exact = rows.reduce((n, r) => n + r.exact, 0);
  return fields === 0 ? 0 : exact / fields;
}

describeWith(
  'Chromium',
  chromium.ok,
  chromium.ok ? '' : `${chromium.reason} (apt-get install chromium)`,
)('generated licences printed to PDF', () => {
  let rows: RenderRow[] = [];
  beforeAll(async () => {
    rows = await measureRenderedCorpus({
      pdfs: PDFS,
      scans: 0,
      seed: SEED,
      pdftotext: poppler.ok ? VIA_PDFTOTEXT : 0,
    });
    process.stdout.write(`\nPDF corpus, seed ${SEED}:\n${formatRows(rows)}\n`);
  }, 900_000);

  afterAll(closeRenderBrowser);

  it('prints a browser print with its running header and footer on every page', async () => {
    const [record] = generateRecords(SEED, 1);
    if (record === undefined) throw new Error('no record');
    const printed = await renderPdfDocument(record, createRng(SEED), 'browser');
    const text = (await createPdfDocumentSource().extract(printed.pdf, 'browser.pdf')).text;
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => {
      expect(page).toMatch(/\d{1,2}\/\d{1,2}\/\d{2}, \d{1,2}:\d{2} [AP]M/u);
      expect(page).toContain('https://');
      expect(page).toContain(`${i + 1}/${pages.length}`);
    });
  }, 120_000);

  it('prints every family, in turn', () => {
    const pdf = rows.filter((r) => r.mode === 'pdf');
    expect(pdf.map((r) => r.layout).sort()).toEqual([...PDF_FAMILIES].sort());
    expect(pdf.every((r) => r.documents === PDFS / PDF_FAMILIES.length)).toBe(true);
    expect(pdf.every((r) => r.fields > 20 * r.documents)).toBe(true);
  });

  it('reads at least 99% of fields exactly through the PDF reader', () => {
    const pdf = rows.filter((r) => r.mode === 'pdf');
    expect(share(pdf)).toBeGreaterThanOrEqual(0.99);
  });

  describeWith(
    'pdftotext',
    poppler.ok,
    poppler.ok ? '' : `${poppler.reason} (apt-get install poppler-utils)`,
  )('the same PDFs pasted from pdftotext', () => {
    it('reads both modes, each of the first ten PDFs', () => {
      const all = totals(rows);
      expect(all.find((r) => r.mode === 'pdftotext-raw')?.documents).toBe(VIA_PDFTOTEXT);
      expect(all.find((r) => r.mode === 'pdftotext-layout')?.documents).toBe(VIA_PDFTOTEXT);
    });

    it('reads at least 99% of fields exactly, PDF reader and pdftotext together', () => {
      expect(share(rows)).toBeGreaterThanOrEqual(0.99);
    });
  });
});

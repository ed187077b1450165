/**
 * The layout corpus benchmark (issue 17): field accuracy per layout family on documents generated
 * from a fixed seed. Text: the 30 text families of test/corpus/families.ts read through
 * parseDocument. PDF and scans: records printed to PDF through Chromium (and read back through
 * pdftotext -raw/-layout) and scanned to JPEG pages, read by the product's PDF and OCR readers
 * (test/corpus/render-measure.ts). Targets: ≥99% of fields exact on text and PDF, ≥97% of key
 * fields exact on scans, no false warning or error on a generated clean licence.
 *
 * `npm run bench -- corpus --text-only` skips the rendered part (Chromium, Tesseract).
 */
import { corpusTotals, familyTable, runTextCorpus, CORPUS_SEED } from '../test/corpus/run-text.js';
import { row, type Benchmark, type BenchRow, type BenchTarget } from './measure.js';

const TEXT_PER_FAMILY = 100;
const PDFS = 60;
const SCANS = 60;

function share(n: number, d: number): number {
  return d === 0 ? NaN : (100 * n) / d;
}

async function textPart(rows: BenchRow[], targets: BenchTarget[]): Promise<void> {
  const t0 = performance.now();
  const outcomes = await runTextCorpus(CORPUS_SEED, TEXT_PER_FAMILY);
  const seconds = (performance.now() - t0) / 1000;
  console.log('\ncorpus: text families (fields exact, key fields exact, false alarms)');
  console.log(familyTable(outcomes));
  for (const o of outcomes) {
    rows.push(row(`corpus text ${o.family.id}: fields exact`, share(o.exact, o.fields), '%', 99));
  }
  const { fields, exact, keyFields, keyExact, docs, alarms } = corpusTotals(outcomes);
  rows.push(row('corpus text all: fields exact', share(exact, fields), '%', 99));
  rows.push(row('corpus text all: key fields exact', share(keyExact, keyFields), '%', 99));
  const failing = outcomes.filter((o) => o.exact < 0.99 * o.fields).map((o) => o.family.id);
  targets.push({
    description: `text corpus (${docs} documents, ${outcomes.length} families): every family ≥99% of fields exact`,
    met: failing.length === 0,
    measured: `${share(exact, fields).toFixed(2)}% overall; below 99%: ${failing.length === 0 ? 'none' : failing.join(', ')} (${seconds.toFixed(1)} s)`,
  });
  targets.push({
    description: 'text corpus: no false warning or error on a generated clean licence',
    met: alarms === 0,
    measured: `${alarms} of ${docs} documents with a false warning/error`,
  });
}

async function renderedPart(rows: BenchRow[], targets: BenchTarget[]): Promise<void> {
  let measure: typeof import('../test/corpus/render-measure.js');
  let pdf: typeof import('../test/corpus/render-pdf.js');
  try {
    measure = await import('../test/corpus/render-measure.js');
    pdf = await import('../test/corpus/render-pdf.js');
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    targets.push({
      description: 'PDF and scan corpus',
      met: false,
      measured: `not run: ${reason}`,
    });
    return;
  }
  const chromium = pdf.checkChromium();
  if (!chromium.ok) {
    targets.push({
      description: 'PDF and scan corpus',
      met: false,
      measured: `not run: ${chromium.reason}`,
    });
    return;
  }
  const t0 = performance.now();
  const result = await measure.measureRenderedCorpus({
    pdfs: PDFS,
    scans: SCANS,
    seed: CORPUS_SEED,
  });
  const seconds = (performance.now() - t0) / 1000;
  console.log('\ncorpus: rendered documents (PDF through Chromium, pdftotext, scans)');
  console.log(measure.formatRows(result));
  for (const r of result) {
    rows.push(row(`corpus ${r.mode} ${r.layout}: fields exact`, share(r.exact, r.fields), '%', 99));
    rows.push(
      row(
        `corpus ${r.mode} ${r.layout}: key fields exact`,
        share(r.keyExact, r.keyFields),
        '%',
        r.mode === 'scan' ? 97 : 99,
      ),
    );
  }
  const totals = measure.totals(result);
  const pdfTotal = totals.find((r) => r.mode === 'pdf');
  const scanTotal = totals.find((r) => r.mode === 'scan');
  targets.push({
    description: `PDF corpus (${PDFS} PDFs through Chromium): ≥99% of fields exact`,
    met: pdfTotal !== undefined && pdfTotal.exact >= 0.99 * pdfTotal.fields,
    measured: pdfTotal
      ? `${share(pdfTotal.exact, pdfTotal.fields).toFixed(2)}% (${seconds.toFixed(0)} s for the rendered part)`
      : 'no PDF rows',
  });
  targets.push({
    description: `scan corpus (${SCANS} scans): ≥97% of key fields exact`,
    met: scanTotal !== undefined && scanTotal.keyExact >= 0.97 * scanTotal.keyFields,
    measured: scanTotal
      ? `${share(scanTotal.keyExact, scanTotal.keyFields).toFixed(2)}% key, ${(scanTotal.seconds / Math.max(1, scanTotal.documents)).toFixed(2)} s/doc`
      : 'no scan rows',
  });
}

export const corpusBenchmark: Benchmark = {
  name: 'corpus',
  async run() {
    const rows: BenchRow[] = [];
    const targets: BenchTarget[] = [];
    await textPart(rows, targets);
    if (!process.argv.includes('--text-only')) await renderedPart(rows, targets);
    return { rows, targets };
  },
};

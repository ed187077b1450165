/**
 * The OCR engines side by side on generated scans (issue 17): Tesseract alone, PaddleOCR reading
 * every line Tesseract finds, and the combined reader (PaddleOCR re-reading the lines Tesseract is
 * unsure of). Each scan is a generated licence record printed (test/corpus/render-pdf.ts) and
 * scanned (test/corpus/render-scan.ts: 150–300 dpi, skewed up to 3°, a red seal over the dates,
 * JPEG); it is read through the product's readers (parseDocument) and compared with its record
 * (test/corpus/compare.ts). Per engine: key fields exact (number, holder, legal representative,
 * credit code, services with codes, dates, domains), the character error rate of the OCR text
 * against the printed PDF's text layer, and seconds per page of throughput with both cores busy
 * (two scans read at once through one OCR limiter with pages in flight = the cores). Target: the
 * combined reader at most 1.2 s a page.
 *
 * Exported for bench/run.ts (`npm run bench -- ocr-engines` once registered there), or alone:
 * `npx tsx bench/ocr-engines.bench.ts`. XUKE_BENCH_OCR_SCANS sets how many scans (default 24),
 * XUKE_BENCH_OCR_REREAD extra re-read thresholds to compare (e.g. `0.7,0.95`). Scans are cached
 * under the temporary directory by record and renderer source.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createCombinedOcrEngine,
  DEFAULT_REREAD_BELOW,
  type CombinedStats,
} from '../src/adapters/documents/ocr-combined.js';
import { createOcrAdmission } from '../src/adapters/documents/ocr-admission.js';
import { createDocumentTextSources } from '../src/adapters/documents/ocr-document-sources.js';
import { createPaddleWorkerRecogniser } from '../src/adapters/documents/ocr-paddle.js';
import { DEFAULT_DOCUMENT_LIMITS } from '../src/adapters/documents/ocr-pool.js';
import {
  checkTesseract,
  createTesseractCliEngine,
} from '../src/adapters/documents/ocr-tesseract-cli.js';
import { createPdfDocumentSource } from '../src/adapters/documents/pdf-document.js';
import { nodeHasher } from '../src/adapters/node-hasher.js';
import { readDocument, type ParseDocumentDeps } from '../src/app/documents/parse-document.js';
import { emptyLicence, type Licence } from '../src/core/licence.js';
import { characterErrorRate } from '../src/core/ocr/character-error-rate.js';
import type { OcrEngine } from '../src/ports/ocr-engine.js';
import { compareRecords } from '../test/corpus/compare.js';
import { generateRecords } from '../test/corpus/records.js';
import { closeRenderBrowser, checkChromium } from '../test/corpus/render-pdf.js';
import { renderScanDocument } from '../test/corpus/render-scan.js';
import { createRng } from '../test/corpus/rng.js';
import { imageOnlyPdf } from '../test/documents-builders.js';
import { row, type Benchmark, type BenchOutcome, type BenchRow } from './measure.js';

const SEED = 1717;
const TARGET_SECONDS_PER_PAGE = 1.2;

interface Scan {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly pages: number;
  /** the record as far as the scanned pages carry it */
  readonly expected: Licence;
  /** the printed text of the scanned pages (the PDF's text layer), for the character error rate */
  readonly reference: string;
}

const here = fileURLToPath(new URL('.', import.meta.url));

/** The renderers' source: a change to one renders the scans afresh. */
function renderersHash(): string {
  const h = createHash('sha256');
  for (const f of ['render-html.ts', 'render-pdf.ts', 'render-scan.ts']) {
    h.update(readFileSync(join(here, '../test/corpus', f)));
  }
  return h.digest('hex').slice(0, 12);
}

/** Characters that count for the error rate: no white space (line breaks differ by layout). */
function compact(text: string): string {
  return text.replace(/\s+/gu, '');
}

/** `count` generated scans, rendered or from the cache. */
async function corpus(count: number): Promise<Scan[]> {
  const dir = join(tmpdir(), 'xuke-ocr-engines-bench');
  mkdirSync(dir, { recursive: true });
  const version = renderersHash();
  const pdfText = createPdfDocumentSource();
  const out: Scan[] = [];
  try {
    for (const [i, record] of generateRecords(SEED, count).entries()) {
      const key = createHash('sha256')
        .update(JSON.stringify(record))
        .update(version)
        .digest('hex')
        .slice(0, 16);
      const base = join(dir, `${i}-${key}`);
      if (!existsSync(`${base}.json`)) {
        const scan = await renderScanDocument(record, createRng(SEED).fork(i));
        const single = scan.pages.length === 1 ? scan.pages[0] : undefined;
        const bytes = single ?? imageOnlyPdf(scan.pages, scan.dpi);
        // the printed PDF's text layer, of the pages scanned
        const printed = await renderScanPrintedText(record, i, pdfText);
        const reference = printed.split('\f').slice(0, scan.pages.length).join('\n');
        const dropped = scan.pages.length < scan.printedPages;
        writeFileSync(`${base}.bin`, bytes);
        writeFileSync(
          `${base}.json`,
          JSON.stringify({ pages: scan.pages.length, reference, dropped, jpeg: !!single }),
        );
      }
      const meta = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as {
        pages: number;
        reference: string;
        dropped: boolean;
        jpeg: boolean;
      };
      out.push({
        name: `scan-${i}.${meta.jpeg ? 'jpg' : 'pdf'}`,
        bytes: new Uint8Array(readFileSync(`${base}.bin`)),
        pages: meta.pages,
        expected: meta.dropped
          ? { ...record, provisions: [], inspections: [], signatures: [] }
          : record,
        reference: meta.reference,
      });
    }
  } finally {
    await closeRenderBrowser();
  }
  return out;
}

/** The text layer of the PDF the scan of record `i` was printed from (the same random draws). */
async function renderScanPrintedText(
  record: Licence,
  i: number,
  pdfText: ReturnType<typeof createPdfDocumentSource>,
): Promise<string> {
  const { renderPdfDocument } = await import('../test/corpus/render-pdf.js');
  const { HTML_LAYOUTS } = await import('../test/corpus/render-html.js');
  // renderScanDocument draws the layout first, then prints: replay its first draws
  const rng = createRng(SEED).fork(i);
  const layout = rng.pick(HTML_LAYOUTS);
  const printed = await renderPdfDocument(record, rng, layout);
  return (await pdfText.extract(printed.pdf, `printed-${i}.pdf`)).text;
}

interface EngineResult {
  readonly keyFields: number;
  readonly keyExact: number;
  readonly cer: number;
  readonly secondsPerPage: number;
  /** CPU seconds a page (this process and its Tesseract children) over the cores: the
   * throughput of an otherwise idle machine, which wall time on a shared one does not show */
  readonly cpuSecondsPerPage: number;
  readonly failures: string[];
}

/** CPU seconds used by this process and its waited-for children (Linux /proc; 0 elsewhere). */
function cpuSeconds(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime stime cutime cstime are fields 14–17 of stat(5); after the name, 12–15 (from 1)
    const ticks = [11, 12, 13, 14].reduce((a, i) => a + Number(fields[i] ?? 0), 0);
    return ticks / 100;
  } catch {
    return 0;
  }
}

/** Read every scan with `engine`, two at a time through one limiter; the figures. */
async function measureEngine(engine: OcrEngine, scans: readonly Scan[]): Promise<EngineResult> {
  const cores = availableParallelism();
  const deps: ParseDocumentDeps = {
    sources: createDocumentTextSources({
      ocr: engine,
      admission: createOcrAdmission({ pagesInFlight: cores }),
      limits: { ...DEFAULT_DOCUMENT_LIMITS, pageTimeoutMs: 600_000, totalTimeoutMs: 3_600_000 },
      preload: true,
    }),
    hasher: nodeHasher,
    maxBytes: 32 << 20,
  };
  let keyFields = 0;
  let keyExact = 0;
  let errors = 0;
  let characters = 0;
  const failures: string[] = [];
  let next = 0;
  const t0 = performance.now();
  const cpu0 = cpuSeconds();
  const worker = async (): Promise<void> => {
    while (next < scans.length) {
      const scan = scans[next++];
      if (!scan) return;
      let licence = emptyLicence();
      let text = '';
      try {
        const read = await readDocument(scan.bytes, scan.name, deps);
        licence = read.parse.licence;
        text = read.text;
      } catch (e) {
        failures.push(`${scan.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
      const reference = compact(scan.reference);
      errors += characterErrorRate(compact(text), reference) * Array.from(reference).length;
      characters += Array.from(reference).length;
      for (const f of compareRecords(scan.expected, licence).fields) {
        if (!f.key) continue;
        keyFields++;
        if (f.exact) keyExact++;
        else if (failures.length < 12) {
          failures.push(`${scan.name} ${f.path}: ${f.expected} → ${f.actual}`);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: cores }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuSeconds() - cpu0;
  const pages = scans.reduce((a, s) => a + s.pages, 0);
  return {
    keyFields,
    keyExact,
    cer: characters === 0 ? 0 : errors / characters,
    secondsPerPage: seconds / pages,
    cpuSecondsPerPage: cpu / pages / cores,
    failures,
  };
}

async function measure(): Promise<BenchOutcome> {
  const count = Number(process.env.XUKE_BENCH_OCR_SCANS ?? 24);
  const scans = await corpus(count);
  const tesseract = createTesseractCliEngine();
  // the product's recogniser, in its own thread; a first line loads the model before timing starts
  const recogniser = createPaddleWorkerRecogniser();
  await recogniser.recogniseLine({ width: 8, height: 8, pixels: new Uint8Array(64).fill(255) });
  const extra = (process.env.XUKE_BENCH_OCR_REREAD ?? '')
    .split(',')
    .filter((s) => s.trim() !== '')
    .map(Number);
  const engines: { name: string; engine: OcrEngine; stats?: CombinedStats }[] = [
    { name: 'tesseract', engine: tesseract },
  ];
  for (const below of [DEFAULT_REREAD_BELOW, ...extra]) {
    const stats: CombinedStats = { lines: 0, reread: 0, replaced: 0, found: 0 };
    engines.push({
      name: below === DEFAULT_REREAD_BELOW ? 'combined' : `combined (re-read below ${below})`,
      engine: createCombinedOcrEngine(
        { primary: tesseract, recogniser, rereadBelow: below },
        stats,
      ),
      stats,
    });
  }
  engines.push({
    name: 'paddle (every line)',
    engine: createCombinedOcrEngine({
      primary: tesseract,
      recogniser,
      rereadBelow: Number.POSITIVE_INFINITY,
      prefer: 'paddle',
    }),
  });
  // warm-up: pdf.js, sharp, tesseract's model in the page cache
  await measureEngine(engines[1]?.engine ?? tesseract, scans.slice(0, 1));
  const rows: BenchRow[] = [];
  const results = new Map<string, EngineResult>();
  const pages = scans.reduce((a, s) => a + s.pages, 0);
  for (const { name, engine, stats } of engines) {
    const r = await measureEngine(engine, scans);
    results.set(name, r);
    const exact = r.keyExact / Math.max(1, r.keyFields);
    process.stderr.write(
      `ocr-engines: ${name}: key fields ${r.keyExact}/${r.keyFields} exact (${(100 * exact).toFixed(1)} %), CER ${(100 * r.cer).toFixed(2)} %, ${r.secondsPerPage.toFixed(2)} s/page (CPU ${r.cpuSecondsPerPage.toFixed(2)} s/page over ${availableParallelism()} cores)` +
        (stats
          ? `, lines re-read ${stats.reread}/${stats.lines}, replaced ${stats.replaced}, found ${stats.found}`
          : '') +
        `\n`,
    );
    for (const f of r.failures) process.stderr.write(`  ${f}\n`);
  }
  const base = results.get('tesseract');
  for (const [name, r] of results) {
    rows.push(
      row(
        `ocr-engines: ${name}: key fields exact (${scans.length} scans, ${pages} pages)`,
        (100 * r.keyExact) / Math.max(1, r.keyFields),
        '%',
        base ? (100 * base.keyExact) / Math.max(1, base.keyFields) : NaN,
      ),
      row(`ocr-engines: ${name}: CER`, 100 * r.cer, '%', base ? 100 * base.cer : NaN),
      row(
        `ocr-engines: ${name}: seconds per page (2 at once)`,
        r.secondsPerPage,
        's/page',
        base?.secondsPerPage ?? NaN,
      ),
      row(
        `ocr-engines: ${name}: CPU seconds per page over the cores`,
        r.cpuSecondsPerPage,
        's/page',
        base?.cpuSecondsPerPage ?? NaN,
      ),
    );
  }
  const combined = results.get('combined');
  return {
    rows,
    targets: combined
      ? [
          {
            description: `combined OCR reader ≤ ${TARGET_SECONDS_PER_PAGE} s a page of throughput (issue 17)`,
            met: combined.secondsPerPage <= TARGET_SECONDS_PER_PAGE,
            measured: `${combined.secondsPerPage.toFixed(2)} s/page`,
          },
        ]
      : [],
  };
}

export const ocrEnginesBenchmark: Benchmark = {
  name: 'ocr-engines',
  run: async () => {
    const tesseract = checkTesseract();
    const chromium = checkChromium();
    if (!tesseract.ok || !chromium.ok) {
      const reason = tesseract.ok ? (chromium.ok ? '' : chromium.reason) : tesseract.reason;
      process.stderr.write(`ocr-engines: skipped (${reason})\n`);
      return { rows: [], targets: [] };
    }
    return measure();
  },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outcome = await ocrEnginesBenchmark.run();
  console.log(JSON.stringify(outcome, null, 2));
}

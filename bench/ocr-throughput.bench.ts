/**
 * OCR throughput under admission control (issue 19): pages per second of 4 uploads read at once
 * beside one upload alone, both through the process's one OCR limiter (pages in flight = the
 * cores, ocr-admission.ts), in the same run. The bound must not waste the cores: 4 concurrent
 * uploads should read at least 0.9× the pages per second of one (target). Each upload is a 4-page
 * image-only PDF of the scanned fixture pages (1, 2, 1, 2), generated in memory; the 4 concurrent
 * ones come from 4 organisations, so the round-robin between them is what runs.
 *
 * Run with the others (`npm run bench -- ocr-throughput`) or alone:
 * `npx tsx bench/ocr-throughput.bench.ts`.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createOcrAdmission } from '../src/adapters/documents/ocr-admission.js';
import { createDocumentTextSources } from '../src/adapters/documents/ocr-document-sources.js';
import { DEFAULT_DOCUMENT_LIMITS } from '../src/adapters/documents/ocr-pool.js';
import { checkTesseract } from '../src/adapters/documents/ocr-tesseract-cli.js';
import { nodeHasher } from '../src/adapters/node-hasher.js';
import { readDocument, type ParseDocumentDeps } from '../src/app/documents/parse-document.js';
import { documentBytes, imageOnlyPdf } from '../test/documents-builders.js';
import { median, row, type Benchmark, type BenchOutcome } from './measure.js';

const PAGES_PER_UPLOAD = 4;
const CONCURRENT = 4;
const ROUNDS = 3;

async function measure(): Promise<BenchOutcome> {
  const cores = availableParallelism();
  const deps: ParseDocumentDeps = {
    sources: createDocumentTextSources({
      admission: createOcrAdmission({ pagesInFlight: cores }),
      // a loaded machine stretches a page's wall time: no time limit should end a measurement
      limits: { ...DEFAULT_DOCUMENT_LIMITS, pageTimeoutMs: 600_000, totalTimeoutMs: 3_600_000 },
      preload: true,
    }),
    hasher: nodeHasher,
    maxBytes: 32 << 20,
  };
  const [p1, p2] = [documentBytes('huPage1'), documentBytes('huPage2')];
  const pdf = imageOnlyPdf([p1, p2, p1, p2]);
  /** pages per second of `uploads` read at once, each from its own organisation */
  const pagesPerSecond = async (uploads: number): Promise<number> => {
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: uploads }, (_, i) =>
        readDocument(pdf, `scan-${i}.pdf`, deps, { organisation: `org-${i}` }),
      ),
    );
    return (uploads * PAGES_PER_UPLOAD) / ((performance.now() - t0) / 1000);
  };
  await pagesPerSecond(1); // warm-up: pdf.js, sharp, the page cache of tesseract's model
  const one: number[] = [];
  const many: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    // alternate which goes first, so drift hits both alike
    if (r % 2 === 0) {
      one.push(await pagesPerSecond(1));
      many.push(await pagesPerSecond(CONCURRENT));
    } else {
      many.push(await pagesPerSecond(CONCURRENT));
      one.push(await pagesPerSecond(1));
    }
  }
  const single = median(one);
  const concurrent = median(many);
  const ratio = concurrent / single;
  return {
    rows: [
      row(
        `ocr: ${CONCURRENT} concurrent uploads vs 1 (${cores} pages in flight)`,
        concurrent,
        'pages/s',
        single,
      ),
    ],
    targets: [
      {
        description: `OCR throughput with ${CONCURRENT} concurrent uploads ≥ 0.9× one upload (issue 19)`,
        met: ratio >= 0.9,
        measured: `${ratio.toFixed(2)}× (${concurrent.toFixed(2)} vs ${single.toFixed(2)} pages/s)`,
      },
    ],
  };
}

export const ocrThroughputBenchmark: Benchmark = {
  name: 'ocr-throughput',
  run: async () => {
    const tesseract = checkTesseract();
    if (!tesseract.ok) {
      process.stderr.write(`ocr-throughput: skipped (${tesseract.reason})\n`);
      return { rows: [], targets: [] };
    }
    return measure();
  },
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outcome = await ocrThroughputBenchmark.run();
  console.log(JSON.stringify(outcome, null, 2));
}

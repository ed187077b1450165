/**
 * Field accuracy of the product's readers on rendered documents: generated records printed to PDF
 * through Chromium (read by the PDF text layer, and by poppler's `pdftotext -raw` / `-layout` as a
 * user would paste them), and scanned to JPEG pages (read by OCR). Each document is rendered once
 * and cached in the temporary directory, keyed by the record and the renderers' source, so a rerun
 * spends its time reading, not rendering. Rows are per mode and layout; `bench/corpus.bench.ts`
 * and the corpus tests print them.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, type ParseDocumentDeps } from '../../src/app/documents/parse-document.js';
import { createDocumentTextSources } from '../../src/adapters/documents/ocr-document-sources.js';
import { createPdfDocumentSource } from '../../src/adapters/documents/pdf-document.js';
import { textDocumentSource } from '../../src/adapters/documents/text-document.js';
import { nodeHasher } from '../../src/adapters/node-hasher.js';
import { emptyLicence, type Licence } from '../../src/core/licence.js';
import { imageOnlyPdf } from '../documents-builders.js';
import { compareRecords, type FieldComparison } from './compare.js';
import { generateRecords } from './records.js';
import {
  closeRenderBrowser,
  PDF_FAMILIES,
  renderPdfDocument,
  type PdfFamily,
} from './render-pdf.js';
import { HTML_LAYOUTS } from './render-html.js';
import { renderScanDocument } from './render-scan.js';
import { createRng } from './rng.js';

/**
 * `scan-source`: the PDF each scan was printed from, read by its text layer: a key field right
 * there and wrong in the scan was lost by OCR; wrong in both, by the parser.
 */
export type RenderMode = 'pdf' | 'pdftotext-raw' | 'pdftotext-layout' | 'scan' | 'scan-source';

export interface RenderFailure {
  /** document index within its mode */
  readonly doc: number;
  readonly path: string;
  readonly expected: string;
  readonly actual: string;
}

export interface RenderRow {
  readonly mode: RenderMode;
  readonly layout: string;
  readonly documents: number;
  readonly fields: number;
  readonly exact: number;
  readonly keyFields: number;
  readonly keyExact: number;
  /** documents the reader refused (no licence found, unreadable) */
  readonly refused: number;
  /** reading time, seconds, all documents of the row */
  readonly seconds: number;
  /** up to ten failing fields (key fields first for scans), at most two a document */
  readonly failures: RenderFailure[];
  /** scans: key fields wrong in the scan but right in its source PDF (OCR) / wrong in both (parser) */
  readonly lostBy?: { ocr: number; parser: number };
}

export interface MeasureOptions {
  /** how many PDFs (families in turn: miit, table, webtable, browser) */
  readonly pdfs: number;
  /** how many scans (layouts in turn: miit, table, webtable) */
  readonly scans: number;
  readonly seed: number;
  /** how many of the PDFs are also read through `pdftotext -raw` and `-layout` (default 10) */
  readonly pdftotext?: number;
  /** scans read at once (default 2) */
  readonly concurrency?: number;
  /** cache directory (default: the temporary directory) */
  readonly cacheDir?: string;
  /** called after each document, for progress */
  readonly onDocument?: (mode: RenderMode, index: number, fields: FieldComparison[]) => void;
}

/** Seed offsets: the scans' records are not the PDFs' records. */
const SCAN_SEED_SALT = 0x5ca7;

const here = fileURLToPath(new URL('.', import.meta.url));

/** The renderers' own source: a change to any of them renders the corpus afresh. */
function renderersHash(): string {
  const h = createHash('sha256');
  for (const f of ['render-html.ts', 'render-pdf.ts', 'render-scan.ts']) {
    h.update(readFileSync(join(here, f)));
  }
  return h.digest('hex').slice(0, 16);
}

function cacheKey(
  kind: string,
  seed: number,
  index: number,
  record: Licence,
  extra: string,
): string {
  const h = createHash('sha256')
    .update(JSON.stringify(record))
    .update(extra)
    .digest('hex')
    .slice(0, 16);
  return `${kind}-${seed}-${index}-${h}`;
}

export function checkPdftotext(): { ok: true } | { ok: false; reason: string } {
  const r = spawnSync('pdftotext', ['-v'], { encoding: 'utf8', timeout: 10_000 });
  if (r.error) return { ok: false, reason: `pdftotext does not run (${r.error.message})` };
  return { ok: true };
}

function pdftotext(pdf: Uint8Array, mode: '-raw' | '-layout'): Uint8Array {
  const r = spawnSync('pdftotext', [mode, '-enc', 'UTF-8', '-', '-'], {
    input: pdf,
    timeout: 30_000,
    maxBuffer: 16 << 20,
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`pdftotext ${mode} exited ${r.status}: ${String(r.stderr)}`);
  return new Uint8Array(r.stdout);
}

interface Reading {
  readonly fields: FieldComparison[];
  readonly refused: boolean;
  readonly seconds: number;
}

async function read(
  bytes: Uint8Array,
  name: string,
  deps: ParseDocumentDeps,
  expected: Licence,
): Promise<Reading> {
  const started = performance.now();
  let actual: Licence;
  let refused = false;
  try {
    actual = (await parseDocument(bytes, name, deps)).licence;
  } catch {
    actual = emptyLicence();
    refused = true;
  }
  const seconds = (performance.now() - started) / 1000;
  return { fields: compareRecords(expected, actual).fields, refused, seconds };
}

class Rows {
  private readonly rows = new Map<string, RenderRow & { failures: RenderFailure[] }>();

  add(
    mode: RenderMode,
    layout: string,
    doc: number,
    r: Reading,
    lostBy?: { ocr: number; parser: number },
  ): void {
    const k = `${mode}\u0000${layout}`;
    const row = this.rows.get(k) ?? {
      mode,
      layout,
      documents: 0,
      fields: 0,
      exact: 0,
      keyFields: 0,
      keyExact: 0,
      refused: 0,
      seconds: 0,
      failures: [],
    };
    const failures = [...row.failures];
    const wrong = r.fields.filter((f) => !f.exact && (mode !== 'scan' || f.key));
    for (const f of wrong.slice(0, 2)) {
      if (failures.length < 10) {
        failures.push({ doc, path: f.path, expected: f.expected, actual: f.actual });
      }
    }
    const lost =
      lostBy === undefined
        ? row.lostBy
        : {
            ocr: (row.lostBy?.ocr ?? 0) + lostBy.ocr,
            parser: (row.lostBy?.parser ?? 0) + lostBy.parser,
          };
    this.rows.set(k, {
      ...row,
      documents: row.documents + 1,
      fields: row.fields + r.fields.length,
      exact: row.exact + r.fields.filter((f) => f.exact).length,
      keyFields: row.keyFields + r.fields.filter((f) => f.key).length,
      keyExact: row.keyExact + r.fields.filter((f) => f.key && f.exact).length,
      refused: row.refused + (r.refused ? 1 : 0),
      seconds: row.seconds + r.seconds,
      failures,
      ...(lost === undefined ? {} : { lostBy: lost }),
    });
  }

  list(): RenderRow[] {
    return [...this.rows.values()];
  }
}

async function pool<T>(items: readonly T[], concurrency: number, run: (t: T) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}

/** The PDF of record `i` of the PDF corpus, rendered or from the cache, with its family. */
async function corpusPdf(
  seed: number,
  i: number,
  record: Licence,
  dir: string,
  version: string,
): Promise<{ pdf: Uint8Array; family: PdfFamily }> {
  const family = PDF_FAMILIES[i % PDF_FAMILIES.length] as PdfFamily;
  const file = join(dir, `${cacheKey('pdf', seed, i, record, version + family)}.pdf`);
  if (existsSync(file)) return { pdf: new Uint8Array(readFileSync(file)), family };
  const rendered = await renderPdfDocument(record, createRng(seed).fork(i), family);
  writeFileSync(file, rendered.pdf);
  return { pdf: rendered.pdf, family };
}

/** The scan of record `i` of the scan corpus: the document (JPEG, or PDF of JPEGs) and its layout. */
async function corpusScan(
  seed: number,
  i: number,
  record: Licence,
  dir: string,
  version: string,
): Promise<{ bytes: Uint8Array; name: string; layout: string; dropped: boolean; pdf: Uint8Array }> {
  const layout = HTML_LAYOUTS[i % HTML_LAYOUTS.length] ?? 'miit';
  const base = join(dir, cacheKey('scan', seed, i, record, version + layout));
  if (existsSync(`${base}.json`)) {
    const meta = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as {
      name: string;
      dropped: boolean;
    };
    const bytes = new Uint8Array(readFileSync(`${base}.bin`));
    const pdf = new Uint8Array(readFileSync(`${base}.pdf`));
    return { bytes, name: meta.name, layout, dropped: meta.dropped, pdf };
  }
  const scan = await renderScanDocument(record, createRng(seed ^ SCAN_SEED_SALT).fork(i), layout);
  // one page: the JPEG itself; more: the pages as a scanned PDF, as scanners file them
  const single = scan.pages.length === 1 ? scan.pages[0] : undefined;
  const bytes = single ?? imageOnlyPdf(scan.pages, scan.dpi);
  const name = single ? `scan-${i}.jpg` : `scan-${i}.pdf`;
  const dropped = scan.pages.length < scan.printedPages;
  writeFileSync(`${base}.bin`, bytes);
  writeFileSync(`${base}.pdf`, scan.pdf);
  writeFileSync(
    `${base}.json`,
    JSON.stringify({ name, dropped, dpi: scan.dpi, skew: scan.skew, quality: scan.quality }),
  );
  return { bytes, name, layout, dropped, pdf: scan.pdf };
}

/**
 * Render (or take from the cache) `pdfs` PDFs and `scans` scans of the records of `seed`, read
 * them through the product's readers and compare each with its record. Needs Chromium; the
 * pdftotext rows need poppler, the scan rows Tesseract.
 */
export async function measureRenderedCorpus(options: MeasureOptions): Promise<RenderRow[]> {
  const dir = options.cacheDir ?? join(tmpdir(), 'xuke-render-corpus');
  mkdirSync(dir, { recursive: true });
  const version = renderersHash();
  const rows = new Rows();
  try {
    if (options.pdfs > 0) {
      const deps: ParseDocumentDeps = {
        sources: { text: textDocumentSource, pdf: createPdfDocumentSource() },
        hasher: nodeHasher,
        maxBytes: 32 << 20,
      };
      const records = generateRecords(options.seed, options.pdfs);
      const viaPdftotext = options.pdftotext ?? 10;
      for (const [i, record] of records.entries()) {
        const { pdf, family } = await corpusPdf(options.seed, i, record, dir, version);
        const r = await read(pdf, `corpus-${i}.pdf`, deps, record);
        rows.add('pdf', family, i, r);
        options.onDocument?.('pdf', i, r.fields);
        if (i < viaPdftotext) {
          for (const mode of ['-raw', '-layout'] as const) {
            const m: RenderMode = mode === '-raw' ? 'pdftotext-raw' : 'pdftotext-layout';
            const t = await read(pdftotext(pdf, mode), `corpus-${i}${mode}.txt`, deps, record);
            rows.add(m, family, i, t);
            options.onDocument?.(m, i, t.fields);
          }
        }
      }
    }
    if (options.scans > 0) {
      const deps: ParseDocumentDeps = {
        sources: createDocumentTextSources(),
        hasher: nodeHasher,
        maxBytes: 32 << 20,
      };
      const sourceDeps: ParseDocumentDeps = {
        sources: { text: textDocumentSource, pdf: createPdfDocumentSource() },
        hasher: nodeHasher,
        maxBytes: 32 << 20,
      };
      const records = generateRecords(options.seed ^ SCAN_SEED_SALT, options.scans);
      // render every scan first (Chromium), then read them (Tesseract): the two never compete
      const scans = [];
      for (const [i, record] of records.entries()) {
        scans.push({ i, record, ...(await corpusScan(options.seed, i, record, dir, version)) });
      }
      await closeRenderBrowser();
      await pool(scans, options.concurrency ?? 2, async (s) => {
        // the provisions' pages were not scanned: nothing of them is expected
        const expected = s.dropped
          ? { ...s.record, provisions: [], inspections: [], signatures: [] }
          : s.record;
        const r = await read(s.bytes, s.name, deps, expected);
        const source = await read(s.pdf, `scan-${s.i}-source.pdf`, sourceDeps, s.record);
        const rightInSource = new Set(source.fields.filter((f) => f.exact).map((f) => f.path));
        const lostKeys = r.fields.filter((f) => f.key && !f.exact);
        const ocr = lostKeys.filter((f) => rightInSource.has(f.path)).length;
        rows.add('scan', s.layout, s.i, r, { ocr, parser: lostKeys.length - ocr });
        rows.add('scan-source', s.layout, s.i, source);
        options.onDocument?.('scan', s.i, r.fields);
      });
    }
  } finally {
    await closeRenderBrowser();
  }
  return rows.list();
}

/** Rows summed over layouts: one row a mode, layout `all`. */
export function totals(rows: readonly RenderRow[]): RenderRow[] {
  const byMode = new Map<RenderMode, RenderRow>();
  for (const r of rows) {
    const t = byMode.get(r.mode);
    byMode.set(
      r.mode,
      t === undefined
        ? { ...r, layout: 'all', failures: [] }
        : {
            ...t,
            documents: t.documents + r.documents,
            fields: t.fields + r.fields,
            exact: t.exact + r.exact,
            keyFields: t.keyFields + r.keyFields,
            keyExact: t.keyExact + r.keyExact,
            refused: t.refused + r.refused,
            seconds: t.seconds + r.seconds,
            ...(r.lostBy === undefined
              ? {}
              : {
                  lostBy: {
                    ocr: (t.lostBy?.ocr ?? 0) + r.lostBy.ocr,
                    parser: (t.lostBy?.parser ?? 0) + r.lostBy.parser,
                  },
                }),
          },
    );
  }
  return [...byMode.values()];
}

function pct(n: number, d: number): string {
  return d === 0 ? '—' : `${((100 * n) / d).toFixed(1)}%`;
}

/** The rows as a Markdown table, and their failing fields below. */
export function formatRows(rows: readonly RenderRow[]): string {
  const lines = [
    '| mode | layout | docs | fields exact | key fields exact | key lost by OCR / parser | refused | s/doc |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...[...rows, ...totals(rows)].map(
      (r) =>
        `| ${r.mode} | ${r.layout} | ${r.documents} | ${pct(r.exact, r.fields)} (${r.exact}/${r.fields}) | ${pct(r.keyExact, r.keyFields)} (${r.keyExact}/${r.keyFields}) | ${r.lostBy === undefined ? '' : `${r.lostBy.ocr} / ${r.lostBy.parser}`} | ${r.refused} | ${(r.seconds / Math.max(1, r.documents)).toFixed(2)} |`,
    ),
  ];
  const failing = rows.filter((r) => r.failures.length > 0);
  if (failing.length > 0) lines.push('', 'Failing fields (first few per row):');
  for (const r of failing) {
    lines.push('', `- ${r.mode} / ${r.layout}:`);
    for (const f of r.failures) {
      const cut = (s: string) => (s.length > 90 ? `${s.slice(0, 90)}…` : s);
      lines.push(
        `  - doc ${f.doc} \`${f.path}\`: expected \`${cut(f.expected)}\`, got \`${cut(f.actual)}\``,
      );
    }
  }
  return lines.join('\n');
}

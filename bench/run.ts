/**
 * `npm run bench`: runs every benchmark, prints a table and the issues' targets, and writes
 * `bench/results.json` (`[{ name, value, unit, baseline, ratio }]`). Add a benchmark by adding its
 * module to BENCHMARKS. `--strict` exits 1 when a target is missed; names as arguments run only those.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Benchmark, BenchRow, BenchTarget } from './measure.js';
import { bulkCheckBenchmark } from './bulk-check.bench.js';
import { calendarBenchmark } from './calendar.bench.js';
import { checksBenchmark } from './checks.bench.js';
import { corpusBenchmark } from './corpus.bench.js';
import { documentsBenchmark } from './documents.bench.js';
import { followBenchmark } from './follow.bench.js';
import { healthzBenchmark } from './healthz.bench.js';
import { httpBenchmark } from './http.bench.js';
import { jobQueueBenchmark } from './job-queue.bench.js';
import { ocrEnginesBenchmark } from './ocr-engines.bench.js';
import { ocrThroughputBenchmark } from './ocr-throughput.bench.js';
import { parseBenchmark } from './parse.bench.js';
import { registryBenchmark } from './registry.bench.js';
import { scanBenchmark } from './scan.bench.js';
import { sm2Benchmark } from './sm2.bench.js';

const BENCHMARKS: readonly Benchmark[] = [
  parseBenchmark,
  checksBenchmark,
  calendarBenchmark,
  documentsBenchmark,
  registryBenchmark,
  scanBenchmark,
  httpBenchmark,
  sm2Benchmark,
  followBenchmark,
  healthzBenchmark,
  bulkCheckBenchmark,
  jobQueueBenchmark,
  ocrThroughputBenchmark,
  corpusBenchmark,
  ocrEnginesBenchmark,
];

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));

function format(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  return n.toPrecision(3);
}

function printTable(rows: readonly BenchRow[]): void {
  const header = ['name', 'value', 'unit', 'baseline', 'ratio'];
  const cells = rows.map((r) => [
    r.name,
    format(r.value),
    r.unit,
    format(r.baseline),
    format(r.ratio),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]): string =>
    c
      .map((x, i) => (i === 0 || i === 2 ? x.padEnd(widths[i] ?? 0) : x.padStart(widths[i] ?? 0)))
      .join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const c of cells) console.log(line(c));
}

async function main(): Promise<void> {
  const started = performance.now();
  const rows: BenchRow[] = [];
  const targets: BenchTarget[] = [];
  // `npm run bench -- parse calendar` runs only the benchmarks named; no names runs them all.
  // Options that take a value (`--scale 1000000`) keep it: it is not a benchmark's name.
  const args = process.argv.slice(2);
  const only = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--scale');
  for (const b of BENCHMARKS.filter((m) => only.length === 0 || only.includes(m.name))) {
    process.stderr.write(`running ${b.name}…\n`);
    const outcome = await b.run();
    rows.push(...outcome.rows);
    targets.push(...outcome.targets);
  }
  writeFileSync(RESULTS, `${JSON.stringify(rows, null, 2)}\n`);

  console.log('');
  printTable(rows);
  console.log('');
  console.log('targets:');
  for (const t of targets)
    console.log(`  ${t.met ? 'ok  ' : 'MISS'} ${t.description}: ${t.measured}`);
  console.log('');
  console.log(
    `wrote ${RESULTS} in ${((performance.now() - started) / 1000).toFixed(1)} s (node ${process.version})`,
  );
  if (process.argv.includes('--strict') && targets.some((t) => !t.met)) process.exitCode = 1;
}

await main();

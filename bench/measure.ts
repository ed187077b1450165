/**
 * Measuring helpers shared by the benchmarks: interleaved throughput of a subject beside its
 * baseline, and minimum wall time of a slow operation.
 */

/** One line of `bench/results.json`. `value` and `baseline` share `unit`; `ratio = value / baseline`. */
export interface BenchRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: number;
  readonly ratio: number;
}

/** A target a benchmark states (from its issue), checked in the same run. */
export interface BenchTarget {
  readonly description: string;
  readonly met: boolean;
  /** the measured figure, for the printout */
  readonly measured: string;
}

export interface BenchOutcome {
  readonly rows: BenchRow[];
  readonly targets: BenchTarget[];
}

/** A benchmark module: `bench/run.ts` runs each in turn and collects what it returns. */
export interface Benchmark {
  readonly name: string;
  run(): Promise<BenchOutcome>;
}

export function row(name: string, value: number, unit: string, baseline: number): BenchRow {
  return { name, value, unit, baseline, ratio: baseline === 0 ? NaN : value / baseline };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return NaN;
  return sorted.length % 2 === 1
    ? (sorted[mid] ?? NaN)
    : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** Operations per second of `op`, run back to back for at least `ms` milliseconds. */
async function opsPerSecond(op: () => unknown, ms: number): Promise<number> {
  let n = 0;
  const t0 = performance.now();
  let elapsed: number;
  do {
    // Batches keep the clock reads out of the measurement.
    for (let i = 0; i < 16; i++) await op();
    n += 16;
    elapsed = performance.now() - t0;
  } while (elapsed < ms);
  return (n * 1000) / elapsed;
}

export interface InterleavedOptions {
  /** warm-up per side before measuring (JIT, caches), ms */
  readonly warmupMs?: number;
  /** measured rounds; each runs both sides, alternating which goes first */
  readonly rounds?: number;
  /** time per side per round, ms */
  readonly roundMs?: number;
}

/**
 * Median operations per second of `subject` and `baseline`, measured in alternating rounds in the
 * same process, so drift (thermal, other load, GC) hits both alike.
 */
export async function interleaved(
  subject: () => unknown,
  baseline: () => unknown,
  { warmupMs = 300, rounds = 7, roundMs = 200 }: InterleavedOptions = {},
): Promise<{ subject: number; baseline: number }> {
  await opsPerSecond(subject, warmupMs);
  await opsPerSecond(baseline, warmupMs);
  const s: number[] = [];
  const b: number[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      s.push(await opsPerSecond(subject, roundMs));
      b.push(await opsPerSecond(baseline, roundMs));
    } else {
      b.push(await opsPerSecond(baseline, roundMs));
      s.push(await opsPerSecond(subject, roundMs));
    }
  }
  return { subject: median(s), baseline: median(b) };
}

/**
 * Minimum wall time in seconds of up to `runs` calls of `op`. Stops early once one call alone takes
 * longer than `giveUpAfter` seconds, so a super-linear case cannot hold the run for minutes.
 */
export async function minSeconds(
  op: () => unknown,
  runs = 3,
  giveUpAfter = Infinity,
): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await op();
    const s = (performance.now() - t0) / 1000;
    best = Math.min(best, s);
    if (s > giveUpAfter) break;
  }
  return best;
}

/**
 * Operations per CPU-second (user + system time of this process) of `op`, the best of `rounds`
 * batches of `n`. On a shared machine wall time also counts the time other processes hold the
 * cores; CPU time counts only the work done, so it says what one core can do.
 */
export async function opsPerCpuSecond(op: () => unknown, n = 2000, rounds = 5): Promise<number> {
  for (let i = 0; i < Math.min(n, 300); i++) await op();
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) await op();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1e6 / n);
  }
  return 1 / best;
}

/**
 * The bulk verification benchmark (issue 19): customers per second for a 10,000-customer CSV
 * (each with two domains, one of them not covered for one in ten) against an organisation's registry
 * of 10,000 licences on SQLite: the list read (CSV → customers) and every customer looked up,
 * assessed and matched, beside the same number of plain licence look-ups by number
 * (`findLicence`) on the same database in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bulkDomainKey } from '../src/adapters/bulk-check/domain-key.js';
import { readBulkInput } from '../src/adapters/bulk-check/read-bulk-input.js';
import { KyselyLicenceStore } from '../src/adapters/db/licence.repository.js';
import { migrateToLatest, openDatabase } from '../src/adapters/db/open-database.js';
import { kyselyTrustStores } from '../src/adapters/db/organisation.repository.js';
import { runBulkCheck } from '../src/app/bulk-check/run-bulk-check.js';
import { registerLicences } from '../src/app/registry/register-licence.js';
import type { Clock } from '../src/ports/clock.js';
import { generateLicences } from './registry-generator.js';
import { row, type Benchmark, type BenchOutcome } from './measure.js';

const N = 10_000;
const ORG = 'bench';
const clock: Clock = { now: () => new Date('2026-11-28T02:00:00Z'), today: () => '2026-11-28' };

async function runBulkBench(): Promise<BenchOutcome> {
  const dir = mkdtempSync(join(tmpdir(), 'xuke-bulk-bench-'));
  const open = await openDatabase({ dialect: 'sqlite', path: join(dir, 'bulk.sqlite') });
  try {
    await migrateToLatest(open.db);
    const store = new KyselyLicenceStore(open.db, clock);
    const trust = { store, clock, ...kyselyTrustStores(open.db, clock) };
    const generated = generateLicences(N);
    for (let i = 0; i < N; i += 1000) {
      await registerLicences(
        generated.slice(i, i + 1000).map((g) => ({ licence: g.licence, document: null })),
        { organisation: ORG, actor: 'bench' },
        trust,
      );
    }
    const csv =
      'customer,licence,domains\r\n' +
      generated
        .map(
          (g, i) =>
            `cust-${i},${g.licence.number},${g.lookupHost}${i % 10 === 0 ? '、uncovered-' + String(i) + '.com' : ''}\r\n`,
        )
        .join('');
    const bytes = new TextEncoder().encode(csv);

    // baseline: the same number of plain look-ups by number
    const t0 = performance.now();
    let found = 0;
    for (const g of generated) if (await store.findLicence(ORG, g.licence.number)) found++;
    const lookupsPerSecond = N / ((performance.now() - t0) / 1000);

    const t1 = performance.now();
    const input = await readBulkInput(bytes, 'customers.csv');
    if (input.kind !== 'list') throw new Error('a list');
    const report = await runBulkCheck(
      input,
      { today: clock.today() },
      { trust, organisation: ORG, domainKey: bulkDomainKey, clock },
    );
    const customersPerSecond = N / ((performance.now() - t1) / 1000);
    if (
      found !== N ||
      report.summary.notFound !== 0 ||
      report.summary.uncoveredDomains !== N / 10
    ) {
      throw new Error(`unexpected outcome: ${JSON.stringify(report.summary)}, found ${found}`);
    }
    return {
      rows: [
        row(
          'bulk-check/sqlite 10k customers vs 10k licence look-ups',
          customersPerSecond,
          'customers/s',
          lookupsPerSecond,
        ),
      ],
      targets: [],
    };
  } finally {
    await open.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export const bulkCheckBenchmark: Benchmark = { name: 'bulk-check', run: runBulkBench };

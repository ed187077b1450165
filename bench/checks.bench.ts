/**
 * The checks benchmark (issue 3): CheckReports per second for each fixture, from its ParseResult
 * (every rule of the registry), beside the parse of the same document in the same run: the ratio
 * says what checking adds to reading a document.
 */
import { parseDocument, type ParseDocumentDeps } from '../src/app/documents/parse-document.js';
import { checkInputFromParseResult, checkLicence } from '../src/core/checks/index.js';
import { fixtureBytes, FIXTURES, TEXT_DOCUMENTS } from '../test/fixtures.js';
import { interleaved, row, type Benchmark, type BenchRow } from './measure.js';

const deps: ParseDocumentDeps = TEXT_DOCUMENTS;
const TODAY = '2026-11-28';
/** Results land here so the engine cannot drop the work as dead code. */
let sink = 0;

async function runChecksBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const name of ['seed', 'hu', 'b1b2'] as const) {
    const bytes = fixtureBytes(name);
    const parsed = await parseDocument(bytes, FIXTURES[name], deps);
    const input = checkInputFromParseResult(parsed, TODAY);
    const { subject, baseline } = await interleaved(
      () => {
        sink += checkLicence(input).findings.length;
      },
      async () => {
        sink += (await parseDocument(bytes, FIXTURES[name], deps)).notes.length;
      },
    );
    rows.push(row(`checks/${name} (checks/s vs parses/s)`, subject, 'docs/s', baseline));
  }
  if (sink < 0) throw new Error('unreachable');
  return rows;
}

export const checksBenchmark: Benchmark = {
  name: 'checks',
  run: async () => ({ rows: await runChecksBench(), targets: [] }),
};

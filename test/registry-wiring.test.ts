/**
 * Commands outside the registry group that take a licence number: `xuke deadlines NUMBER` and
 * `xuke scan URL --licence NUMBER` read the licence from the registry.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from './fixtures.js';
import { xuke } from './run-cli.js';
import { sitesHandler, startServer, xukeAsync, type TestServer } from './scan-servers.js';

let dir: string;
let db: string;
let site: TestServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'xuke-wiring-'));
  db = `sqlite://${join(dir, 'xuke.sqlite')}`;
  // the seed's 240-day term is an error finding: its import is acknowledged (docs/trust.md)
  const imported = xuke([
    'import',
    FIXTURES.seed,
    FIXTURES.hu,
    '--db',
    db,
    '--acknowledge',
    '测试数据',
  ]);
  expect(imported.code, imported.stderr).toBe(0);
  site = await startServer(sitesHandler());
});

afterAll(async () => {
  await site.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('xuke deadlines NUMBER', () => {
  it('computes the seed licence’s deadlines from the registry record', () => {
    const r = xuke([
      'deadlines',
      '京Ｂ２－２０１８０９１０',
      '--db',
      db,
      '--today',
      '2022-10-01',
      '--event',
      'illegal-content-disposed=2022-09-27',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as {
      occurrences: { obligation: string; dueOn: string }[];
    };
    const due = Object.fromEntries(report.occurrences.map((o) => [o.obligation, o.dueOn]));
    expect(due['renewal']).toBe('2023-02-02');
    expect(due['illegal-content-report']).toBe('2022-10-14');
  });

  it('exits 3 for a number the registry does not hold', () => {
    const r = xuke(['deadlines', '京B2-20990001', '--db', db, '--today', '2022-10-01']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('京B2-20990001');
  });
});

describe('xuke scan --licence NUMBER', () => {
  it('compares the page with the registry’s licence', async () => {
    const r = await xukeAsync([
      'scan',
      `${site.origin}/qinghe-read/`,
      '--licence',
      '沪B2-20200731',
      '--db',
      db,
      '--allow-host',
      site.hostPort,
      '--today',
      '2026-11-28',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as {
      licence: { number: string | null; source: string } | null;
      findings: { ruleId: string }[];
    };
    expect(report.licence).toMatchObject({ number: '沪B2-20200731', source: 'registry' });
    expect(report.findings.map((f) => f.ruleId)).not.toContain('number-missing');
  });
});

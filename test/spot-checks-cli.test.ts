/**
 * Random spot checks through the `xuke` command (docs/spot-checks.md), as a user runs it, on every
 * dialect: an authority draws from its register with a staff list and conflicts from files, records
 * a result and shows the draw; a holder may not draw; and `xuke spot-check verify` recomputes a
 * published draw offline: exit 0 when it reproduces, 1 when the copy was tampered with, 2 when the
 * file is not a spot-check record.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KyselySpotCheckStore } from '../src/adapters/db/spot-check.repository.js';
import { kyselyTrustStores } from '../src/adapters/db/organisation.repository.js';
import { getPublicSpotCheck } from '../src/app/spot-checks/public-spot-checks.js';
import { createOrganisation } from '../src/app/trust/organisations.js';
import { issueLicence } from '../src/app/trust/register.js';
import { describeEachDialect, fixedClock, type TestDatabase } from './registry-dialects.js';
import { xuke, type CliRun } from './run-cli.js';
import { HOLDERS, INSPECTORS, registerRecords } from './spot-check-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'xuke-spot-checks-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const ENV = { XUKE_ACTOR: 'alice', XUKE_ORG: undefined, XUKE_DATABASE_URL: undefined };

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const inspectors = file('inspectors.json', INSPECTORS);
const conflicts = file('conflicts.json', {
  conflicts: [
    { inspector: 'zf-001', creditCode: HOLDERS[0].creditCode },
    { inspector: 'zf-002', number: '京B2-20250003' },
  ],
});

interface View {
  id: string;
  seed: string;
  result: { checks: { number: string; inspectors: string[] }[] };
  checks: { number: string; status: string; outcome: string | null }[];
}

describeEachDialect('xuke spot-check', (h) => {
  let t: TestDatabase;
  const run = (args: readonly string[]): CliRun => xuke([...args, '--db', t.url], undefined, ENV);

  beforeAll(async () => {
    t = await h.fresh();
    const clock = fixedClock();
    const trust = { store: t.store(clock), clock, ...kyselyTrustStores(t.open.db, clock) };
    await createOrganisation(
      { id: 'beijing', name: '北京市通信管理局', kind: 'authority', jurisdiction: '京' },
      'test',
      trust,
    );
    await createOrganisation({ id: 'acme', name: 'Acme', kind: 'holder' }, 'test', trust);
    for (const licence of registerRecords()) {
      await issueLicence(
        { licence, reason: '准予许可', decisionNumber: '京通信管〔2025〕1号' },
        { organisation: 'beijing', actor: 'test' },
        trust,
      );
    }
  });
  afterAll(async () => {
    await t.close();
  });

  let drawId = '';
  let firstNumber = '';

  it('draws with a staff list and conflicts from files, records a result once, shows the draw', () => {
    const draw = run([
      'spot-check',
      'draw',
      '--org',
      'beijing',
      '--year',
      '2025',
      '--count',
      '3',
      '--inspectors',
      inspectors,
      '--conflicts',
      conflicts,
      '--json',
    ]);
    expect(draw.code, draw.stderr).toBe(0);
    const drawn = JSON.parse(draw.stdout) as View;
    expect(drawn.seed).toMatch(/^[0-9a-f]{64}$/u);
    expect(drawn.checks).toHaveLength(3);
    const first = drawn.checks[0]?.number ?? '';

    const result = run([
      'spot-check',
      'result',
      drawn.id,
      first,
      '--outcome',
      'issues-found',
      '--note',
      '实地核查',
      '--finding',
      '网站未标明经营许可证编号',
      '--org',
      'beijing',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('已完成：发现问题');
    expect(result.stdout).toContain('网站未标明经营许可证编号');
    const again = run([
      'spot-check',
      'result',
      drawn.id,
      first,
      '--outcome',
      'compliant',
      '--note',
      '再次',
      '--org',
      'beijing',
    ]);
    expect(again.code).toBe(4);

    const show = run(['spot-check', 'show', drawn.id, '--org', 'beijing', '--lang', 'en']);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain(`Spot check ${drawn.id}`);
    expect(show.stdout).toContain('done: issues found');
    const list = run(['spot-check', 'list', '--org', 'beijing', '--year', '2025']);
    expect(list.stdout).toContain('已完成 1/3');
    drawId = drawn.id;
    firstNumber = first;
  });

  it('verifies the published draw offline (exit 0), and a tampered copy (exit 1)', async () => {
    const id = drawId;
    const first = firstNumber;

    // the record as the public API answers it, verified offline with no database
    const published = await getPublicSpotCheck(id, {
      spotChecks: new KyselySpotCheckStore(t.open.db),
      organisations: kyselyTrustStores(t.open.db, fixedClock()).organisations,
    });
    const good = file(`published-${h.name}.json`, published);
    const verified = xuke(['spot-check', 'verify', good], undefined, ENV);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^已复现：抽查 .*得到相同的 3 项检查/u);

    // the authority's own view (show --json) carries the same record and verifies too
    const own = file(
      `own-${h.name}.json`,
      run(['spot-check', 'show', id, '--org', 'beijing', '--json']).stdout,
    );
    expect(xuke(['spot-check', 'verify', own, '--json'], undefined, ENV)).toMatchObject({
      code: 0,
    });

    // a copy that claims another licence was drawn first
    const others = published.inputs.population
      .map((p) => p.number)
      .filter((n) => !published.result.checks.some((c) => c.number === n));
    const swapped = {
      ...published,
      result: {
        checks: published.result.checks.map((c, i) =>
          i === 0 ? { ...c, number: others[0] ?? '' } : c,
        ),
      },
    };
    const tampered = xuke(
      ['spot-check', 'verify', file(`tampered-${h.name}.json`, swapped), '--lang', 'en'],
      undefined,
      ENV,
    );
    expect(tampered.code, tampered.stderr).toBe(1);
    expect(tampered.stdout).toContain('DIFFERS');
    expect(tampered.stdout).toContain(`Check 1: the recomputed draw gives ${first}`);
    // … or an edited list of checks, the result left alone
    const renamed = {
      ...published,
      checks: published.checks.map((c, i) =>
        i === 0 ? { ...c, inspectors: c.inspectors.map((x) => ({ ...x, name: '某某' })) } : c,
      ),
    };
    const listEdited = xuke(
      ['spot-check', 'verify', file(`renamed-${h.name}.json`, renamed)],
      undefined,
      ENV,
    );
    expect(listEdited.code).toBe(1);
    expect(listEdited.stdout).toContain('公布的检查清单与之不符');
  });

  it('refuses a holder (exit 8) and a draw no inspectors can staff (exit 2)', () => {
    const holder = run([
      'spot-check',
      'draw',
      '--org',
      'acme',
      '--year',
      '2025',
      '--count',
      '1',
      '--inspectors',
      inspectors,
    ]);
    expect(holder.code).toBe(8);
    expect(holder.stderr).toContain('不是发证机关');
    const few = run([
      'spot-check',
      'draw',
      '--org',
      'beijing',
      '--year',
      '2025',
      '--count',
      '1',
      '--per-check',
      '6',
      '--inspectors',
      inspectors,
    ]);
    expect(few.code).toBe(2);
    expect(few.stderr).toContain('少于每项检查所需的 6 人');
  });
});

it('xuke spot-check verify: a file that is not a spot-check record is unreadable (exit 2)', () => {
  const notJson = xuke(['spot-check', 'verify', file('not.json', '{nope')], undefined, ENV);
  expect(notJson.code).toBe(2);
  expect(notJson.stderr).toContain('不是 UTF-8 JSON');
  const other = xuke(
    ['spot-check', 'verify', file('other.json', { schema: 'xuke.licence/v1' }), '--lang', 'en'],
    undefined,
    ENV,
  );
  expect(other.code).toBe(2);
  expect(other.stderr).toContain('Not a spot-check record');
  expect(xuke(['spot-check', 'verify', join(dir, 'missing.json')], undefined, ENV).code).toBe(2);
});

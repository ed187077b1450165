/**
 * The registry through the `xuke` command, as a user runs it: import, look-ups, events, audit
 * verify (and a tampered row), export, and an import killed with SIGKILL half-way.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES } from './fixtures.js';
import { xuke } from './run-cli.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'xuke-cli-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * `n` distinct licence documents made from the B1.B2 fixture: number, company and domains vary. The
 * number keeps its year (2023, the year of issue), so each document stays free of errors and is
 * imported without --acknowledge.
 */
function writeDocuments(target: string, n: number): void {
  mkdirSync(target, { recursive: true });
  const text = readFileSync(FIXTURES.b1b2, 'utf8');
  for (let i = 0; i < n; i++) {
    const serial = String(i).padStart(4, '0');
    const doc = text
      .replaceAll('B1.B2-20233345', `B1.B2-2023${serial}`)
      .replaceAll('星桥云数据', `星桥云数据${serial}`)
      .replaceAll('xingqiao-cloud.com', `xq${serial}.com`);
    writeFileSync(join(target, `doc-${serial}.txt`), doc);
  }
}

function run(db: string, args: string[]) {
  return xuke([...args, '--db', `sqlite://${db}`]);
}

// Each command is a child process (tsx startup): generous time on a loaded machine.
describe('the registry commands', { timeout: 240_000 }, () => {
  const db = join(dir, 'cli.sqlite');

  it('import, find, show, event, history, audit verify — zh-CN by default, --lang en, --json', () => {
    const imported = run(db, [
      'import',
      join(root, 'fixtures/seed'),
      FIXTURES.b1b2,
      join(dir, 'missing.txt'),
    ]);
    expect(imported.code).toBe(2);
    expect(imported.stderr).toContain('missing.txt');

    // The seed has error findings (a 240-day term): its verdict is suspect, and saving it needs a
    // reason; the clean B1.B2 licence is imported beside it.
    const refused = run(db, ['import', join(root, 'fixtures/seed'), FIXTURES.b1b2]);
    expect(refused.code).toBe(11);
    expect(refused.stdout).toContain('jing-b2-20180910.txt：核验结论为“需人工复核”（suspect）');
    expect(refused.stdout).toContain('--acknowledge');
    expect(refused.stdout).toContain('新增 1');
    const ok = run(db, [
      'import',
      join(root, 'fixtures/seed'),
      FIXTURES.b1b2,
      '--acknowledge',
      '演示用种子许可证',
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('新增 1');
    expect(ok.stdout).toContain('已导入过 1');

    const byHost = run(db, ['find', '--domain', 'www.upliveapp.com', '--json']);
    expect(byHost.code).toBe(0);
    expect(
      (JSON.parse(byHost.stdout) as { items: { number: string }[] }).items.map((l) => l.number),
    ).toEqual(['京B2-20180910']);
    expect(run(db, ['find', '--company', '星桥', '--lang', 'en']).stdout).toMatch(
      /^B1\.B2-20233345 {2}valid/u,
    );
    expect(run(db, ['show', '京Ｂ２－２０１８０９１０']).stdout).toContain(
      '云智联网络科技（北京）有限公司',
    );
    expect(run(db, ['show', '京B2-20990001']).code).toBe(3);

    const event = run(db, [
      'event',
      'B1.B2-20233345',
      'annual-report-filed',
      '--year',
      '2025',
      '--note',
      '已报',
    ]);
    expect(event.code).toBe(0);
    // the seed expired on 2023-05-03: too late to apply for renewal
    const illegal = run(db, ['event', '京B2-20180910', 'renewal-applied', '--lang', 'en']);
    expect(illegal.code).toBe(5);
    expect(illegal.stderr).toMatch(/expired cannot have a renewal-applied event/u);
    // the issuer's decisions are the register's: a holder's copy cannot be reinstated or renewed
    const issuerOnly = run(db, ['event', 'B1.B2-20233345', 'reinstated', '--lang', 'en']);
    expect(issuerOnly.code).toBe(8);
    expect(issuerOnly.stderr).toMatch(/reinstated is the issuer's decision/u);
    expect(issuerOnly.stderr).toContain('xuke register event B1.B2-20233345 reinstated');
    const history = run(db, ['history', 'B1.B2-20233345']);
    expect(history.stdout).toMatch(/v2 {2}\d{4}-\d{2}-\d{2} {2}年报/u);

    expect(run(db, ['audit', 'verify']).code).toBe(0);
  });

  it('audit verify fails once an audit row is edited', () => {
    const raw = new Database(db);
    raw.exec('drop trigger audit_log_no_update');
    raw
      .prepare("update audit_log set payload = replace(payload, '已报', '未报') where seq = 3")
      .run();
    raw.close();
    const verify = run(db, ['audit', 'verify', '--lang', 'en']);
    expect(verify.code).toBe(6);
    expect(verify.stdout).toMatch(/BROKEN at entry #3/u);
  });

  it('exports JSONL, CSV and XLSX', () => {
    const jsonl = run(db, ['export']);
    expect(jsonl.stdout.trim().split('\n')).toHaveLength(2);
    const csv = run(db, ['export', '--format', 'csv']);
    expect(csv.stdout).toMatch(/^\uFEFF经营许可证编号,登记状态,当前状态,核验结论,/u);
    // the status as recorded, as of today, and the verdict
    expect(csv.stdout).toMatch(/\r\nB1\.B2-20233345,valid,valid,[a-z]+,vats-cross-regional,/u);
    expect(run(db, ['export', '--format', 'csv', '--lang', 'en']).stdout).toMatch(
      /^\uFEFFnumber,status,currentStatus,verdict,kind,/u,
    );
    const out = join(dir, 'licences.xlsx');
    expect(run(db, ['export', '--format', 'xlsx', '--out', out]).code).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });

  it('an import killed with SIGKILL half-way leaves whole files only, and a re-run finishes', async () => {
    const docs = join(dir, 'many');
    const total = 600;
    writeDocuments(docs, total);
    const target = join(dir, 'killed.sqlite');
    expect(run(target, ['db', 'migrate']).code).toBe(0);

    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/main/cli.ts', 'import', docs, '--db', `sqlite://${target}`],
      { cwd: root, stdio: 'ignore' },
    );
    const watcher = new Database(target, { readonly: true });
    const count = () =>
      (watcher.prepare('select count(*) as n from licences').get() as { n: number }).n;
    let seen = 0;
    for (let i = 0; i < 3000 && seen < total / 4; i++) {
      await new Promise((r) => setTimeout(r, 10));
      seen = count();
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    watcher.close();
    expect(seen).toBeGreaterThan(0);

    const after = new Database(target);
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    const licences = (after.prepare('select count(*) as n from licences').get() as { n: number }).n;
    expect(licences).toBeGreaterThan(0);
    expect(licences).toBeLessThan(total);
    // Whole files only: every licence has its version, event, domains, stored document and audit entry.
    const orphans = after
      .prepare(
        `select count(*) as n from licences l where
           not exists (select 1 from licence_versions v where v.licence_id = l.id and v.document_sha256 is not null
                        and exists (select 1 from documents d where d.sha256 = v.document_sha256))
           or not exists (select 1 from licence_events e where e.licence_id = l.id)
           or not exists (select 1 from licence_domains d where d.licence_id = l.id)`,
      )
      .get() as { n: number };
    expect(orphans.n).toBe(0);
    expect((after.prepare('select count(*) as n from audit_log').get() as { n: number }).n).toBe(
      licences,
    );
    after.close();
    expect(run(target, ['audit', 'verify']).code).toBe(0);

    const rerun = run(target, ['import', docs, '--json']);
    expect(rerun.code).toBe(0);
    const summary = JSON.parse(rerun.stdout) as { created: number; skipped: number };
    expect(summary.skipped).toBe(licences);
    expect(summary.created).toBe(total - licences);
    expect(run(target, ['audit', 'verify']).code).toBe(0);
  });
});

/**
 * Bulk verification for platforms (issue 19, docs/bulk-check.md): customer lists (CSV with Chinese
 * headers and 、-separated domains, XLSX), a ZIP of the seed and a forged copy compared with the
 * register, zip bombs and traversal names refused, a malformed row named by row and column, a
 * domain no licence covers, the CLI's --json lines and --out xlsx, the API's 202 → poll → report,
 * tenant isolation, and a re-check that says what changed. Real SQLite and PostgreSQL.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulkDomainKey } from '../src/adapters/bulk-check/domain-key.js';
import { readBulkInput, XLSX_TYPE } from '../src/adapters/bulk-check/read-bulk-input.js';
import { reportCsv } from '../src/adapters/bulk-check/report-table.js';
import { writeXlsxReport } from '../src/adapters/bulk-check/xlsx.js';
import type { ZodApp } from '../src/adapters/http/route-types.js';
import { prepareDocuments, runBulkCheck } from '../src/app/bulk-check/run-bulk-check.js';
import { parseDocument } from '../src/app/documents/parse-document.js';
import { issueLicence, recordRegisterEvent } from '../src/app/trust/register.js';
import type { BulkReport, BulkRow } from '../src/core/bulk-check/types.js';
import { isDomainError } from '../src/core/errors.js';
import { FIXTURES, fixtureText, TEXT_DOCUMENTS } from './fixtures.js';
import {
  addAuthority,
  bearer,
  expectProblem,
  harnessFor,
  type HttpHarness,
  SEED_NUMBER,
} from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';
import { xuke } from './run-cli.js';

const enc = (s: string) => new TextEncoder().encode(s);
const TODAY = '2026-11-28';

/** The B1.B2 licence with another holder: a forged copy. */
const FORGED = fixtureText('b1b2').replace(
  '公司名称：深圳星桥云数据有限公司',
  '公司名称：深圳星桥伪造数据有限公司',
);
const B1B2 = 'B1.B2-20233345';

/** The list of the tests: Chinese headers with a BOM and full-width spaces, 、 between domains. */
const CHINESE_CSV =
  '\ufeff　客户　,许可证编号,域名\r\n' +
  `c1,${B1B2},www.xingqiao-cloud.com、shop.xingqiao-cloud.com\r\n` +
  `c2,"Ｂ１.Ｂ２－２０２３３３４５","xingqiao-cloud.com、not-licensed.cn"\r\n` +
  'c3,京B2-2018,x.com\r\n' +
  'c4,B2-20240001,a.com b.com\r\n';

async function thrown(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a refusal');
}

function byCustomer(report: BulkReport, customer: string): BulkRow {
  const row = report.rows.find((r) => r.customer === customer);
  if (row === undefined) throw new Error(`no row ${customer}`);
  return row;
}

/** The MIIT as an authority on the instance, with the B1.B2 licence issued into its register. */
async function registerB1b2(h: HttpHarness): Promise<void> {
  await addAuthority(h, { id: 'miit', name: '工业和信息化部', jurisdiction: 'MIIT' });
  const parsed = await parseDocument(readFileSync(FIXTURES.b1b2), 'b1b2', TEXT_DOCUMENTS);
  await issueLicence(
    { licence: parsed.licence, reason: '测试发证', decisionNumber: '工信部电管〔2023〕1号' },
    { organisation: 'miit', actor: 'test' },
    h.deps.registry,
  );
}

describe('bulk check inputs (no database)', () => {
  it('reads XLSX lists, refuses a missing column naming it', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('客户');
    sheet.addRow(['Customer ID', 'LICENCE', 'Domains']);
    sheet.addRow(['x1', SEED_NUMBER, 'upliveapp.com, www.upliveapp.com']);
    sheet.addRow([]);
    sheet.addRow(['x2', 'B1.B2-20233345', 'mall.xingqiao-cloud.com']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const input = await readBulkInput(bytes, 'list.xlsx', { contentType: XLSX_TYPE });
    expect(input.kind).toBe('list');
    if (input.kind !== 'list') return;
    expect(input.customers.map((c) => [c.row, c.customer, c.licence, c.domains])).toEqual([
      [2, 'x1', SEED_NUMBER, ['upliveapp.com', 'www.upliveapp.com']],
      [4, 'x2', 'B1.B2-20233345', ['mall.xingqiao-cloud.com']],
    ]);

    const e = await thrown(readBulkInput(enc('客户,域名\r\nc1,a.com\r\n'), 'l.csv'));
    expect(isDomainError(e) && e.code).toBe('INVALID_INPUT');
    expect((e as Error).message).toContain('licence（许可证编号）');
    expect((e as Error).message).toContain('第 1 行');
  });

  it('refuses a zip bomb and a traversal name, reads a ZIP of documents', async () => {
    // 33 MiB of zeros compresses to ~33 KB: over the 32 MiB per-file limit once inflated
    const bomb = zipSync({ 'bomb.txt': new Uint8Array(33 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(200_000);
    const e1 = await thrown(readBulkInput(bomb, 'bomb.zip'));
    expect(isDomainError(e1) && e1.code).toBe('INPUT_TOO_LARGE');
    expect((e1 as Error).message).toContain('bomb.txt');
    // many files each under the limit: the total is bounded too
    const many = zipSync(
      Object.fromEntries([0, 1, 2].map((i) => [`f${i}.txt`, new Uint8Array(1024 * 1024)])),
    );
    const e2 = await thrown(
      readBulkInput(many, 'many.zip', {
        zipLimits: {
          maxEntries: 10,
          maxEntryBytes: 2 * 1024 * 1024,
          maxTotalBytes: 2 * 1024 * 1024,
        },
      }),
    );
    expect(isDomainError(e2) && e2.code).toBe('INPUT_TOO_LARGE');
    const e3 = await thrown(
      readBulkInput(many, 'many.zip', {
        zipLimits: { maxEntries: 2, maxEntryBytes: 2 ** 30, maxTotalBytes: 2 ** 30 },
      }),
    );
    expect(isDomainError(e3) && e3.code).toBe('INPUT_TOO_LARGE');

    const evil = zipSync({ 'ok.txt': enc('x'), '../../etc/evil.txt': enc('x') });
    const e4 = await thrown(readBulkInput(evil, 'evil.zip'));
    expect(isDomainError(e4) && e4.code).toBe('INVALID_INPUT');
    expect((e4 as Error).message).toContain('../../etc/evil.txt');

    const docs = zipSync({
      'a/seed.txt': readFileSync(FIXTURES.seed),
      '__MACOSX/._seed.txt': enc('junk'),
      'a/': new Uint8Array(0),
    });
    const input = await readBulkInput(docs, 'docs.zip');
    expect(input.kind === 'documents' && input.entries.map((x) => x.name)).toEqual(['a/seed.txt']);
  });
});

describeEachDialect('bulk check', (dialect) => {
  const h = harnessFor(dialect);
  let app: ZodApp;
  beforeAll(async () => {
    await registerB1b2(h);
    app = h.app;
  });
  const deps = () => ({
    trust: h.deps.registry,
    organisation: 'acme',
    domainKey: bulkDomainKey,
    clock: h.clock,
  });

  it('checks a CSV with Chinese headers and 、-separated domains; names a malformed row', async () => {
    const input = await readBulkInput(enc(CHINESE_CSV), 'customers.csv');
    if (input.kind !== 'list') throw new Error('a list');
    const report = await runBulkCheck(input, { today: TODAY }, deps());
    expect(report.rows).toHaveLength(4);
    for (const r of report.rows) {
      expect(r).toHaveProperty('verdict');
      expect(r).toHaveProperty('status');
    }
    const c1 = byCustomer(report, 'c1');
    expect(c1.found).toBe(true);
    expect(c1.licence).toBe(B1B2);
    // acme holds no copy: the register's entry is the record, verified against itself
    expect(c1.verdict).toBe('verified');
    expect(c1.validity).toBe('valid');
    expect(c1.status).toBe('pass');
    expect(c1.register?.authority).toBe('工业和信息化部');
    expect(c1.domains.every((d) => d.covered)).toBe(true);
    expect(c1.domains[1]).toEqual({
      domain: 'shop.xingqiao-cloud.com',
      covered: true,
      coveredBy: 'xingqiao-cloud.com',
    });

    // a domain the licence does not cover fails the customer
    const c2 = byCustomer(report, 'c2');
    expect(c2.licence).toBe(B1B2);
    expect(c2.domains).toEqual([
      { domain: 'xingqiao-cloud.com', covered: true, coveredBy: 'xingqiao-cloud.com' },
      { domain: 'not-licensed.cn', covered: false, coveredBy: null },
    ]);
    expect(c2.status).toBe('fail');

    const c3 = byCustomer(report, 'c3');
    expect(c3.status).toBe('error');
    expect(c3.verdict).toBeNull();
    expect(c3.problem).toMatchObject({ row: 4, column: '许可证编号 (B)' });
    expect(c3.problem?.message).toContain('第 4 行');

    // well formed, in the MIIT's jurisdiction, in no register: not found, a mismatch
    const c4 = byCustomer(report, 'c4');
    expect(c4).toMatchObject({ found: false, verdict: 'mismatch', status: 'fail' });
    expect(report.summary).toMatchObject({ total: 4, error: 1, notFound: 1, uncoveredDomains: 2 });
  });

  it('checks a ZIP of a licence and a forged copy against the register', async () => {
    const zip = zipSync({ 'b1b2.txt': readFileSync(FIXTURES.b1b2), 'forged.txt': enc(FORGED) });
    const input = await readBulkInput(zip, 'docs.zip');
    if (input.kind !== 'documents') throw new Error('documents');
    const documents = await prepareDocuments(input.entries, TEXT_DOCUMENTS);
    const report = await runBulkCheck(
      { kind: 'documents', name: 'docs.zip', documents },
      { today: TODAY },
      deps(),
    );
    expect(byCustomer(report, 'b1b2.txt')).toMatchObject({
      verdict: 'verified',
      status: 'pass',
      licence: B1B2,
      source: { kind: 'document', entry: 'b1b2.txt' },
    });
    const forged = byCustomer(report, 'forged.txt');
    expect(forged.verdict).toBe('mismatch');
    expect(forged.status).toBe('fail');
    expect(forged.findings.some((f) => f.severity === 'error')).toBe(true);
  });

  it('API: 202 → poll → report (JSON, CSV, XLSX); another organisation gets 404; re-check diff', async () => {
    const started = await app.inject({
      method: 'POST',
      url: '/api/v1/bulk-checks?name=customers.csv',
      headers: { ...bearer(h.tokens.member), 'content-type': 'text/csv' },
      payload: CHINESE_CSV,
    });
    expect(started.statusCode, started.body).toBe(202);
    const job = started.json<{ id: string; url: string; status: string }>();
    expect(started.headers['location']).toBe(`/api/v1/bulk-checks/${job.id}`);
    expect(job.url).toBe(`/api/v1/bulk-checks/${job.id}`);

    const poll = async (id: string) => {
      for (let i = 0; i < 200; i++) {
        const res = await app.inject({
          url: `/api/v1/bulk-checks/${id}`,
          headers: bearer(h.tokens.viewer),
        });
        const body = res.json<{
          status: string;
          report: BulkReport | null;
          progress: { done: number; total: number };
        }>();
        if (body.status === 'done' || body.status === 'failed') return body;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error('the job did not finish');
    };
    const done = await poll(job.id);
    expect(done.status).toBe('done');
    expect(done.progress).toEqual({ done: 4, total: 4 });
    expect(done.report?.rows).toHaveLength(4);

    // another organisation's job is not there
    expectProblem(
      await app.inject({
        url: `/api/v1/bulk-checks/${job.id}`,
        headers: bearer(h.tokens.otherAdmin),
      }),
      404,
      'NOT_FOUND',
    );
    expectProblem(
      await app.inject({
        method: 'POST',
        url: `/api/v1/bulk-checks/${job.id}/recheck`,
        headers: bearer(h.tokens.otherAdmin),
      }),
      404,
    );
    // a viewer may read, not start one
    expectProblem(
      await app.inject({
        method: 'POST',
        url: '/api/v1/bulk-checks',
        headers: { ...bearer(h.tokens.viewer), 'content-type': 'text/csv' },
        payload: CHINESE_CSV,
      }),
      403,
    );
    // a list without the licence column: refused at once, the column named
    const bad = expectProblem(
      await app.inject({
        method: 'POST',
        url: '/api/v1/bulk-checks',
        headers: { ...bearer(h.tokens.member), 'content-type': 'text/csv' },
        payload: 'customer,domains\r\nc1,a.com\r\n',
      }),
      400,
      'INVALID_INPUT',
    );
    expect(String(bad['detail'])).toContain('licence');

    const csv = await app.inject({
      url: `/api/v1/bulk-checks/${job.id}/report?format=csv&lang=en`,
      headers: bearer(h.tokens.viewer),
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/u);
    expect(csv.body).toContain('not-licensed.cn');
    const xlsx = await app.inject({
      url: `/api/v1/bulk-checks/${job.id}/report?format=xlsx`,
      headers: bearer(h.tokens.viewer),
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets[0]?.rowCount).toBe(5);

    // the register suspends the licence: the re-check says what changed for c1 and c2
    await recordRegisterEvent(
      B1B2,
      { kind: 'suspended', reason: '测试暂停', decisionNumber: '工信部电管〔2026〕9号' },
      { organisation: 'miit', actor: 'test' },
      h.deps.registry,
    );
    const re = await app.inject({
      method: 'POST',
      url: `/api/v1/bulk-checks/${job.id}/recheck`,
      headers: bearer(h.tokens.member),
    });
    expect(re.statusCode, re.body).toBe(202);
    const rejob = re.json<{ id: string; previous: string }>();
    expect(rejob.previous).toBe(job.id);
    const redone = await poll(rejob.id);
    const changes = redone.report?.changes;
    expect(changes?.since.id).toBe(job.id);
    const c1 = changes?.changed.find((c) => c.key === 'c1');
    expect(c1?.changes).toContainEqual(
      expect.objectContaining({ field: 'validity', after: 'suspended' }),
    );
    expect(changes?.changed.map((c) => c.key)).not.toContain('c3');
    expect(changes?.unchanged).toBeGreaterThanOrEqual(1);
  });

  it('exports CSV with formulas neutralised, and XLSX readable back', async () => {
    const input = await readBulkInput(
      enc(`customer,licence,domains\r\n=HYPERLINK("x"),${SEED_NUMBER},upliveapp.com\r\n`),
      'f.csv',
    );
    if (input.kind !== 'list') throw new Error('a list');
    const report = await runBulkCheck(input, { today: TODAY }, deps());
    const csv = reportCsv(report, 'en');
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      Buffer.from(await writeXlsxReport(report, 'zh')) as unknown as ExcelJS.Buffer,
    );
    expect(wb.worksheets[0]?.getRow(2).getCell(2).value).toBe('=HYPERLINK("x")');
  });
});

describe('xuke bulk-check', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'xuke-bulk-'));
  const db = `sqlite://${join(dir, 'bulk.sqlite')}`;
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('--json: one line per customer with verdict and status; --out xlsx; --since', async () => {
    const imported = xuke(['import', FIXTURES.b1b2, '--db', db, '--org', 'acme']);
    expect(imported.code, imported.stderr).toBe(0);
    const list = join(dir, 'customers.csv');
    writeFileSync(
      list,
      '客户,许可证编号,域名\n' +
        'k1,B1.B2-20233345,mall.xingqiao-cloud.com、www.xingqiao-cloud.com\n' +
        'k2,B1.B2-20233345,xingqiao-cloud.com、elsewhere.com\n' +
        'k3,B1.B2-2023,x.com\n',
    );
    const out = join(dir, 'report.xlsx');
    const r = xuke([
      'bulk-check',
      list,
      '--db',
      db,
      '--org',
      'acme',
      '--json',
      '--today',
      TODAY,
      '--out',
      out,
    ]);
    // a row that cannot be used: exit 2, as `xuke check` for an unreadable file
    expect(r.code, r.stderr).toBe(2);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as BulkRow);
    expect(lines).toHaveLength(3);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(expect.arrayContaining(['verdict', 'status']));
    }
    expect(lines[0]).toMatchObject({
      customer: 'k1',
      found: true,
      status: 'review',
      verdict: 'unverified',
    });
    expect(lines[1]?.domains.find((d) => d.domain === 'elsewhere.com')?.covered).toBe(false);
    expect(lines[2]?.problem?.row).toBe(4);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0];
    expect(sheet?.rowCount).toBe(4);
    expect(sheet?.getRow(2).getCell(2).value).toBe('k1');

    // text, English, a JSON report to compare the next run with
    const json = join(dir, 'report.json');
    const t = xuke([
      'bulk-check',
      list,
      '--db',
      db,
      '--org',
      'acme',
      '--lang',
      'en',
      '--out',
      json,
    ]);
    expect(t.stdout).toContain('3 checked: 0 pass, 1 review, 1 fail, 1 unusable');
    const again = xuke(['bulk-check', list, '--db', db, '--org', 'acme', '--since', json]);
    expect(again.stdout).toContain('变化 0');

    const missing = xuke(['bulk-check', join(dir, 'none.csv'), '--db', db, '--org', 'acme']);
    expect(missing.code).toBe(2);
  });
});

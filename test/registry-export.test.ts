/**
 * The CSV and XLSX exports with hostile values, through `xuke export` in-process over a real
 * registry: formulas neutralised in the CSV's bytes and given back by restoreFormula, the XLSX's
 * cells typed (text, date, number) with CR kept, each licence's status as of today and its verdict,
 * and the JSONL export round-tripping every value exactly through `xuke import`'s reader.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import type { CliContext } from '../src/adapters/cli/cli-context.js';
import type { CliRegistry } from '../src/adapters/cli/cli-services.js';
import { restoreFormula } from '../src/adapters/csv.js';
import {
  readCsv,
  readXlsx,
  type SheetCell,
} from '../src/adapters/cli/registry/export-readers.test-helpers.js';
import { EXPORT_COLUMNS } from '../src/adapters/cli/registry/export-table.js';
import { runExportCommand } from '../src/adapters/cli/registry/export.command.js';
import { excelDateSerial } from '../src/adapters/cli/registry/xlsx.js';
import { kyselyTrustStores } from '../src/adapters/db/organisation.repository.js';
import { nodeHasher } from '../src/adapters/node-hasher.js';
import { DEFAULT_MAX_DOCUMENT_BYTES } from '../src/app/documents/parse-document.js';
import { exportLicences } from '../src/app/registry/export-licences.js';
import { importDocuments } from '../src/app/registry/import-documents.js';
import { registerLicences } from '../src/app/registry/register-licence.js';
import type { TrustDeps } from '../src/app/registry/registry-deps.js';
import { assessStoredLicences } from '../src/app/trust/assess-report.js';
import type { Licence } from '../src/core/licence.js';
import { describeEachDialect, fixedClock, type TestDatabase } from './registry-dialects.js';
import { makeLicence } from './registry-licences.js';

const who = { organisation: 'default', actor: 'test' };
const documents = { sources: {}, hasher: nodeHasher, maxBytes: DEFAULT_MAX_DOCUMENT_BYTES };
const dir = mkdtempSync(join(tmpdir(), 'xuke-export-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Values a spreadsheet would run, split or mangle, and ones it must leave readable. */
const HOSTILE = [
  '=HYPERLINK("http://x","y")',
  '+1',
  '-2+3',
  '@SUM(A1)',
  '\tabc',
  '\rabc',
  'line one\rline two',
  'a\r\nb\nc',
  '星桥云数据（北京）有限公司',
  '"quoted"',
  "'=1+2",
  '-',
  'a,b;=c',
  '_x0041_ and a bell \u0007',
] as const;

/** Each hostile value as a company name and (shifted by one) as a legal representative. */
function hostileLicences(): (Licence & { number: string })[] {
  return HOSTILE.map((name, i) => {
    const l = makeLicence(`B2-2023${String(1001 + i)}`, name, [`h${i}.example.com`]);
    return {
      ...l,
      holder: { ...l.holder, legalRepresentative: HOSTILE[(i + 1) % HOSTILE.length] ?? null },
      // the first one expired (still recorded valid); the others run to 2028
      ...(i === 0 ? { expiresOn: '2025-06-30' } : {}),
      services: [
        {
          code: null,
          name: HOSTILE[(i + 2) % HOSTILE.length] ?? '',
          qualifier: null,
          includes: [],
          excludes: [],
          coverage: ['全国'],
        },
      ],
    };
  });
}

/** `xuke export` in-process, its registry the one given. */
async function exportWith(
  deps: TrustDeps,
  args: { format: string; out?: string; lang?: 'zh' | 'en' },
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const ctx = {
    io: {
      stdout: (t: string) => {
        stdout += t;
      },
      stderr: (t: string) => {
        stderr += t;
      },
    },
    clock: deps.clock,
    services: {
      withRegistry: <T>(_o: unknown, _c: unknown, run: (r: CliRegistry) => Promise<T>) =>
        run({ deps, who } as unknown as CliRegistry),
    },
  } as unknown as CliContext;
  const code = await runExportCommand(
    {
      format: args.format,
      lang: args.lang ?? 'zh',
      ...(args.out === undefined ? {} : { out: args.out }),
    },
    ctx,
  );
  return { code, stdout, stderr };
}

const column = (key: string) => EXPORT_COLUMNS.findIndex((c) => c.key === key);
const letter = (key: string) => String.fromCharCode(65 + column(key));

describeEachDialect('the exports with hostile values', (h) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });
  const registry = async (): Promise<TrustDeps> => {
    t = await h.fresh();
    const clock = fixedClock(); // 2026-11-28 in Shanghai
    const deps = { store: t.store(clock), clock, ...kyselyTrustStores(t.open.db, clock) };
    const outcomes = await registerLicences(
      hostileLicences().map((licence) => ({ licence, document: null })),
      who,
      deps,
    );
    expect(outcomes.every((o) => o === 'created')).toBe(true);
    return deps;
  };

  it('CSV: formulas neutralised in the bytes, values given back by restoreFormula, current status and verdict', async () => {
    const deps = await registry();
    const run = await exportWith(deps, { format: 'csv' });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const csv = run.stdout;
    expect(csv.startsWith('\uFEFF经营许可证编号,登记状态,当前状态,核验结论,')).toBe(true);
    // the bytes: a `'` in front, the field quoted, `"` doubled
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csv).toContain(`"'+1"`);
    expect(csv).toContain(`"'-2+3"`);
    expect(csv).toContain(`"'@SUM(A1)"`);
    expect(csv).toContain(`"'\tabc"`);
    expect(csv).toContain(`"'\rabc"`);
    expect(csv).toContain(`"''=1+2"`);
    expect(csv).toContain(`"'-"`);
    expect(csv).toContain(`"line one\rline two"`);
    expect(csv).toContain(`"""quoted"""`);
    expect(csv).toContain(`"a,b;=c"`);
    expect(csv).toContain(',星桥云数据（北京）有限公司,');

    const [header, ...records] = readCsv(csv.slice(1));
    expect(header).toEqual(EXPORT_COLUMNS.map((c) => c.zh));
    expect(records).toHaveLength(HOSTILE.length);
    const trust = await assessStoredLicences(
      (await deps.store.findLicences(who.organisation, { today: '2026-11-28', limit: 100 })).items,
      who.organisation,
      deps,
    );
    for (const [i, record] of records.entries()) {
      // no cell a spreadsheet would take for a formula
      for (const cell of record) expect(cell).not.toMatch(/^[=+\-@\t\r]/u);
      const values = record.map(restoreFormula);
      expect(values[column('holder')]).toBe(HOSTILE[i]);
      expect(values[column('legalRepresentative')]).toBe(HOSTILE[(i + 1) % HOSTILE.length]);
      expect(values[column('services')]).toBe(HOSTILE[(i + 2) % HOSTILE.length]);
      expect(values[column('status')]).toBe('valid');
      expect(values[column('currentStatus')]).toBe(i === 0 ? 'expired' : 'valid');
      expect(values[column('verdict')]).toBe(trust[i]?.verdict);
      expect(values[column('issuedOn')]).toBe('2023-01-01');
      expect(values[column('version')]).toBe('1');
    }

    const en = await exportWith(deps, { format: 'csv', lang: 'en' });
    expect(en.stdout.split('\r\n')[0]).toBe(`\uFEFF${EXPORT_COLUMNS.map((c) => c.key).join(',')}`);
  });

  it('XLSX: text kept exactly (CR included, never a formula), dates as dates, numbers as numbers', async () => {
    const deps = await registry();
    const out = join(dir, `licences-${h.name}.xlsx`);
    expect(await exportWith(deps, { format: 'xlsx', out })).toMatchObject({ code: 0, stderr: '' });
    const { sheet, cells } = readXlsx(readFileSync(out));
    // XML would read a raw CR as LF, and forbids most C0 controls
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
    expect(sheet).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\r]/u);
    expect(sheet).not.toContain('<f>');
    const cell = (key: string, row: number): SheetCell | undefined =>
      cells.get(`${letter(key)}${row}`);
    expect(cell('currentStatus', 1)).toMatchObject({ type: 'inlineStr', value: '当前状态' });
    expect(cell('verdict', 1)).toMatchObject({ type: 'inlineStr', value: '核验结论' });
    for (const [i, name] of HOSTILE.entries()) {
      const row = i + 2;
      expect(cell('holder', row)).toMatchObject({ type: 'inlineStr', value: name });
      expect(cell('legalRepresentative', row)).toMatchObject({
        type: 'inlineStr',
        value: HOSTILE[(i + 1) % HOSTILE.length],
      });
      expect(cell('issuedOn', row)).toEqual({
        ref: `${letter('issuedOn')}${row}`,
        type: undefined,
        style: 1,
        value: excelDateSerial('2023-01-01'),
      });
      expect(cell('expiresOn', row)).toMatchObject({
        type: undefined,
        style: 1,
        value: excelDateSerial(i === 0 ? '2025-06-30' : '2028-01-01'),
      });
      expect(cell('version', row)).toMatchObject({ type: undefined, style: 0, value: 1 });
      expect(cell('currentStatus', row)).toMatchObject({ value: i === 0 ? 'expired' : 'valid' });
      expect(cell('status', row)).toMatchObject({ value: 'valid' });
    }
    expect(excelDateSerial('2023-01-01')).toBe(44927);
  });

  it('JSONL: every hostile value round-trips exactly through import', async () => {
    const deps = await registry();
    const run = await exportWith(deps, { format: 'jsonl' });
    expect(run.code).toBe(0);
    const file = join(dir, `export-${h.name}.jsonl`);
    writeFileSync(file, run.stdout);
    const target = await h.fresh();
    try {
      const clock = fixedClock();
      const d2 = {
        store: target.store(clock),
        clock,
        documents,
        ...kyselyTrustStores(target.open.db, clock),
      };
      const summary = await importDocuments(
        [{ name: file, read: () => Promise.resolve(readFileSync(file)) }],
        { atomic: false },
        who,
        d2,
      );
      expect(summary).toMatchObject({ created: HOSTILE.length, failed: [] });
      const again: unknown[] = [];
      for await (const l of exportLicences(who, d2))
        again.push({ n: l.number, s: l.status, l: l.licence });
      const first = run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as { number: string; status: string; licence: Licence })
        .map((l) => ({ n: l.number, s: l.status, l: l.licence }));
      expect(again).toEqual(first);
      const names = first.map((l) => l.l.holder.name);
      expect(names).toEqual([...HOSTILE]);

      // the tables for people are not a restore: refused, naming the JSONL export
      const csv = join(dir, `export-${h.name}.csv`);
      writeFileSync(csv, (await exportWith(deps, { format: 'csv' })).stdout);
      const refused = await importDocuments(
        [{ name: csv, read: () => Promise.resolve(readFileSync(csv)) }],
        { atomic: false },
        who,
        d2,
      );
      expect(refused.failed).toEqual([
        expect.objectContaining({
          code: 'UNSUPPORTED_FORMAT',
          message: expect.stringContaining('请导入 JSONL 导出') as unknown,
        }),
      ]);
    } finally {
      await target.close();
    }
  });
});

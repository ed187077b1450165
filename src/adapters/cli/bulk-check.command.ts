/**
 * `xuke bulk-check FILE.csv|FILE.xlsx|FILE.zip|DIR [--org ORG] [--db URL] [--json] [--out REPORT]
 * [--since REPORT.json] [--today DATE] [--lang en]` (docs/bulk-check.md): check a customer list
 * (customer, licence, domains) against the registry, or a ZIP or folder of documents (compared with
 * the register with --org or --db, as `xuke check` does), and print one row per customer or
 * document; --json prints one JSON object per line, each with `verdict` and `status`; --out writes
 * the report as CSV, XLSX or JSON by its extension; --since compares with a previous JSON report.
 *
 * Exit codes as `xuke check`: 2 when the input cannot be read (a missing column, a bad ZIP: named),
 * and also when a row or document could not be used (its row and column, or its entry, named in
 * the report); else 1 when any row fails (not found, mismatch, suspect, not in force, an error
 * finding, a domain not covered); else 0 (`review` rows do not fail the command).
 */
import { stat, writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { prepareDocuments, runBulkCheck } from '../../app/bulk-check/run-bulk-check.js';
import type { TrustDeps } from '../../app/registry/registry-deps.js';
import {
  BULK_CHECK_SCHEMA_ID,
  type BulkInput,
  type BulkReport,
  type BulkRow,
  type DocumentEntry,
} from '../../core/bulk-check/types.js';
import { DomainError } from '../../core/errors.js';
import { bulkDomainKey } from '../bulk-check/domain-key.js';
import { reportCsv } from '../bulk-check/report-table.js';
import { clockAsOf } from '../system-clock.js';
import type { CliContext } from './cli-context.js';
import type { RegistryOptions } from './cli-services.js';
import { parseLang, type Lang } from './lang.js';
import { parseToday, runCommand } from './run-command.js';

export interface BulkCheckCommandOptions {
  readonly json: boolean;
  readonly lang: Lang;
  readonly today?: string | undefined;
  readonly out?: string | undefined;
  readonly since?: string | undefined;
  /** --db / --org given (documents are compared with the register only then; a list always is) */
  readonly registry?: RegistryOptions | undefined;
}

/** Exit code when a row fails, as `xuke check` for an error finding. */
export const EXIT_BULK_FAILED = 1;
/** Exit code when a row or document could not be used, as `xuke check` for an unreadable file. */
export const EXIT_BULK_UNREADABLE = 2;

/** The largest report --since reads. */
const MAX_PREVIOUS_BYTES = 256 * 1024 * 1024;

/** A previous run: a JSON report (`--out X.json`), or the lines `--json` printed. */
export function readPreviousReport(text: string, file: string): BulkReport {
  const trimmed = text.trim();
  try {
    const whole = JSON.parse(trimmed) as Partial<BulkReport>;
    if (whole.schema === BULK_CHECK_SCHEMA_ID && Array.isArray(whole.rows)) {
      return whole as BulkReport;
    }
  } catch {
    // not one document: JSON lines
  }
  try {
    const rows = trimmed
      .split(/\r?\n/u)
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as BulkRow)
      .filter((r) => typeof r.customer === 'string' && typeof r.status === 'string');
    return {
      schema: BULK_CHECK_SCHEMA_ID,
      organisation: null,
      today: '',
      createdAt: '',
      input: { kind: 'list', name: file, count: rows.length },
      summary: {
        total: rows.length,
        pass: 0,
        review: 0,
        fail: 0,
        error: 0,
        notFound: 0,
        uncoveredDomains: 0,
      },
      rows,
      changes: null,
    };
  } catch (e) {
    throw new DomainError(
      'INVALID_INPUT',
      `--since ${file}：不是批量核验的 JSON 报告（xuke.bulk-check/v1）`,
      `--since ${file}: not a bulk check JSON report (xuke.bulk-check/v1)`,
      { cause: e },
    );
  }
}

function rowWhere(row: BulkRow): string {
  return row.source.kind === 'list' ? String(row.source.row) : row.source.entry;
}

const STATUS_WORDS: Readonly<Record<BulkRow['status'], string>> = {
  pass: '通过',
  review: '待复核',
  fail: '不通过',
  error: '无法核验',
};

/** The readable table: one line per row, then the summary and what changed. */
export function formatBulkReport(report: BulkReport, lang: Lang): string {
  const en = lang === 'en';
  const lines: string[] = [];
  lines.push(
    en
      ? [
          'row',
          'customer',
          'licence',
          'status',
          'verdict',
          'validity',
          'domains not covered',
          'why',
        ].join('  ')
      : ['行/文件', '客户', '许可证编号', '结果', '核验结论', '有效性', '未覆盖域名', '说明'].join(
          '  ',
        ),
  );
  for (const r of report.rows) {
    const uncovered = r.domains.filter((d) => !d.covered).map((d) => d.domain);
    const why = r.problem
      ? en
        ? r.problem.messageEn
        : r.problem.message
      : ((en ? r.verdictReasonEn : r.verdictReason) ?? '');
    lines.push(
      [
        rowWhere(r),
        r.customer,
        r.licence ?? '-',
        en ? r.status : `${STATUS_WORDS[r.status]}(${r.status})`,
        r.verdict ?? '-',
        r.validity ?? '-',
        uncovered.length === 0 ? '-' : uncovered.join(en ? ', ' : '、'),
        why,
      ].join('  '),
    );
  }
  const s = report.summary;
  lines.push('');
  lines.push(
    en
      ? `${s.total} checked: ${s.pass} pass, ${s.review} review, ${s.fail} fail, ${s.error} unusable; ${s.notFound} licences not found, ${s.uncoveredDomains} with a domain not covered`
      : `共 ${s.total} 项：通过 ${s.pass}，待复核 ${s.review}，不通过 ${s.fail}，无法核验 ${s.error}；未找到许可证 ${s.notFound}，有未覆盖域名 ${s.uncoveredDomains}`,
  );
  const c = report.changes;
  if (c !== null) {
    lines.push(
      en
        ? `since ${c.since.createdAt ?? c.since.id ?? 'the previous run'}: ${c.changed.length} changed, ${c.added.length} added, ${c.removed.length} removed, ${c.unchanged} unchanged`
        : `自上次（${c.since.createdAt ?? c.since.id ?? '上次核验'}）以来：变化 ${c.changed.length}，新增 ${c.added.length}，移除 ${c.removed.length}，未变 ${c.unchanged}`,
    );
    for (const x of c.changed) {
      const what = x.changes.map((y) => `${y.field}: ${y.before} → ${y.after}`).join('; ');
      lines.push(`  ${x.key}  ${what}`);
    }
    for (const a of c.added) lines.push(`  + ${a.key}  ${a.status}`);
    for (const r of c.removed) lines.push(`  - ${r.key}  ${r.status}`);
  }
  return `${lines.join('\n')}\n`;
}

/** --json: one line per row, with what changed for it when --since was given. */
function jsonLines(report: BulkReport): string {
  const c = report.changes;
  const added = new Set(c?.added.map((a) => a.key) ?? []);
  const changed = new Map(c?.changed.map((x) => [x.key, x.changes]) ?? []);
  return report.rows
    .map((row) => {
      if (c === null) return JSON.stringify(row);
      const key = row.customer;
      const byKey = changed.get(key) ?? changed.get(`${row.customer} ${row.licence ?? ''}`.trim());
      const change = added.has(key) ? 'added' : byKey === undefined ? 'unchanged' : 'changed';
      return JSON.stringify({ ...row, change, changes: byKey ?? [] });
    })
    .map((l) => `${l}\n`)
    .join('');
}

/** --out's format by its extension; INVALID_INPUT for another (said before any work is done). */
function outFormat(path: string): 'csv' | 'xlsx' | 'json' {
  const m = /\.(csv|xlsx|json)$/iu.exec(path);
  if (m?.[1] === undefined) {
    throw new DomainError(
      'INVALID_INPUT',
      `--out ${path}：请以 .csv、.xlsx 或 .json 结尾`,
      `--out ${path}: end the name in .csv, .xlsx or .json`,
    );
  }
  return m[1].toLowerCase() as 'csv' | 'xlsx' | 'json';
}

async function writeReport(path: string, report: BulkReport, lang: Lang): Promise<void> {
  const format = outFormat(path);
  if (format === 'xlsx') {
    const { writeXlsxReport } = await import('../bulk-check/xlsx.js');
    await writeFile(path, await writeXlsxReport(report, lang));
  } else if (format === 'csv') await writeFile(path, reportCsv(report, lang), 'utf8');
  else await writeFile(path, `${JSON.stringify(report, null, 2)}\n`, 'utf8');
}

export function runBulkCheckCommand(
  input: string,
  options: BulkCheckCommandOptions,
  ctx: Pick<CliContext, 'io' | 'documents' | 'clock' | 'services'>,
): Promise<number> {
  return runCommand(ctx.io, 'bulk-check', options.lang, async () => {
    const today = parseToday(options.today, ctx.clock);
    if (options.out !== undefined) outFormat(options.out);
    const previous =
      options.since === undefined
        ? undefined
        : {
            id: options.since,
            report: readPreviousReport(
              new TextDecoder().decode(await ctx.io.readFile(options.since, MAX_PREVIOUS_BYTES)),
              options.since,
            ),
          };
    // the readers (fflate, exceljs) are loaded only when this command runs
    const { DEFAULT_ZIP_LIMITS } = await import('../bulk-check/zip-entries.js');
    const { readBulkInput } = await import('../bulk-check/read-bulk-input.js');
    const { readDirectoryDocuments } = await import('../bulk-check/directory-documents.js');
    const limits = { ...DEFAULT_ZIP_LIMITS, maxEntryBytes: ctx.documents.maxBytes };
    const isDir = await stat(input).then(
      (s) => s.isDirectory(),
      () => false,
    );
    let read: { kind: 'list'; input: BulkInput } | { kind: 'documents'; entries: DocumentEntry[] };
    if (isDir) {
      read = { kind: 'documents', entries: await readDirectoryDocuments(input, limits) };
    } else {
      const bytes = await ctx.io.readFile(input, ctx.documents.maxBytes);
      const parsed = await readBulkInput(bytes, input, { zipLimits: limits });
      read =
        parsed.kind === 'list'
          ? { kind: 'list', input: parsed }
          : { kind: 'documents', entries: [...parsed.entries] };
    }
    const batch = async (trust: TrustDeps | null, organisation: string | null) => {
      const checked: BulkInput =
        read.kind === 'list'
          ? read.input
          : {
              kind: 'documents',
              name: input,
              documents: await prepareDocuments(read.entries, ctx.documents),
            };
      return runBulkCheck(
        checked,
        { today, ...(previous === undefined ? {} : { previous }) },
        { trust, organisation, domainKey: bulkDomainKey, clock: ctx.clock },
      );
    };
    // a list is looked up in the registry; documents are compared only with --org or --db
    const report =
      read.kind === 'documents' && options.registry === undefined
        ? await batch(null, null)
        : await ctx.services.withRegistry(
            options.registry ?? {},
            clockAsOf(ctx.clock, today),
            (registry) => batch(registry.deps, registry.who.organisation),
          );
    if (options.json) ctx.io.stdout(jsonLines(report));
    else ctx.io.stdout(formatBulkReport(report, options.lang));
    if (options.out !== undefined) await writeReport(options.out, report, options.lang);
    if (report.rows.some((r) => r.status === 'error')) return EXIT_BULK_UNREADABLE;
    return report.rows.some((r) => r.status === 'fail') ? EXIT_BULK_FAILED : 0;
  });
}

export function registerBulkCheckCommands(program: Command, ctx: CliContext): void {
  program
    .command('bulk-check')
    .description(
      '批量核验客户列表（CSV/XLSX）或文件（ZIP/文件夹） / check many customers or documents at once',
    )
    .argument('<input>', 'FILE.csv | FILE.xlsx | FILE.zip | DIR')
    .option('--today <date>', '核验日期 YYYY-MM-DD（默认为北京时间今天） / the day to check as of')
    .option(
      '--json',
      '每行一个 JSON 对象（含 verdict 和 status） / one JSON object per line',
      false,
    )
    .option(
      '--out <file>',
      '写出报告：.csv、.xlsx 或 .json / write the report (.csv, .xlsx, .json)',
    )
    .option(
      '--since <report.json>',
      '与上次的 JSON 报告对比，列出变化 / compare with a previous JSON report',
    )
    .addOption(new Option('--org <id>', '以该机构身份核验 / the organisation to check as'))
    .addOption(new Option('--db <url>', '数据库 database: postgres://… | sqlite://PATH'))
    .addOption(ctx.langOption())
    .action(
      async (
        input: string,
        opts: {
          json: boolean;
          lang: string;
          today?: string;
          out?: string;
          since?: string;
          org?: string;
          db?: string;
        },
      ) => {
        const registry =
          opts.org === undefined && opts.db === undefined
            ? undefined
            : {
                ...(opts.db === undefined ? {} : { db: opts.db }),
                ...(opts.org === undefined ? {} : { org: opts.org }),
              };
        process.exitCode = await runBulkCheckCommand(
          input,
          {
            json: opts.json,
            lang: parseLang(opts.lang),
            today: opts.today,
            out: opts.out,
            since: opts.since,
            registry,
          },
          ctx,
        );
      },
    );
}

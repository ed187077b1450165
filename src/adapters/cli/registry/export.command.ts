/**
 * `xuke export [--format jsonl|csv|xlsx] [--out FILE] [--lang en]`: every licence of the organisation.
 * JSONL (the default) is the exchange format: importing it into an empty registry reproduces every
 * licence, record and status. CSV and XLSX are flat tables for people (export-table.ts), with each
 * licence's status as of today and its verdict; `xuke import` does not read them. The CSV's
 * formulas are neutralised (csv.ts); the XLSX's text cells are never formulas (xlsx.ts).
 */
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { exportLicences, exportTableRows } from '../../../app/registry/export-licences.js';
import { DomainError } from '../../../core/errors.js';
import type { CliContext } from '../cli-context.js';
import type { Lang } from '../lang.js';
import type { RegistryOptions } from '../cli-services.js';
import { runRegistryCommand } from './run-registry-command.js';
import { csvRecord } from '../../csv.js';
import { cellText, exportCells, exportHeader } from './export-table.js';
import { writeXlsx, type XlsxCell } from './xlsx.js';

export const EXPORT_FORMATS = ['jsonl', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportCommandOptions extends RegistryOptions {
  readonly format: string;
  readonly out?: string;
  readonly lang: Lang;
}

export function runExportCommand(options: ExportCommandOptions, ctx: CliContext): Promise<number> {
  return runRegistryCommand('export', options.lang, options, ctx, async ({ deps, who }) => {
    const format = options.format as ExportFormat;
    if (!EXPORT_FORMATS.includes(format)) {
      throw new DomainError(
        'INVALID_INPUT',
        `--format 应为 jsonl、csv 或 xlsx：${options.format}`,
        `--format must be jsonl, csv or xlsx: ${options.format}`,
      );
    }
    if (format === 'xlsx') {
      if (options.out === undefined) {
        throw new DomainError(
          'INVALID_INPUT',
          'xlsx 导出需要 --out FILE',
          'An xlsx export needs --out FILE',
        );
      }
      const rows: XlsxCell[][] = [exportHeader(options.lang)];
      for await (const row of exportTableRows(who, deps)) rows.push(exportCells(row));
      await writeFile(options.out, writeXlsx(rows));
      return 0;
    }
    const stream = options.out === undefined ? undefined : createWriteStream(options.out);
    const write = async (text: string): Promise<void> => {
      if (!stream) {
        ctx.io.stdout(text);
        return;
      }
      if (!stream.write(text)) await once(stream, 'drain');
    };
    if (format === 'csv') {
      // UTF-8 with a BOM, so that Excel reads the Chinese as UTF-8
      await write(`\uFEFF${csvRecord(exportHeader(options.lang))}`);
      for await (const row of exportTableRows(who, deps)) {
        await write(csvRecord(exportCells(row).map(cellText)));
      }
    } else {
      for await (const l of exportLicences(who, deps)) await write(`${JSON.stringify(l)}\n`);
    }
    if (stream) {
      stream.end();
      await once(stream, 'finish');
    }
    return 0;
  });
}

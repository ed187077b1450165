/**
 * `xuke export [--format jsonl|csv|xlsx] [--out FILE]`: every licence of the organisation.
 * JSONL (the default) is the exchange format: importing it into an empty registry reproduces every
 * licence, record and status. CSV and XLSX are flat tables for people.
 */
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { exportLicences, type ExportLine } from '../../../app/registry/export-licences.js';
import { DomainError } from '../../../core/errors.js';
import type { CliContext } from '../cli-context.js';
import type { Lang } from '../lang.js';
import type { RegistryOptions } from '../cli-services.js';
import { runRegistryCommand } from './run-registry-command.js';
import { writeXlsx } from './xlsx.js';

export const EXPORT_FORMATS = ['jsonl', 'csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportCommandOptions extends RegistryOptions {
  readonly format: string;
  readonly out?: string;
  readonly lang: Lang;
}

const COLUMNS = [
  'number',
  'status',
  'kind',
  'holder',
  'legalRepresentative',
  'creditCode',
  'issuedOn',
  'expiresOn',
  'services',
  'domains',
  'version',
  'provenance',
] as const;

function tableRow(l: ExportLine): string[] {
  const r = l.licence;
  return [
    l.number,
    l.status,
    r.kind ?? '',
    r.holder.name ?? '',
    r.holder.legalRepresentative ?? '',
    r.holder.creditCode ?? '',
    r.issuedOn ?? '',
    r.expiresOn ?? '',
    r.services.map((s) => s.code ?? s.name).join(' '),
    [...new Set(r.websites.flatMap((w) => w.domains))].join(' '),
    String(l.version),
    l.provenance ?? '',
  ];
}

function csvField(v: string): string {
  return /[",\n\r]/u.test(v) ? `"${v.replace(/"/gu, '""')}"` : v;
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
    const lines = exportLicences(who, deps);
    if (format === 'xlsx') {
      if (options.out === undefined) {
        throw new DomainError(
          'INVALID_INPUT',
          'xlsx 导出需要 --out FILE',
          'An xlsx export needs --out FILE',
        );
      }
      const rows: string[][] = [[...COLUMNS]];
      for await (const l of lines) rows.push(tableRow(l));
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
    if (format === 'csv') await write(`\uFEFF${COLUMNS.join(',')}\r\n`);
    for await (const l of lines) {
      await write(
        format === 'csv' ? `${tableRow(l).map(csvField).join(',')}\r\n` : `${JSON.stringify(l)}\n`,
      );
    }
    if (stream) {
      stream.end();
      await once(stream, 'finish');
    }
    return 0;
  });
}

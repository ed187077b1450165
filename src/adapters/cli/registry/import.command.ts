/**
 * `xuke import PATH... [--atomic] [--acknowledge REASON] [--json]`: licence documents and JSONL
 * exports into the registry. Directories are walked (hidden entries skipped, files in name order).
 * Every document is checked and assessed against the registers first (docs/trust.md): one whose
 * verdict is `mismatch` or `suspect` is refused for that file unless --acknowledge gives the reason
 * to save it anyway (recorded in the event note and the audit chain). A document that would be a
 * new version losing what the saved version has (a value lost, cut short, page furniture) is
 * refused for that file, naming what it loses, unless --force (the note records it). A progress bar
 * on a terminal, a summary at the end naming every file that failed (text and --json). Exit 0 when
 * every file imported; otherwise the worst failure's code: 2 unreadable, 8 forbidden, 11 a document
 * that needs --acknowledge, 14 a document that needs --force.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { assessmentOf } from '../../../app/documents/ingest-document.js';
import { assessReport } from '../../../app/trust/assess-report.js';
import {
  importDocuments,
  type ImportAssessment,
  type ImportSource,
  type ImportSummary,
} from '../../../app/registry/import-documents.js';
import type { TrustDeps } from '../../../app/registry/registry-deps.js';
import { checkInputFromParseResult, checkLicence } from '../../../core/checks/index.js';
import { DomainError } from '../../../core/errors.js';
import type { ParseResult } from '../../../core/licence.js';
import type { CliContext } from '../cli-context.js';
import { EXIT_CODE } from '../exit-codes.js';
import type { Lang } from '../lang.js';
import { formatImportSummary } from './format-registry.js';
import type { RegistryOptions } from '../cli-services.js';
import { runRegistryCommand } from './run-registry-command.js';

export interface ImportCommandOptions extends RegistryOptions {
  readonly atomic: boolean;
  /** the reason to save documents whose verdict is mismatch or suspect */
  readonly acknowledge?: string;
  /** save new versions that lose what the saved version has */
  readonly force?: boolean;
  readonly json: boolean;
  readonly lang: Lang;
}

/**
 * Files under the given paths, in order; a missing path is an error naming it. An entry inside a
 * directory that cannot be looked at is listed (its import fails, naming it).
 */
export async function walkPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const visit = async (path: string, top: boolean): Promise<void> => {
    let info;
    try {
      info = await stat(path);
    } catch (e) {
      // An entry of a walked directory that cannot be looked at (a dangling link, one removed
      // meanwhile) is still a file to import: its read fails and names it, never passed over.
      if (!top) {
        out.push(path);
        return;
      }
      throw new DomainError(
        'UNREADABLE_DOCUMENT',
        `${path}：文件或目录不存在`,
        `${path}: no such file or directory`,
        {
          cause: e,
        },
      );
    }
    if (info.isDirectory()) {
      const entries = (await readdir(path)).filter((n) => !n.startsWith('.')).sort();
      for (const name of entries) await visit(join(path, name), false);
    } else if (info.isFile()) {
      out.push(path);
    }
  };
  for (const p of paths) await visit(p, true);
  return out;
}

function progressBar(done: number, total: number, name: string): string {
  const width = 24;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  const tail = name.length > 40 ? `…${name.slice(-39)}` : name;
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${tail}\x1b[K`;
}

/**
 * A parsed document checked as of today and assessed against the registers and the organisation's
 * confirmations: its verdict, and the first error (or the verdict's reason) as the why.
 */
export function assessParsed(organisation: string, deps: TrustDeps) {
  return async (parsed: ParseResult): Promise<ImportAssessment> => {
    const today = deps.clock.today();
    const report = checkLicence(checkInputFromParseResult(parsed, today));
    return assessmentOf(await assessReport(report, today, organisation, deps, parsed.evidence));
  };
}

/** 0 when every file imported; else the worst failure's exit code (2 when it has none). */
export function importExitCode(summary: ImportSummary): number {
  return summary.failed.reduce(
    (worst, f) => Math.max(worst, f.code === undefined ? 2 : EXIT_CODE[f.code]),
    0,
  );
}

export function runImportCommand(
  paths: readonly string[],
  options: ImportCommandOptions,
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand(
    'import',
    options.lang,
    options,
    ctx,
    async ({ deps, who, statistics }) => {
      const files = await walkPaths(paths);
      const sources: ImportSource[] = files.map((name) => ({
        name,
        read: () => ctx.io.readFile(name, ctx.documents.maxBytes),
      }));
      const tty = process.stderr.isTTY && !options.json;
      const summary = await importDocuments(
        sources,
        {
          atomic: options.atomic,
          acknowledge: options.acknowledge,
          force: options.force,
          onProgress: tty
            ? (done, total, name) => {
                ctx.io.stderr(progressBar(done, total, name));
              }
            : undefined,
        },
        who,
        {
          ...deps,
          documents: ctx.documents,
          assess: assessParsed(who.organisation, deps),
          statistics,
        },
      );
      if (tty) ctx.io.stderr('\r\x1b[K');
      if (options.json) ctx.io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
      else ctx.io.stdout(`${formatImportSummary(summary, options.lang)}\n`);
      return importExitCode(summary);
    },
  );
}

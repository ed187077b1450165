/**
 * `xuke import PATH... [--atomic] [--json]`: licence documents and JSONL exports into the registry.
 * Directories are walked (hidden entries skipped, files in name order). A progress bar on a
 * terminal, a summary at the end. Exit 0 when every file imported, 2 when any failed.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { importDocuments, type ImportSource } from '../../../app/import-documents.js';
import { DomainError } from '../../../core/errors.js';
import type { CliContext } from '../cli-context.js';
import type { Lang } from '../lang.js';
import { formatImportSummary } from './format-registry.js';
import type { RegistryOptions } from './open-registry.js';
import { runRegistryCommand } from './run-registry-command.js';

export interface ImportCommandOptions extends RegistryOptions {
  readonly atomic: boolean;
  readonly json: boolean;
  readonly lang: Lang;
}

/** Files under the given paths, in order; a missing path is an error naming it. */
export async function walkPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const visit = async (path: string, top: boolean): Promise<void> => {
    let info;
    try {
      info = await stat(path);
    } catch (e) {
      if (!top) return;
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

export function runImportCommand(
  paths: readonly string[],
  options: ImportCommandOptions,
  ctx: CliContext,
): Promise<number> {
  return runRegistryCommand('import', options.lang, options, ctx, async ({ deps, who }) => {
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
        onProgress: tty
          ? (done, total, name) => {
              ctx.io.stderr(progressBar(done, total, name));
            }
          : undefined,
      },
      who,
      { ...deps, documents: ctx.documents },
    );
    if (tty) ctx.io.stderr('\r\x1b[K');
    if (options.json) ctx.io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
    else ctx.io.stdout(`${formatImportSummary(summary, options.lang)}\n`);
    return summary.failed.length > 0 ? 2 : 0;
  });
}

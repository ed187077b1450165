/**
 * `xuke parse FILE... [--json] [--lang en]`: documents in, licence records out.
 * One file with --json: the ParseResult, indented. Several: one JSON document per line (NDJSON).
 * Exit 0 when every file parsed, 2 when any could not be read or holds no licence (a one-line
 * reason on stderr names the file); the others are still printed.
 */
import { isDomainError } from '../../core/errors.js';
import { parseDocument, type ParseDocumentDeps } from '../../app/parse-document.js';
import type { CliIo } from './cli-io.js';
import { EXIT_CODE, EXIT_INTERNAL } from './exit-codes.js';
import { formatParseResult } from './format-parse-result.js';
import type { Lang } from './lang.js';

export interface ParseCommandOptions {
  readonly json: boolean;
  readonly lang: Lang;
}

export async function runParseCommand(
  files: readonly string[],
  options: ParseCommandOptions,
  io: CliIo,
  deps: ParseDocumentDeps,
): Promise<number> {
  let exit = 0;
  let printed = 0;
  for (const file of files) {
    try {
      const bytes =
        file === '-' ? await io.readStdin(deps.maxBytes) : await io.readFile(file, deps.maxBytes);
      const result = await parseDocument(bytes, file, deps);
      if (options.json) {
        io.stdout(
          files.length === 1
            ? `${JSON.stringify(result, null, 2)}\n`
            : `${JSON.stringify(result)}\n`,
        );
      } else {
        io.stdout(
          `${printed > 0 ? '\n' : ''}${files.length > 1 ? `== ${file}\n` : ''}${formatParseResult(result, options.lang)}\n`,
        );
      }
      printed++;
    } catch (e) {
      if (isDomainError(e)) {
        io.stderr(`xuke parse: ${options.lang === 'en' ? e.messageEn : e.message}\n`);
        exit = Math.max(exit, EXIT_CODE[e.code]);
      } else {
        // A bug, not an input problem: say so without pretending the file was bad.
        io.stderr(
          `xuke parse: ${file}: internal error: ${e instanceof Error ? e.message : String(e)}\n`,
        );
        exit = EXIT_INTERNAL;
      }
    }
  }
  return exit;
}

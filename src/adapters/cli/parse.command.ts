/**
 * `xuke parse FILE... [--json] [--lang en]`: documents in, licence records out.
 * One file with --json: the ParseResult, indented. Several: one JSON document per line (NDJSON).
 * Exit 0 when every file parsed, 2 when any could not be read or holds no licence (a one-line
 * reason on stderr names the file); the others are still printed.
 */
import { parseDocument, type ParseDocumentDeps } from '../../app/documents/parse-document.js';
import type { CliIo } from './cli-io.js';
import { forEachDocument } from './each-document.js';
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
  const context = { io, lang: options.lang, maxBytes: deps.maxBytes };
  return forEachDocument('parse', files, context, async (bytes, file, index) => {
    const result = await parseDocument(bytes, file, deps);
    if (options.json) {
      io.stdout(JSON.stringify(result, null, files.length === 1 ? 2 : undefined) + '\n');
    } else {
      const head = files.length > 1 ? `== ${file}\n` : '';
      io.stdout(`${index > 0 ? '\n' : ''}${head}${formatParseResult(result, options.lang)}\n`);
    }
    return 0;
  });
}

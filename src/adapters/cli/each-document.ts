/**
 * The loop `xuke parse` and `xuke check` share: read each file (or stdin for `-`), hand the bytes
 * to the command, report an unreadable file on one stderr line naming it, and combine exit codes
 * (the worst wins; an internal error is 70).
 */
import { isDomainError } from '../../core/errors.js';
import type { CliIo } from './cli-io.js';
import { EXIT_INTERNAL } from './exit-codes.js';
import type { Lang } from './lang.js';
import { reportError } from './run-command.js';

export async function forEachDocument(
  command: string,
  files: readonly string[],
  context: { readonly io: CliIo; readonly lang: Lang; readonly maxBytes: number },
  handle: (bytes: Uint8Array, file: string, index: number) => Promise<number>,
): Promise<number> {
  const { io, lang, maxBytes } = context;
  let exit = 0;
  let done = 0;
  for (const file of files) {
    try {
      const bytes = file === '-' ? await io.readStdin(maxBytes) : await io.readFile(file, maxBytes);
      exit = Math.max(exit, await handle(bytes, file, done));
      done++;
    } catch (e) {
      // A bug, not an input problem, is said so without pretending the file was bad.
      const code = reportError(io, command, lang, e, file);
      exit = isDomainError(e) ? Math.max(exit, code) : EXIT_INTERNAL;
    }
  }
  return exit;
}

/**
 * The frame of every command: its body's exit code, or its error printed as `xuke NAME: message`
 * in the chosen language with the error's exit code (EXIT_CODE), or 70 for a bug; and `--today`,
 * read the same way by every command that takes it.
 */
import { isIsoDate } from '../../core/dates.js';
import { DomainError, isDomainError } from '../../core/errors.js';
import type { Clock } from '../../ports/clock.js';
import type { CliIo } from './cli-io.js';
import { EXIT_CODE, EXIT_INTERNAL } from './exit-codes.js';
import type { Lang } from './lang.js';

/**
 * Print an error as `xuke NAME: message` and return its exit code. A bug (not a DomainError) is an
 * internal error, exit 70, said as such; `about` (a file) is named with it.
 */
export function reportError(
  io: Pick<CliIo, 'stderr'>,
  name: string,
  lang: Lang,
  e: unknown,
  about?: string,
): number {
  if (isDomainError(e)) {
    io.stderr(`xuke ${name}: ${lang === 'en' ? e.messageEn : e.message}\n`);
    return EXIT_CODE[e.code];
  }
  const why = e instanceof Error ? e.message : String(e);
  io.stderr(`xuke ${name}: ${about === undefined ? '' : `${about}: `}internal error: ${why}\n`);
  return EXIT_INTERNAL;
}

/** Run a command's body; what it throws is reported (reportError) and becomes the exit code. */
export async function runCommand(
  io: Pick<CliIo, 'stderr'>,
  name: string,
  lang: Lang,
  body: () => number | Promise<number>,
): Promise<number> {
  try {
    return await body();
  } catch (e) {
    return reportError(io, name, lang, e);
  }
}

/** `--today DATE`: the day given, or the clock's today; INVALID_INPUT unless a YYYY-MM-DD date. */
export function parseToday(value: string | undefined, clock: Clock): string {
  const today = value ?? clock.today();
  if (!isIsoDate(today)) {
    throw new DomainError(
      'INVALID_INPUT',
      `--today：“${today}”不是有效的 YYYY-MM-DD 日期`,
      `--today: "${today}" is not a valid YYYY-MM-DD date`,
    );
  }
  return today;
}

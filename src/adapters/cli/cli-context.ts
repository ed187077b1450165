import type { Command, Option } from 'commander';
import type { ParseDocumentDeps } from '../../app/parse-document.js';
import type { Clock } from '../../ports/clock.js';
import type { CliIo } from './cli-io.js';

/**
 * What the composition root hands every group of commands. A group registers its commands on the
 * program with `register…Commands(program, ctx)` and sets `process.exitCode` from its result.
 */
export interface CliContext {
  readonly io: CliIo;
  readonly documents: ParseDocumentDeps;
  readonly clock: Clock;
  /** `--lang zh|en`, defaulting to $XUKE_LANG or zh */
  readonly langOption: () => Option;
  /** the package root (where fixtures/seed lives) */
  readonly packageRoot: string;
  /** environment variables, for adapters configured by them */
  readonly env: Readonly<Record<string, string | undefined>>;
}

export type RegisterCommands = (program: Command, ctx: CliContext) => void;

import type { Command, Option } from 'commander';
import type { ParseDocumentDeps } from '../../app/documents/parse-document.js';
import type { Clock } from '../../ports/clock.js';
import type { CliIo } from './cli-io.js';
import type { CliServices } from './cli-services.js';

/**
 * What the composition root (main/cli.ts) hands every group of commands. A group registers its
 * commands on the program with `register…Commands(program, ctx)` and sets `process.exitCode` from
 * its result.
 */
export interface CliContext {
  readonly io: CliIo;
  readonly documents: ParseDocumentDeps;
  readonly clock: Clock;
  /** `--lang zh|en`, defaulting to $XUKE_LANG or zh */
  readonly langOption: () => Option;
  /** the package root (where fixtures/seed lives) */
  readonly packageRoot: string;
  /** the registry, the reminder channels and the web, built when a command asks */
  readonly services: CliServices;
}

export type RegisterCommands = (program: Command, ctx: CliContext) => void;

/**
 * The frame of every registry command: open the registry (main/services.ts), run, close, and turn
 * an error into its message (in the chosen language) and exit code (run-command.ts).
 */
import type { Clock } from '../../../ports/clock.js';
import type { CliContext } from '../cli-context.js';
import type { CliRegistry, RegistryOptions } from '../cli-services.js';
import type { Lang } from '../lang.js';
import { runCommand } from '../run-command.js';

export function runRegistryCommand(
  name: string,
  lang: Lang,
  options: RegistryOptions,
  ctx: CliContext,
  body: (registry: CliRegistry) => Promise<number>,
  clock: Clock = ctx.clock,
): Promise<number> {
  return runCommand(ctx.io, name, lang, () => ctx.services.withRegistry(options, clock, body));
}

/** `--db` and `--org` as the registry commands take them (see registry.commands.ts). */
export interface RegistryFlags {
  db?: string;
  org?: string;
}

export function registryOptions(flags: RegistryFlags): RegistryOptions {
  return {
    ...(flags.db === undefined ? {} : { db: flags.db }),
    ...(flags.org === undefined ? {} : { org: flags.org }),
  };
}

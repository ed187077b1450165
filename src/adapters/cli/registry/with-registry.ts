/**
 * For commands outside the registry group (deadlines, scan) that need the registry only for some
 * inputs: open it lazily (no driver loaded otherwise), run, and always close it.
 */
import type { CliContext } from '../cli-context.js';
import type { OpenRegistry, RegistryOptions } from './open-registry.js';

export async function withRegistry<T>(
  options: RegistryOptions,
  ctx: Pick<CliContext, 'env' | 'clock'>,
  run: (registry: OpenRegistry) => Promise<T>,
): Promise<T> {
  const { openRegistry } = await import('./open-registry.js');
  const registry = await openRegistry(options, ctx.env, ctx.clock);
  try {
    return await run(registry);
  } finally {
    await registry.close();
  }
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

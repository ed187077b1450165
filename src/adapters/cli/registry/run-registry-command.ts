/**
 * The frame of every registry command: open the registry, run, close, and turn a DomainError into
 * its message (in the chosen language) and exit code.
 */
import { isDomainError } from '../../../core/errors.js';
import type { CliContext } from '../cli-context.js';
import { EXIT_CODE, EXIT_INTERNAL } from '../exit-codes.js';
import type { Lang } from '../lang.js';
import { openRegistry, type OpenRegistry, type RegistryOptions } from './open-registry.js';

export async function runRegistryCommand(
  name: string,
  lang: Lang,
  options: RegistryOptions,
  ctx: CliContext,
  body: (registry: OpenRegistry) => Promise<number>,
): Promise<number> {
  let registry: OpenRegistry | undefined;
  try {
    registry = await openRegistry(options, ctx.env, ctx.clock);
    return await body(registry);
  } catch (e) {
    return reportError(name, lang, ctx, e);
  } finally {
    await registry?.close();
  }
}

/** Print an error as `xuke NAME: message` and return its exit code. */
export function reportError(name: string, lang: Lang, ctx: CliContext, e: unknown): number {
  if (isDomainError(e)) {
    ctx.io.stderr(`xuke ${name}: ${lang === 'en' ? e.messageEn : e.message}\n`);
    return EXIT_CODE[e.code];
  }
  ctx.io.stderr(`xuke ${name}: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  return EXIT_INTERNAL;
}

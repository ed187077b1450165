/** `xuke db migrate` (`xuke audit verify` is in signing.commands.ts: it checks signed checkpoints too). */
import type { CliContext } from '../cli-context.js';
import type { OutputOptions } from './query.commands.js';
import { runRegistryCommand } from './run-registry-command.js';

export function runMigrateCommand(o: OutputOptions, ctx: CliContext): Promise<number> {
  return runRegistryCommand('db migrate', o.lang, o, ctx, ({ applied, database }) => {
    if (o.json) {
      ctx.io.stdout(
        `${JSON.stringify({ database: database.location, dialect: database.dialect, applied }, null, 2)}\n`,
      );
    } else if (applied.length === 0) {
      ctx.io.stdout(
        o.lang === 'en' ? `${database.location}: up to date\n` : `${database.location}：已是最新\n`,
      );
    } else {
      ctx.io.stdout(
        `${database.location}: ${o.lang === 'en' ? 'applied' : '已应用'} ${applied.join(', ')}\n`,
      );
    }
    return Promise.resolve(0);
  });
}

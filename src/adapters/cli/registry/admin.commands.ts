/** `xuke db migrate` and `xuke audit verify`. */
import { verifyAudit } from '../../../app/registry/verify-audit.js';
import type { CliContext } from '../cli-context.js';
import { EXIT_CODE } from '../exit-codes.js';
import { formatAudit } from './format-registry.js';
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

export function runAuditVerifyCommand(o: OutputOptions, ctx: CliContext): Promise<number> {
  return runRegistryCommand('audit verify', o.lang, o, ctx, async ({ deps, who }) => {
    const result = await verifyAudit(who, deps);
    ctx.io.stdout(
      o.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatAudit(result, o.lang)}\n`,
    );
    return result.ok ? 0 : EXIT_CODE.STORAGE_FAILURE;
  });
}

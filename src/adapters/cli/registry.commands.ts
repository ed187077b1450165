/**
 * The registry's commands: `db migrate`, `import`, `export`, `find`, `show`, `history`, `event`,
 * `audit verify`. Each action imports its module only when it runs, and opens the registry through
 * `ctx.services` (main/services.ts, which loads Kysely and the driver then), so `xuke parse` and
 * `xuke --help` never pay for the database.
 *
 * Every command takes --db URL (over $XUKE_DATABASE_URL), --org ID (over $XUKE_ORG), --json and
 * --lang: `common` adds them and `base` reads them, here and for the trust commands.
 */
import { Option, type Command } from 'commander';
import type { CliContext } from './cli-context.js';
import { parseLang } from './lang.js';

export interface Common {
  db?: string;
  org?: string;
  actor?: string;
  json?: boolean;
  lang: string;
}

/** Add --db, --org and --lang, --json unless `json` is false, and --actor when `actor`. */
export function common(
  command: Command,
  ctx: CliContext,
  { json = true, actor = false }: { json?: boolean; actor?: boolean } = {},
): Command {
  command
    .addOption(new Option('--db <url>', '数据库 database: postgres://… | sqlite://PATH'))
    .addOption(new Option('--org <id>', '组织（租户） organisation (tenant)'))
    .addOption(ctx.langOption());
  if (json) command.option('--json', '输出 JSON / print JSON', false);
  if (actor) command.option('--actor <who>', '记录为操作人 / who to record as the actor');
  return command;
}

/** The options given, without the ones left out (for exactOptionalPropertyTypes). */
export function defined<T extends Record<string, unknown>>(
  o: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

export function base(o: Common) {
  return {
    ...(o.db === undefined ? {} : { db: o.db }),
    ...(o.org === undefined ? {} : { org: o.org }),
    ...(o.actor === undefined ? {} : { actor: o.actor }),
    json: o.json ?? false,
    lang: parseLang(o.lang),
  };
}

type Run = (o: ReturnType<typeof base>, ctx: CliContext) => Promise<number>;

/** A command with only the common options: `load` imports its module when it runs. */
export function plain(command: Command, ctx: CliContext, load: () => Promise<Run>): void {
  common(command, ctx).action(async (o: Common) => {
    const run = await load();
    process.exitCode = await run(base(o), ctx);
  });
}

export function registerRegistryCommands(program: Command, ctx: CliContext): void {
  const db = program.command('db').description('数据库 / database');
  plain(
    db.command('migrate').description('应用数据库迁移 / apply database migrations'),
    ctx,
    async () => (await import('./registry/admin.commands.js')).runMigrateCommand,
  );

  common(
    program
      .command('import')
      .description(
        '导入许可证文件或 JSONL 导出（目录将被遍历） / import licence documents or JSONL exports',
      )
      .argument('<paths...>', 'files or directories')
      .option('--atomic', '全部成功或全部撤销 / all or nothing', false)
      .option(
        '--acknowledge <reason>',
        '确认保存核验结论为“与登记不符”或“需人工复核”的文件，并说明理由（记入审计日志） / save documents whose verdict is mismatch or suspect, for this reason (audited)',
      )
      .option(
        '--force',
        '即使读取结果比已保存的版本有退步（丢失、变短、混入页眉页脚）也保存为新版本（记入审计日志） / save new versions even when they lose what the saved version has (audited)',
        false,
      ),
    ctx,
    { actor: true },
  ).action(
    async (
      paths: string[],
      o: Common & { atomic: boolean; force: boolean; acknowledge?: string },
    ) => {
      const { runImportCommand } = await import('./registry/import.command.js');
      process.exitCode = await runImportCommand(
        paths,
        {
          ...base(o),
          atomic: o.atomic,
          force: o.force,
          ...(o.acknowledge === undefined ? {} : { acknowledge: o.acknowledge }),
        },
        ctx,
      );
    },
  );

  common(
    program
      .command('export')
      .description('导出全部许可证 / export every licence')
      .option('--format <format>', 'jsonl | csv | xlsx', 'jsonl')
      .option('--out <file>', '输出文件（默认标准输出） / output file (default stdout)'),
    ctx,
    { json: false },
  ).action(async (o: Common & { format: string; out?: string }) => {
    const { runExportCommand } = await import('./registry/export.command.js');
    process.exitCode = await runExportCommand(
      { ...base(o), format: o.format, ...(o.out === undefined ? {} : { out: o.out }) },
      ctx,
    );
  });

  common(
    program
      .command('find')
      .description('查找许可证 / look licences up')
      .option('--number <number>', '经营许可证编号（任意写法） / licence number, any written form')
      .option('--domain <host>', '域名（含 www. 或子域名） / any host name')
      .option('--company <text>', '公司名称片段 / company-name fragment')
      .option('--status <list>', 'valid,renewal-pending,expired,suspended,cancelled,revoked')
      .option('--expiring-within <days>', '在 N 天内到期 / expiring within N days')
      .option('--limit <n>', '每页条数 page size (1–1000, default 50)')
      .option('--cursor <cursor>', '下一页 / next page'),
    ctx,
  ).action(
    async (
      o: Common & {
        number?: string;
        domain?: string;
        company?: string;
        status?: string;
        expiringWithin?: string;
        limit?: string;
        cursor?: string;
      },
    ) => {
      const { runFindCommand } = await import('./registry/query.commands.js');
      const criteria = {
        ...(o.number === undefined ? {} : { number: o.number }),
        ...(o.domain === undefined ? {} : { domain: o.domain }),
        ...(o.company === undefined ? {} : { company: o.company }),
        ...(o.status === undefined ? {} : { status: o.status }),
        ...(o.expiringWithin === undefined ? {} : { expiringWithin: o.expiringWithin }),
        ...(o.limit === undefined ? {} : { limit: o.limit }),
        ...(o.cursor === undefined ? {} : { cursor: o.cursor }),
      };
      process.exitCode = await runFindCommand({ ...base(o), ...criteria }, ctx);
    },
  );

  common(
    program
      .command('show')
      .description('显示许可证 / show a licence')
      .argument('<number>', 'licence number'),
    ctx,
  ).action(async (number: string, o: Common) => {
    const { runShowCommand } = await import('./registry/query.commands.js');
    process.exitCode = await runShowCommand(number, base(o), ctx);
  });

  common(
    program
      .command('history')
      .description('许可证的版本与事件 / a licence’s versions and events')
      .argument('<number>', 'licence number'),
    ctx,
  ).action(async (number: string, o: Common) => {
    const { runHistoryCommand } = await import('./registry/query.commands.js');
    process.exitCode = await runHistoryCommand(number, base(o), ctx);
  });

  common(
    program
      .command('event')
      .description(
        '在许可证副本上记录事件（发证机关的决定见 xuke register event） / record an event on a declared copy (the issuer’s decisions: xuke register event): renewal-applied annual-report-filed changed expired',
      )
      .argument('<number>', 'licence number')
      .argument('<kind>', 'event kind')
      .option(
        '--on <date>',
        '发生日期 YYYY-MM-DD（默认今天） / the day it happened (default today)',
      )
      .option('--note <text>', '原因或说明 / why')
      .option('--expires-on <date>', '延续后的有效期至 / new expiry (renewed)')
      .option('--year <year>', '年报或年检年份 / year (annual report, inspection)'),
    ctx,
    { actor: true },
  ).action(
    async (
      number: string,
      kind: string,
      o: Common & { on?: string; note?: string; expiresOn?: string; year?: string },
    ) => {
      const { runEventCommand } = await import('./registry/event.command.js');
      process.exitCode = await runEventCommand(
        number,
        kind,
        {
          ...base(o),
          ...(o.on === undefined ? {} : { on: o.on }),
          ...(o.note === undefined ? {} : { note: o.note }),
          ...(o.expiresOn === undefined ? {} : { expiresOn: o.expiresOn }),
          ...(o.year === undefined ? {} : { year: o.year }),
        },
        ctx,
      );
    },
  );

  const audit = program.command('audit').description('审计日志 / audit log');
  common(
    audit
      .command('verify')
      .description(
        '校验审计哈希链、各版本记录，及（给出检查点时）与签名检查点是否相符 / verify the audit hash chain, every licence version against it, and (with --checkpoint) the chain and register log against a signed checkpoint',
      )
      .option(
        '--checkpoint <file>',
        '发证机关签名的检查点（GET /api/v1/register/checkpoint） / a signed checkpoint',
      ),
    ctx,
  ).action(async (o: Common & { checkpoint?: string }) => {
    const { runAuditVerifyDeepCommand } = await import('./registry/signing.commands.js');
    process.exitCode = await runAuditVerifyDeepCommand(
      { ...base(o), ...(o.checkpoint === undefined ? {} : { checkpoint: o.checkpoint }) },
      ctx,
    );
  });
}

/** `xuke parse`, `xuke check`, `xuke rules`, `xuke demo`: documents in, records and reports out. */
import { Option, type Command } from 'commander';
import { RULES } from '../../core/checks/index.js';
import { REGISTER_RULES } from '../../core/trust/assess.js';
import { runCheckCommand } from './check.command.js';
import type { CliContext } from './cli-context.js';
import { formatRuleListing } from './format-check-report.js';
import { parseLang } from './lang.js';
import { runParseCommand } from './parse.command.js';

/** The seed licence that ships with xuke (京B2-20180910), relative to the package root. */
export const SEED_DOCUMENT = 'fixtures/seed/jing-b2-20180910.txt';

export function registerDocumentCommands(program: Command, ctx: CliContext): void {
  program
    .command('parse')
    .description('解析许可证文件（- 为标准输入） / parse licence documents (- for stdin)')
    .argument('<files...>', 'licence documents: text (UTF-8, GB18030, UTF-16)')
    .option('--json', '输出 JSON（xuke.licence/v1） / print the ParseResult as JSON', false)
    .addOption(ctx.langOption())
    .action(async (files: string[], opts: { json: boolean; lang: string }) => {
      process.exitCode = await runParseCommand(
        files,
        { json: opts.json, lang: parseLang(opts.lang) },
        ctx.io,
        ctx.documents,
      );
    });

  program
    .command('check')
    .description('解析并核验许可证文件 / parse and check licence documents')
    .argument('<files...>', 'licence documents (- for stdin)')
    .option('--today <date>', '核验日期 YYYY-MM-DD（默认为北京时间今天） / the day to check as of')
    .option(
      '--json',
      '输出 JSON（xuke.check/v1，含核验结论 verdict） / print the report as JSON, with its verdict',
      false,
    )
    .addOption(
      new Option(
        '--org <id>',
        '以该机构身份与登记簿或其官方系统核实记录对照 / compare with the registers and this organisation’s confirmations',
      ),
    )
    .addOption(new Option('--db <url>', '数据库 database: postgres://… | sqlite://PATH'))
    .addOption(ctx.langOption())
    .action(
      async (
        files: string[],
        opts: { json: boolean; lang: string; today?: string; org?: string; db?: string },
      ) => {
        // Only an explicit --org or --db opens (and so may create) a database.
        const registry =
          opts.org === undefined && opts.db === undefined
            ? undefined
            : {
                ...(opts.db === undefined ? {} : { db: opts.db }),
                ...(opts.org === undefined ? {} : { org: opts.org }),
              };
        process.exitCode = await runCheckCommand(
          files,
          { json: opts.json, lang: parseLang(opts.lang), today: opts.today, registry },
          ctx,
        );
      },
    );

  program
    .command('rules')
    .description('列出核验规则（含需要登记簿的规则） / list the check rules and the register rules')
    .addOption(ctx.langOption())
    .action((opts: { lang: string }) => {
      ctx.io.stdout(`${formatRuleListing(RULES, REGISTER_RULES, parseLang(opts.lang))}\n`);
    });

  program
    .command('demo')
    .description('解析随附的示例许可证并显示摘要 / parse and summarise the bundled seed licence')
    .addOption(ctx.langOption())
    .action(async (opts: { lang: string }) => {
      process.exitCode = await runParseCommand(
        [`${ctx.packageRoot}${SEED_DOCUMENT}`],
        { json: false, lang: parseLang(opts.lang) },
        ctx.io,
        ctx.documents,
      );
    });
}

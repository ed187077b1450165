/**
 * Random spot checks (双随机、一公开, docs/spot-checks.md). Like the trust commands, each takes --db,
 * --org, --json and --lang and loads its module (and through `ctx.services` the database) only when
 * it runs; `verify` needs no database.
 *
 *   xuke spot-check draw --org AUTH --year 2025 --count N --inspectors FILE.json
 *                        [--conflicts FILE.json] [--per-check K] [--population FILE.json] [--json]
 *   xuke spot-check result ID NUMBER --outcome compliant|issues-found --note TEXT [--finding TEXT]
 *                        [--on DATE] --org AUTH [--json]
 *   xuke spot-check show ID --org AUTH [--json]
 *   xuke spot-check list --org AUTH [--year 2025] [--json]
 *   xuke spot-check verify FILE.json [--json]     0 reproduced, 1 differs, 2 unreadable
 */
import type { Command } from 'commander';
import type { CliContext } from './cli-context.js';
import { base, common, type Common } from './registry.commands.js';

export function registerSpotCheckCommands(program: Command, ctx: CliContext): void {
  const spot = program
    .command('spot-check')
    .description(
      '双随机、一公开：随机抽取检查对象和检查人员，记录并公开结果 / random spot checks: draw, record, publish, verify',
    );

  common(
    spot
      .command('draw')
      .description(
        '从本机关登记簿中随机抽取许可证及其检查人员（种子随结果公开） / draw licences from the register and their inspectors (the seed is published)',
      )
      .requiredOption('--year <year>', '抽查年度 / the year the checks concern')
      .requiredOption('--count <n>', '抽取的许可证数 / how many licences to draw')
      .requiredOption(
        '--inspectors <file>',
        '检查人员名单 JSON：[{"id","name"}] / the staff list: [{"id","name"}]',
      )
      .option(
        '--conflicts <file>',
        '回避关系 JSON：[{"inspector","number"|"creditCode"}] / conflicts: [{"inspector","number"|"creditCode"}]',
      )
      .option('--per-check <k>', '每项检查的人数（默认 2） / inspectors per check (default 2)')
      .option(
        '--population <file>',
        '抽查范围：许可证编号的 JSON 数组（默认登记簿中抽取日有效的许可证） / the numbers to draw from (default: the register’s valid licences)',
      ),
    ctx,
    { actor: true },
  ).action(
    async (
      o: Common & {
        year: string;
        count: string;
        inspectors: string;
        conflicts?: string;
        perCheck?: string;
        population?: string;
      },
    ) => {
      const { runSpotCheckDrawCommand } = await import('./registry/spot-check.commands.js');
      process.exitCode = await runSpotCheckDrawCommand(
        {
          ...base(o),
          year: o.year,
          count: o.count,
          inspectors: o.inspectors,
          ...(o.conflicts === undefined ? {} : { conflicts: o.conflicts }),
          ...(o.perCheck === undefined ? {} : { perCheck: o.perCheck }),
          ...(o.population === undefined ? {} : { population: o.population }),
        },
        ctx,
      );
    },
  );

  common(
    spot
      .command('result')
      .description('记录抽中许可证的检查结果（一次） / record a drawn licence’s inspection (once)')
      .argument('<id>', '抽查编号 / the draw’s id')
      .argument('<number>', '经营许可证编号 / licence number')
      .requiredOption('--outcome <outcome>', 'compliant | issues-found')
      .requiredOption('--note <text>', '检查说明（公开） / what was checked and how (published)')
      .option('--finding <text>', '检查发现（公开） / the finding (published)')
      .option('--on <date>', '检查日期 YYYY-MM-DD（默认今天） / the day (default today)'),
    ctx,
    { actor: true },
  ).action(
    async (
      id: string,
      number: string,
      o: Common & { outcome: string; note: string; finding?: string; on?: string },
    ) => {
      const { runSpotCheckResultCommand } = await import('./registry/spot-check.commands.js');
      process.exitCode = await runSpotCheckResultCommand(
        id,
        number,
        {
          ...base(o),
          outcome: o.outcome,
          note: o.note,
          ...(o.finding === undefined ? {} : { finding: o.finding }),
          ...(o.on === undefined ? {} : { on: o.on }),
        },
        ctx,
      );
    },
  );

  common(
    spot
      .command('show')
      .description('查看抽查及其结果 / show a draw and its results')
      .argument('<id>', '抽查编号 / the draw’s id'),
    ctx,
  ).action(async (id: string, o: Common) => {
    const { runSpotCheckShowCommand } = await import('./registry/spot-check.commands.js');
    process.exitCode = await runSpotCheckShowCommand(id, base(o), ctx);
  });

  common(
    spot
      .command('list')
      .description('列出本机关的抽查 / list the authority’s draws')
      .option('--year <year>', '抽查年度 / the year'),
    ctx,
  ).action(async (o: Common & { year?: string }) => {
    const { runSpotCheckListCommand } = await import('./registry/spot-check.commands.js');
    process.exitCode = await runSpotCheckListCommand(
      { ...base(o), ...(o.year === undefined ? {} : { year: o.year }) },
      ctx,
    );
  });

  spot
    .command('verify')
    .description(
      '离线复核公开的抽查：按种子和输入重新抽取并比对；0 一致、1 不一致、2 无法读取 / recompute a published draw offline: 0 reproduced, 1 differs, 2 unreadable',
    )
    .argument('<file>', '抽查的公开记录 JSON / the published draw’s JSON')
    .option('--json', '输出 JSON / print JSON', false)
    .addOption(ctx.langOption())
    .action(async (file: string, o: { json: boolean; lang: string }) => {
      const { runSpotCheckVerifyCommand } = await import('./registry/spot-check.commands.js');
      process.exitCode = await runSpotCheckVerifyCommand(
        file,
        { json: o.json, lang: o.lang === 'en' ? 'en' : 'zh' },
        ctx,
      );
    });
}

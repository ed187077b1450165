/** `xuke workdays is|add`, `xuke deadlines`: the working-day calendar and obligations. */
import { registryOptions, withRegistry, type RegistryFlags } from './registry/with-registry.js';
import type { Command } from 'commander';
import { chinaCalendar } from '../../core/calendar/index.js';
import { EVENT_KINDS } from '../../core/obligations/events.js';
import type { CliContext } from './cli-context.js';
import { runDeadlinesCommand } from './deadlines.command.js';
import { parseLang } from './lang.js';
import { runWorkdaysAdd, runWorkdaysIs } from './workdays.command.js';

const collect = (value: string, previous: string[]): string[] => [...previous, value];

export function registerDeadlinesCommands(program: Command, ctx: CliContext): void {
  const workdays = program
    .command('workdays')
    .description('中国工作日（含调休） / China working days (holidays and adjusted working days)');

  workdays
    .command('is')
    .description(
      '判断是否为工作日（是：退出码 0，否：1） / is DATE a working day (exit 0 yes, 1 no)',
    )
    .argument('<date>', 'YYYY-MM-DD')
    .addOption(ctx.langOption())
    .action((date: string, opts: { lang: string }) => {
      process.exitCode = runWorkdaysIs(date, parseLang(opts.lang), ctx.io, chinaCalendar());
    });

  workdays
    .command('add')
    .description(
      '第 N 个工作日（- 从标准输入逐行读取“日期 N”） / the N-th working day after DATE (- reads "DATE N" lines)',
    )
    .argument('<date>', 'YYYY-MM-DD, or - for stdin')
    .argument('[n]', 'working days (negative: before)')
    .allowExcessArguments(false)
    .addOption(ctx.langOption())
    .action(async (date: string, n: string | undefined, opts: { lang: string }) => {
      process.exitCode = await runWorkdaysAdd(
        date,
        n,
        parseLang(opts.lang),
        ctx.io,
        chinaCalendar(),
      );
    });

  program
    .command('deadlines')
    .description('许可证的合规义务与期限 / a licence’s obligations and deadlines, explained')
    .argument('<licence>', 'licence document (- for stdin) or licence number')
    .option(
      '--event <kind=date>',
      `记录事件，可重复 / a recorded event, repeatable: ${EVENT_KINDS.join(', ')}`,
      collect,
      [],
    )
    .option('--done <id=date[:note]>', '标记已完成，可重复 / mark an occurrence done', collect, [])
    .option('--today <date>', '计算日期（默认北京时间今天） / the day to compute as of')
    .option('--json', '输出 JSON（xuke.deadlines/v1） / print JSON', false)
    .option('--ics', '输出 iCalendar / print an iCalendar feed', false)
    .option(
      '--db <url>',
      '按编号查询时的数据库 / database for a licence number: postgres://… | sqlite://PATH',
    )
    .option('--org <id>', '组织（租户） / organisation (tenant)')
    .addOption(ctx.langOption())
    .action(
      async (
        licence: string,
        opts: {
          event: string[];
          done: string[];
          today?: string;
          json: boolean;
          ics: boolean;
          lang: string;
        } & RegistryFlags,
      ) => {
        process.exitCode = await runDeadlinesCommand(
          licence,
          {
            events: opts.event,
            done: opts.done,
            today: opts.today ?? ctx.clock.today(),
            json: opts.json,
            ics: opts.ics,
            lang: parseLang(opts.lang),
            now: ctx.clock.now(),
            lookUp: (number) =>
              withRegistry(registryOptions(opts), ctx, async (r) => {
                const { getLicence } = await import('../../app/get-licence.js');
                return (await getLicence(number, r.who, r.deps)).licence;
              }),
          },
          ctx.io,
          ctx.documents,
        );
      },
    );
}

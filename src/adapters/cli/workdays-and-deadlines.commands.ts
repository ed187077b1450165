/**
 * `xuke workdays is|add`, `xuke deadlines`, `xuke deadlines done|undo`: the working-day calendar,
 * obligations, and occurrences marked done in the registry.
 */
import { Option, type Command } from 'commander';
import { chinaCalendar } from '../../core/calendar/index.js';
import { EVENT_KINDS } from '../../core/obligations/events.js';
import { clockAsOf } from '../system-clock.js';
import type { CliContext } from './cli-context.js';
import { parseLang } from './lang.js';
import { runDeadlinesCommand } from './licence-deadlines.command.js';
import { registryOptions, type RegistryFlags } from './registry/run-registry-command.js';
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

  const deadlines = program
    .command('deadlines')
    .description(
      '许可证的合规义务与期限；done/undo 标记完成 / a licence’s obligations and deadlines, explained; done|undo mark one done',
    )
    // `deadlines done … --json`: the options after a subcommand are the subcommand's
    .enablePositionalOptions()
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
    .addHelpText(
      'after',
      '\n按编号查询时包括登记库中记录的事件与完成情况，--event/--done 仅作假设，不写入。\n' +
        'For a licence number, the registry’s recorded events and completions are included;\n' +
        '--event and --done add to them as a what-if and store nothing.',
    )
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
            today: opts.today,
            json: opts.json,
            ics: opts.ics,
            lang: parseLang(opts.lang),
            lookUp: (number, supposed, today) =>
              ctx.services.withRegistry(
                registryOptions(opts),
                clockAsOf(ctx.clock, today),
                async (r) => {
                  const { getLicenceDeadlines } =
                    await import('../../app/deadlines/get-licence-deadlines.js');
                  return getLicenceDeadlines(number, r.who, r.deadlines, supposed);
                },
              ),
          },
          ctx,
        );
      },
    );

  const registryFlags = (command: Command): Command =>
    command
      .addOption(new Option('--db <url>', '数据库 database: postgres://… | sqlite://PATH'))
      .addOption(new Option('--org <id>', '组织（租户） organisation (tenant)'))
      .option('--actor <who>', '记录为操作人 / who to record as the actor')
      .option('--json', '输出 JSON / print JSON', false)
      .addOption(ctx.langOption());

  registryFlags(
    deadlines
      .command('done')
      .description(
        '在登记库中标记期限事项已完成（记入审计日志） / mark an occurrence done in the registry (audited)',
      )
      .argument('<number>', 'licence number')
      .argument('<occurrence>', 'occurrence id, e.g. illegal-content-report@2022-09-27')
      .requiredOption(
        '--note <text>',
        '完成说明（如回执编号） / what was done (a receipt number …)',
      )
      .option(
        '--on <date>',
        '完成日期 YYYY-MM-DD（默认今天） / the day it was done (default today)',
      )
      .option(
        '--document-sha256 <hex>',
        '作为凭证的文件的 sha256 / sha256 of a document kept as evidence',
      ),
  ).action(
    async (
      number: string,
      occurrence: string,
      o: CompletionFlags & { note: string; on?: string; documentSha256?: string },
    ) => {
      const { runDoneCommand } = await import('./registry/completion.commands.js');
      process.exitCode = await runDoneCommand(
        number,
        occurrence,
        {
          ...completionOptions(o),
          note: o.note,
          ...(o.on === undefined ? {} : { on: o.on }),
          ...(o.documentSha256 === undefined ? {} : { documentSha256: o.documentSha256 }),
        },
        ctx,
      );
    },
  );

  registryFlags(
    deadlines
      .command('undo')
      .description(
        '撤销完成标记（提醒恢复，记入审计日志） / undo marking an occurrence done (reminders resume; audited)',
      )
      .argument('<number>', 'licence number')
      .argument('<occurrence>', 'occurrence id'),
  ).action(async (number: string, occurrence: string, o: CompletionFlags) => {
    const { runUndoCommand } = await import('./registry/completion.commands.js');
    process.exitCode = await runUndoCommand(number, occurrence, completionOptions(o), ctx);
  });
}

interface CompletionFlags extends RegistryFlags {
  actor?: string;
  json: boolean;
  lang: string;
}

function completionOptions(o: CompletionFlags) {
  return {
    ...registryOptions(o),
    ...(o.actor === undefined ? {} : { actor: o.actor }),
    json: o.json,
    lang: parseLang(o.lang),
  };
}

/**
 * The annual-report cycle's commands (docs/annual-report.md). Each takes --db, --org, --json and
 * --lang and loads its module (and through `ctx.services` the database) only when it runs.
 *
 *   xuke annual-report draft NUMBER --year 2025 [--org ORG] [--json]
 *   xuke annual-report show ID [--pdf FILE] | list [--year] [--status] [--submitted]
 *   xuke annual-report fill ID --answers FILE.json | attach ID FILE --item N
 *   xuke annual-report sign-off ID | submit ID [--authority ORG]
 *   xuke annual-report decide ID accept|return [--reason TEXT] [--decision 文号]     (authority)
 *   xuke annual-report cycle --year Y | order [NUMBER] --year Y --decision 文号 [--on DATE]
 *   xuke credit-list add NUMBER --reason-kind K --decided-on DATE [--year] [--list] [--reason]
 *   xuke credit-list remove ID [--on DATE] [--reason TEXT] | list [--current] [--csv]
 */
import type { Command } from 'commander';
import type { CliContext } from './cli-context.js';
import { base, common, defined, type Common } from './registry.commands.js';

type Runners = typeof import('./registry/annual-report.commands.js');
const load = (): Promise<Runners> => import('./registry/annual-report.commands.js');

export function registerAnnualReportCommands(program: Command, ctx: CliContext): void {
  const ar = program
    .command('annual-report')
    .description(
      '年报：起草、填写、签核、报送、审核、限期补报 / the annual report: draft, complete, sign off, submit, review, make-up orders',
    );
  const write = (c: Command) => common(c, ctx, { actor: true });

  write(
    ar
      .command('draft')
      .description(
        '起草某经营许可证某年度的年报，按已知信息预填 / draft a licence’s report for a year, pre-filled',
      )
      .argument('<number>', '经营许可证编号 / licence number')
      .requiredOption('--year <year>', '报告年度 / the year reported on'),
  ).action(async (number: string, o: Common & { year: string }) => {
    process.exitCode = await (
      await load()
    ).runAnnualReportDraftCommand(number, { ...base(o), year: o.year }, ctx);
  });

  common(
    ar
      .command('show')
      .description('查看年报（可导出 PDF） / show a report (and print it to PDF)')
      .argument('<id>', '年报编号 / report id')
      .option('--pdf <file>', '同时写出可打印的 PDF / also write the printable PDF'),
    ctx,
  ).action(async (id: string, o: Common & { pdf?: string }) => {
    process.exitCode = await (
      await load()
    ).runAnnualReportShowCommand(id, { ...base(o), ...defined({ pdf: o.pdf }) }, ctx);
  });

  common(
    ar
      .command('list')
      .description(
        '列出本单位的年报，或报送给本机关的年报 / list the reports (own, or submitted to this authority)',
      )
      .option('--year <year>', '报告年度 / year')
      .option('--status <status>', 'draft | signed-off | submitted | returned | accepted')
      .option(
        '--submitted',
        '报送给本机关的年报（发证机关） / those submitted to this authority',
        false,
      ),
    ctx,
  ).action(async (o: Common & { year?: string; status?: string; submitted: boolean }) => {
    process.exitCode = await (
      await load()
    ).runAnnualReportListCommand(
      { ...base(o), submitted: o.submitted, ...defined({ year: o.year, status: o.status }) },
      ctx,
    );
  });

  write(
    ar
      .command('fill')
      .description('保存年报内容（JSON，按第1至6项） / save the answers (JSON, items 1–6)')
      .argument('<id>', '年报编号 / report id')
      .requiredOption('--answers <file>', '答案 JSON 文件 / the answers as JSON'),
  ).action(async (id: string, o: Common & { answers: string }) => {
    process.exitCode = await (
      await load()
    ).runAnnualReportFillCommand(id, { ...base(o), answers: o.answers }, ctx);
  });

  write(
    ar
      .command('attach')
      .description('为某项附上文件（PDF、PNG、JPEG、TXT，≤10 MB） / attach a file to an item')
      .argument('<id>', '年报编号 / report id')
      .argument('<file>', '文件 / the file')
      .requiredOption('--item <n>', '第几项（1–6） / the item (1–6)'),
  ).action(async (id: string, file: string, o: Common & { item: string }) => {
    process.exitCode = await (
      await load()
    ).runAnnualReportAttachCommand(id, file, { ...base(o), item: o.item }, ctx);
  });

  write(
    ar
      .command('sign-off')
      .description('单位内部签核（内容须完整） / sign a complete report off inside the holder')
      .argument('<id>', '年报编号 / report id'),
  ).action(async (id: string, o: Common) => {
    process.exitCode = await (await load()).runAnnualReportSignOffCommand(id, base(o), ctx);
  });

  write(
    ar
      .command('submit')
      .description('报送发证机关 / submit to the issuing authority')
      .argument('<id>', '年报编号 / report id')
      .option(
        '--authority <org>',
        '发证机关（默认按编号确定） / the authority (default: by the number)',
      ),
  ).action(async (id: string, o: Common & { authority?: string }) => {
    process.exitCode = await (
      await load()
    ).runAnnualReportSubmitCommand(id, { ...base(o), ...defined({ authority: o.authority }) }, ctx);
  });

  write(
    ar
      .command('decide')
      .description('发证机关受理或退回年报 / the authority accepts or returns a report')
      .argument('<id>', '年报编号 / report id')
      .argument('<decision>', 'accept | return')
      .option('--reason <text>', '退回理由（退回时必填） / what to correct (required to return)')
      .option('--decision <文号>', '文号 / the decision’s document number'),
  ).action(
    async (id: string, decision: string, o: Common & { reason?: string; decision?: string }) => {
      process.exitCode = await (
        await load()
      ).runAnnualReportDecideCommand(
        id,
        decision,
        { ...base(o), ...defined({ reason: o.reason, decision: o.decision }) },
        ctx,
      );
    },
  );

  common(
    ar
      .command('cycle')
      .description(
        '本机关登记簿中应报年报的经营许可证及其进度 / who in the register owes the year’s report, and how it stands',
      )
      .requiredOption('--year <year>', '报告年度 / year'),
    ctx,
  ).action(async (o: Common & { year: string }) => {
    process.exitCode = await (
      await load()
    ).runAnnualReportCycleCommand({ ...base(o), year: o.year }, ctx);
  });

  write(
    ar
      .command('order')
      .description(
        '责令限期（一个月）补报年报；不给编号则责令全部未报者 / order a late filer (or all) to make up within one month',
      )
      .argument('[number]', '经营许可证编号 / licence number')
      .requiredOption('--year <year>', '报告年度 / year')
      .requiredOption('--decision <文号>', '通知文号 / the order’s document number')
      .option('--on <date>', '通知日期 / the order’s date (default today)')
      .option('--reason <text>', '说明 / the order’s text'),
  ).action(
    async (
      number: string | undefined,
      o: Common & { year: string; decision: string; on?: string; reason?: string },
    ) => {
      process.exitCode = await (
        await load()
      ).runAnnualReportOrderCommand(
        number,
        {
          ...base(o),
          year: o.year,
          decision: o.decision,
          ...defined({ on: o.on, reason: o.reason }),
        },
        ctx,
      );
    },
  );

  const cl = program
    .command('credit-list')
    .description('电信业务经营不良名单、失信名单 / the 不良名单 and 失信名单');
  write(
    cl
      .command('add')
      .description(
        '列入名单（处理日期起 30 日内） / put a holder on a list (within 30 days of the decision)',
      )
      .argument('<number>', '经营许可证编号 / licence number')
      .requiredOption('--reason-kind <kind>', 'annual-report-missing | penalty | other')
      .requiredOption('--decided-on <date>', '处理日期 / the decision’s date')
      .option('--listed-on <date>', '列入日期（默认今天） / the listing date (default today)')
      .option('--year <year>', '未报年报的年度 / the report year (annual-report-missing)')
      .option('--list <list>', 'bad（不良名单，默认） | dishonest（失信名单）')
      .option('--reason <text>', '列入事由 / the reason'),
  ).action(
    async (
      number: string,
      o: Common & {
        reasonKind: string;
        decidedOn: string;
        listedOn?: string;
        year?: string;
        list?: string;
        reason?: string;
      },
    ) => {
      process.exitCode = await (
        await load()
      ).runCreditListAddCommand(
        number,
        {
          ...base(o),
          reasonKind: o.reasonKind,
          decidedOn: o.decidedOn,
          ...defined({ listedOn: o.listedOn, year: o.year, list: o.list, reason: o.reason }),
        },
        ctx,
      );
    },
  );
  write(
    cl
      .command('remove')
      .description('移出名单 / take an entry off its list')
      .argument('<id>', '条目编号 / entry id')
      .option('--on <date>', '移出日期 / the removal date')
      .option('--reason <text>', '移出理由 / the reason'),
  ).action(async (id: string, o: Common & { on?: string; reason?: string }) => {
    process.exitCode = await (
      await load()
    ).runCreditListRemoveCommand(
      id,
      { ...base(o), ...defined({ on: o.on, reason: o.reason }) },
      ctx,
    );
  });
  common(
    cl
      .command('list')
      .description('列出本机关的名单条目 / list the authority’s entries')
      .option('--current', '只列未移出的 / only those not removed', false)
      .option('--csv', '以 CSV 输出 / print CSV', false),
    ctx,
  ).action(async (o: Common & { current: boolean; csv: boolean }) => {
    process.exitCode = await (
      await load()
    ).runCreditListListCommand({ ...base(o), current: o.current, csv: o.csv }, ctx);
  });
}

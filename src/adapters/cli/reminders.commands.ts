/**
 * `xuke reminders run`: one pass of the service's reminders from a terminal (cron, or a check
 * before the service runs them). Its module, and through `ctx.services` the database and the
 * channels, load only when it runs.
 */
import { Option, type Command } from 'commander';
import type { CliContext } from './cli-context.js';
import { parseLang } from './lang.js';

export function registerReminderCommands(program: Command, ctx: CliContext): void {
  const reminders = program.command('reminders').description('期限提醒 / deadline reminders');
  reminders
    .command('run')
    .description(
      '发送到期的提醒（每条每个渠道只发一次，见数据库发送记录） / send the reminders due, each once per channel (the database’s sent-log)',
    )
    .addOption(new Option('--db <url>', '数据库 database: postgres://… | sqlite://PATH'))
    .addOption(
      new Option(
        '--org <id>',
        '只处理该组织（默认全部） / only this organisation (default: every one)',
      ),
    )
    .option('--today <date>', '以该日为今天（默认北京时间今天） / the day to run as of')
    .option(
      '--dry-run',
      '只列出将发送的提醒，不发送、不记录 / list what would be sent; send and record nothing',
      false,
    )
    .option('--json', '输出 JSON / print JSON', false)
    .addOption(ctx.langOption())
    .addHelpText(
      'after',
      '\n渠道与服务相同：组织的 Webhook 订阅，以及 XUKE_DINGTALK_URL、XUKE_FEISHU_URL、XUKE_WECOM_URL、\n' +
        'XUKE_SMTP_URL 等配置的渠道（发给 XUKE_REMINDER_ORG）；XUKE_REMINDER_LEADS 提前工作日数。\n' +
        '退出码：0 全部发送（或无到期提醒），10 有发送失败（已记录，下次运行重试），2 输入或配置有误。\n' +
        'Channels as the service has them: the organisation’s webhook subscriptions, and the channels\n' +
        'configured by XUKE_DINGTALK_URL, XUKE_FEISHU_URL, XUKE_WECOM_URL, XUKE_SMTP_URL … (for\n' +
        'XUKE_REMINDER_ORG); XUKE_REMINDER_LEADS the lead times. Exit 0 all sent (or nothing due),\n' +
        '10 a send failed (recorded, retried by a later run), 2 bad input or configuration.',
    )
    .action(
      async (o: {
        db?: string;
        org?: string;
        today?: string;
        dryRun: boolean;
        json: boolean;
        lang: string;
      }) => {
        const { runRemindersRunCommand } = await import('./registry/reminders-run.command.js');
        process.exitCode = await runRemindersRunCommand(
          {
            ...(o.db === undefined ? {} : { db: o.db }),
            ...(o.org === undefined ? {} : { org: o.org }),
            ...(o.today === undefined ? {} : { today: o.today }),
            dryRun: o.dryRun,
            json: o.json,
            lang: parseLang(o.lang),
          },
          ctx,
        );
      },
    );
}

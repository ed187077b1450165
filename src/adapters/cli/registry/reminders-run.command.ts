/**
 * `xuke reminders run [--org ORG] [--today DATE] [--dry-run] [--json]`: one reminder run, the same
 * as the service's scheduler makes (`runReminders`): the organisations' licences, their stored
 * events and completions, the reminders due by today, each organisation's webhook subscriptions and
 * the channels configured by the same environment as the service (config/reminder-config.ts), each
 * reminder at most once per channel through the database's sent-log.
 *
 * `--dry-run` makes the run inside a database transaction that is rolled back, with channels that
 * send nothing: the sent-log answers every claim exactly as it would (sent already, backing off,
 * claimed by a running service), and nothing is sent or recorded. A webhook the address policy
 * refuses fails there as it would (no request is made either way); whether a receiver would answer
 * is not tried.
 *
 * Exit 0 when everything due went out (or nothing was due), EXIT_SEND_FAILED (10) when a send
 * failed (in a dry run: would fail) or an organisation's reminders could not be read, 2 for bad
 * input or configuration.
 */
import { runReminders, type RunRemindersDeps } from '../../../app/reminders/run-reminders.js';
import type { ReminderConfig } from '../../../config/reminder-config.js';
import type { Clock } from '../../../ports/clock.js';
import type { Notifier, Reminder } from '../../../ports/notifier.js';
import type { ReminderChannels, ReminderDirectory } from '../../../ports/reminder-channels.js';
import { clockAsOf } from '../../system-clock.js';
import type { CliContext } from '../cli-context.js';
import type { RegistryOptions, ReminderRunDeps } from '../cli-services.js';
import { EXIT_SEND_FAILED } from '../exit-codes.js';
import type { Lang } from '../lang.js';
import { parseToday, reportError } from '../run-command.js';
import { runRegistryCommand } from './run-registry-command.js';

export interface RemindersRunOptions extends RegistryOptions {
  readonly today?: string;
  readonly dryRun: boolean;
  readonly json: boolean;
  readonly lang: Lang;
}

/** One reminder as the command reports it. */
export interface RunReminderLine {
  readonly organisation: string;
  readonly channel: string;
  readonly key: string;
  readonly licence: string | null;
  readonly occurrenceId: string | null;
  readonly title: string | null;
  readonly titleEn: string | null;
  readonly actBy: string | null;
  readonly leadWorkdays: number | null;
  readonly late: boolean;
}

export interface RemindersRunReport {
  readonly today: string;
  readonly dryRun: boolean;
  /** sent; in a dry run, what would be sent */
  readonly sent: readonly RunReminderLine[];
  /** failed (recorded, retried by a later run); in a dry run, refused by the address policy */
  readonly failed: readonly (RunReminderLine & { readonly error: string })[];
  /** organisations whose reminders could not be read */
  readonly errors: readonly { readonly organisation: string; readonly error: string }[];
  /** organisations holding licences that have no channel at all */
  readonly withoutChannels: readonly string[];
}

interface RunSetting {
  /** only this organisation (--org) */
  readonly organisation: string | undefined;
  readonly dryRun: boolean;
  /** every reminder handed to a channel, by organisation and key */
  readonly seen: Map<string, Reminder>;
  readonly withoutChannels: string[];
}

const seenKey = (organisation: string, key: string): string => `${organisation}\u0000${key}`;

/** The organisation's webhook channels (`webhook:<id>`) that the address policy refuses. */
async function refusedWebhooks(
  directory: ReminderDirectory,
  channels: ReminderChannels,
  organisation: string,
): Promise<Set<string>> {
  const refused = new Set<string>();
  for (const w of await directory.listWebhookSubscriptions(organisation)) {
    try {
      channels.checkWebhookUrl(w.url);
    } catch {
      refused.add(`webhook:${w.id}`);
    }
  }
  return refused;
}

/**
 * The service's run, narrowed to --org, its channels watched: each reminder handed to a channel is
 * kept for the report; in a dry run nothing is sent, but a webhook the address policy refuses
 * fails at once, without a request, as it would.
 */
function watched(deps: ReminderRunDeps, s: RunSetting): RunRemindersDeps {
  return {
    ...deps,
    directory: {
      listOrganisations: async () =>
        (await deps.directory.listOrganisations()).filter(
          (o) => s.organisation === undefined || o === s.organisation,
        ),
    },
    channels: {
      forOrganisation: async (organisation) => {
        const notifiers = await deps.channels.forOrganisation(organisation);
        if (notifiers.length === 0) s.withoutChannels.push(organisation);
        const refused = s.dryRun
          ? await refusedWebhooks(deps.directory, deps.channels, organisation)
          : new Set<string>();
        return notifiers.map((n): Notifier => ({
          id: n.id,
          send: async (reminder) => {
            s.seen.set(seenKey(organisation, reminder.key), reminder);
            if (!s.dryRun || refused.has(n.id)) await n.send(reminder);
          },
        }));
      },
    },
  };
}

function line(
  s: RunSetting,
  r: { organisation: string; key: string; channel: string },
): RunReminderLine {
  const reminder = s.seen.get(seenKey(r.organisation, r.key));
  return {
    organisation: r.organisation,
    channel: r.channel,
    key: r.key,
    licence: reminder?.licenceNumber ?? null,
    occurrenceId: reminder?.occurrenceId ?? null,
    title: reminder?.title ?? null,
    titleEn: reminder?.titleEn ?? null,
    actBy: reminder?.actBy ?? null,
    leadWorkdays: reminder?.leadWorkdays ?? null,
    late: reminder?.late ?? false,
  };
}

function describeLine(l: RunReminderLine, en: boolean): string {
  const what = (en ? l.titleEn : l.title) ?? l.key;
  const when =
    l.actBy === null
      ? ''
      : en
        ? `act by ${l.actBy}, ${l.leadWorkdays} working day(s) ahead${l.late ? ', late' : ''}`
        : `最后工作日 ${l.actBy}，提前 ${l.leadWorkdays} 个工作日${l.late ? '（补发）' : ''}`;
  return [l.organisation, l.channel, l.licence ?? '', what, when, `[${l.key}]`]
    .filter((p) => p !== '')
    .join('  ');
}

export function formatRemindersRun(r: RemindersRunReport, config: ReminderConfig, lang: Lang) {
  const en = lang === 'en';
  const out: string[] = [];
  if (r.dryRun) {
    out.push(
      en
        ? `Dry run as of ${r.today}: ${r.sent.length} reminder(s) would be sent, ${r.failed.length} would fail (nothing sent or recorded)`
        : `试运行（截至 ${r.today}）：将发送 ${r.sent.length} 条提醒，${r.failed.length} 条将失败（未发送，未记录）`,
    );
  } else {
    out.push(
      en
        ? `Reminders as of ${r.today}: ${r.sent.length} sent, ${r.failed.length} failed`
        : `提醒（截至 ${r.today}）：已发送 ${r.sent.length} 条，失败 ${r.failed.length} 条`,
    );
  }
  for (const l of r.sent) out.push(`  ${r.dryRun ? '→' : '✓'} ${describeLine(l, en)}`);
  for (const l of r.failed) out.push(`  ✗ ${describeLine(l, en)}`, `      ${l.error}`);
  for (const e of r.errors) out.push(`  ✗ ${e.organisation}: ${e.error}`);
  for (const o of r.withoutChannels) {
    out.push(
      en
        ? `  ! ${o}: no reminder channel (no webhook subscription; the configured robots and e-mail serve ${config.channelOrganisation})`
        : `  ! ${o}：没有提醒渠道（无 Webhook 订阅；配置的机器人与邮件服务于组织 ${config.channelOrganisation}）`,
    );
  }
  if (r.sent.length === 0 && r.failed.length === 0 && r.errors.length === 0) {
    out.push(en ? '  nothing due that was not sent already' : '  没有到期未发的提醒');
  }
  return out.join('\n');
}

export async function runRemindersRunCommand(
  o: RemindersRunOptions,
  ctx: CliContext,
): Promise<number> {
  let config: ReminderConfig;
  let clock: Clock;
  try {
    clock =
      o.today === undefined ? ctx.clock : clockAsOf(ctx.clock, parseToday(o.today, ctx.clock));
    // the service's settings: the configured channels serve XUKE_REMINDER_ORG, by default the
    // instance's administrator (XUKE_ADMIN_ORG, else demo), as in main/server.ts
    config = ctx.services.reminderConfig();
  } catch (e) {
    return reportError(ctx.io, 'reminders run', o.lang, e);
  }
  return runRegistryCommand(
    'reminders run',
    o.lang,
    o,
    ctx,
    async (registry) => {
      const setting: RunSetting = {
        // --org names the one organisation to run for; without it, every one (as the service)
        organisation: o.org === undefined ? undefined : registry.who.organisation,
        dryRun: o.dryRun,
        seen: new Map(),
        withoutChannels: [],
      };
      // a dry run is made inside a transaction that is rolled back
      const result = await registry.withReminderRun({ config, clock, dryRun: o.dryRun }, (deps) =>
        runReminders(watched(deps, setting)),
      );
      const report: RemindersRunReport = {
        today: clock.today(),
        dryRun: o.dryRun,
        sent: result.sent.map((r) => line(setting, r)),
        failed: result.failed.map((r) => ({ ...line(setting, r), error: r.error })),
        errors: result.errors,
        withoutChannels: setting.withoutChannels,
      };
      ctx.io.stdout(
        o.json
          ? `${JSON.stringify(report, null, 2)}\n`
          : `${formatRemindersRun(report, config, o.lang)}\n`,
      );
      return report.failed.length > 0 || report.errors.length > 0 ? EXIT_SEND_FAILED : 0;
    },
    clock,
  );
}

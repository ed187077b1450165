/**
 * The reminders' data on Kysely (SQLite and PostgreSQL): the sent-log (ReminderLog, one per
 * organisation) and what the scheduler reads to find whom to remind (ReminderDirectory). Rows are
 * mapped here and never leave.
 */
import type { Kysely, Selectable } from 'kysely';
import type { ReminderLog, ReminderLogEntry } from '../../ports/reminder-log.js';
import type { ReminderDirectory, WebhookSubscription } from '../../ports/reminder-channels.js';
import type { Database } from './tables/database.js';
import type { ReminderLogTable } from './tables/reminders.table.js';

export interface ReminderLogOptions {
  /**
   * How long a claim holds without being marked, in ms (default 10 minutes, well past a send's
   * retries). A claim older than this is taken as a sender that died mid-send and may be claimed
   * again: the reminder may then arrive twice, which beats never (receivers can dedupe by key).
   */
  readonly leaseMs?: number;
  /** back-off after the n-th failed send: base · 2^(n−1) ms, capped (default 5 minutes, 6 hours) */
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
}

const STATUSES: readonly ReminderLogEntry['status'][] = ['sending', 'sent', 'failed'];

function rowToEntry(r: Selectable<ReminderLogTable>): ReminderLogEntry {
  const status = STATUSES.find((s) => s === r.status) ?? 'failed';
  return {
    key: r.reminder_key,
    channel: r.channel,
    status,
    at: status === 'sent' ? (r.sent_at ?? r.claimed_at) : r.claimed_at,
    attempts: r.attempts,
    error: r.last_error,
    nextAttemptAt: status === 'failed' ? r.next_attempt_at : null,
  };
}

/**
 * The sent-log of one organisation. `claim` is an insert that does nothing on a duplicate key, or
 * an update that takes a row only when it is a failure past its back-off or a lapsed claim: one
 * statement each, so two servers on one database never both win a claim.
 */
export class KyselyReminderLog implements ReminderLog {
  private readonly leaseMs: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly organisation: string,
    options: ReminderLogOptions = {},
  ) {
    this.leaseMs = options.leaseMs ?? 10 * 60_000;
    this.backoffBaseMs = options.backoffBaseMs ?? 5 * 60_000;
    this.backoffMaxMs = options.backoffMaxMs ?? 6 * 3_600_000;
  }

  async claim(key: string, channel: string, at: string): Promise<boolean> {
    const inserted = await this.db
      .insertInto('reminder_log')
      .values({
        organisation_id: this.organisation,
        reminder_key: key,
        channel,
        status: 'sending',
        attempts: 0,
        claimed_at: at,
        sent_at: null,
        last_error: null,
        next_attempt_at: null,
        created_at: at,
      })
      .onConflict((oc) => oc.columns(['organisation_id', 'reminder_key', 'channel']).doNothing())
      .returning('channel')
      .executeTakeFirst();
    if (inserted !== undefined) return true;
    const lapsed = new Date(Date.parse(at) - this.leaseMs).toISOString();
    const taken = await this.row(this.db.updateTable('reminder_log'), key, channel)
      .set({ status: 'sending', claimed_at: at })
      .where((eb) =>
        eb.or([
          eb.and([
            eb('status', '=', 'failed'),
            eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', at)]),
          ]),
          eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', lapsed)]),
        ]),
      )
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) === 1;
  }

  async markSent(key: string, channel: string, at: string): Promise<void> {
    await this.row(this.db.updateTable('reminder_log'), key, channel)
      .set((eb) => ({
        status: 'sent',
        sent_at: at,
        attempts: eb('attempts', '+', 1),
        next_attempt_at: null,
      }))
      .execute();
  }

  async markFailed(key: string, channel: string, at: string, error: string): Promise<void> {
    const current = await this.row(this.db.selectFrom('reminder_log'), key, channel)
      .select('attempts')
      .executeTakeFirst();
    const attempts = (current?.attempts ?? 0) + 1;
    const delay = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** (attempts - 1));
    await this.row(this.db.updateTable('reminder_log'), key, channel)
      .set({
        status: 'failed',
        attempts,
        last_error: error.slice(0, 2000),
        next_attempt_at: new Date(Date.parse(at) + delay).toISOString(),
      })
      // a late failure report never undoes a delivery another sender recorded
      .where('status', '=', 'sending')
      .execute();
  }

  async entries(): Promise<readonly ReminderLogEntry[]> {
    const rows = await this.db
      .selectFrom('reminder_log')
      .selectAll()
      .where('organisation_id', '=', this.organisation)
      .orderBy('created_at')
      .orderBy('reminder_key')
      .orderBy('channel')
      .execute();
    return rows.map(rowToEntry);
  }

  /** `query` narrowed to this organisation's row for (key, channel). */
  private row<
    Q extends {
      where(column: 'organisation_id' | 'reminder_key' | 'channel', op: '=', value: string): Q;
    },
  >(query: Q, key: string, channel: string): Q {
    return query
      .where('organisation_id', '=', this.organisation)
      .where('reminder_key', '=', key)
      .where('channel', '=', channel);
  }
}

/** Whom to remind: organisations with licences, and their webhook subscriptions with secrets. */
export class KyselyReminderDirectory implements ReminderDirectory {
  constructor(private readonly db: Kysely<Database>) {}

  async listOrganisations(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('licences')
      .select('organisation_id')
      .distinct()
      .orderBy('organisation_id')
      .execute();
    return rows.map((r) => r.organisation_id);
  }

  // The webhooks table belongs to the access store (access.repository.ts), whose port never hands
  // out secrets; delivery needs them, so this read lives with the reminders.
  async listWebhookSubscriptions(org: string): Promise<WebhookSubscription[]> {
    const rows = await this.db
      .selectFrom('webhooks')
      .select(['id', 'organisation_id', 'url', 'secret'])
      .where('organisation_id', '=', org)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      organisation: r.organisation_id,
      url: r.url,
      secret: r.secret,
    }));
  }

  async findWebhookSubscription(org: string, id: string): Promise<WebhookSubscription | undefined> {
    const r = await this.db
      .selectFrom('webhooks')
      .select(['id', 'organisation_id', 'url', 'secret'])
      .where('organisation_id', '=', org)
      .where('id', '=', id)
      .executeTakeFirst();
    return r === undefined
      ? undefined
      : { id: r.id, organisation: r.organisation_id, url: r.url, secret: r.secret };
  }
}

/**
 * Occurrences marked done, on Kysely (SQLite and PostgreSQL); rows mapped here and never leave.
 * Every change is written with its audit entry in one transaction (`obligation.done`,
 * `obligation.undone`, subject the licence number), so the chain records who marked what done and
 * who took it back.
 */
import type { Kysely, Selectable } from 'kysely';
import { DomainError } from '../../core/errors.js';
import type { CompletionStore, StoredCompletion } from '../../ports/completion-store.js';
import { appendAuditEntries } from './append-audit.js';
import { inWriteTransaction } from './write-transaction.js';
import type { Database } from './tables/database.js';
import type { ObligationCompletionTable } from './tables/reminders.table.js';

type CompletionRow = Selectable<ObligationCompletionTable>;

function rowToCompletion(r: CompletionRow): StoredCompletion {
  return {
    number: r.licence_number,
    occurrenceId: r.occurrence_id,
    on: r.done_on,
    note: r.note,
    documentSha256: r.document_sha256,
    actor: r.actor,
    recordedAt: r.recorded_at,
  };
}

function auditPayload(c: StoredCompletion): string {
  return JSON.stringify({
    occurrenceId: c.occurrenceId,
    on: c.on,
    note: c.note,
    documentSha256: c.documentSha256,
  });
}

function alreadyDone(c: StoredCompletion): DomainError {
  return new DomainError(
    'CONFLICT',
    `${c.number} 的期限事项 ${c.occurrenceId} 已标记完成`,
    `${c.occurrenceId} of ${c.number} is already marked done`,
  );
}

export class KyselyCompletionStore implements CompletionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async addCompletion(org: string, c: StoredCompletion): Promise<void> {
    await this.inTransaction(async (trx) => {
      const inserted = await trx
        .insertInto('obligation_completions')
        .values({
          organisation_id: org,
          licence_number: c.number,
          occurrence_id: c.occurrenceId,
          done_on: c.on,
          note: c.note,
          document_sha256: c.documentSha256,
          actor: c.actor,
          recorded_at: c.recordedAt,
        })
        // the key is the rule: a second completion of the occurrence is refused, not stored
        .onConflict((oc) =>
          oc.columns(['organisation_id', 'licence_number', 'occurrence_id']).doNothing(),
        )
        .returning('occurrence_id')
        .executeTakeFirst();
      if (inserted === undefined) throw alreadyDone(c);
      await appendAuditEntries(trx, org, c.recordedAt, [
        {
          actor: c.actor,
          action: 'obligation.done',
          subject: c.number,
          payload: auditPayload(c),
        },
      ]);
    });
  }

  async removeCompletion(
    org: string,
    number: string,
    occurrenceId: string,
    who: { readonly actor: string; readonly at: string },
  ): Promise<StoredCompletion | undefined> {
    return this.inTransaction(async (trx) => {
      const row = await trx
        .deleteFrom('obligation_completions')
        .where('organisation_id', '=', org)
        .where('licence_number', '=', number)
        .where('occurrence_id', '=', occurrenceId)
        .returningAll()
        .executeTakeFirst();
      if (row === undefined) return undefined;
      const removed = rowToCompletion(row);
      await appendAuditEntries(trx, org, who.at, [
        {
          actor: who.actor,
          action: 'obligation.undone',
          subject: number,
          payload: auditPayload(removed),
        },
      ]);
      return removed;
    });
  }

  async listCompletions(org: string, number?: string): Promise<StoredCompletion[]> {
    let query = this.db
      .selectFrom('obligation_completions')
      .selectAll()
      .where('organisation_id', '=', org);
    if (number !== undefined) query = query.where('licence_number', '=', number);
    const rows = await query.orderBy('licence_number').orderBy('occurrence_id').execute();
    return rows.map(rowToCompletion);
  }

  private inTransaction<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return inWriteTransaction(this.db, fn);
  }
}

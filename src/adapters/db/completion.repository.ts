/**
 * Occurrences marked done, on Kysely (SQLite and PostgreSQL); rows mapped here and never leave.
 * Every change is written with its audit entry in one transaction (`obligation.done`,
 * `obligation.undone`, subject the licence number), so the chain records who marked what done and
 * who took it back, and the evidence file's name, type, size and sha256. The file's bytes are
 * stored with the completion (`completion_evidence`) and read only by `findEvidenceFile`: the
 * deadline reads join its description, never its bytes.
 */
import type { Kysely, Selectable } from 'kysely';
import { DomainError } from '../../core/errors.js';
import type {
  CompletionStore,
  EvidenceFile,
  EvidenceFileContent,
  NewCompletion,
  StoredCompletion,
} from '../../ports/completion-store.js';
import { appendAuditEntries } from './append-audit.js';
import { inWriteTransaction } from './write-transaction.js';
import type { Database } from './tables/database.js';
import type { ObligationCompletionTable } from './tables/reminders.table.js';

type CompletionRow = Selectable<ObligationCompletionTable> & {
  file_name: string | null;
  media_type: string | null;
  size: number | string | null;
  sha256: string | null;
};

function rowToCompletion(r: CompletionRow): StoredCompletion {
  return {
    number: r.licence_number,
    occurrenceId: r.occurrence_id,
    on: r.done_on,
    note: r.note,
    documentSha256: r.document_sha256,
    evidenceFile:
      r.file_name === null || r.media_type === null || r.size === null || r.sha256 === null
        ? null
        : { name: r.file_name, mediaType: r.media_type, size: Number(r.size), sha256: r.sha256 },
    actor: r.actor,
    recordedAt: r.recorded_at,
  };
}

function describeFile(f: EvidenceFile | null): EvidenceFile | null {
  return f === null
    ? null
    : { name: f.name, mediaType: f.mediaType, size: f.size, sha256: f.sha256 };
}

function auditPayload(c: StoredCompletion | NewCompletion): string {
  return JSON.stringify({
    occurrenceId: c.occurrenceId,
    on: c.on,
    note: c.note,
    documentSha256: c.documentSha256,
    evidenceFile: describeFile(c.evidenceFile),
  });
}

function alreadyDone(c: NewCompletion): DomainError {
  return new DomainError(
    'CONFLICT',
    `${c.number} 的期限事项 ${c.occurrenceId} 已标记完成`,
    `${c.occurrenceId} of ${c.number} is already marked done`,
  );
}

export class KyselyCompletionStore implements CompletionStore {
  constructor(private readonly db: Kysely<Database>) {}

  async addCompletion(org: string, c: NewCompletion): Promise<void> {
    const file = c.evidenceFile;
    if (
      file !== null &&
      (file.bytes.byteLength !== file.size || c.documentSha256 !== file.sha256)
    ) {
      // a caller's bug, not the user's: the description must be the bytes'
      throw new Error('the evidence file does not match its description');
    }
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
      if (file !== null) {
        await trx
          .insertInto('completion_evidence')
          .values({
            organisation_id: org,
            licence_number: c.number,
            occurrence_id: c.occurrenceId,
            file_name: file.name,
            media_type: file.mediaType,
            size: file.size,
            sha256: file.sha256,
            bytes: file.bytes,
          })
          .execute();
      }
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
      const evidence = await trx
        .deleteFrom('completion_evidence')
        .where('organisation_id', '=', org)
        .where('licence_number', '=', number)
        .where('occurrence_id', '=', occurrenceId)
        .returning(['file_name', 'media_type', 'size', 'sha256'])
        .executeTakeFirst();
      const row = await trx
        .deleteFrom('obligation_completions')
        .where('organisation_id', '=', org)
        .where('licence_number', '=', number)
        .where('occurrence_id', '=', occurrenceId)
        .returningAll()
        .executeTakeFirst();
      if (row === undefined) return undefined;
      const removed = rowToCompletion({
        ...row,
        file_name: evidence?.file_name ?? null,
        media_type: evidence?.media_type ?? null,
        size: evidence?.size ?? null,
        sha256: evidence?.sha256 ?? null,
      });
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
      .selectFrom('obligation_completions as c')
      .leftJoin('completion_evidence as e', (join) =>
        join
          .onRef('e.organisation_id', '=', 'c.organisation_id')
          .onRef('e.licence_number', '=', 'c.licence_number')
          .onRef('e.occurrence_id', '=', 'c.occurrence_id'),
      )
      // the file's description, never its bytes
      .select([
        'c.organisation_id',
        'c.licence_number',
        'c.occurrence_id',
        'c.done_on',
        'c.note',
        'c.document_sha256',
        'c.actor',
        'c.recorded_at',
        'e.file_name',
        'e.media_type',
        'e.size',
        'e.sha256',
      ])
      .where('c.organisation_id', '=', org);
    if (number !== undefined) query = query.where('c.licence_number', '=', number);
    const rows = await query.orderBy('c.licence_number').orderBy('c.occurrence_id').execute();
    return rows.map(rowToCompletion);
  }

  async findEvidenceFile(
    org: string,
    number: string,
    occurrenceId: string,
  ): Promise<EvidenceFileContent | undefined> {
    const row = await this.db
      .selectFrom('completion_evidence')
      .select(['file_name', 'media_type', 'size', 'sha256', 'bytes'])
      .where('organisation_id', '=', org)
      .where('licence_number', '=', number)
      .where('occurrence_id', '=', occurrenceId)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const bytes = row.bytes;
    return {
      name: row.file_name,
      mediaType: row.media_type,
      size: row.size,
      sha256: row.sha256,
      // both drivers answer a Buffer: a view of its bytes, not a copy
      bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    };
  }

  private inTransaction<T>(fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
    return inWriteTransaction(this.db, fn);
  }
}

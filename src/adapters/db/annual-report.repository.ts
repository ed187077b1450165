/**
 * The annual-report cycle on Kysely (SQLite and PostgreSQL); rows are mapped here and never leave.
 * Each write runs in one transaction with its audit entry in the acting organisation's chain
 * (`annual-report.<action>`, `make-up.ordered`, `credit-list.listed`, `credit-list.removed`).
 */
import type { Kysely, Selectable } from 'kysely';
import type { Answers } from '../../core/annual-report/report.js';
import type { Prefill } from '../../core/annual-report/prefill.js';
import { DomainError } from '../../core/errors.js';
import type {
  AnnualReportStore,
  CreditList,
  CreditListEntry,
  ListingFilter,
  ListingReason,
  MakeUpOrder,
  NewReport,
  ReportAction,
  ReportAttachment,
  ReportChange,
  ReportFilter,
  ReportHistoryEntry,
  ReportStatus,
  StoredReport,
} from '../../ports/annual-report-store.js';
import { appendAuditEntries } from './append-audit.js';
import type {
  AnnualReportAttachmentTable,
  AnnualReportTable,
  CreditListEntryTable,
  MakeUpOrderTable,
} from './tables/annual-report.table.js';
import type { Database } from './tables/database.js';
import { inWriteTransaction } from './write-transaction.js';

/** An attachment's own columns, joined with its document (`a`, `d`). */
const ATTACHMENT_COLUMNS = [
  'a.id',
  'a.report_id',
  'a.item',
  'a.name',
  'a.media_type',
  'a.sha256',
  'a.added_by',
  'a.added_at',
] as const;

function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

function toAttachment(r: Selectable<AnnualReportAttachmentTable>, size: number): ReportAttachment {
  return {
    id: r.id,
    item: r.item,
    name: r.name,
    mediaType: r.media_type,
    sha256: r.sha256,
    size,
    addedBy: r.added_by,
    addedAt: r.added_at,
  };
}

function toOrder(r: Selectable<MakeUpOrderTable>): MakeUpOrder {
  return {
    id: r.id,
    authority: r.authority_id,
    number: r.number,
    year: r.year,
    orderedOn: r.ordered_on,
    dueOn: r.due_on,
    decisionNumber: r.decision_number,
    reason: r.reason,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

function toListing(r: Selectable<CreditListEntryTable>): CreditListEntry {
  return {
    id: r.id,
    list: r.list as CreditList,
    authority: r.authority_id,
    listedBy: r.listed_by,
    holderName: r.holder_name,
    creditCode: r.credit_code,
    number: r.number,
    decidedOn: r.decided_on,
    listedOn: r.listed_on,
    reasonKind: r.reason_kind as ListingReason,
    reason: r.reason,
    year: r.year,
    createdBy: r.created_by,
    removedOn: r.removed_on,
    removalReason: r.removal_reason,
    removedBy: r.removed_by,
  };
}

export class KyselyAnnualReportStore implements AnnualReportStore {
  constructor(private readonly db: Kysely<Database>) {}

  private async assemble(
    db: Kysely<Database>,
    rows: readonly Selectable<AnnualReportTable>[],
  ): Promise<StoredReport[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [history, attachments] = await Promise.all([
      db
        .selectFrom('annual_report_history')
        .selectAll()
        .where('report_id', 'in', ids)
        .orderBy('report_id')
        .orderBy('seq')
        .execute(),
      db
        .selectFrom('annual_report_attachments as a')
        .innerJoin('documents as d', 'd.sha256', 'a.sha256')
        .select([...ATTACHMENT_COLUMNS, 'd.size'])
        .where('a.report_id', 'in', ids)
        .orderBy('a.added_at')
        .orderBy('a.id')
        .execute(),
    ]);
    return rows.map((r) => ({
      id: r.id,
      organisation: r.organisation_id,
      number: r.number,
      year: r.year,
      status: r.status as ReportStatus,
      holderName: r.holder_name,
      creditCode: r.credit_code,
      answers: JSON.parse(r.answers) as Answers,
      prefill: JSON.parse(r.prefill) as Prefill,
      authority: r.authority_id,
      version: r.version,
      createdBy: r.created_by,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      signedOffBy: r.signed_off_by,
      signedOffAt: r.signed_off_at,
      submittedAt: r.submitted_at,
      decidedAt: r.decided_at,
      decidedBy: r.decided_by,
      history: history
        .filter((h) => h.report_id === r.id)
        .map((h) => ({
          at: h.at,
          organisation: h.organisation_id,
          actor: h.actor,
          action: h.action as ReportAction,
          reason: h.reason,
        })),
      attachments: attachments
        .filter((a) => a.report_id === r.id)
        .map((a) => toAttachment(a, a.size)),
    }));
  }

  private async one(db: Kysely<Database>, id: string): Promise<StoredReport | undefined> {
    const row = await db
      .selectFrom('annual_reports')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : (await this.assemble(db, [row]))[0];
  }

  private async appendHistory(
    trx: Kysely<Database>,
    reportId: string,
    number: string,
    entry: ReportHistoryEntry,
  ): Promise<void> {
    const last = await trx
      .selectFrom('annual_report_history')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('report_id', '=', reportId)
      .executeTakeFirst();
    await trx
      .insertInto('annual_report_history')
      .values({
        report_id: reportId,
        seq: (last?.seq ?? 0) + 1,
        at: entry.at,
        organisation_id: entry.organisation,
        actor: entry.actor,
        action: entry.action,
        reason: entry.reason,
      })
      .execute();
    await appendAuditEntries(trx, entry.organisation, entry.at, [
      {
        actor: entry.actor,
        action: `annual-report.${entry.action}`,
        subject: number,
        payload: JSON.stringify({ report: reportId, reason: entry.reason }),
      },
    ]);
  }

  async createReport(r: NewReport, actor: string, at: string): Promise<StoredReport> {
    try {
      return await inWriteTransaction(this.db, async (trx) => {
        await trx
          .insertInto('annual_reports')
          .values({
            id: r.id,
            organisation_id: r.organisation,
            number: r.number,
            year: r.year,
            status: 'draft',
            holder_name: r.holderName,
            credit_code: r.creditCode,
            answers: JSON.stringify(r.answers),
            prefill: JSON.stringify(r.prefill),
            authority_id: null,
            version: 1,
            created_by: actor,
            created_at: at,
            updated_at: at,
            signed_off_by: null,
            signed_off_at: null,
            submitted_at: null,
            decided_at: null,
            decided_by: null,
          })
          .execute();
        await this.appendHistory(trx, r.id, r.number, {
          at,
          organisation: r.organisation,
          actor,
          action: 'drafted',
          reason: null,
        });
        const stored = await this.one(trx, r.id);
        if (stored === undefined) throw new Error('report vanished inside its transaction');
        return stored;
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new DomainError(
          'CONFLICT',
          `已有经营许可证 ${r.number} 的 ${r.year} 年度年报`,
          `There is already an annual report on ${r.number} for ${r.year}`,
        );
      }
      throw e;
    }
  }

  findReport(id: string): Promise<StoredReport | undefined> {
    return this.one(this.db, id);
  }

  async listReports(filter: ReportFilter): Promise<StoredReport[]> {
    let q = this.db.selectFrom('annual_reports').selectAll();
    if (filter.organisation !== undefined) q = q.where('organisation_id', '=', filter.organisation);
    if (filter.authority !== undefined) q = q.where('authority_id', '=', filter.authority);
    if (filter.number !== undefined) q = q.where('number', '=', filter.number);
    if (filter.numbers !== undefined) {
      if (filter.numbers.length === 0) return [];
      q = q.where('number', 'in', [...filter.numbers]);
    }
    if (filter.year !== undefined) q = q.where('year', '=', filter.year);
    if (filter.statuses !== undefined) {
      if (filter.statuses.length === 0) return [];
      q = q.where('status', 'in', [...filter.statuses]);
    }
    const rows = await q.orderBy('year', 'desc').orderBy('number').orderBy('id').execute();
    return this.assemble(this.db, rows);
  }

  private async bump(
    trx: Kysely<Database>,
    id: string,
    expectedVersion: number,
    change: ReportChange,
    at: string,
  ): Promise<StoredReport> {
    const current = await this.one(trx, id);
    if (current === undefined) {
      throw new DomainError('NOT_FOUND', `没有年报 ${id}`, `There is no annual report ${id}`);
    }
    const result = await trx
      .updateTable('annual_reports')
      .set({
        version: current.version + 1,
        updated_at: at,
        ...(change.status === undefined ? {} : { status: change.status }),
        ...(change.answers === undefined ? {} : { answers: JSON.stringify(change.answers) }),
        ...(change.authority === undefined ? {} : { authority_id: change.authority }),
        ...(change.signedOffBy === undefined ? {} : { signed_off_by: change.signedOffBy }),
        ...(change.signedOffAt === undefined ? {} : { signed_off_at: change.signedOffAt }),
        ...(change.submittedAt === undefined ? {} : { submitted_at: change.submittedAt }),
        ...(change.decidedAt === undefined ? {} : { decided_at: change.decidedAt }),
        ...(change.decidedBy === undefined ? {} : { decided_by: change.decidedBy }),
      })
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new DomainError(
        'CONFLICT',
        `年报已被他人修改（现为第 ${current.version} 版，您看到的是第 ${expectedVersion} 版），请刷新后再改`,
        `The report was changed by someone else (now version ${current.version}, you saw ${expectedVersion}); reload and try again`,
      );
    }
    return current;
  }

  async updateReport(
    id: string,
    expectedVersion: number,
    change: ReportChange,
    entry: ReportHistoryEntry,
  ): Promise<StoredReport> {
    return inWriteTransaction(this.db, async (trx) => {
      const before = await this.bump(trx, id, expectedVersion, change, entry.at);
      await this.appendHistory(trx, id, before.number, entry);
      const after = await this.one(trx, id);
      if (after === undefined) throw new Error('report vanished inside its transaction');
      return after;
    });
  }

  async addAttachment(
    id: string,
    expectedVersion: number,
    a: Omit<ReportAttachment, 'size'> & { readonly bytes: Uint8Array },
    entry: ReportHistoryEntry,
  ): Promise<StoredReport> {
    return inWriteTransaction(this.db, async (trx) => {
      const before = await this.bump(trx, id, expectedVersion, {}, entry.at);
      await trx
        .insertInto('documents')
        .values({
          sha256: a.sha256,
          format: a.mediaType,
          size: a.bytes.length,
          bytes: a.bytes,
          created_at: entry.at,
        })
        .onConflict((oc) => oc.column('sha256').doNothing())
        .execute();
      await trx
        .insertInto('annual_report_attachments')
        .values({
          id: a.id,
          report_id: id,
          item: a.item,
          name: a.name,
          media_type: a.mediaType,
          sha256: a.sha256,
          added_by: a.addedBy,
          added_at: a.addedAt,
        })
        .execute();
      await this.appendHistory(trx, id, before.number, {
        ...entry,
        reason: `${a.name} sha256:${a.sha256}`,
      });
      const after = await this.one(trx, id);
      if (after === undefined) throw new Error('report vanished inside its transaction');
      return after;
    });
  }

  async readAttachment(
    reportId: string,
    attachmentId: string,
  ): Promise<{ attachment: ReportAttachment; bytes: Uint8Array } | undefined> {
    const row = await this.db
      .selectFrom('annual_report_attachments as a')
      .innerJoin('documents as d', 'd.sha256', 'a.sha256')
      .select([...ATTACHMENT_COLUMNS, 'd.bytes'])
      .where('a.report_id', '=', reportId)
      .where('a.id', '=', attachmentId)
      .executeTakeFirst();
    if (row === undefined) return undefined;
    const bytes = new Uint8Array(row.bytes);
    return { attachment: toAttachment(row, bytes.length), bytes };
  }

  async createOrder(order: MakeUpOrder): Promise<MakeUpOrder> {
    try {
      return await inWriteTransaction(this.db, async (trx) => {
        await trx
          .insertInto('make_up_orders')
          .values({
            id: order.id,
            authority_id: order.authority,
            number: order.number,
            year: order.year,
            ordered_on: order.orderedOn,
            due_on: order.dueOn,
            decision_number: order.decisionNumber,
            reason: order.reason,
            created_by: order.createdBy,
            created_at: order.createdAt,
          })
          .execute();
        await appendAuditEntries(trx, order.authority, order.createdAt, [
          {
            actor: order.createdBy,
            action: 'make-up.ordered',
            subject: order.number,
            payload: JSON.stringify({
              year: order.year,
              orderedOn: order.orderedOn,
              dueOn: order.dueOn,
              decisionNumber: order.decisionNumber,
              reason: order.reason,
            }),
          },
        ]);
        return order;
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw new DomainError(
          'CONFLICT',
          `已就经营许可证 ${order.number} 的 ${order.year} 年度年报发出限期补报通知`,
          `A make-up order for ${order.number}'s ${order.year} report was already issued`,
        );
      }
      throw e;
    }
  }

  async listOrders(filter: {
    authority?: string;
    number?: string;
    numbers?: readonly string[];
    year?: number;
  }): Promise<MakeUpOrder[]> {
    let q = this.db.selectFrom('make_up_orders').selectAll();
    if (filter.authority !== undefined) q = q.where('authority_id', '=', filter.authority);
    if (filter.number !== undefined) q = q.where('number', '=', filter.number);
    if (filter.numbers !== undefined) {
      if (filter.numbers.length === 0) return [];
      q = q.where('number', 'in', [...filter.numbers]);
    }
    if (filter.year !== undefined) q = q.where('year', '=', filter.year);
    const rows = await q.orderBy('ordered_on').orderBy('number').execute();
    return rows.map(toOrder);
  }

  async addListing(entry: CreditListEntry): Promise<CreditListEntry> {
    return inWriteTransaction(this.db, async (trx) => {
      let dup = trx
        .selectFrom('credit_list_entries')
        .select('id')
        .where('number', '=', entry.number)
        .where('list', '=', entry.list)
        .where('removed_on', 'is', null);
      dup =
        entry.year === null ? dup.where('year', 'is', null) : dup.where('year', '=', entry.year);
      const existing = await dup.executeTakeFirst();
      if (existing !== undefined) {
        throw new DomainError(
          'CONFLICT',
          `经营许可证 ${entry.number} 已因同一事由在名单中（${existing.id}）`,
          `Licence ${entry.number} is already on the list for the same cause (${existing.id})`,
        );
      }
      await trx
        .insertInto('credit_list_entries')
        .values({
          id: entry.id,
          list: entry.list,
          authority_id: entry.authority,
          listed_by: entry.listedBy,
          holder_name: entry.holderName,
          credit_code: entry.creditCode,
          number: entry.number,
          decided_on: entry.decidedOn,
          listed_on: entry.listedOn,
          reason_kind: entry.reasonKind,
          reason: entry.reason,
          year: entry.year,
          created_by: entry.createdBy,
          removed_on: null,
          removal_reason: null,
          removed_by: null,
        })
        .execute();
      await appendAuditEntries(trx, entry.authority, `${entry.listedOn}T00:00:00.000Z`, [
        {
          actor: entry.createdBy,
          action: 'credit-list.listed',
          subject: entry.number,
          payload: JSON.stringify({
            id: entry.id,
            list: entry.list,
            decidedOn: entry.decidedOn,
            reasonKind: entry.reasonKind,
            reason: entry.reason,
            year: entry.year,
          }),
        },
      ]);
      return entry;
    });
  }

  async removeListing(
    id: string,
    removal: { on: string; reason: string; by: string },
  ): Promise<CreditListEntry> {
    return inWriteTransaction(this.db, async (trx) => {
      const row = await trx
        .selectFrom('credit_list_entries')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (row === undefined) {
        throw new DomainError('NOT_FOUND', `名单中没有条目 ${id}`, `The lists have no entry ${id}`);
      }
      const result = await trx
        .updateTable('credit_list_entries')
        .set({ removed_on: removal.on, removal_reason: removal.reason, removed_by: removal.by })
        .where('id', '=', id)
        .where('removed_on', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) {
        throw new DomainError(
          'CONFLICT',
          `条目 ${id} 已于 ${row.removed_on ?? ''} 移出名单`,
          `Entry ${id} was already removed on ${row.removed_on ?? ''}`,
        );
      }
      await appendAuditEntries(trx, row.authority_id, `${removal.on}T00:00:00.000Z`, [
        {
          actor: removal.by,
          action: 'credit-list.removed',
          subject: row.number,
          payload: JSON.stringify({ id, on: removal.on, reason: removal.reason }),
        },
      ]);
      return toListing({
        ...row,
        removed_on: removal.on,
        removal_reason: removal.reason,
        removed_by: removal.by,
      });
    });
  }

  async findListing(id: string): Promise<CreditListEntry | undefined> {
    const row = await this.db
      .selectFrom('credit_list_entries')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : toListing(row);
  }

  async listListings(filter: ListingFilter): Promise<CreditListEntry[]> {
    let q = this.db.selectFrom('credit_list_entries').selectAll();
    if (filter.authority !== undefined) q = q.where('authority_id', '=', filter.authority);
    if (filter.number !== undefined) q = q.where('number', '=', filter.number);
    if (filter.list !== undefined) q = q.where('list', '=', filter.list);
    if (filter.current === true) q = q.where('removed_on', 'is', null);
    const rows = await q.orderBy('listed_on', 'desc').orderBy('number').orderBy('id').execute();
    return rows.map(toListing);
  }
}

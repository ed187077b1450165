/**
 * The annual-report cycle's records (docs/annual-report.md): holders' reports with their history and
 * attachments, the authorities' make-up orders (限期补报) and the credit lists (不良名单, 失信名单).
 * Every write is audited in the acting organisation's chain, in the transaction that makes it.
 */
import type { Answers } from '../core/annual-report/report.js';
import type { Prefill } from '../core/annual-report/prefill.js';
import type { IsoDate } from '../core/licence.js';

export type ReportStatus = 'draft' | 'signed-off' | 'submitted' | 'returned' | 'accepted';

export type ReportAction =
  'drafted' | 'saved' | 'attached' | 'signed-off' | 'submitted' | 'returned' | 'accepted';

export interface ReportHistoryEntry {
  readonly at: string;
  /** the organisation that acted: the holder, or the authority that decided */
  readonly organisation: string;
  readonly actor: string;
  readonly action: ReportAction;
  /** a return's reasons, an acceptance's note */
  readonly reason: string | null;
}

export interface ReportAttachment {
  readonly id: string;
  /** the art. 35 item it supports (1–6) */
  readonly item: number;
  readonly name: string;
  readonly mediaType: string;
  readonly sha256: string;
  readonly size: number;
  readonly addedBy: string;
  readonly addedAt: string;
}

export interface StoredReport {
  readonly id: string;
  /** the holder organisation that files it */
  readonly organisation: string;
  readonly number: string;
  /** the year reported on */
  readonly year: number;
  readonly status: ReportStatus;
  /** the holder as the licence names it when the draft was made */
  readonly holderName: string | null;
  readonly creditCode: string | null;
  readonly answers: Answers;
  readonly prefill: Prefill;
  /** the authority organisation it was submitted to; null before submission */
  readonly authority: string | null;
  /** +1 on every write: the optimistic-locking token */
  readonly version: number;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly signedOffBy: string | null;
  readonly signedOffAt: string | null;
  /** the last submission */
  readonly submittedAt: string | null;
  readonly decidedAt: string | null;
  readonly decidedBy: string | null;
  readonly history: readonly ReportHistoryEntry[];
  readonly attachments: readonly ReportAttachment[];
}

export interface NewReport {
  readonly id: string;
  readonly organisation: string;
  readonly number: string;
  readonly year: number;
  readonly holderName: string | null;
  readonly creditCode: string | null;
  readonly answers: Answers;
  readonly prefill: Prefill;
}

/** One write to a report: the fields it changes and the history line it adds. */
export interface ReportChange {
  readonly status?: ReportStatus;
  readonly answers?: Answers;
  readonly authority?: string | null;
  readonly signedOffBy?: string | null;
  readonly signedOffAt?: string | null;
  readonly submittedAt?: string | null;
  readonly decidedAt?: string | null;
  readonly decidedBy?: string | null;
}

export interface ReportFilter {
  readonly organisation?: string;
  readonly authority?: string;
  readonly number?: string;
  /** any of these numbers (a page of an organisation's licences) */
  readonly numbers?: readonly string[];
  readonly year?: number;
  readonly statuses?: readonly ReportStatus[];
}

export interface MakeUpOrder {
  readonly id: string;
  readonly authority: string;
  readonly number: string;
  /** the year whose report is missing */
  readonly year: number;
  readonly orderedOn: IsoDate;
  /** the last day to file (one month, 民法典 arts. 201–203) */
  readonly dueOn: IsoDate;
  readonly decisionNumber: string;
  readonly reason: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

export type CreditList = 'bad' | 'dishonest';

/** Why a holder was listed: a missing annual report after an order (art. 38), a penalty (art. 42), other. */
export type ListingReason = 'annual-report-missing' | 'penalty' | 'other';

export interface CreditListEntry {
  readonly id: string;
  readonly list: CreditList;
  /** the authority organisation that listed it */
  readonly authority: string;
  /** 列入单位: the authority's name */
  readonly listedBy: string;
  /** 经营者名称 */
  readonly holderName: string;
  /** 统一社会信用代码 */
  readonly creditCode: string | null;
  /** 许可证编号 */
  readonly number: string;
  /** 处理日期: the day of the decision */
  readonly decidedOn: IsoDate;
  /** the day it was carried into the list */
  readonly listedOn: IsoDate;
  readonly reasonKind: ListingReason;
  /** 列入事由 */
  readonly reason: string;
  /** the report year, for `annual-report-missing` */
  readonly year: number | null;
  readonly createdBy: string;
  readonly removedOn: IsoDate | null;
  readonly removalReason: string | null;
  readonly removedBy: string | null;
}

export interface ListingFilter {
  readonly authority?: string;
  readonly number?: string;
  readonly list?: CreditList;
  /** only entries not removed */
  readonly current?: boolean;
}

export interface AnnualReportStore {
  /** CONFLICT when the organisation already has a report on that licence and year. */
  createReport(r: NewReport, actor: string, at: string): Promise<StoredReport>;
  findReport(id: string): Promise<StoredReport | undefined>;
  listReports(filter: ReportFilter): Promise<StoredReport[]>;
  /**
   * Apply a change and its history line, audited in `actingOrg`'s chain. CONFLICT when the stored
   * version is not `expectedVersion` (another person saved first).
   */
  updateReport(
    id: string,
    expectedVersion: number,
    change: ReportChange,
    entry: ReportHistoryEntry,
  ): Promise<StoredReport>;
  addAttachment(
    id: string,
    expectedVersion: number,
    attachment: Omit<ReportAttachment, 'size'> & { readonly bytes: Uint8Array },
    entry: ReportHistoryEntry,
  ): Promise<StoredReport>;
  readAttachment(
    reportId: string,
    attachmentId: string,
  ): Promise<{ readonly attachment: ReportAttachment; readonly bytes: Uint8Array } | undefined>;

  /** CONFLICT when the authority already ordered that licence for that year. Audited. */
  createOrder(order: MakeUpOrder): Promise<MakeUpOrder>;
  listOrders(filter: {
    readonly authority?: string;
    readonly number?: string;
    /** any of these numbers */
    readonly numbers?: readonly string[];
    readonly year?: number;
  }): Promise<MakeUpOrder[]>;

  /** CONFLICT when the licence is already on that list, not removed, for the same year. Audited. */
  addListing(entry: CreditListEntry): Promise<CreditListEntry>;
  /** CONFLICT when already removed. Audited in the entry's authority's chain. */
  removeListing(
    id: string,
    removal: { readonly on: IsoDate; readonly reason: string; readonly by: string },
  ): Promise<CreditListEntry>;
  findListing(id: string): Promise<CreditListEntry | undefined>;
  listListings(filter: ListingFilter): Promise<CreditListEntry[]>;
}

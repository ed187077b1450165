/**
 * Bulk verification (docs/bulk-check.md): a platform checks many customers, or many documents, in
 * one batch. Pure types of the batch's input rows, its report and the changes between two runs.
 */
import type { Severity } from '../checks/finding.js';
import type { ParseResult } from '../licence.js';
import type { Validity, Verdict } from '../trust/types.js';

export const BULK_CHECK_SCHEMA_ID = 'xuke.bulk-check/v1';

/** The most customers one list may hold (a larger list is refused, not truncated). */
export const MAX_BULK_ROWS = 10_000;

/** Where a row of the report came from: a list's row (1-based, the header is row 1) or a document. */
export type RowSource =
  | { readonly kind: 'list'; readonly row: number }
  | { readonly kind: 'document'; readonly entry: string };

/**
 * What could not be used in one row or document, named by row and column (a list) or entry (a
 * ZIP or a folder). The batch goes on; the row's status is `error`.
 */
export interface RowProblem {
  readonly code: string;
  /** 1-based row of the list (the header is row 1) */
  readonly row?: number;
  /** the column's heading as written, with its letter: `许可证编号 (B)` */
  readonly column?: string;
  /** the document's name in the ZIP or folder */
  readonly entry?: string;
  readonly message: string;
  readonly messageEn: string;
}

/** One customer of a list, as read: the licence number canonical when it is one. */
export interface CustomerRow {
  readonly row: number;
  readonly customer: string;
  /** canonical licence number, or null when the cell is empty or malformed (see `problem`) */
  readonly licence: string | null;
  /** the cell as written (for messages and the report when it is not a number) */
  readonly licenceAsWritten: string;
  readonly domains: readonly string[];
  readonly problem: RowProblem | null;
}

/**
 * The outcome of one row, for people scanning thousands of them:
 * - `pass`: the licence is found, verified against the register (or a current confirmation), in
 *   force, with no error finding, and covers every domain;
 * - `review`: nothing contradicts it, but something needs a person: not compared with an issuer
 *   (`unverified`), expiring, validity unknown, or warnings;
 * - `fail`: not found, a mismatch or suspect verdict, not in force, an error finding, or a domain
 *   no licence covers;
 * - `error`: the row or document could not be used (malformed licence number, unreadable file).
 */
export const RowStatus = {
  pass: 'pass',
  review: 'review',
  fail: 'fail',
  error: 'error',
} as const;
export type RowStatus = (typeof RowStatus)[keyof typeof RowStatus];
export const ROW_STATUSES: readonly RowStatus[] = Object.values(RowStatus);

/** Whether a licence covers one of the customer's domains (registrable-domain match). */
export interface DomainCoverage {
  /** the domain as the list (or the document) gives it */
  readonly domain: string;
  readonly covered: boolean;
  /** the licence's domain that covers it (same registrable domain), or null */
  readonly coveredBy: string | null;
}

/** A finding, as the batch report carries it (the rule and the words; the full one is in `xuke check`). */
export interface BulkFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly messageEn: string;
}

/** One row of the report: a customer of a list, or a document of a ZIP or folder. */
export interface BulkRow {
  readonly source: RowSource;
  /** the customer id of the list; a document's name */
  readonly customer: string;
  /** canonical licence number (or as written when it is not one); null when none */
  readonly licence: string | null;
  /** whether a licence record was found (the organisation's copy or a register entry) */
  readonly found: boolean;
  /** null only for `error` rows */
  readonly verdict: Verdict | null;
  readonly verdictReason: string | null;
  readonly verdictReasonEn: string | null;
  readonly validity: Validity | null;
  readonly status: RowStatus;
  /** the holder's name on the record, when found */
  readonly holder: string | null;
  readonly expiresOn: string | null;
  /** the register's side, when a register or a confirmation was compared with */
  readonly register: {
    readonly provenance: string;
    readonly authority: string | null;
    readonly found: boolean;
    readonly status: string | null;
  } | null;
  readonly findings: readonly BulkFinding[];
  readonly domains: readonly DomainCoverage[];
  readonly problem: RowProblem | null;
}

/** What changed for one customer between two runs. */
export interface RowChange {
  readonly key: string;
  readonly customer: string;
  readonly licence: string | null;
  readonly changes: readonly {
    readonly field: 'verdict' | 'status' | 'validity' | 'found' | 'domains';
    readonly before: string;
    readonly after: string;
  }[];
}

/** The changes between a previous run and this one, per customer (or document). */
export interface BulkDiff {
  /** the previous run's id (an API job) or file (the CLI's --since), and when it ran */
  readonly since: { readonly id: string | null; readonly createdAt: string | null };
  readonly added: readonly { readonly key: string; readonly status: RowStatus }[];
  readonly removed: readonly { readonly key: string; readonly status: RowStatus }[];
  readonly changed: readonly RowChange[];
  readonly unchanged: number;
}

export interface BulkSummary {
  readonly total: number;
  readonly pass: number;
  readonly review: number;
  readonly fail: number;
  readonly error: number;
  /** rows whose licence was not found */
  readonly notFound: number;
  /** rows with at least one domain no licence covers */
  readonly uncoveredDomains: number;
}

/** `xuke.bulk-check/v1`: the batch's report, as JSON, and the source of the CSV and XLSX exports. */
export interface BulkReport {
  readonly schema: typeof BULK_CHECK_SCHEMA_ID;
  readonly organisation: string | null;
  /** the day the batch was checked as of */
  readonly today: string;
  readonly createdAt: string;
  readonly input: {
    readonly kind: 'list' | 'documents';
    readonly name: string;
    readonly count: number;
  };
  readonly summary: BulkSummary;
  readonly rows: readonly BulkRow[];
  /** with a re-check: what changed since the previous run */
  readonly changes: BulkDiff | null;
}

/** A document of a batch, read: its ParseResult, or why it could not be read. */
export type PreparedDocument =
  | { readonly name: string; readonly parse: ParseResult; readonly problem: null }
  | { readonly name: string; readonly parse: null; readonly problem: RowProblem };

/** A document as the ZIP or folder hands it over: its bytes, or why they could not be taken. */
export type DocumentEntry =
  | { readonly name: string; readonly bytes: Uint8Array }
  | { readonly name: string; readonly problem: RowProblem };

/** What a batch checks; kept by a job so a re-check runs the same input again. */
export type BulkInput =
  | { readonly kind: 'list'; readonly name: string; readonly customers: readonly CustomerRow[] }
  | {
      readonly kind: 'documents';
      readonly name: string;
      readonly documents: readonly PreparedDocument[];
    };

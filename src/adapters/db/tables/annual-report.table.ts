/** The annual-report cycle's tables (migration 2026_12_09_1000_annual_reports). */
export interface AnnualReportTable {
  id: string;
  organisation_id: string;
  number: string;
  year: number;
  status: string;
  holder_name: string | null;
  credit_code: string | null;
  /** JSON */
  answers: string;
  /** JSON */
  prefill: string;
  authority_id: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  signed_off_by: string | null;
  signed_off_at: string | null;
  submitted_at: string | null;
  decided_at: string | null;
  decided_by: string | null;
}

export interface AnnualReportHistoryTable {
  report_id: string;
  seq: number;
  at: string;
  organisation_id: string;
  actor: string;
  action: string;
  reason: string | null;
}

export interface AnnualReportAttachmentTable {
  id: string;
  report_id: string;
  item: number;
  name: string;
  media_type: string;
  sha256: string;
  added_by: string;
  added_at: string;
}

export interface MakeUpOrderTable {
  id: string;
  authority_id: string;
  number: string;
  year: number;
  ordered_on: string;
  due_on: string;
  decision_number: string;
  reason: string;
  created_by: string;
  created_at: string;
}

export interface CreditListEntryTable {
  id: string;
  list: string;
  authority_id: string;
  listed_by: string;
  holder_name: string;
  credit_code: string | null;
  number: string;
  decided_on: string;
  listed_on: string;
  reason_kind: string;
  reason: string;
  year: number | null;
  created_by: string;
  removed_on: string | null;
  removal_reason: string | null;
  removed_by: string | null;
}

/** Occurrences marked done, with their evidence (one per organisation, licence and occurrence). */
export interface ObligationCompletionTable {
  organisation_id: string;
  licence_number: string;
  occurrence_id: string;
  done_on: string;
  note: string;
  document_sha256: string | null;
  actor: string;
  recorded_at: string;
}

/** A completion's evidence file (one per completion, removed with it). */
export interface CompletionEvidenceTable {
  organisation_id: string;
  licence_number: string;
  occurrence_id: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  bytes: Uint8Array;
}

/** The reminders' sent-log: one row per (organisation, reminder key, channel). */
export interface ReminderLogTable {
  organisation_id: string;
  reminder_key: string;
  channel: string;
  status: string;
  attempts: number;
  claimed_at: string;
  sent_at: string | null;
  last_error: string | null;
  next_attempt_at: string | null;
  created_at: string;
}

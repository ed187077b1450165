/**
 * The append-only audit log, one hash chain per organisation: `hash` = sha256 over the entry and
 * `prev_hash`, so an edited, removed or reordered entry breaks the chain.
 */
export interface AuditLogTable {
  organisation_id: string;
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

/** The head of each chain: the last sequence number and hash, so a truncated tail is detected. */
export interface AuditHeadTable {
  organisation_id: string;
  seq: number;
  hash: string;
}

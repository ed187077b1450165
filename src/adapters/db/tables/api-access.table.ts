/** API tokens: only the sha256 of each secret is stored; the secret is shown once. */
export interface ApiTokenTable {
  id: string;
  organisation_id: string;
  role: string;
  kind: string;
  name: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
  /** the person who created it (a user id); null for tokens made by the operator or before people */
  created_by: string | null;
  /** the last time it authenticated a request (written at most once a minute) */
  last_used_at: string | null;
  /** after this it authenticates nothing; null: until revoked */
  expires_at: string | null;
}

/** Obligation events a holder recorded against a licence (not lifecycle events). */
export interface ObligationEventTable {
  id: string;
  organisation_id: string;
  licence_number: string;
  kind: string;
  date: string;
  note: string | null;
  actor: string;
  recorded_at: string;
}

/** Webhook subscriptions for reminders, per organisation. */
export interface WebhookTable {
  id: string;
  organisation_id: string;
  url: string;
  secret: string;
  description: string;
  created_at: string;
}

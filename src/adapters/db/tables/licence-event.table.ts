import type { Generated } from 'kysely';

/** Lifecycle events: who, when, why, and the version and status they left the licence in. */
export interface LicenceEventTable {
  id: Generated<number>;
  organisation_id: string;
  licence_id: number;
  kind: string;
  occurred_on: string;
  note: string | null;
  actor: string;
  recorded_at: string;
  version: number;
  status: string;
  /** event details (expiresOn, year), JSON, or null */
  data: string | null;
}

import type { Generated } from 'kysely';

/** The current version of each licence, with the columns look-ups need pulled out of the record. */
export interface LicenceTable {
  id: Generated<number>;
  organisation_id: string;
  /** canonical number (licence-number.ts), unique within the organisation */
  number: string;
  status: string;
  /** optimistic-locking counter: 1 on issue, +1 with every event */
  version: number;
  holder_name: string | null;
  issued_on: string | null;
  expires_on: string | null;
  /** the record `xuke.licence/v1`, JSON */
  record: string;
  /** issued, declared, confirmed or mirrored (core/trust Provenance) */
  provenance: string;
  created_at: string;
  updated_at: string;
}

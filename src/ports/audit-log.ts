/**
 * A filtered read of an organisation's audit chain (docs/accounts.md, "The audit log's API"): by
 * person (their own actions and those of the tokens they created), licence, action and period.
 */
import type { AuditEntry } from './access-store.js';

export interface AuditFilter {
  /** entries with seq greater than this */
  readonly after: number;
  readonly limit: number;
  /** a person's id */
  readonly person?: string;
  /** the subject: a licence number (canonical), an organisation id, a key id … */
  readonly subject?: string;
  readonly action?: string;
  /** ISO instants: at >= from, at < to */
  readonly from?: string;
  readonly to?: string;
}

export interface AuditLog {
  /** matching entries, oldest first */
  list(org: string, filter: AuditFilter): Promise<AuditEntry[]>;
}

/**
 * The LicenceStore on Kysely: one query code for SQLite and PostgreSQL, split by job.
 *
 * - licence-queries.ts: one licence, look-ups (filters, cursor), history, documents
 * - licence-writes.ts: new licences and new versions, with one path for the rows they derive
 *   (versions, domain and name-pair indexes, events, audit entries)
 * - audit-verify.ts reads the audit log; audit-chain-walk.ts verifies it, pure
 * - planner-statistics.ts: the query planner's statistics (not part of this port)
 *
 * This class binds them to a database and a clock, and runs writes in one transaction.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../../ports/clock.js';
import type {
  AuditVerification,
  LicenceEvent,
  LicenceQuery,
  LicenceStore,
  LicenceUpdate,
  LicenceVersion,
  NewLicence,
  Page,
  StoredDocument,
  StoredLicence,
} from '../../ports/licence-store.js';
import { verifyAuditLog } from './audit-verify.js';
import * as queries from './licence-queries.js';
import * as writes from './licence-writes.js';
import type { Database } from './tables/database.js';
import { inWriteTransaction } from './write-transaction.js';

export class KyselyLicenceStore implements LicenceStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** Run `fn` with a store bound to one transaction (this one, when already inside). */
  transaction<T>(fn: (store: LicenceStore) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return fn(this);
    return inWriteTransaction(this.db, (trx) => fn(new KyselyLicenceStore(trx, this.clock)));
  }

  findLicence(org: string, number: string): Promise<StoredLicence | undefined> {
    return queries.findLicence(this.db, org, number);
  }

  countLicences(org: string, filter?: Parameters<LicenceStore['countLicences']>[1]) {
    return queries.countLicences(this.db, org, filter);
  }

  findLicences(org: string, query: LicenceQuery): Promise<Page<StoredLicence>> {
    return queries.findLicences(this.db, org, query);
  }

  async createLicences(org: string, items: readonly NewLicence[]): Promise<StoredLicence[]> {
    if (items.length === 0) return [];
    return inWriteTransaction(this.db, (trx) =>
      writes.createLicences(trx, org, items, this.clock.now().toISOString()),
    );
  }

  updateLicence(org: string, update: LicenceUpdate): Promise<StoredLicence> {
    return inWriteTransaction(this.db, (trx) =>
      writes.updateLicence(trx, org, update, this.clock.now().toISOString()),
    );
  }

  listVersions(org: string, number: string): Promise<LicenceVersion[]> {
    return queries.listVersions(this.db, org, number);
  }

  listEvents(org: string, number: string): Promise<LicenceEvent[]> {
    return queries.listEvents(this.db, org, number);
  }

  listRecentEvents(org: string, limit: number): Promise<LicenceEvent[]> {
    return queries.listRecentEvents(this.db, org, limit);
  }

  hasDocument(org: string, sha256: string): Promise<boolean> {
    return queries.hasDocument(this.db, org, sha256);
  }

  findLicenceDocument(
    org: string,
    number: string,
    sha256: string,
  ): Promise<StoredDocument | undefined> {
    return queries.findLicenceDocument(this.db, org, number, sha256);
  }

  verifyAudit(org: string): Promise<AuditVerification> {
    return verifyAuditLog(this.db, org);
  }
}

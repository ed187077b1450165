/**
 * The query planner's statistics over the registry's tables, refreshed after a bulk change (an
 * import). Without them SQLite walks the (organisation, number) index to avoid a sort instead of
 * starting from the selective domain or name index; with them every look-up starts where it should.
 * Not part of LicenceStore: it is the engine's upkeep, not the registry's data.
 */
import { sql, type Kysely } from 'kysely';
import type { RegistryStatistics } from '../../ports/licence-store.js';
import { dialectOf } from './dialect-of.js';
import type { Database } from './tables/database.js';

export async function refreshPlannerStatistics(db: Kysely<Database>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql`pragma analysis_limit = 400`.execute(db);
    await sql`pragma optimize = 0x10002`.execute(db);
  } else {
    await sql`analyze licences, licence_domains, licence_name_grams, licence_versions`.execute(db);
  }
}

/** The RegistryStatistics port on a database. */
export function kyselyRegistryStatistics(db: Kysely<Database>): RegistryStatistics {
  return { refresh: () => refreshPlannerStatistics(db) };
}

/**
 * Work that instances starting together on one PostgreSQL database must do one at a time: creating
 * pg-boss's queues, seeding a new database, making its first administrator. Each checks what
 * exists and then writes, so two instances running it at once both write: a duplicate key, or
 * a deadlock, and an instance that fails to start. A session-level advisory lock, held on one
 * connection of the pool while `work` runs, makes the others wait their turn; PostgreSQL releases
 * it with the session if the instance dies. On SQLite one process owns the database file, and
 * `work` simply runs.
 */
import { sql, type Kysely } from 'kysely';
import type { Database, SqlDialect } from './tables/database.js';

export async function withInstanceLock<T>(
  database: { readonly db: Kysely<Database>; readonly dialect: SqlDialect },
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  if (database.dialect !== 'postgres') return work();
  const key = sql`hashtextextended(${`xuke.${name}`}, 0)`;
  return database.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${key})`.execute(conn);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${key})`.execute(conn);
    }
  });
}

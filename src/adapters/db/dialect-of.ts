import { PostgresAdapter, type QueryExecutor } from 'kysely';
import type { SqlDialect } from './tables/database.js';

/** Which engine a Kysely instance talks to: for the few places where the engines truly differ. */
export function dialectOf(db: { getExecutor(): QueryExecutor }): SqlDialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

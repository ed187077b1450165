/**
 * One write transaction for the stores: the caller's, when already inside one, else a new one.
 * On SQLite it begins as the writer and waits its turn for the write lock (sqlite-writers.ts), so
 * a read-then-write transaction is never refused for another process's commit. Contention the
 * engine still reports (SQLite busy past the wait, PostgreSQL serialization failure or deadlock)
 * becomes a CONFLICT the client can retry; the import retries a file's write itself.
 */
import type { Kysely } from 'kysely';
import { DomainError } from '../../core/errors.js';
import type { Database } from './tables/database.js';

export function isContention(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' &&
    (code.startsWith('SQLITE_BUSY') || code === '40001' || code === '40P01')
  );
}

export async function inWriteTransaction<T>(
  db: Kysely<Database>,
  fn: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return fn(db);
  try {
    return await db.transaction().execute(fn);
  } catch (e) {
    if (isContention(e)) {
      throw new DomainError(
        'CONFLICT',
        '数据库正被另一写入者修改，请重试',
        'Another writer changed the database at the same time; try again',
        { cause: e },
      );
    }
    throw e;
  }
}

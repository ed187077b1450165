/**
 * Work that instances starting together on one PostgreSQL database must do one at a time: creating
 * pg-boss's queues, seeding a new database, making its first administrator. Each checks what
 * exists and then writes, so two instances running it at once both write: a duplicate key, or
 * a deadlock, and an instance that fails to start. A session-level advisory lock makes the others
 * wait their turn. It is held on a connection of its own, not one of the pool's: `work` uses the
 * pool, which may be a single connection (XUKE_DB_POOL_MAX=1). Ending that session releases the
 * lock, as PostgreSQL does if the instance dies. On SQLite one process owns the database file, and
 * `work` simply runs.
 */
export async function withInstanceLock<T>(
  database: { readonly dialect: 'sqlite' } | { readonly dialect: 'postgres'; readonly url: string },
  name: string,
  work: () => Promise<T>,
): Promise<T> {
  if (database.dialect !== 'postgres') return work();
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: database.url, application_name: 'xuke-lock' });
  // a lost connection surfaces on the next query, or as the lock released; never as a crash
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('select pg_advisory_lock(hashtextextended($1, 0))', [`xuke.${name}`]);
    return await work();
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * SQLite writers that wait their turn. Kysely's SQLite driver opens every transaction with a plain
 * (deferred) `begin`: the transaction reads from a snapshot and upgrades to a writer at its first
 * write, and when another process committed in between, SQLite refuses the upgrade at once
 * (SQLITE_BUSY_SNAPSHOT: no busy timeout helps). Two importers on one file then lost hundreds of
 * files between them (issue 19).
 *
 * Here a transaction starts as the writer (`begin immediate`), so its reads and writes see one
 * state no other writer can change until it commits. Taking the write lock is tried without the
 * busy timeout's synchronous wait (which would hold the whole event loop, the lock's holder
 * included when it is in this process) and retried asynchronously with a growing, jittered pause
 * until a deadline: past it, the engine's SQLITE_BUSY goes to the caller (write-transaction.ts
 * makes it a CONFLICT). A transaction asked for as `read only` keeps the deferred `begin`.
 *
 * Statements outside transactions keep the connection's busy timeout.
 */
import type BetterSqlite3 from 'better-sqlite3';
import {
  CompiledQuery,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type TransactionSettings,
} from 'kysely';

export interface WriterWait {
  /** how long a transaction may wait for the write lock in all, in milliseconds */
  readonly maxWaitMs: number;
  /** the connection's busy timeout, restored after each attempt (milliseconds) */
  readonly busyTimeoutMs: number;
}

/** Waiting for the write lock: up to 30 s, in pauses of 1 ms growing to 50 ms. */
export const DEFAULT_WRITER_WAIT: WriterWait = { maxWaitMs: 30_000, busyTimeoutMs: 5000 };

const FIRST_PAUSE_MS = 1;
const LONGEST_PAUSE_MS = 50;

/** SQLITE_BUSY and its extended codes (SQLITE_BUSY_SNAPSHOT, SQLITE_BUSY_RECOVERY …). */
export function isSqliteBusy(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

/** The pause before attempt `n + 1`: doubling from 1 ms to 50 ms, each between half and all of it. */
export function pauseBefore(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS * 2 ** attempt);
  return ceiling / 2 + (ceiling / 2) * random();
}

/**
 * Run `attempt` until it does not fail with SQLITE_BUSY, pausing between tries, for at most
 * `maxWaitMs`; the last SQLITE_BUSY is thrown past it. Other errors are thrown at once.
 */
export async function retryBusy(
  attempt: () => Promise<void>,
  maxWaitMs: number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<void> {
  const deadline = Date.now() + maxWaitMs;
  for (let n = 0; ; n++) {
    try {
      await attempt();
      return;
    } catch (e) {
      if (!isSqliteBusy(e) || Date.now() >= deadline) throw e;
    }
    await sleep(Math.min(pauseBefore(n), Math.max(0, deadline - Date.now())));
  }
}

class WriterFirstDriver extends SqliteDriver {
  constructor(
    private readonly database: BetterSqlite3.Database,
    private readonly wait: WriterWait,
  ) {
    super({ database });
  }

  override async beginTransaction(
    connection: DatabaseConnection,
    // Kysely passes the settings to every driver; its SQLite driver's signature leaves them out
    settings?: TransactionSettings,
  ): Promise<void> {
    if (settings?.accessMode === 'read only') {
      await super.beginTransaction(connection);
      return;
    }
    const begin = CompiledQuery.raw('begin immediate');
    await retryBusy(async () => {
      // no synchronous wait inside the engine: the pause between attempts is asynchronous
      // (a pragma acts when it is prepared: a prepared one run again would not set it again)
      this.database.exec('pragma busy_timeout = 0');
      try {
        await connection.executeQuery(begin);
      } finally {
        this.database.exec(`pragma busy_timeout = ${Math.trunc(this.wait.busyTimeoutMs)}`);
      }
    }, this.wait.maxWaitMs);
  }
}

/** Kysely's SQLite dialect whose write transactions begin as the writer (`begin immediate`). */
export class WriterFirstSqliteDialect extends SqliteDialect {
  constructor(
    private readonly database: BetterSqlite3.Database,
    private readonly wait: WriterWait = DEFAULT_WRITER_WAIT,
  ) {
    super({ database });
  }

  override createDriver(): Driver {
    return new WriterFirstDriver(this.database, this.wait);
  }
}

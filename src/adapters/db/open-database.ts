/**
 * Opening the database named by the configuration: SQLite through better-sqlite3 (WAL, sane
 * pragmas; write transactions begin as the writer and wait their turn, sqlite-writers.ts) or
 * PostgreSQL through a pg pool. The drivers are imported lazily, so a command that does not touch
 * the database never loads them.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, Migrator } from 'kysely';
import type { DatabaseConfig } from '../../config/load-config.js';
import { redact } from '../../config/load-config.js';
import { DomainError } from '../../core/errors.js';
import { migrationProvider } from './migrations/index.js';
import type { Database, SqlDialect } from './tables/database.js';

export interface OpenDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: SqlDialect;
  /** where it is, for messages (passwords hidden) */
  readonly location: string;
  close(): Promise<void>;
}

/** Open (and for SQLite, create) the database. Throws DomainError STORAGE_FAILURE when it cannot. */
export async function openDatabase(config: DatabaseConfig): Promise<OpenDatabase> {
  if (config.dialect === 'sqlite') {
    const { default: SqliteDatabase } = await import('better-sqlite3');
    const { DEFAULT_WRITER_WAIT, WriterFirstSqliteDialect } = await import('./sqlite-writers.js');
    let database;
    try {
      if (config.path !== ':memory:') mkdirSync(dirname(config.path), { recursive: true });
      database = new SqliteDatabase(config.path);
      // WAL: readers never block the writer and a killed writer leaves only whole transactions.
      database.pragma('journal_mode = WAL');
      database.pragma('synchronous = NORMAL');
      database.pragma('foreign_keys = ON');
      database.pragma(`busy_timeout = ${DEFAULT_WRITER_WAIT.busyTimeoutMs}`);
      database.pragma('cache_size = -32000');
    } catch (e) {
      throw new DomainError(
        'STORAGE_FAILURE',
        `无法打开数据库 ${config.path}：${e instanceof Error ? e.message : String(e)}`,
        `Cannot open the database ${config.path}: ${e instanceof Error ? e.message : String(e)}`,
        { cause: e },
      );
    }
    const db = new Kysely<Database>({ dialect: new WriterFirstSqliteDialect(database) });
    return { db, dialect: 'sqlite', location: config.path, close: () => db.destroy() };
  }
  const { default: pg } = await import('pg');
  const { PostgresDialect } = await import('kysely');
  const pool = new pg.Pool({ connectionString: config.url, max: config.poolMax });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const location = redact(config.url);
  try {
    await db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
  } catch (e) {
    await db.destroy();
    throw new DomainError(
      'STORAGE_FAILURE',
      `无法连接数据库 ${location}：${e instanceof Error ? e.message : String(e)}`,
      `Cannot connect to the database ${location}: ${e instanceof Error ? e.message : String(e)}`,
      { cause: e },
    );
  }
  return { db, dialect: 'postgres', location, close: () => db.destroy() };
}

/** Apply every pending migration; returns the names applied. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? '?';
    const message = error instanceof Error ? error.message : JSON.stringify(error);
    throw new DomainError(
      'STORAGE_FAILURE',
      `数据库迁移 ${failed} 失败：${message}`,
      `Migration ${failed} failed: ${message}`,
      { cause: error },
    );
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

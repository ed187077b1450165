/**
 * Opens the registry for one command: configuration (env, --db, --org) → database → migrations →
 * store. Imported lazily by the registry commands, so commands that do not touch the database
 * never load Kysely or a driver.
 */
import { userInfo } from 'node:os';
import type { DeadlineDeps } from '../../../app/deadline-deps.js';
import type { Actor, TrustDeps } from '../../../app/registry-deps.js';
import { loadConfig } from '../../../config/load-config.js';
import type { Clock } from '../../../ports/clock.js';
import { KyselyCompletionStore } from '../../db/completion.repository.js';
import { KyselyLicenceStore } from '../../db/licence.repository.js';
import { KyselyObligationEventStore } from '../../db/obligation-event.repository.js';
import { migrateToLatest, openDatabase, type OpenDatabase } from '../../db/open-database.js';
import { kyselyTrustStores } from '../../db/organisation.repository.js';

export interface RegistryOptions {
  readonly db?: string;
  readonly org?: string;
  readonly actor?: string;
}

export interface OpenRegistry {
  readonly deps: TrustDeps;
  readonly who: Actor;
  readonly database: OpenDatabase;
  /** migrations applied while opening */
  readonly applied: readonly string[];
  close(): Promise<void>;
}

/** Who the CLI records as the actor: --actor, $XUKE_ACTOR, or `cli:<login>`. */
export function defaultActor(env: Readonly<Record<string, string | undefined>>): string {
  if (env['XUKE_ACTOR']) return env['XUKE_ACTOR'];
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

export async function openRegistry(
  options: RegistryOptions,
  env: Readonly<Record<string, string | undefined>>,
  clock: Clock,
): Promise<OpenRegistry> {
  const config = loadConfig(env, { databaseUrl: options.db, organisation: options.org });
  const database = await openDatabase(config.database);
  try {
    // Migrations are idempotent and cheap to check: a new database is ready on first use.
    const applied = await migrateToLatest(database.db);
    return {
      deps: {
        store: new KyselyLicenceStore(database.db, clock),
        clock,
        ...kyselyTrustStores(database.db, clock, config.confirmationDays),
      },
      who: { organisation: config.organisation, actor: options.actor ?? defaultActor(env) },
      database,
      applied,
      close: () => database.close(),
    };
  } catch (e) {
    await database.close();
    throw e;
  }
}

/** What the deadline use cases need from an open registry: its obligation events and completions. */
export function deadlineDeps(registry: OpenRegistry): DeadlineDeps {
  return {
    ...registry.deps,
    events: new KyselyObligationEventStore(registry.database.db),
    completions: new KyselyCompletionStore(registry.database.db),
  };
}

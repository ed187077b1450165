/**
 * The quota counters on Kysely (SQLite and PostgreSQL): a charge is one INSERT … ON CONFLICT DO
 * UPDATE … WHERE total ≤ limit RETURNING, so concurrent charges from any number of instances
 * neither lose a count nor pass the limit. The first charge of a window clears the organisation's
 * older windows of that meter.
 */
import { sql, type Kysely } from 'kysely';
import type { UsageCounterStore, UsageMeter } from '../../ports/usage-quota.js';
import type { Database } from './tables/database.js';

export class KyselyUsageCounterStore implements UsageCounterStore {
  constructor(private readonly db: Kysely<Database>) {}

  async charge(
    organisation: string,
    meter: UsageMeter,
    window: string,
    amount: number,
    limit: number,
  ): Promise<number | null> {
    if (amount > limit) return null;
    const row = await this.db
      .insertInto('usage_counters')
      .values({ organisation_id: organisation, meter, window_start: window, amount })
      .onConflict((oc) =>
        oc
          .columns(['organisation_id', 'meter', 'window_start'])
          .doUpdateSet({ amount: sql`usage_counters.amount + excluded.amount` })
          .where(sql`usage_counters.amount + excluded.amount`, '<=', limit),
      )
      .returning('amount')
      .executeTakeFirst();
    if (row === undefined) return null;
    const total = Number(row.amount);
    if (total === amount) {
      await this.db
        .deleteFrom('usage_counters')
        .where('organisation_id', '=', organisation)
        .where('meter', '=', meter)
        .where('window_start', '<', window)
        .execute();
    }
    return total;
  }
}

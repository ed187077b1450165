/**
 * TOTP second factors and their recovery codes on Kysely (SQLite and PostgreSQL,
 * docs/accounts.md). A time step and a recovery code are each claimed by one conditional UPDATE:
 * a code replayed on another instance finds it claimed.
 */
import type { Kysely } from 'kysely';
import { DomainError } from '../../core/errors.js';
import type { SecondFactorStore } from '../../ports/account-store.js';
import type { Database } from './tables/database.js';

export class KyselySecondFactorStore implements SecondFactorStore {
  constructor(private readonly db: Kysely<Database>) {}

  async setTotpSecret(userId: string, secret: string): Promise<void> {
    const r = await this.db
      .updateTable('users')
      .set({ totp_secret: secret, totp_last_step: null })
      .where('id', '=', userId)
      // a second factor in force is replaced only by turning it off first
      .where('totp_enabled_at', 'is', null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) {
      throw new DomainError(
        'CONFLICT',
        '两步验证已启用：请先停用再重新设置',
        'The second factor is on already: turn it off before setting it up again',
      );
    }
  }

  async enableTotp(
    userId: string,
    at: string,
    recoveryCodeHashes: readonly string[],
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ totp_enabled_at: at })
        .where('id', '=', userId)
        .execute();
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
      if (recoveryCodeHashes.length > 0) {
        await trx
          .insertInto('recovery_codes')
          .values(
            recoveryCodeHashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null })),
          )
          .execute();
      }
    });
  }

  async disableTotp(userId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null })
        .where('id', '=', userId)
        .execute();
      await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
    });
  }

  async claimTotpStep(userId: string, step: number): Promise<boolean> {
    const r = await this.db
      .updateTable('users')
      .set({ totp_last_step: step })
      .where('id', '=', userId)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async useRecoveryCode(userId: string, codeHash: string, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('recovery_codes')
      .set({ used_at: at })
      .where('user_id', '=', userId)
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async countRecoveryCodes(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('recovery_codes')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

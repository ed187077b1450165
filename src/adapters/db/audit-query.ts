/**
 * The audit log read with filters, on SQLite and PostgreSQL. A person is found by the actor
 * strings that name them (core/actor.ts writes the JSON keys in a fixed order): `person:{"id":ID,`
 * for their own actions, and `"createdBy":{"id":ID,` inside a token's actor for the tokens they
 * created. LIKE patterns escape `%`, `_` and `\`, so an id is matched as written.
 */
import { sql, type Kysely } from 'kysely';
import { personActorPrefix } from '../../core/actor.js';
import type { AuditEntry } from '../../ports/access-store.js';
import type { AuditFilter, AuditLog } from '../../ports/audit-log.js';
import type { Database } from './tables/database.js';

const escapeLike = (s: string): string => s.replace(/[\\%_]/gu, (c) => `\\${c}`);

export class KyselyAuditLog implements AuditLog {
  constructor(private readonly db: Kysely<Database>) {}

  async list(org: string, f: AuditFilter): Promise<AuditEntry[]> {
    let q = this.db
      .selectFrom('audit_log')
      .select(['seq', 'at', 'actor', 'action', 'subject', 'payload', 'hash'])
      .where('organisation_id', '=', org)
      .where('seq', '>', f.after);
    if (f.person !== undefined) {
      const own = `${escapeLike(personActorPrefix(f.person))}%`;
      const created = `token:%${escapeLike(`"createdBy":${JSON.stringify({ id: f.person }).slice(0, -1)},`)}%`;
      q = q.where(
        sql<boolean>`(actor LIKE ${own} ESCAPE '\\' OR actor LIKE ${created} ESCAPE '\\')`,
      );
    }
    if (f.subject !== undefined) q = q.where('subject', '=', f.subject);
    if (f.action !== undefined) q = q.where('action', '=', f.action);
    if (f.from !== undefined) q = q.where('at', '>=', f.from);
    if (f.to !== undefined) q = q.where('at', '<', f.to);
    const rows = await q.orderBy('seq').limit(f.limit).execute();
    return rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      actor: r.actor,
      action: r.action,
      subject: r.subject,
      payload: JSON.parse(r.payload) as unknown,
      hash: r.hash,
    }));
  }
}

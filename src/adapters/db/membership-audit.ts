/**
 * Membership changes (invitations, joins, role changes, removals, the access policy) appended to
 * the organisation's audit chain, with the actor that names the person (docs/accounts.md).
 */
import type { Kysely } from 'kysely';
import type { MembershipAudit } from '../../app/accounts/account-deps.js';
import { appendAuditEntries } from './append-audit.js';
import type { Database } from './tables/database.js';

export function kyselyMembershipAudit(db: Kysely<Database>): MembershipAudit {
  return (e) =>
    db.transaction().execute((trx) =>
      appendAuditEntries(trx, e.organisation, e.at, [
        {
          actor: e.actor,
          action: e.action,
          subject: e.subject,
          payload: JSON.stringify(e.payload),
        },
      ]),
    );
}

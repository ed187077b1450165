/** Use case: recompute the organisation's audit hash chain and say whether it is intact. */
import type { AuditVerification } from '../../ports/licence-store.js';
import type { Actor, RegistryDeps } from './registry-deps.js';

export function verifyAudit(who: Actor, deps: RegistryDeps): Promise<AuditVerification> {
  return deps.store.verifyAudit(who.organisation);
}

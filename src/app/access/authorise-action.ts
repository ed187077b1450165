/**
 * Which roles may do what: one table, so a new action does not compile until its roles are named.
 * Tokens are organisation-scoped: every action acts within the token's organisation.
 */
import { DomainError } from '../../core/errors.js';
import type { LicenceEventKind } from '../../core/lifecycle/lifecycle.js';
import type { Role } from '../../ports/access-store.js';
import type { Principal } from './access-deps.js';

export const Action = {
  readLicences: 'read-licences',
  /** register a licence from a document, record the holder's events */
  writeLicences: 'write-licences',
  /**
   * write the register: issue, renew, record inspections, suspend, reinstate, cancel, revoke. The
   * role is necessary, not sufficient: the organisation must be an authority with jurisdiction.
   */
  writeRegister: 'write-register',
  /** record what the official query showed (a confirmation) */
  confirmLicences: 'confirm-licences',
  /** the organisation's own settings (publish declared records) */
  manageOrganisation: 'manage-organisation',
  readAudit: 'read-audit',
  export: 'export',
  manageWebhooks: 'manage-webhooks',
  manageCalendarKeys: 'manage-calendar-keys',
  scan: 'scan',
  checkDocuments: 'check-documents',
  /** mark the holder's occurrences done (or undo it): the holder's word, not the issuer's */
  completeObligations: 'complete-obligations',
  /** list, create and revoke the organisation's tokens */
  manageTokens: 'manage-tokens',
  /** draft, complete and submit the holder's annual reports (docs/annual-report.md) */
  fileAnnualReports: 'file-annual-reports',
  /** sign a completed annual report off inside the holder before it is submitted */
  signOffAnnualReports: 'sign-off-annual-reports',
} as const;
export type Action = (typeof Action)[keyof typeof Action];

export const PERMISSIONS: Readonly<Record<Action, readonly Role[]>> = {
  'read-licences': ['admin', 'member', 'viewer'],
  'write-licences': ['admin', 'member'],
  'write-register': ['admin', 'member'],
  'confirm-licences': ['admin', 'member'],
  'manage-organisation': ['admin'],
  'read-audit': ['admin'],
  export: ['admin', 'member'],
  'manage-webhooks': ['admin', 'member'],
  'manage-calendar-keys': ['admin', 'member'],
  scan: ['admin', 'member'],
  'check-documents': ['admin', 'member', 'viewer'],
  'complete-obligations': ['admin', 'member'],
  'manage-tokens': ['admin'],
  'file-annual-reports': ['admin', 'member'],
  'sign-off-annual-reports': ['admin'],
};

/**
 * Lifecycle events only the issuer records, in its register (register.ts); a holder or platform
 * records the rest on its declared copies.
 */
export const ISSUER_EVENTS: ReadonlySet<LicenceEventKind> = new Set<LicenceEventKind>([
  'issued',
  'renewed',
  'inspection-recorded',
  'suspended',
  'reinstated',
  'cancelled',
  'revoked',
]);

/**
 * FORBIDDEN unless the principal may hand out a token of `role`: it must manage tokens, and the
 * role may do nothing the principal's own role may not. Derived from the table, so a permission
 * given to a lesser role later cannot be minted by a principal that lacks it.
 */
export function authoriseGrant(
  principal: Principal,
  role: Role,
  permissions: Readonly<Record<Action, readonly Role[]>> = PERMISSIONS,
): void {
  if (!permissions['manage-tokens'].includes(principal.role)) {
    throw new DomainError(
      'FORBIDDEN',
      `角色 ${principal.role} 无权执行 manage-tokens`,
      `Role ${principal.role} may not manage-tokens`,
    );
  }
  const beyond = (Object.keys(permissions) as Action[]).filter(
    (a) => permissions[a].includes(role) && !permissions[a].includes(principal.role),
  );
  if (beyond.length > 0) {
    throw new DomainError(
      'FORBIDDEN',
      `角色 ${principal.role} 不能创建 ${role} 令牌：${role} 可以 ${beyond.join('、')}`,
      `Role ${principal.role} may not create a ${role} token: ${role} may ${beyond.join(', ')}`,
    );
  }
}

/** FORBIDDEN unless the principal's role may do the action. */
export function authoriseAction(principal: Principal, action: Action): void {
  if (!PERMISSIONS[action].includes(principal.role)) {
    throw new DomainError(
      'FORBIDDEN',
      `角色 ${principal.role} 无权执行 ${action}`,
      `Role ${principal.role} may not ${action}`,
    );
  }
}

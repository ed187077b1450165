import type { Schemas } from '../../api/client';
import type { Assert, SameMembers } from '../../api/same-members';

/** A licence's statuses as the API answers them (docs/registry.md), in the order the UI lists them. */
export const LICENCE_STATUSES = [
  'valid',
  'renewal-pending',
  'expired',
  'suspended',
  'cancelled',
  'revoked',
] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];
export type LicenceStatusesChecked = Assert<
  SameMembers<typeof LICENCE_STATUSES, Schemas['StoredLicence']['status']>
>;

/** Whether the UI knows this status (an unknown one is shown as it is, never hidden). */
export function isLicenceStatus(status: string): status is LicenceStatus {
  return (LICENCE_STATUSES as readonly string[]).includes(status);
}

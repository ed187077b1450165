/**
 * Use case: look licences up by number (any written form), domain (any host name), company-name
 * fragment, status and expiry window, a page at a time. Each result carries its status as of today.
 */
import { addDays } from '../core/dates.js';
import { DomainError } from '../core/errors.js';
import { effectiveStatus, type LicenceStatus } from '../core/lifecycle/lifecycle.js';
import type { LicenceQuery, Page, StoredLicence } from '../ports/licence-store.js';
import { canonicalLicenceNumber, type Actor, type RegistryDeps } from './registry-deps.js';

export interface FindCriteria {
  readonly number?: string;
  readonly domain?: string;
  readonly company?: string;
  readonly statuses?: readonly LicenceStatus[];
  /** expiring from today to today + N days, not yet expired, cancelled or revoked */
  readonly expiringWithinDays?: number;
  readonly limit?: number;
  readonly cursor?: string;
}

export interface FoundLicence extends StoredLicence {
  /** the status as of today */
  readonly currentStatus: LicenceStatus;
}

export const DEFAULT_PAGE_SIZE = 50;

export async function findLicences(
  criteria: FindCriteria,
  who: Actor,
  deps: RegistryDeps,
): Promise<Page<FoundLicence>> {
  const today = deps.clock.today();
  const limit = criteria.limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new DomainError(
      'INVALID_INPUT',
      `--limit 应为 1–1000 的整数：${limit}`,
      `--limit must be an integer 1–1000: ${limit}`,
    );
  }
  let query: LicenceQuery = { today, limit };
  if (criteria.number !== undefined)
    query = { ...query, number: canonicalLicenceNumber(criteria.number) };
  if (criteria.domain !== undefined) query = { ...query, domain: criteria.domain };
  if (criteria.company !== undefined) query = { ...query, company: criteria.company };
  if (criteria.statuses !== undefined) query = { ...query, statuses: criteria.statuses };
  if (criteria.cursor !== undefined) query = { ...query, cursor: criteria.cursor };
  if (criteria.expiringWithinDays !== undefined) {
    const days = criteria.expiringWithinDays;
    if (!Number.isInteger(days) || days < 0 || days > 36_500) {
      throw new DomainError(
        'INVALID_INPUT',
        `天数应为非负整数：${days}`,
        `The number of days must be a non-negative integer: ${days}`,
      );
    }
    query = {
      ...query,
      expiresFrom: today,
      expiresTo: addDays(today, days),
      statuses: criteria.statuses ?? ['valid', 'renewal-pending', 'suspended'],
    };
  }
  const page = await deps.store.findLicences(who.organisation, query);
  return {
    next: page.next,
    items: page.items.map((l) => ({
      ...l,
      currentStatus: effectiveStatus(l.status, l.licence.expiresOn, today),
    })),
  };
}

/**
 * Use case: look licences up by number (any written form), domain (any host name), company-name
 * fragment, status, service (a catalogue code and the codes under it) and expiry window, a page at
 * a time. Each result carries its status as of today.
 */
import { serviceCodesUnder } from '../../core/catalogue.js';
import { addDays } from '../../core/dates.js';
import { DomainError } from '../../core/errors.js';
import { effectiveStatus, type LicenceStatus } from '../../core/lifecycle/lifecycle.js';
import type { IsoDate } from '../../core/licence.js';
import { foldText } from '../../core/text.js';
import type { LicenceQuery, Page, StoredLicence } from '../../ports/licence-store.js';
import { canonicalLicenceNumber, type Actor, type RegistryDeps } from './registry-deps.js';

export interface FindCriteria {
  readonly number?: string;
  readonly domain?: string;
  readonly company?: string;
  readonly statuses?: readonly LicenceStatus[];
  /** a catalogue code (`B25`, `B24-1`, `B2`): licences with a service of that code or under it */
  readonly service?: string;
  /** expiring from today to today + N days, not yet expired, cancelled or revoked */
  readonly expiringWithinDays?: number;
  readonly limit?: number;
  readonly cursor?: string;
}

export interface FoundLicence extends StoredLicence {
  /** the status as of today */
  readonly currentStatus: LicenceStatus;
}

/** A stored licence with its status as of `today`: what every use case that returns one answers. */
export function withCurrentStatus(l: StoredLicence, today: IsoDate): FoundLicence {
  return { ...l, currentStatus: effectiveStatus(l.status, l.licence.expiresOn, today) };
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
  if (criteria.number !== undefined) query = { ...query, ...numberCriterion(criteria.number) };
  if (criteria.domain !== undefined) query = { ...query, domain: criteria.domain };
  if (criteria.company !== undefined) query = { ...query, company: criteria.company };
  if (criteria.statuses !== undefined) query = { ...query, statuses: criteria.statuses };
  if (criteria.cursor !== undefined) query = { ...query, cursor: criteria.cursor };
  if (criteria.service !== undefined) {
    const codes = serviceCodesUnder(criteria.service);
    if (codes === undefined) {
      throw new DomainError(
        'INVALID_INPUT',
        `业务代码 ${criteria.service} 不在《电信业务分类目录》中（如 B25、B24-1、B2）`,
        `Service code ${criteria.service} is not in the catalogue (e.g. B25, B24-1, B2)`,
      );
    }
    query = { ...query, serviceCodes: codes };
  }
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
    items: page.items.map((l) => withCurrentStatus(l, today)),
  };
}

/** A part of a number worth searching for: 2–40 of the characters numbers are made of. */
const NUMBER_PART = /^[0-9A-Z.\-\u4e00-\u9fff]{2,40}$/u;

/**
 * A whole number (any written form) looks that number up; a part of one (`20180910`, `b2-2018`,
 * full-width or not) finds the numbers containing it. Anything else is the number grammar's
 * INVALID_INPUT, saying what a number looks like.
 */
function numberCriterion(input: string): Pick<LicenceQuery, 'number' | 'numberContains'> {
  try {
    return { number: canonicalLicenceNumber(input) };
  } catch (e) {
    const part = foldText(input.trim()).text.replace(/\s+/gu, '').toUpperCase();
    if (NUMBER_PART.test(part)) return { numberContains: part };
    throw e;
  }
}

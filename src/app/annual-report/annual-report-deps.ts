/**
 * What the annual-report use cases need (docs/annual-report.md): the deadlines' dependencies (the
 * holder's copy, its events, completions, the calendar), the register's (organisations, who issues
 * what) and the cycle's own records.
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../core/errors.js';
import type { AnnualReportStore, StoredReport } from '../../ports/annual-report-store.js';
import type { Organisation } from '../../ports/organisation-store.js';
import type { DeadlineDeps } from '../deadlines/deadline-deps.js';
import type { Actor, TrustDeps } from '../registry/registry-deps.js';

export type AnnualReportDeps = DeadlineDeps &
  TrustDeps & {
    readonly reports: AnnualReportStore;
    /** ids for new records; random UUIDs by default */
    readonly newId?: () => string;
  };

export function newId(deps: Pick<AnnualReportDeps, 'newId'>): string {
  return deps.newId?.() ?? randomUUID();
}

export function reportNotFound(id: string): DomainError {
  return new DomainError('NOT_FOUND', `没有年报 ${id}`, `There is no annual report ${id}`);
}

/**
 * The report, when the acting organisation may see it: the holder that files it, or the authority
 * it was submitted to. Anyone else gets NOT_FOUND (not FORBIDDEN: a report's existence is the
 * holder's business until it is published).
 */
export async function visibleReport(
  id: string,
  who: Actor,
  deps: Pick<AnnualReportDeps, 'reports'>,
): Promise<StoredReport> {
  const r = await deps.reports.findReport(id);
  if (r === undefined) throw reportNotFound(id);
  if (r.organisation === who.organisation) return r;
  if (r.authority === who.organisation && r.status !== 'draft' && r.status !== 'signed-off') {
    return r;
  }
  throw reportNotFound(id);
}

/** The acting organisation as an authority (not a mirror); FORBIDDEN otherwise. */
export async function requireAuthority(
  who: Actor,
  deps: Pick<AnnualReportDeps, 'organisations'>,
): Promise<Organisation> {
  const org = await deps.organisations.findOrganisation(who.organisation);
  if (org?.kind !== 'authority' || org.mirrorOf !== null) {
    throw new DomainError(
      'FORBIDDEN',
      `机构 ${who.organisation} 不是本系统的发证机关，不能审核年报、发出限期补报通知或管理名单`,
      `Organisation ${who.organisation} is not an issuing authority on this instance: it cannot review annual reports, order make-ups or keep the lists`,
    );
  }
  return org;
}

export function invalidInput(zh: string, en: string): DomainError {
  return new DomainError('INVALID_INPUT', zh, en);
}

/** A reason or note: trimmed, 1–`max` characters, else INVALID_INPUT naming `what`. */
export function boundedText(
  value: string | undefined,
  what: { zh: string; en: string },
  max = 2000,
): string {
  const t = (value ?? '').trim();
  if (t === '' || t.length > max) {
    throw invalidInput(
      `${what.zh}须为 1 到 ${max} 个字符`,
      `${what.en} must be 1 to ${max} characters`,
    );
  }
  return t;
}

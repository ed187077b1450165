/**
 * Use case: a CheckReport → the same report with the register's word on it (docs/trust.md): the
 * register findings merged in, the verdict (verified, mismatch, suspect, unverified), the validity
 * and the register's side. Every CheckReport the CLI and the API hand out goes through here.
 */
import { checkLicence, type CheckReport, type Finding } from '../../core/checks/index.js';
import type { Evidence, Licence } from '../../core/licence.js';
import { assessTrust } from '../../core/trust/assess.js';
import type { RegisterLookup, TrustAssessment } from '../../core/trust/types.js';
import type { Organisation } from '../../ports/organisation-store.js';
import { lookupRegister } from './register.js';
import type { TrustDeps } from '../registry/registry-deps.js';

/** `xuke.check/v1` with the trust fields. */
export interface AssessedReport extends CheckReport, Omit<TrustAssessment, 'findings'> {}

function withAssessment(report: CheckReport, assessment: TrustAssessment): AssessedReport {
  return {
    ...report,
    findings: assessment.findings,
    verdict: assessment.verdict,
    verdictReason: assessment.verdictReason,
    verdictReasonEn: assessment.verdictReasonEn,
    validity: assessment.validity,
    register: assessment.register,
  };
}

/** Assess against what `lookup` found (a CLI without a registry passes `{ kind: 'none' }`). */
export function assessWith(
  report: CheckReport,
  lookup: RegisterLookup,
  today: string,
  evidence?: Readonly<Record<string, Evidence>>,
): AssessedReport {
  const assessment = assessTrust({
    report,
    lookup,
    today,
    ...(evidence === undefined ? {} : { evidence }),
  });
  return withAssessment(report, assessment);
}

/** Assess against the registers on this instance and the organisation's own confirmations. */
export async function assessReport(
  report: CheckReport,
  today: string,
  organisation: string,
  deps: TrustDeps,
  evidence?: Readonly<Record<string, Evidence>>,
  authorities?: readonly Organisation[],
): Promise<AssessedReport> {
  const lookup = await lookupRegister(report.licence.number, { organisation }, deps, authorities);
  return assessWith(report, lookup, today, evidence);
}

/** A stored licence's trust at a glance: the list's verdict column and the licence page's panel. */
export interface LicenceTrust extends Omit<TrustAssessment, 'findings'> {
  readonly topFinding: Finding | null;
  readonly errors: number;
  readonly warnings: number;
}

/**
 * Assess stored records (a page of the licence list, one licence's page) as of today: each record
 * is checked and compared with the register or the organisation's confirmation. An authority's own
 * register entries are the register: they are compared with themselves and say so.
 */
export async function assessStoredLicences(
  items: readonly { readonly licence: Licence }[],
  organisation: string,
  deps: TrustDeps,
): Promise<LicenceTrust[]> {
  const today = deps.clock.today();
  const out: LicenceTrust[] = [];
  const authorities = await deps.organisations.listAuthorities();
  for (const item of items) {
    const report = checkLicence({ licence: item.licence, today });
    const assessed = await assessReport(report, today, organisation, deps, undefined, authorities);
    const { findings } = assessed;
    out.push({
      verdict: assessed.verdict,
      verdictReason: assessed.verdictReason,
      verdictReasonEn: assessed.verdictReasonEn,
      validity: assessed.validity,
      register: assessed.register,
      topFinding: findings[0] ?? null,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
    });
  }
  return out;
}

/**
 * A row's outcome, pure: which of the customer's domains a licence covers (same registrable domain
 * as one of the licence's websites), and the row's status from its verdict, validity, findings and
 * coverage (see `RowStatus`). The registrable-domain key is handed in (the registry's, so a batch
 * matches domains as the registry's domain look-up does).
 */
import type { Finding } from '../checks/finding.js';
import type { Licence } from '../licence.js';
import type { TrustAssessment, Validity, Verdict } from '../trust/types.js';
import type {
  BulkFinding,
  BulkRow,
  BulkSummary,
  DomainCoverage,
  RowProblem,
  RowSource,
  RowStatus,
} from './types.js';

/** Host name → its registrable domain (`www.a.com.cn` → `a.com.cn`); undefined for a non-host. */
export type DomainKey = (host: string) => string | undefined;

/** Every domain the licence's websites list. */
export function licenceDomains(licence: Licence): string[] {
  return licence.websites.flatMap((w) => w.domains);
}

/**
 * Each domain, covered when a licence domain shares its registrable domain (`shop.a.com` by
 * `www.a.com`). A text that is not a host name is never covered.
 */
export function domainCoverage(
  domains: readonly string[],
  licensed: readonly string[],
  keyOf: DomainKey,
): DomainCoverage[] {
  const byKey = new Map<string, string>();
  for (const d of licensed) {
    const key = keyOf(d);
    if (key !== undefined && !byKey.has(key)) byKey.set(key, d);
  }
  return domains.map((domain) => {
    const key = keyOf(domain);
    const coveredBy = key === undefined ? undefined : byKey.get(key);
    return { domain, covered: coveredBy !== undefined, coveredBy: coveredBy ?? null };
  });
}

const IN_FORCE: ReadonlySet<Validity> = new Set<Validity>(['valid', 'expiring']);

/** The status of a row whose licence was looked up (see `RowStatus`). */
export function rowStatus(input: {
  readonly found: boolean;
  readonly verdict: Verdict;
  readonly validity: Validity;
  readonly findings: readonly Pick<Finding, 'severity'>[];
  readonly domains: readonly DomainCoverage[];
}): RowStatus {
  if (!input.found) return 'fail';
  if (input.verdict === 'mismatch' || input.verdict === 'suspect') return 'fail';
  if (input.findings.some((f) => f.severity === 'error')) return 'fail';
  if (input.validity !== 'unknown' && !IN_FORCE.has(input.validity)) return 'fail';
  if (input.domains.some((d) => !d.covered)) return 'fail';
  if (input.verdict === 'unverified') return 'review';
  if (input.validity !== 'valid') return 'review';
  if (input.findings.some((f) => f.severity === 'warning')) return 'review';
  return 'pass';
}

export function bulkFindings(findings: readonly Finding[]): BulkFinding[] {
  return findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    messageEn: f.messageEn,
  }));
}

/** A row whose record was found (or not) and assessed. */
export function assessedRow(input: {
  readonly source: RowSource;
  readonly customer: string;
  readonly licence: string | null;
  /** the record the domains are matched against; undefined when none was found */
  readonly record: Licence | undefined;
  readonly assessment: Omit<TrustAssessment, 'findings'> & {
    readonly findings: readonly Finding[];
  };
  readonly domains: readonly DomainCoverage[];
}): BulkRow {
  const { assessment: a, record } = input;
  const found = record !== undefined;
  return {
    source: input.source,
    customer: input.customer,
    licence: input.licence,
    found,
    verdict: a.verdict,
    verdictReason: a.verdictReason,
    verdictReasonEn: a.verdictReasonEn,
    validity: a.validity,
    status: rowStatus({
      found,
      verdict: a.verdict,
      validity: a.validity,
      findings: a.findings,
      domains: input.domains,
    }),
    holder: record?.holder.name ?? null,
    expiresOn: record?.expiresOn ?? null,
    register:
      a.register === null
        ? null
        : {
            provenance: a.register.provenance,
            authority: a.register.authority?.name ?? null,
            found: a.register.found,
            status: a.register.status,
          },
    findings: bulkFindings(a.findings),
    domains: input.domains,
    problem: null,
  };
}

/** A row that could not be used: status `error`, the problem named. */
export function problemRow(input: {
  readonly source: RowSource;
  readonly customer: string;
  readonly licence: string | null;
  readonly domains: readonly string[];
  readonly problem: RowProblem;
}): BulkRow {
  return {
    source: input.source,
    customer: input.customer,
    licence: input.licence,
    found: false,
    verdict: null,
    verdictReason: null,
    verdictReasonEn: null,
    validity: null,
    status: 'error',
    holder: null,
    expiresOn: null,
    register: null,
    findings: [],
    domains: input.domains.map((domain) => ({ domain, covered: false, coveredBy: null })),
    problem: input.problem,
  };
}

export function summarise(rows: readonly BulkRow[]): BulkSummary {
  const count = (s: RowStatus) => rows.filter((r) => r.status === s).length;
  return {
    total: rows.length,
    pass: count('pass'),
    review: count('review'),
    fail: count('fail'),
    error: count('error'),
    notFound: rows.filter((r) => r.status !== 'error' && !r.found).length,
    uncoveredDomains: rows.filter((r) => r.status !== 'error' && r.domains.some((d) => !d.covered))
      .length,
  };
}

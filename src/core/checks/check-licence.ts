/**
 * The rule engine's entry point: run every registered rule over one licence and report.
 */
import { daysBetween, isIsoDate } from '../dates.js';
import { DomainError } from '../errors.js';
import type { Evidence, IsoDate, Licence, Note, ParseResult } from '../licence.js';
import { isoOrUndefined, startOf } from './facts.js';
import {
  CHECK_SCHEMA_ID,
  LicenceStatus,
  SEVERITY_ORDER,
  type CheckInput,
  type CheckReport,
  type Finding,
} from './finding.js';
import { RENEWAL_NOTICE_DAYS } from './rules/expiring.js';
import { RULES } from './registry.js';
import type { Rule } from './rule.js';

/**
 * What `checkLicence` takes: a licence and the day, plus whatever the parser knew. A registry record
 * comes without evidence, page labels or notes.
 */
export interface CheckLicenceInput {
  readonly licence: Licence;
  readonly today: IsoDate;
  readonly evidence?: Readonly<Record<string, Evidence>>;
  readonly pageLabels?: readonly string[];
  readonly notes?: readonly Note[];
  /** read from a document: what could not be read is an error (rules/unreadable.ts) */
  readonly document?: boolean;
}

/** The check input for a parsed document. */
export function checkInputFromParseResult(result: ParseResult, today: IsoDate): CheckLicenceInput {
  return {
    licence: result.licence,
    today,
    evidence: result.evidence,
    pageLabels: result.source.pageLabels,
    notes: result.notes,
    document: true,
  };
}

/**
 * Runs `rules` (all registered rules by default) and returns the CheckReport: findings errors
 * first, then warnings, then info, each group in registry order.
 *
 * @throws DomainError `INVALID_INPUT` when `today` is not a real `YYYY-MM-DD` date: every date rule
 *   would otherwise answer nonsense.
 */
export function checkLicence(
  input: CheckLicenceInput,
  rules: readonly Rule[] = RULES,
): CheckReport {
  if (!isIsoDate(input.today)) {
    throw new DomainError(
      'INVALID_INPUT',
      `检查日期“${input.today}”不是有效的 YYYY-MM-DD 日期`,
      `The check date "${input.today}" is not a valid YYYY-MM-DD date`,
    );
  }
  const checkInput: CheckInput = {
    licence: input.licence,
    today: input.today,
    evidence: input.evidence ?? {},
    pageLabels: input.pageLabels ?? [],
    notes: input.notes ?? [],
    ...(input.document === true ? { document: true } : {}),
  };
  const findings = rules.flatMap((rule) => rule.check(checkInput));
  return {
    schema: CHECK_SCHEMA_ID,
    licence: input.licence,
    status: licenceStatus(input.licence, input.today),
    findings: sortFindings(findings),
  };
}

/**
 * Where the licence stands on `today`: `expired` after the expiry date (the expiry day itself is
 * still valid); `not-yet-valid` before its first day (printed range start, else issue date);
 * `expiring` when expiry is at most 90 days away (Order 42 art. 27's renewal notice);
 * `unknown` without a usable expiry date.
 */
export function licenceStatus(licence: Licence, today: IsoDate): LicenceStatus {
  const expiresOn = isoOrUndefined(licence.expiresOn);
  // Expired before not-yet-valid: a licence past its end can never become valid, whatever its
  // (then inconsistent) start says.
  if (expiresOn !== undefined && expiresOn < today) return LicenceStatus.expired;
  const start = startOf(licence);
  if (start !== undefined && start.date > today) return LicenceStatus.notYetValid;
  if (expiresOn === undefined) return LicenceStatus.unknown;
  return daysBetween(today, expiresOn) <= RENEWAL_NOTICE_DAYS
    ? LicenceStatus.expiring
    : LicenceStatus.valid;
}

function sortFindings(findings: readonly Finding[]): Finding[] {
  // Array.prototype.sort is stable (ES2019), so registry order survives within a severity.
  return [...findings].sort(
    (a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity),
  );
}

/**
 * What a check says about a licence: `Finding` values collected in a `CheckReport`
 * (`xuke.check/v1`, see `shared/spec/licence-record.md`). Findings are values, never exceptions
 * (STYLE.md, "Errors"): a rule that finds nothing returns `[]`.
 */
import type { Evidence, IsoDate, Licence, Note } from '../licence.js';

export const CHECK_SCHEMA_ID = 'xuke.check/v1';

/** How much a finding matters. */
export const Severity = {
  /** the licence is wrong, forged or not in force: a reviewer must not accept it as is */
  error: 'error',
  /** suspicious or incomplete: a reviewer should look */
  warning: 'warning',
  /** worth knowing, not a defect (a renewed licence's old number year, an irregular date) */
  info: 'info',
} as const;
export type Severity = (typeof Severity)[keyof typeof Severity];

/** Severities from the most to the least serious: the order findings are reported in. */
export const SEVERITY_ORDER: readonly Severity[] = [
  Severity.error,
  Severity.warning,
  Severity.info,
];

/** A document line a finding rests on. */
export interface FindingEvidence {
  /** 1-based line of the extracted text */
  readonly line: number;
  /** the line as it reads in the document */
  readonly text: string;
}

/** One thing a rule found: the spec's CheckReport finding, field for field. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** zh-CN, names the values it found */
  readonly message: string;
  readonly messageEn: string;
  /** field paths in the licence the rule looked at (`issuedOn`, `services[0].coverage`) */
  readonly fields: readonly string[];
  /** the document lines behind those fields; empty for a record without evidence */
  readonly evidence: readonly FindingEvidence[];
  /** the regulation article or the practice the rule rests on (zh-CN) */
  readonly basis: string;
  /** the English of `basis`: Chinese titles kept in 《》 with an English gloss */
  readonly basisEn: string;
}

/**
 * Where a licence stands on a given day.
 * `expiring`: the expiry date is at most 90 days away, so the renewal deadline (expiry − 90 days,
 * Order 42 art. 27) is today or has passed.
 */
export const LicenceStatus = {
  valid: 'valid',
  expiring: 'expiring',
  expired: 'expired',
  notYetValid: 'not-yet-valid',
  unknown: 'unknown',
} as const;
export type LicenceStatus = (typeof LicenceStatus)[keyof typeof LicenceStatus];

/** `xuke check --json` output. */
export interface CheckReport {
  readonly schema: typeof CHECK_SCHEMA_ID;
  readonly licence: Licence;
  readonly status: LicenceStatus;
  /** errors first, then warnings, then info; registry order within a severity */
  readonly findings: readonly Finding[];
}

/**
 * What every rule reads. A parsed document brings evidence, page labels and notes; a bare record
 * (from the registry) has none of them, and every rule must still work on it.
 */
export interface CheckInput {
  readonly licence: Licence;
  /** keyed by field path (`number`, `services[0].coverage`, `signatures[0]`, `inspections`) */
  readonly evidence: Readonly<Record<string, Evidence>>;
  /** printed page numbers in order of appearance */
  readonly pageLabels: readonly string[];
  readonly notes: readonly Note[];
  /** the day the check is made, `YYYY-MM-DD` in Asia/Shanghai terms; injected, never read */
  readonly today: IsoDate;
  /**
   * true when the licence was read from a document (a parse, corrected by hand or not): a rule may
   * then say what it could not read; a bare registry record leaves it out
   */
  readonly document?: boolean;
}

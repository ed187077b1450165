/**
 * The shape of a rule, and the helpers every rule uses to build its findings. One rule per file in
 * `rules/`, each listed once in `registry.ts`.
 */
import { parentFieldPath } from '../field-path.js';
import type { CheckInput, Finding, FindingEvidence, Severity } from './finding.js';

/** Every rule id, as the issue names them (the CLI, API and docs print these). */
export const RuleId = {
  numberFormat: 'number-format',
  numberYear: 'number-year',
  validityTerm: 'validity-term',
  expired: 'expired',
  expiring: 'expiring',
  notYetValid: 'not-yet-valid',
  issuerRegion: 'issuer-region',
  coverageMissing: 'coverage-missing',
  coverageScope: 'coverage-scope',
  categoryCode: 'category-code',
  creditCode: 'credit-code',
  domainFormat: 'domain-format',
  signatureDate: 'signature-date',
  signatoryIsHolder: 'signatory-is-holder',
  pageSequence: 'page-sequence',
  regimeAnachronism: 'regime-anachronism',
  inspectionGap: 'inspection-gap',
  provisionNotApplicable: 'provision-not-applicable',
  dateFormat: 'date-format',
  unreadable: 'unreadable',
} as const;
export type RuleId = (typeof RuleId)[keyof typeof RuleId];

/** A check on a licence. Pure: the same input always gives the same findings. */
export interface Rule {
  readonly id: RuleId;
  /** the severities this rule can emit, most serious first */
  readonly severities: readonly Severity[];
  /** zh-CN title for listings */
  readonly title: string;
  readonly titleEn: string;
  /** the regulation article or practice the rule rests on; copied into every finding */
  readonly basis: string;
  /**
   * the English of `basis`, copied into every finding: official Chinese titles stay in 《》 with an
   * English gloss the first time; articles and "practice"/"inference" qualifiers as in `basis`
   */
  readonly basisEn: string;
  check(input: CheckInput): Finding[];
}

/** What a rule says in one finding; the rest comes from the rule and the input. */
export interface FindingDraft {
  readonly severity: Severity;
  readonly message: string;
  readonly messageEn: string;
  readonly fields: readonly string[];
  /** where the evidence lines come from, when not the fields themselves */
  readonly evidenceFields?: readonly string[];
}

/**
 * Builds a finding of `rule`, quoting the evidence of its fields. A rule passes only a severity
 * it declares in `severities`; tests check that.
 */
export function makeFinding(
  /** a check rule, or a register rule (core/trust/assess.ts): any id, with its basis */
  rule: { readonly id: string; readonly basis: string; readonly basisEn: string },
  input: CheckInput,
  draft: FindingDraft,
): Finding {
  return {
    ruleId: rule.id,
    severity: draft.severity,
    message: draft.message,
    messageEn: draft.messageEn,
    fields: draft.fields,
    evidence: evidenceFor(input, draft.evidenceFields ?? draft.fields),
    basis: rule.basis,
    basisEn: rule.basisEn,
  };
}

/**
 * The document lines behind `fields`, each once. A field without its own evidence falls back to
 * its nearest parent path (`signatures[1].date` → `signatures[1]`), because the parser records
 * evidence per block where a block is one line. A bare record yields `[]`.
 */
export function evidenceFor(input: CheckInput, fields: readonly string[]): FindingEvidence[] {
  const out: FindingEvidence[] = [];
  const seen = new Set<string>();
  for (const field of fields) {
    const found = lookupEvidence(input, field);
    if (found === undefined) continue;
    const key = `${found.line}\u0000${found.text}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ line: found.line, text: found.text });
  }
  return out;
}

function lookupEvidence(input: CheckInput, field: string): FindingEvidence | undefined {
  let path = field;
  for (;;) {
    // `Object.hasOwn`, not `in`: a field path like `constructor` must not hit the prototype.
    if (Object.hasOwn(input.evidence, path)) return input.evidence[path];
    const parent = parentFieldPath(path);
    if (parent === undefined) return undefined;
    path = parent;
  }
}

/**
 * Every rule, in the order reports list them within a severity: what could not be read, number, dates, issuer and
 * coverage, holder, websites, signatures and pages, regime, provisions, print. The CLI, API and docs
 * enumerate this list; a rule not listed here does not run.
 */
import type { Rule, RuleId } from './rule.js';
import { categoryCode } from './rules/category-code.js';
import { coverageMissing } from './rules/coverage-missing.js';
import { coverageScope } from './rules/coverage-scope.js';
import { creditCode } from './rules/credit-code.js';
import { dateFormat } from './rules/date-format.js';
import { domainFormat } from './rules/domain-format.js';
import { expired } from './rules/expired.js';
import { expiring } from './rules/expiring.js';
import { inspectionGap } from './rules/inspection-gap.js';
import { issuerRegion } from './rules/issuer-region.js';
import { notYetValid } from './rules/not-yet-valid.js';
import { numberFormat } from './rules/number-format.js';
import { numberYear } from './rules/number-year.js';
import { pageSequence } from './rules/page-sequence.js';
import { provisionNotApplicable } from './rules/provision-not-applicable.js';
import { regimeAnachronism } from './rules/regime-anachronism.js';
import { signatoryIsHolder } from './rules/signatory-is-holder.js';
import { signatureDate } from './rules/signature-date.js';
import { unreadable } from './rules/unreadable.js';
import { validityTerm } from './rules/validity-term.js';

/** All rules, each once. */
export const RULES: readonly Rule[] = Object.freeze([
  unreadable,
  numberFormat,
  numberYear,
  validityTerm,
  expired,
  expiring,
  notYetValid,
  issuerRegion,
  coverageMissing,
  coverageScope,
  categoryCode,
  creditCode,
  domainFormat,
  signatureDate,
  signatoryIsHolder,
  pageSequence,
  regimeAnachronism,
  inspectionGap,
  provisionNotApplicable,
  dateFormat,
]);

/** The rule with this id, or undefined for an unknown id (a CLI `--rule` typo). */
export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.id === id);
}

/** Narrows a string to a known rule id. */
export function isRuleId(id: string): id is RuleId {
  return findRule(id) !== undefined;
}

/** The rule engine: `checkLicence`, the rule registry and the report types. */
export {
  checkInputFromParseResult,
  checkLicence,
  licenceStatus,
  type CheckLicenceInput,
} from './check-licence.js';
export {
  CHECK_SCHEMA_ID,
  LicenceStatus,
  SEVERITY_ORDER,
  Severity,
  type CheckInput,
  type CheckReport,
  type Finding,
  type FindingEvidence,
} from './finding.js';
export { RULES, findRule, isRuleId } from './registry.js';
export { RuleId, type Rule } from './rule.js';

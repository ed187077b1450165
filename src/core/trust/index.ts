/** Trust: jurisdiction, comparison with the issuer's register, confirmations and the verdict. */
export {
  REGISTER_RULES,
  RegisterRuleId,
  assessTrust,
  type AssessTrustInput,
  type RegisterRule,
} from './assess.js';
export {
  NONE_VALUE,
  NONE_VALUE_EN,
  comparableText,
  compareWithConfirmation,
  compareWithRegister,
} from './compare-record.js';
export {
  DEFAULT_CONFIRMATION_DAYS,
  MAX_CONFIRMATION_DAYS,
  confirmationDueOn,
  isConfirmationCurrent,
} from './confirmation.js';
export {
  MIIT_AUTHORITY_NAME,
  MIIT_AUTHORITY_NAME_EN,
  authorityNameEnOf,
  authorityNameOf,
  coversNumber,
  isJurisdictionKey,
  jurisdictionOfNumber,
  parseJurisdiction,
  type JurisdictionParse,
} from './jurisdiction.js';
export {
  ORGANISATION_KIND_NAMES,
  PROVENANCE_NAMES,
  VALIDITY_NAMES,
  VERDICT_NAMES,
  type Name,
} from './names.js';
export { OFFICIAL_QUERY_BASE, officialQueryUrl } from './official-query.js';
export {
  MIIT_JURISDICTION,
  ORGANISATION_KINDS,
  OrganisationKind,
  PROVENANCES,
  Provenance,
  VALIDITIES,
  VERDICTS,
  Validity,
  Verdict,
  type AuthorityRef,
  type JurisdictionKey,
  type OfficialConfirmation,
  type RegisterDifference,
  type RegisterLookup,
  type RegisterSummary,
  type TrustAssessment,
} from './types.js';

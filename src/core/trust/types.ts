/**
 * Trust (docs/trust.md): who asserts a licence record, what a document is compared with, and the
 * verdict that says whether a document can be believed. Pure types; the functions live beside.
 */
import type { Finding } from '../checks/finding.js';
import type { LicenceStatus as LifecycleStatus } from '../lifecycle/lifecycle.js';
import type { IsoDate, Licence } from '../licence.js';

/**
 * Where a stored record came from.
 * - `issued`: recorded by the issuing authority with jurisdiction over its number (the register);
 * - `declared`: read from a document or typed in by a holder or platform: a copy, whatever it claims;
 * - `confirmed`: what a person saw in the authority's official query, on a day, with evidence;
 * - `mirrored`: reserved (the register of another instance, followed through its signed log).
 */
export const Provenance = {
  issued: 'issued',
  declared: 'declared',
  confirmed: 'confirmed',
  mirrored: 'mirrored',
} as const;
export type Provenance = (typeof Provenance)[keyof typeof Provenance];
export const PROVENANCES: readonly Provenance[] = Object.values(Provenance);

/**
 * Whether a document can be believed, apart from whether the licence is in force.
 * - `verified`: matches the register (or a current confirmation) and no error finding;
 * - `mismatch`: differs from the register or confirmation, or the register says there is no such licence;
 * - `suspect`: nothing to compare with, and an error finding: a person must review it;
 * - `unverified`: nothing to compare with, no error finding: not checked against the issuer.
 */
export const Verdict = {
  verified: 'verified',
  mismatch: 'mismatch',
  suspect: 'suspect',
  unverified: 'unverified',
} as const;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];
export const VERDICTS: readonly Verdict[] = Object.values(Verdict);

/**
 * Whether the licence is in force on a day: from the register's status when there is one, else
 * from the document's dates.
 */
export const Validity = {
  valid: 'valid',
  expiring: 'expiring',
  expired: 'expired',
  notYetValid: 'not-yet-valid',
  suspended: 'suspended',
  cancelled: 'cancelled',
  revoked: 'revoked',
  unknown: 'unknown',
} as const;
export type Validity = (typeof Validity)[keyof typeof Validity];
export const VALIDITIES: readonly Validity[] = Object.values(Validity);

/** The kind of an organisation; issuing power comes from being an authority with jurisdiction. */
export const OrganisationKind = {
  authority: 'authority',
  holder: 'holder',
  platform: 'platform',
} as const;
export type OrganisationKind = (typeof OrganisationKind)[keyof typeof OrganisationKind];
export const ORGANISATION_KINDS: readonly OrganisationKind[] = Object.values(OrganisationKind);

/**
 * An organisation id: lower-case letters, digits, `-` and `_`, 1–64 characters, starting with a
 * letter or digit. What tokens, the CLI's --org, the settings and the database key on.
 */
export const ORGANISATION_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/u;

/**
 * A jurisdiction key: a provincial abbreviation (`京`, `黔`) for the numbers a 通信管理局 issues, or
 * `MIIT` for the numbers 工业和信息化部 issues (no region prefix: `B2-…`, `B1.B2-…`, `合字B2-…`).
 */
export type JurisdictionKey = string;
export const MIIT_JURISDICTION = 'MIIT';

/** An authority on this instance, as a comparison names it. */
export interface AuthorityRef {
  readonly id: string;
  readonly name: string;
}

/** What a person recorded from the official query (电信业务市场综合管理信息系统) for a number. */
export interface OfficialConfirmation {
  readonly id: string;
  /** canonical number */
  readonly number: string;
  /** the day the official query was consulted */
  readonly checkedOn: IsoDate;
  /** who consulted it (the actor) */
  readonly checkedBy: string;
  /** the status as the official query showed it (已发证, 有效, 已注销 …), as written */
  readonly officialStatus: string;
  readonly holderName: string | null;
  /** the business types with their coverage as shown; empty when not recorded */
  readonly services: readonly { readonly name: string; readonly coverage: readonly string[] }[];
  readonly validFrom: IsoDate | null;
  readonly expiresOn: IsoDate | null;
  readonly note: string | null;
  /** sha256 of the attached screenshot or saved page, stored as a document */
  readonly attachmentSha256: string | null;
  /** the day it falls due for re-confirmation (see `confirmationDueOn`) */
  readonly dueOn: IsoDate;
  readonly recordedAt: string;
}

/**
 * What this instance knows for a number, looked up by the application layer before the pure
 * assessment:
 * - `register`: an authority on this instance covers the number and its register holds it;
 * - `absent`: an authority here covers the number and its register does not hold it;
 * - `confirmation`: no register covers it, and the organisation recorded an official confirmation
 *   (the latest; `current` false once past its `dueOn`);
 * - `none`: nothing to compare with.
 */
export type RegisterLookup =
  | {
      readonly kind: 'register';
      readonly authority: AuthorityRef;
      readonly licence: Licence;
      readonly status: LifecycleStatus;
      readonly version: number;
      readonly updatedAt: string;
      /** where the register's copy is a mirror of another instance's (docs/elicence.md): its source */
      readonly mirroredFrom?: string;
    }
  | { readonly kind: 'absent'; readonly authority: AuthorityRef }
  | {
      readonly kind: 'confirmation';
      readonly confirmation: OfficialConfirmation;
      readonly current: boolean;
    }
  | { readonly kind: 'none' };

/** One field that differs between a document and the register (or a confirmation). */
export interface RegisterDifference {
  /** field path in the document's record: `holder.name`, `services[1].coverage`, `websites` */
  readonly field: string;
  /** zh-CN label of the field (公司名称, 业务覆盖范围（B25 信息服务业务）) */
  readonly label: string;
  readonly labelEn: string;
  /** the values as each side states them, for people; `（无）` / `(none)` for an absent one */
  readonly documentValue: string;
  readonly registerValue: string;
  /** for a set-valued field (coverage, domains): the items only the document states, as printed */
  readonly documentOnly?: readonly string[];
  /** for a set-valued field: the items only the register (or confirmation) states */
  readonly registerOnly?: readonly string[];
}

/** The register's side of an assessment, for reports and screens. */
export interface RegisterSummary {
  /** `issued` for a register entry, `confirmed` for an official confirmation */
  readonly provenance: Provenance;
  /** register entries and `absent` name their authority */
  readonly authority: AuthorityRef | null;
  /** whether the register holds the number (false: `absent`) */
  readonly found: boolean;
  /** the register's lifecycle status, or the official query's status as written */
  readonly status: string | null;
  readonly version: number | null;
  readonly updatedAt: string | null;
  readonly confirmation: {
    readonly id: string;
    readonly checkedOn: IsoDate;
    readonly checkedBy: string;
    readonly dueOn: IsoDate;
    readonly current: boolean;
    readonly attachmentSha256: string | null;
  } | null;
  readonly differences: readonly RegisterDifference[];
}

/** The outcome of assessing a checked document against what this instance knows. */
export interface TrustAssessment {
  /** the check's findings with the register findings merged in, errors first */
  readonly findings: readonly Finding[];
  readonly verdict: Verdict;
  /** zh-CN sentence saying why (已于 2026-11-30 由 alice 在官方系统核实 …) */
  readonly verdictReason: string;
  readonly verdictReasonEn: string;
  readonly validity: Validity;
  /** null for `none` */
  readonly register: RegisterSummary | null;
}

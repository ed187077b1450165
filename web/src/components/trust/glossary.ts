/**
 * The trust glossary (docs/trust.md): one set of words for verdicts, provenance, validity and the
 * kinds of organisation, in both languages, used by every page that shows them — so the upload
 * review, the licence page, the register, the header and the public page never disagree. The
 * kinds of organisation are kept in kinds.ts (included here), so that the header can name them
 * without loading the rest.
 */
import type { Schemas } from '../../api/client';
import type { Assert, SameMembers } from '../../api/same-members';
import { defineMessages } from '../../i18n';
import { KIND_WORDS, ORG_KINDS } from './kinds';

export { ORG_KINDS, type OrgKind } from './kinds';

export const VERDICTS = ['verified', 'mismatch', 'suspect', 'unverified'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const PROVENANCES = ['issued', 'declared', 'confirmed', 'mirrored'] as const;
export type Provenance = (typeof PROVENANCES)[number];
export const VALIDITIES = [
  'valid',
  'expiring',
  'expired',
  'not-yet-valid',
  'suspended',
  'cancelled',
  'revoked',
  'unknown',
] as const;
export type Validity = (typeof VALIDITIES)[number];
export type GlossaryChecked = [
  Assert<SameMembers<typeof VERDICTS, Schemas['CheckReport']['verdict']>>,
  Assert<SameMembers<typeof PROVENANCES, Schemas['StoredLicence']['provenance']>>,
  Assert<SameMembers<typeof VALIDITIES, Schemas['CheckReport']['validity']>>,
];

export const glossary = defineMessages({
  ...KIND_WORDS,
  verdict_verified: ['已核实', 'Verified'],
  verdict_mismatch: ['与登记不符', 'Differs from the register'],
  verdict_suspect: ['需人工复核', 'Needs review'],
  verdict_unverified: ['未经核实', 'Unverified'],
  // the banner's headline: says what it means, not only the name
  headline_verified: ['已核实', 'Verified'],
  headline_mismatch: ['与登记不符，疑似伪造', 'Differs from the register: possibly forged'],
  headline_suspect: ['需人工复核', 'Needs review by a person'],
  headline_unverified: ['未经发证机关核实', 'Not verified by the issuing authority'],
  provenance_issued: ['发证机关登记', 'Issuing authority’s register'],
  provenance_declared: ['自行申报（副本）', 'Self-declared (a copy)'],
  provenance_confirmed: ['官方系统核实', 'Confirmed in the official system'],
  provenance_mirrored: ['镜像登记', 'Mirrored register'],
  validity_valid: ['有效', 'Valid'],
  validity_expiring: ['即将到期', 'Expiring soon'],
  validity_expired: ['已过期', 'Expired'],
  'validity_not-yet-valid': ['未生效', 'Not yet valid'],
  validity_suspended: ['暂停', 'Suspended'],
  validity_cancelled: ['已注销', 'Cancelled'],
  validity_revoked: ['已吊销', 'Revoked'],
  validity_unknown: ['未知', 'Unknown'],
  verdictLabel: ['核验结论', 'Verdict'],
  validityLabel: ['有效期状态', 'Validity'],
  provenanceLabel: ['来源', 'Source'],
});

export type GlossaryKey = keyof typeof glossary.zh;

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

/** The key of a code's word, or null for a code the UI does not know (shown as it is). */
export function glossaryKey(
  group: 'verdict' | 'headline' | 'provenance' | 'validity' | 'kind',
  code: string,
): GlossaryKey | null {
  const list: readonly string[] =
    group === 'verdict' || group === 'headline'
      ? VERDICTS
      : group === 'provenance'
        ? PROVENANCES
        : group === 'validity'
          ? VALIDITIES
          : ORG_KINDS;
  return isOneOf(list, code) ? (`${group}_${code}` as GlossaryKey) : null;
}

/** The green mark only when the register (or a current confirmation) agrees and it is in force. */
export function earnsGreenMark(verdict: string, validity: string): boolean {
  return verdict === 'verified' && (validity === 'valid' || validity === 'expiring');
}

/** The authority's own licence query (behind a captcha), for a number. */
export function officialQueryUrl(number: string): string {
  return `https://dxzhgl.miit.gov.cn/dxxzsp/xkz/xkzgl/resource/qiyesearch.jsp?num=${encodeURIComponent(number)}&type=xuke`;
}

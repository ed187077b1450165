/**
 * Names of the trust vocabulary for people, zh-CN first with English, as reports, the CLI and the
 * web UI print them. Exhaustive records: a new verdict or validity does not compile until named.
 */
import type { OrganisationKind, Provenance, Validity, Verdict } from './types.js';

export interface Name {
  readonly zh: string;
  readonly en: string;
}

export const VERDICT_NAMES: Readonly<Record<Verdict, Name>> = {
  verified: { zh: '已核实', en: 'Verified' },
  mismatch: { zh: '与登记不符', en: 'Differs from the register' },
  suspect: { zh: '需人工复核', en: 'Needs review' },
  unverified: { zh: '未经核实', en: 'Unverified' },
};

export const PROVENANCE_NAMES: Readonly<Record<Provenance, Name>> = {
  issued: { zh: '发证机关登记', en: 'Recorded by the issuer' },
  declared: { zh: '自行申报（副本）', en: 'Declared (a copy)' },
  confirmed: { zh: '官方系统核实', en: 'Confirmed in the official system' },
  mirrored: { zh: '镜像登记', en: 'Mirrored register' },
};

export const VALIDITY_NAMES: Readonly<Record<Validity, Name>> = {
  valid: { zh: '有效', en: 'Valid' },
  expiring: { zh: '即将到期', en: 'Expiring' },
  expired: { zh: '已过期', en: 'Expired' },
  'not-yet-valid': { zh: '未生效', en: 'Not yet valid' },
  suspended: { zh: '暂停', en: 'Suspended' },
  cancelled: { zh: '已注销', en: 'Cancelled' },
  revoked: { zh: '已吊销', en: 'Revoked' },
  unknown: { zh: '未知', en: 'Unknown' },
};

export const ORGANISATION_KIND_NAMES: Readonly<Record<OrganisationKind, Name>> = {
  authority: { zh: '发证机关', en: 'Issuing authority' },
  holder: { zh: '持证单位', en: 'Licence holder' },
  platform: { zh: '平台', en: 'Platform' },
};

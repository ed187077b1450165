/**
 * Words for the codes the API answers with (event kinds, finding severities, licence statuses and
 * kinds) in both languages, and the badges built from them. A code the UI does not know is shown as
 * it is, never hidden. (Deadline occurrences carry their obligation's title in both languages; their
 * statuses' words are in deadlines/occurrence-status.tsx, a licence's statuses' in common.tsx.)
 */
import type { Schemas } from '../../api/client';
import type { Assert, SameMembers } from '../../api/same-members';
import { defineMessages, PUNCT, useLang, useT } from '../../i18n';
import { commonWords } from '../common';
import { isLicenceStatus } from './statuses';

export const names = defineMessages({
  // lifecycle events (docs/registry.md)
  kind_issued: ['颁发', 'Issued'],
  'kind_renewal-applied': ['申请延续', 'Renewal applied for'],
  kind_renewed: ['延续（续期）', 'Renewed'],
  kind_changed: ['变更', 'Changed'],
  'kind_annual-report-filed': ['提交年报', 'Annual report filed'],
  'kind_inspection-recorded': ['记录年检', 'Inspection recorded'],
  kind_suspended: ['暂停', 'Suspended'],
  kind_reinstated: ['恢复', 'Reinstated'],
  kind_expired: ['到期', 'Expired'],
  kind_cancelled: ['注销', 'Cancelled'],
  kind_revoked: ['吊销', 'Revoked'],
  // obligation events (docs/deadlines.md)
  'kind_illegal-content-disposed': ['处置违法信息', 'Illegal content disposed of'],
  kind_incident: ['重大网络安全事件', 'Major security incident'],
  'kind_entity-change-decided': ['决定变更经营主体', 'Change of entity decided'],
  'kind_registration-change-completed': ['完成登记事项变更', 'Registration change completed'],
  'kind_local-info-changed': ['当地机构信息变更', 'Local office information changed'],
  'kind_national-licence-obtained': ['取得全国许可证', 'National licence obtained'],
  'kind_security-assessment-completed': ['完成安全评估', 'Security assessment completed'],
  'kind_exit-decided': ['决定不再继续经营', 'Decided not to continue'],
  'kind_annual-report-make-up-ordered': [
    '收到限期补报年报的通知',
    'Ordered to make up the annual report',
  ],
  severity_error: ['错误', 'Error'],
  severity_warning: ['警告', 'Warning'],
  severity_info: ['提示', 'Note'],
  licence_vats: ['增值电信业务经营许可证', 'Value-added telecom business licence'],
  'licence_vats-cross-regional': [
    '跨地区增值电信业务经营许可证',
    'Cross-regional value-added telecom business licence',
  ],
  licence_basic: ['基础电信业务经营许可证', 'Basic telecom business licence'],
  provisional: ['暂定', 'Provisional'],
  provisionalHint: [
    '涉及尚未公布放假安排的日子，公布后可能变动',
    'Touches days whose holiday notice is not yet published; it may move',
  ],
});

type Key = Extract<keyof typeof names.zh, string>;

function has(key: string): key is Key {
  return key in names.zh;
}

/** A lookup of code → words, for one prefix (`kind`, `severity`, `licence`, `status`). */
export function useNames(): (
  prefix: 'kind' | 'severity' | 'licence' | 'status',
  code: string,
) => string {
  const t = useT(names);
  const tc = useT(commonWords);
  return (prefix, code) => {
    if (prefix === 'status') return isLicenceStatus(code) ? tc(`status_${code}`) : code;
    const key = `${prefix}_${code}`;
    return has(key) ? t(key) : code;
  };
}

const SEVERITIES = ['error', 'warning', 'info'] as const;
export type SeveritiesChecked = Assert<
  SameMembers<typeof SEVERITIES, Schemas['Finding']['severity']>
>;

/** A check finding's severity: the word, with colour as a second signal. */
export function SeverityBadge({ severity }: { severity: string }) {
  const name = useNames();
  const known = (SEVERITIES as readonly string[]).includes(severity);
  return (
    <span className={`badge badge-${known ? severity : 'unknown'}`}>
      {name('severity', severity)}
    </span>
  );
}

/** The "provisional" marker of a date that may still move, with why on hover and to readers. */
export function ProvisionalMarker() {
  const t = useT(names);
  const { lang } = useLang();
  return (
    <span className="badge badge-warning" title={t('provisionalHint')}>
      {t('provisional')}
      <span className="visually-hidden">
        {PUNCT[lang].open}
        {t('provisionalHint')}
        {PUNCT[lang].close}
      </span>
    </span>
  );
}

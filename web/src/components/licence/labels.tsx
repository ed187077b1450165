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

export const names = defineMessages(
  {
    // lifecycle events (docs/registry.md)
    kind_issued: '颁发',
    'kind_renewal-applied': '申请延续',
    kind_renewed: '延续（续期）',
    kind_changed: '变更',
    'kind_annual-report-filed': '提交年报',
    'kind_inspection-recorded': '记录年检',
    kind_suspended: '暂停',
    kind_reinstated: '恢复',
    kind_expired: '到期',
    kind_cancelled: '注销',
    kind_revoked: '吊销',
    // obligation events (docs/deadlines.md)
    'kind_illegal-content-disposed': '处置违法信息',
    kind_incident: '重大网络安全事件',
    'kind_entity-change-decided': '决定变更经营主体',
    'kind_registration-change-completed': '完成登记事项变更',
    'kind_local-info-changed': '当地机构信息变更',
    'kind_national-licence-obtained': '取得全国许可证',
    'kind_security-assessment-completed': '完成安全评估',
    'kind_exit-decided': '决定不再继续经营',
    severity_error: '错误',
    severity_warning: '警告',
    severity_info: '提示',
    licence_vats: '增值电信业务经营许可证',
    'licence_vats-cross-regional': '跨地区增值电信业务经营许可证',
    licence_basic: '基础电信业务经营许可证',
    provisional: '暂定',
    provisionalHint: '涉及尚未公布放假安排的日子，公布后可能变动',
  },
  {
    kind_issued: 'Issued',
    'kind_renewal-applied': 'Renewal applied for',
    kind_renewed: 'Renewed',
    kind_changed: 'Changed',
    'kind_annual-report-filed': 'Annual report filed',
    'kind_inspection-recorded': 'Inspection recorded',
    kind_suspended: 'Suspended',
    kind_reinstated: 'Reinstated',
    kind_expired: 'Expired',
    kind_cancelled: 'Cancelled',
    kind_revoked: 'Revoked',
    'kind_illegal-content-disposed': 'Illegal content disposed of',
    kind_incident: 'Major security incident',
    'kind_entity-change-decided': 'Change of entity decided',
    'kind_registration-change-completed': 'Registration change completed',
    'kind_local-info-changed': 'Local office information changed',
    'kind_national-licence-obtained': 'National licence obtained',
    'kind_security-assessment-completed': 'Security assessment completed',
    'kind_exit-decided': 'Decided not to continue',
    severity_error: 'Error',
    severity_warning: 'Warning',
    severity_info: 'Note',
    licence_vats: 'Value-added telecom business licence',
    'licence_vats-cross-regional': 'Cross-regional value-added telecom business licence',
    licence_basic: 'Basic telecom business licence',
    provisional: 'Provisional',
    provisionalHint: 'Touches days whose holiday notice is not yet published; it may move',
  },
);

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

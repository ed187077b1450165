/** Names of obligation events in both languages; an occurrence's title. */
import type { paths } from '../../api/schema';
import type { Assert, SameMembers } from '../../api/same-members';
import { defineMessages, pick, type Lang } from '../../i18n';

/** The occurrence's obligation title in the reader's language (the API gives both). */
export function titleOf(
  o: { readonly title: string; readonly titleEn: string },
  lang: Lang,
): string {
  return pick(lang, o.title, o.titleEn);
}

/** The obligation events a holder records (POST /licences/{number}/events), in catalogue order. */
export const EVENT_KINDS = [
  'illegal-content-disposed',
  'incident',
  'entity-change-decided',
  'registration-change-completed',
  'local-info-changed',
  'national-licence-obtained',
  'security-assessment-completed',
  'exit-decided',
  'annual-report-make-up-ordered',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
type EventBody =
  paths['/api/v1/licences/{number}/events']['post']['requestBody']['content']['application/json'];
export type EventKindsChecked = Assert<
  SameMembers<typeof EVENT_KINDS, Extract<EventBody, { date: string }>['kind']>
>;

export const labels = defineMessages({
  'event_illegal-content-disposed': [
    '发现并处置了违法信息',
    'Illegal information found and disposed of',
  ],
  event_incident: ['发生重大网络安全事件', 'Major security incident'],
  'event_entity-change-decided': [
    '决定变更经营主体（合并、分立、股东变化、经营权转移）',
    'Change of operating entity decided (merger, split, shareholders)',
  ],
  'event_registration-change-completed': [
    '完成名称、法定代表人或注册资本变更登记',
    'Change of name, legal representative or capital registered',
  ],
  'event_local-info-changed': [
    '当地经营或客户服务机构信息变更',
    'Local operation or customer-service office changed',
  ],
  'event_national-licence-obtained': [
    '取得覆盖省级许可的全国许可证',
    'National licence covering a provincial one obtained',
  ],
  'event_security-assessment-completed': [
    '完成新技术新业务安全评估',
    'Security assessment of a new service completed',
  ],
  'event_exit-decided': ['决定期满不再继续经营', 'Decided not to continue after expiry'],
  'event_annual-report-make-up-ordered': [
    '收到限期补报年报的通知',
    'Ordered to make up the annual report',
  ],
});

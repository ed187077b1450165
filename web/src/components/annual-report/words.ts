/**
 * The annual-report cycle's words (docs/glossary.md): a report's statuses, a licence's stage in a
 * year's cycle, the credit lists and why a holder is on one, and what the report's history records.
 * Each code is a `[zh, en]` pair, and each list is held to the API's members (same-members.ts), so a
 * new status or stage does not compile until it has its words.
 */
import type { Schemas } from '../../api/client';
import type { Assert, SameMembers } from '../../api/same-members';
import type { Lang } from '../../i18n';

type Pair = readonly [zh: string, en: string];
type Report = Schemas['AnnualReport'];
export type ReportStatus = Report['status'];
export type CreditList = Schemas['CreditListEntry']['list'];
export type ListingReason = Schemas['CreditListEntry']['reasonKind'];
export type CycleStage = keyof Schemas['AnnualReportOverview']['byStage'];

export const REPORT_STATUSES = [
  'draft',
  'signed-off',
  'submitted',
  'returned',
  'accepted',
] as const;
export type ReportStatusesAreTheApis = Assert<SameMembers<typeof REPORT_STATUSES, ReportStatus>>;

/** in the order a year's cycle runs */
export const CYCLE_STAGES = [
  'not-filed',
  'pending-review',
  'returned',
  'ordered',
  'order-overdue',
  'listed',
  'accepted',
] as const;
export type CycleStagesAreTheApis = Assert<SameMembers<typeof CYCLE_STAGES, CycleStage>>;

export const CREDIT_LISTS = ['bad', 'dishonest'] as const;
export type CreditListsAreTheApis = Assert<SameMembers<typeof CREDIT_LISTS, CreditList>>;

export const LISTING_REASONS = ['annual-report-missing', 'penalty', 'other'] as const;
export type ListingReasonsAreTheApis = Assert<SameMembers<typeof LISTING_REASONS, ListingReason>>;

const STATUS: Readonly<Record<ReportStatus, Pair>> = {
  draft: ['草稿', 'Draft'],
  'signed-off': ['已签核，待报送', 'Signed off, not yet submitted'],
  submitted: ['已报送，待审核', 'Submitted, under review'],
  returned: ['已退回', 'Returned'],
  accepted: ['已受理', 'Accepted'],
};

const STAGE: Readonly<Record<CycleStage, Pair>> = {
  'not-filed': ['未报送', 'Not filed'],
  'pending-review': ['待审核', 'Under review'],
  returned: ['已退回', 'Returned'],
  ordered: ['已责令限期补报', 'Ordered to make up'],
  'order-overdue': ['补报逾期', 'Make-up order overdue'],
  listed: ['已列入不良名单', 'Listed'],
  accepted: ['已受理', 'Accepted'],
};

const LIST: Readonly<Record<CreditList, Pair>> = {
  bad: ['电信业务经营不良名单', 'List of telecom operators in bad standing (不良名单)'],
  dishonest: ['电信业务经营失信名单', 'List of dishonest telecom operators (失信名单)'],
};

const LIST_SHORT: Readonly<Record<CreditList, Pair>> = {
  bad: ['不良名单', '不良名单 (bad standing)'],
  dishonest: ['失信名单', '失信名单 (dishonest)'],
};

const REASON: Readonly<Record<ListingReason, Pair>> = {
  'annual-report-missing': ['未按规定报送年报', 'Annual report not filed'],
  penalty: ['受到行政处罚', 'Administrative penalty'],
  other: ['其他', 'Other'],
};

const ACTION: Readonly<Record<string, Pair>> = {
  drafted: ['起草', 'Drafted'],
  saved: ['保存', 'Saved'],
  attached: ['添加附件', 'Attached a file'],
  'signed-off': ['单位内部签核', 'Signed off'],
  submitted: ['报送', 'Submitted'],
  returned: ['退回', 'Returned'],
  accepted: ['受理', 'Accepted'],
};

const at = (pair: Pair, lang: Lang): string => pair[lang === 'zh' ? 0 : 1];

export const statusWord = (s: ReportStatus, lang: Lang): string => at(STATUS[s], lang);
export const stageWord = (s: CycleStage, lang: Lang): string => at(STAGE[s], lang);
export const listWord = (l: CreditList, lang: Lang): string => at(LIST[l], lang);
/** the list's short name, for a table's cell */
export const listShortWord = (l: CreditList, lang: Lang): string => at(LIST_SHORT[l], lang);
export const reasonWord = (r: ListingReason, lang: Lang): string => at(REASON[r], lang);
/** what the history records (`saved`, `returned` …), in words; another action as it is */
export function actionWord(action: string, lang: Lang): string {
  const pair = ACTION[action];
  return pair === undefined ? action : at(pair, lang);
}

/** the badge's colour for a status or a stage (its word says it too) */
export const STATUS_BADGE: Readonly<Record<ReportStatus, string>> = {
  draft: 'badge-upcoming',
  'signed-off': 'badge-info',
  submitted: 'badge-info',
  returned: 'badge-warning',
  accepted: 'badge-ok',
};
export const STAGE_BADGE: Readonly<Record<CycleStage, string>> = {
  'not-filed': 'badge-warning',
  'pending-review': 'badge-info',
  returned: 'badge-warning',
  ordered: 'badge-due-soon',
  'order-overdue': 'badge-overdue',
  listed: 'badge-error',
  accepted: 'badge-ok',
};

/** the year a report is drafted on by default: last year, in Beijing */
export function lastYear(today: string): number {
  return Number(today.slice(0, 4)) - 1;
}

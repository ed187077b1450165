/**
 * The obligations of deadlines.md, ids as there: what the holder must do, what triggers it, how its
 * due date is counted, and where the duty comes from (seed provisions; 《电信业务经营许可管理办法》,
 * 工业和信息化部令第42号, in force 2017-09-01; article numbers per licensing.md).
 */
import { EventKind } from './events.js';

export const ObligationId = {
  renewal: 'renewal',
  exitReport: 'exit-report',
  annualReport: 'annual-report',
  annualInspection: 'annual-inspection',
  annualReportMakeUp: 'annual-report-make-up',
  entityChange: 'entity-change',
  registrationChange: 'registration-change',
  localInfoChange: 'local-info-change',
  provincialCancellation: 'provincial-cancellation',
  illegalContentReport: 'illegal-content-report',
  incidentReport: 'incident-report',
  securityAssessmentReport: 'security-assessment-report',
  securityGrading: 'security-grading',
  numberDisplay: 'number-display',
  logRetention: 'log-retention',
} as const;
export type ObligationId = (typeof ObligationId)[keyof typeof ObligationId];

/**
 * How an occurrence's due date is counted (the counting rules of deadlines.md), from its anchor: the
 * event day, the licence's expiry, or the annual period's first day.
 */
export type DueRule =
  /** the N-th working day after the event day */
  | { readonly kind: 'working-days'; readonly n: number }
  /** N days after the event day, a last day off moved to the next working day (民法典 201, 203) */
  | { readonly kind: 'calendar-days'; readonly n: number }
  /** N calendar months after the event day (民法典 201–203) */
  | { readonly kind: 'calendar-months'; readonly n: number }
  /** N days before the licence's expiry, never moved */
  | { readonly kind: 'back-from-expiry'; readonly n: number }
  /**
   * 31 March of the anchor's year, not moved; `basis` is its legal wording, `{year}` standing for
   * the year an annual occurrence is for
   */
  | {
      readonly kind: 'first-quarter';
      readonly basis: { readonly zh: string; readonly en: string };
    }
  /** the event day itself ("立即 / 第一时间") */
  | { readonly kind: 'same-day' }
  /** no due date xuke can compute: continuous, or periods unconfirmed */
  | { readonly kind: 'none' };

/** Which year an annual obligation's occurrence is for, relative to the year it is done in. */
export type AnnualCovers =
  /**
   * the year before: the occurrence for year R is done in R+1's period, keyed `R`, and binds a
   * licence held on R-12-31 (the annual report, licensing.md §1.8)
   */
  | 'previous-year'
  /**
   * the year it is done in: the occurrence for year Q is done in Q's period, keyed `Q`, and binds a
   * licence held on the period's first or last day (the annual inspection)
   */
  | 'current-year';

/**
 * An obligation's cycle: what starts its occurrences.
 * - `event`: event-triggered, one occurrence per recorded event of that kind;
 * - `expiry`: one-off, once per licence term, counted from the expiry;
 * - `annual`: once a year, for the year `covers` says;
 * - `continuous`: a standing duty, without dates.
 */
export type Trigger =
  | { readonly kind: 'event'; readonly event: EventKind }
  | { readonly kind: 'expiry' }
  | { readonly kind: 'annual'; readonly covers: AnnualCovers }
  | { readonly kind: 'continuous' };

export interface Obligation {
  readonly id: ObligationId;
  readonly title: string;
  readonly titleEn: string;
  /** its cycle */
  readonly trigger: Trigger;
  readonly due: DueRule;
  /** where the duty comes from */
  readonly source: string;
  readonly sourceEn: string;
  /** the seed licence's provisions that state it */
  readonly provisions: readonly string[];
}

export const OBLIGATIONS: readonly Obligation[] = Object.freeze([
  {
    id: 'renewal',
    title: '经营许可证续期（延续）申请',
    titleEn: 'Apply to renew the licence',
    trigger: { kind: 'expiry' },
    due: { kind: 'back-from-expiry', n: 90 },
    source:
      '特别规定事项第十二项（提前90日向原发证机关提出续办申请）；《电信业务经营许可管理办法》第二十七条',
    sourceEn: 'Special provision 12 (apply 90 days ahead to the original issuer); Order 42 art. 27',
    provisions: ['12'],
  },
  {
    id: 'exit-report',
    title: '不再继续经营的报告及用户善后',
    titleEn: 'Report that the licence will not be continued, and arrange users’ affairs',
    trigger: { kind: 'event', event: 'exit-decided' },
    due: { kind: 'back-from-expiry', n: 90 },
    source: '《电信业务经营许可管理办法》第二十七条',
    sourceEn: 'Order 42 art. 27',
    provisions: [],
  },
  {
    id: 'annual-report',
    title: '年报（上一年度电信业务经营信息）',
    titleEn: 'Annual report for the previous year',
    trigger: { kind: 'annual', covers: 'previous-year' },
    due: {
      kind: 'first-quarter',
      basis: {
        zh: '第一季度内报送{year}年度年报，截止 3 月 31 日',
        en: 'annual report for {year} due in the first quarter, by 31 March',
      },
    },
    source:
      '《电信业务经营许可管理办法》第三十五条（每年第一季度报告）、第三十八条；工信部信管〔2017〕321号（4月补报，5月列入不良名单）',
    sourceEn:
      'Order 42 arts. 35 (report in the first quarter) and 38; MIIT 信管〔2017〕321号 (April make-up month, non-filers listed in May)',
    provisions: [],
  },
  {
    id: 'annual-inspection',
    title: '经营许可证年检',
    titleEn: 'Annual inspection of the licence',
    trigger: { kind: 'annual', covers: 'current-year' },
    due: {
      kind: 'first-quarter',
      basis: {
        zh: '每年第一季度，截止 3 月 31 日',
        en: 'first quarter of each year, by 31 March',
      },
    },
    source: '特别规定事项第十四项（每年第一季度参加年检）；2017年起年检已由年报制度取代',
    sourceEn:
      'Special provision 14 (annual inspection in the first quarter); replaced by the annual report since 2017',
    provisions: ['14'],
  },
  {
    id: 'entity-change',
    title: '经营主体变更申请（合并、分立、股东变化、经营权转移）',
    titleEn: 'Apply for a change of operating entity (merger, split, shareholders, transfer)',
    trigger: { kind: 'event', event: 'entity-change-decided' },
    due: { kind: 'calendar-days', n: 30 },
    source:
      '特别规定事项第十一项（自作出决定之日起30日内，经批准后方可实施）；《电信业务经营许可管理办法》第二十八条',
    sourceEn:
      'Special provision 11 (within 30 days of the decision; carry out only after approval); Order 42 art. 28',
    provisions: ['11'],
  },
  {
    id: 'registration-change',
    title: '公司名称、法定代表人、注册资本变更申请',
    titleEn: 'Apply after a change of name, legal representative or registered capital',
    trigger: { kind: 'event', event: 'registration-change-completed' },
    due: { kind: 'calendar-days', n: 30 },
    source: '《电信业务经营许可管理办法》第二十九条（工商变更登记完成后30日内）',
    sourceEn: 'Order 42 art. 29 (within 30 days of the change registration)',
    provisions: [],
  },
  {
    id: 'local-info-change',
    title: '当地经营、客户服务机构信息变更报送',
    titleEn: 'Report changed local operation or customer-service office information',
    trigger: { kind: 'event', event: 'local-info-changed' },
    due: { kind: 'calendar-days', n: 30 },
    source: '特别规定事项第十二项（变更后30日内向原发证机关报送）',
    sourceEn: 'Special provision 12 (within 30 days of the change, to the original issuer)',
    provisions: ['12'],
  },
  {
    id: 'annual-report-make-up',
    title: '限期补报年报',
    titleEn: 'Make up the annual report by the ordered time limit',
    trigger: { kind: 'event', event: 'annual-report-make-up-ordered' },
    due: { kind: 'calendar-months', n: 1 },
    source:
      '《电信业务经营许可管理办法》第三十八条（未按期报告年报的，责令限期报告；逾期仍未报告的，列入电信业务经营不良名单）',
    sourceEn:
      'Order 42 art. 38 (a holder that did not file is ordered to file within a time limit; one that still does not is put on the 不良名单)',
    provisions: [],
  },
  {
    id: 'provincial-cancellation',
    title: '省级许可证注销或变更',
    titleEn: 'Cancel or change the provincial licence now covered',
    trigger: { kind: 'event', event: 'national-licence-obtained' },
    due: { kind: 'calendar-days', n: 30 },
    source: '特别规定事项第十三项（30日内向相关省级通信管理局办理注销或变更）',
    sourceEn:
      'Special provision 13 (within 30 days, at the provincial communications administration)',
    provisions: ['13'],
  },
  {
    id: 'illegal-content-report',
    title: '违法信息处置情况上报',
    titleEn: 'Report illegal information found and disposed of',
    trigger: { kind: 'event', event: 'illegal-content-disposed' },
    due: { kind: 'working-days', n: 10 },
    source: '特别规定事项第九项（处置后的10个工作日内向电信主管部门上报，保存有关记录）',
    sourceEn: 'Special provision 9 (report within 10 working days of disposal; keep the records)',
    provisions: ['9'],
  },
  {
    id: 'incident-report',
    title: '重大网络安全事件报告',
    titleEn: 'Report a major security incident',
    trigger: { kind: 'event', event: 'incident' },
    due: { kind: 'same-day' },
    source: '特别规定事项第八项（立即采取应急措施，第一时间向电信主管部门报告）',
    sourceEn: 'Special provision 8 (act at once and report immediately)',
    provisions: ['8'],
  },
  {
    id: 'security-assessment-report',
    title: '网络信息安全评估书面报告',
    titleEn: 'Submit the written security assessment report',
    trigger: { kind: 'event', event: 'security-assessment-completed' },
    due: { kind: 'calendar-days', n: 30 },
    source: '特别规定事项第十五项（八）（安全评估完成30日内提交书面评估报告）',
    sourceEn: 'Special provision 15(8) (within 30 days of completing the assessment)',
    provisions: ['15.8'],
  },
  {
    id: 'security-grading',
    title: '网络和系统定级备案、符合性评测、风险评估',
    titleEn: 'Grade and file networks and systems; conformity evaluation; risk assessment',
    trigger: { kind: 'continuous' },
    due: { kind: 'none' },
    source:
      '特别规定事项第六项；《通信网络安全防护管理办法》（工业和信息化部令第11号），按定级的周期未经确认',
    sourceEn: 'Special provision 6; MIIT Order 11 (periods by grade unconfirmed)',
    provisions: ['6'],
  },
  {
    id: 'number-display',
    title: '在网站首页、广告和宣传资料上标明经营许可证编号',
    titleEn: 'Show the licence number on the home page, ads and brochures',
    trigger: { kind: 'continuous' },
    due: { kind: 'none' },
    source: '特别规定事项第二项、第十五项（四）',
    sourceEn: 'Special provisions 2 and 15(4)',
    provisions: ['2', '15.4'],
  },
  {
    id: 'log-retention',
    title: '用户日志留存（不少于六个月）',
    titleEn: 'Keep user logs (at least six months)',
    trigger: { kind: 'continuous' },
    due: { kind: 'none' },
    source: '特别规定事项第九项；《中华人民共和国网络安全法》第二十一条',
    sourceEn: 'Special provision 9; Cybersecurity Law art. 21',
    provisions: ['9'],
  },
] satisfies Obligation[]);

/** The obligation with this id. */
export function obligationById(id: ObligationId): Obligation {
  const found = OBLIGATIONS.find((o) => o.id === id);
  if (!found) throw new Error(`unknown obligation ${id}`);
  return found;
}

/**
 * The annual report's six items (《电信业务经营许可管理办法》 art. 35, licensing.md §1.8) and the
 * fields a holder completes in each: what xuke cannot know (revenue, users by service, staff,
 * complaints, security measures, incidents). Items 1–3 are published except the fields the holder
 * withholds as trade secrets; item 4 is not published; items 5–6 are published at the holder's
 * choice (art. 35 para. 2).
 */

export const REPORT_ITEM_NUMBERS = [1, 2, 3, 4, 5, 6] as const;
export type ReportItemNumber = (typeof REPORT_ITEM_NUMBERS)[number];

/** How an item's publication is decided (art. 35 para. 2). */
export type Publication =
  /** published, except the fields withheld as trade secrets */
  | 'public'
  /** not published */
  | 'never'
  /** published when the holder chooses */
  | 'holder-choice';

export type FieldKind =
  /** free text, at most MAX_TEXT characters */
  | 'text'
  /** a whole number ≥ 0 */
  | 'count'
  /** an amount in 万元 (ten thousand yuan), ≥ 0, at most two decimals */
  | 'money'
  /** one whole number ≥ 0 per licensed service, keyed by the service's code (or name without one) */
  | 'per-service-count';

export interface FieldDefinition {
  readonly key: string;
  readonly label: string;
  readonly labelEn: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  /** what to write, for the form's help text */
  readonly hint: string;
  readonly hintEn: string;
}

export interface ItemDefinition {
  readonly no: ReportItemNumber;
  readonly title: string;
  readonly titleEn: string;
  /** the article's words for this item */
  readonly basis: string;
  readonly basisEn: string;
  readonly publication: Publication;
  readonly fields: readonly FieldDefinition[];
}

export const MAX_TEXT = 4000;

const ART35 = '《电信业务经营许可管理办法》（工业和信息化部令第42号）第三十五条第一款';
const ART35_EN = 'Order 42 (Measures on telecommunications business licences) art. 35 para. 1';

function text(
  key: string,
  label: string,
  labelEn: string,
  required: boolean,
  hint: string,
  hintEn: string,
): FieldDefinition {
  return { key, label, labelEn, kind: 'text', required, hint, hintEn };
}

export const REPORT_ITEMS: readonly ItemDefinition[] = Object.freeze([
  {
    no: 1,
    title: '上一年度的电信业务经营情况',
    titleEn: 'Telecommunications business operations in the previous year',
    basis: `${ART35}第（一）项`,
    basisEn: `${ART35_EN}, item (1)`,
    publication: 'public',
    fields: [
      {
        key: 'revenue',
        label: '电信业务收入（万元）',
        labelEn: 'Telecommunications business revenue (10,000 yuan)',
        kind: 'money',
        required: true,
        hint: '本年度经营许可证所列业务的收入，单位万元；没有收入请填 0',
        hintEn:
          'Revenue from the licensed services this year, in 10,000 yuan; 0 when there was none',
      },
      {
        key: 'usersByService',
        label: '各项业务用户数',
        labelEn: 'Users by service',
        kind: 'per-service-count',
        required: true,
        hint: '经营许可证所列每项业务年末的用户数；未开展的业务填 0',
        hintEn: 'Users at the year end for every licensed service; 0 for a service not operated',
      },
      text(
        'operations',
        '经营情况说明',
        'Account of operations',
        true,
        '各项业务是否开展、开展方式与规模',
        'Whether and how each service was operated, and at what scale',
      ),
    ],
  },
  {
    no: 2,
    title: '网络建设、业务发展、人员及机构变动情况',
    titleEn: 'Network build-out, business development, staff and organisational changes',
    basis: `${ART35}第（二）项`,
    basisEn: `${ART35_EN}, item (2)`,
    publication: 'public',
    fields: [
      {
        key: 'staff',
        label: '年末从业人员数',
        labelEn: 'Staff at the year end',
        kind: 'count',
        required: true,
        hint: '年末在岗的从业人员人数',
        hintEn: 'People employed at the year end',
      },
      text(
        'network',
        '网络建设与业务发展',
        'Network build-out and business development',
        true,
        '机房、带宽、接入服务商、新增网站或应用等',
        'Machine rooms, bandwidth, access providers, new websites or apps …',
      ),
      text(
        'changes',
        '人员及机构变动',
        'Staff and organisational changes',
        true,
        '法定代表人、股东、注册资本、住所、分支机构等的变动；无变动请写“无”',
        'Changes of legal representative, shareholders, capital, address, branches; write “none” when nothing changed',
      ),
    ],
  },
  {
    no: 3,
    title: '服务质量情况',
    titleEn: 'Service quality',
    basis: `${ART35}第（三）项`,
    basisEn: `${ART35_EN}, item (3)`,
    publication: 'public',
    fields: [
      {
        key: 'complaints',
        label: '用户投诉数',
        labelEn: 'Users’ complaints received',
        kind: 'count',
        required: true,
        hint: '本年度收到的用户投诉件数',
        hintEn: 'Complaints received from users this year',
      },
      {
        key: 'complaintsResolved',
        label: '已处理投诉数',
        labelEn: 'Complaints resolved',
        kind: 'count',
        required: true,
        hint: '其中已处理完毕的件数，不超过投诉数',
        hintEn: 'Of those, how many were resolved; not more than the complaints received',
      },
      text(
        'quality',
        '服务质量保障措施',
        'Service quality measures',
        true,
        '服务承诺、客服渠道、处理时限等',
        'Service commitments, customer-service channels, response times …',
      ),
    ],
  },
  {
    no: 4,
    title: '网络与信息安全保障制度和措施执行情况',
    titleEn: 'Network and information security rules and measures',
    basis: `${ART35}第（四）项`,
    basisEn: `${ART35_EN}, item (4)`,
    publication: 'never',
    fields: [
      text(
        'measures',
        '安全保障制度和措施',
        'Security rules and measures',
        true,
        '信息安全管理制度、责任人、技术措施、日志留存、定级备案等的执行情况',
        'How the security rules, responsible persons, technical measures, log retention and grading were carried out',
      ),
      {
        key: 'incidents',
        label: '安全事件数',
        labelEn: 'Security incidents',
        kind: 'count',
        required: true,
        hint: '本年度发生的网络与信息安全事件数；没有请填 0',
        hintEn: 'Network and information security incidents this year; 0 when there were none',
      },
      text(
        'incidentAccount',
        '安全事件及处置',
        'Incidents and how they were handled',
        false,
        '有安全事件时必填：经过、报告与处置',
        'Required when there were incidents: what happened, how it was reported and handled',
      ),
    ],
  },
  {
    no: 5,
    title: '执行国家和电信管理机构有关规定及经营许可证特别事项的情况',
    titleEn: 'Compliance with national and regulatory rules and the licence’s special provisions',
    basis: `${ART35}第（五）项`,
    basisEn: `${ART35_EN}, item (5)`,
    publication: 'holder-choice',
    fields: [
      text(
        'compliance',
        '执行情况',
        'Compliance',
        true,
        '逐项说明特别规定事项的执行情况，含逾期或未履行的事项及原因',
        'Each special provision: how it was met, including any obligation met late or missed, and why',
      ),
    ],
  },
  {
    no: 6,
    title: '发证机关要求报送的其他信息',
    titleEn: 'Other information the issuer asks for',
    basis: `${ART35}第（六）项`,
    basisEn: `${ART35_EN}, item (6)`,
    publication: 'holder-choice',
    fields: [
      text(
        'other',
        '其他信息',
        'Other information',
        false,
        '发证机关通知要求报送的其他内容；没有可不填',
        'Anything else the issuer’s notice asks for; may be left empty',
      ),
    ],
  },
]);

export function itemDefinition(no: number): ItemDefinition | undefined {
  return REPORT_ITEMS.find((i) => i.no === no);
}

/**
 * Obligation titles by id, for views that hold only an obligation id. An occurrence from the
 * deadlines API carries its own `title` and `titleEn`: pass the occurrence and those are used (the
 * Deadlines page does, through names.ts, and so does not load this table).
 */
import { pick, type Lang } from '../../i18n';

/**
 * The obligation's title in the reader's language: from the occurrence itself (the API gives
 * `title` and `titleEn`), or from an obligation id (`illegal-content-report`) through the
 * catalogue's titles below; an id the UI does not know is shown as it is.
 */
export function obligationTitle(
  o: string | { readonly title: string; readonly titleEn: string },
  lang: Lang,
): string {
  if (typeof o !== 'string') return pick(lang, o.title, o.titleEn);
  const titles = OBLIGATION_TITLES[o];
  if (titles === undefined) return o;
  return lang === 'zh' ? titles[0] : titles[1];
}

/** The catalogue's titles (src/core/obligations/catalogue.ts), for callers holding only an id. */
const OBLIGATION_TITLES: Readonly<Record<string, readonly [zh: string, en: string]>> = {
  renewal: ['经营许可证续期（延续）申请', 'Apply to renew the licence'],
  'exit-report': [
    '不再继续经营的报告及用户善后',
    'Report that the licence will not be continued, and arrange users’ affairs',
  ],
  'annual-report': ['年报（上一年度电信业务经营信息）', 'Annual report for the previous year'],
  'annual-inspection': ['经营许可证年检', 'Annual inspection of the licence'],
  'entity-change': [
    '经营主体变更申请（合并、分立、股东变化、经营权转移）',
    'Apply for a change of operating entity (merger, split, shareholders, transfer)',
  ],
  'registration-change': [
    '公司名称、法定代表人、注册资本变更申请',
    'Apply after a change of name, legal representative or registered capital',
  ],
  'local-info-change': [
    '当地经营、客户服务机构信息变更报送',
    'Report changed local operation or customer-service office information',
  ],
  'provincial-cancellation': [
    '省级许可证注销或变更',
    'Cancel or change the provincial licence now covered',
  ],
  'illegal-content-report': [
    '违法信息处置情况上报',
    'Report illegal information found and disposed of',
  ],
  'incident-report': ['重大网络安全事件报告', 'Report a major security incident'],
  'security-assessment-report': [
    '网络信息安全评估书面报告',
    'Submit the written security assessment report',
  ],
  'security-grading': [
    '网络和系统定级备案、符合性评测、风险评估',
    'Grade and file networks and systems; conformity evaluation; risk assessment',
  ],
  'number-display': [
    '在网站首页、广告和宣传资料上标明经营许可证编号',
    'Show the licence number on the home page, ads and brochures',
  ],
  'log-retention': ['用户日志留存（不少于六个月）', 'Keep user logs (at least six months)'],
};

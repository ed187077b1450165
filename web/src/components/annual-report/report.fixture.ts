/**
 * Annual reports as the API answers them, for the component tests: built by the server's own view
 * of a stored report (src/app/annual-report/report-view.ts, as the routes do), so the items, their
 * fields, the problems and the public preview are the server's, not a copy.
 */
import { viewReport } from '../../../../src/app/annual-report/report-view';
import {
  emptyAnswers,
  type Answers,
  type ItemAnswer,
} from '../../../../src/core/annual-report/report';
import type { StoredReport } from '../../../../src/ports/annual-report-store';
import type { Report } from './report-draft';

/** Everything a complete report on 京B2-20180910 (one service, B25) needs. */
export const COMPLETE: Readonly<Record<string, Partial<ItemAnswer>>> = {
  '1': { fields: { revenue: 1234.5, usersByService: { B25: 5200 }, operations: '经营门户网站' } },
  '2': { fields: { staff: 42, network: '机房一处，带宽 1 Gbps', changes: '无' } },
  '3': { fields: { complaints: 12, complaintsResolved: 12, quality: '7×24 客服热线' } },
  '4': { fields: { measures: '信息安全管理制度已执行', incidents: 0 } },
  '5': { fields: { compliance: '逐项执行特别规定事项' } },
  '6': { fields: {} },
};

export function answers(items: Readonly<Record<string, Partial<ItemAnswer>>>): Answers {
  const out: Record<string, ItemAnswer> = { ...emptyAnswers() };
  for (const [no, a] of Object.entries(items)) {
    out[no] = { fields: {}, public: false, secretFields: [], ...a };
  }
  return out as unknown as Answers;
}

export function apiReport(
  fields: Partial<Omit<StoredReport, 'answers'>> & {
    answers?: Readonly<Record<string, Partial<ItemAnswer>>>;
  } = {},
): Report {
  const { answers: given, ...rest } = fields;
  const stored: StoredReport = {
    id: 'r-2025',
    organisation: 'demo',
    number: '京B2-20180910',
    year: 2025,
    status: 'draft',
    holderName: '云智联网络科技（北京）有限公司',
    creditCode: '91110108MA01A2B3C9',
    answers: answers(given ?? {}),
    prefill: {
      services: [{ key: 'B25', name: '信息服务业务' }],
      facts: {
        '1': [
          {
            text: '经营许可证所列业务：信息服务业务（B25）',
            textEn: 'Licensed services: Information services (B25)',
            source: 'licence',
          },
        ],
        '2': [],
        '3': [],
        '4': [],
        '5': [
          {
            text: '非法信息处置报告于 2025-06-10 到期，已于 2025-06-12 完成（逾期）',
            textEn: 'Illegal-content report due 2025-06-10, done on 2025-06-12 (late)',
            source: 'occurrence',
          },
        ],
        '6': [],
      },
      suggested: { '1': {}, '2': {}, '3': {}, '4': {}, '5': {}, '6': {} },
    },
    authority: null,
    version: 3,
    createdBy: 'token:web sign-in',
    createdAt: '2026-01-12T02:00:00.000Z',
    updatedAt: '2026-01-12T02:00:00.000Z',
    signedOffBy: null,
    signedOffAt: null,
    submittedAt: null,
    decidedAt: null,
    decidedBy: null,
    history: [
      {
        at: '2026-01-12T02:00:00.000Z',
        organisation: 'demo',
        actor: 'token:web sign-in',
        action: 'drafted',
        reason: null,
      },
    ],
    attachments: [],
    ...rest,
  };
  const view = viewReport(stored);
  const base = `/api/v1/annual-reports/${encodeURIComponent(stored.id)}`;
  return {
    id: stored.id,
    organisation: stored.organisation,
    number: stored.number,
    year: stored.year,
    status: stored.status,
    holderName: stored.holderName,
    creditCode: stored.creditCode,
    authority: stored.authority,
    version: stored.version,
    createdBy: stored.createdBy,
    createdAt: stored.createdAt,
    updatedAt: stored.updatedAt,
    signedOffBy: stored.signedOffBy,
    signedOffAt: stored.signedOffAt,
    submittedAt: stored.submittedAt,
    decidedAt: stored.decidedAt,
    decidedBy: stored.decidedBy,
    services: [...stored.prefill.services],
    history: [...stored.history],
    attachments: stored.attachments.map((a) => ({
      ...a,
      url: `${base}/attachments/${encodeURIComponent(a.id)}`,
    })),
    pdfUrl: `${base}/pdf`,
    items: view.items.map((i) => ({
      ...i,
      facts: [...i.facts],
      fields: [...i.fields],
      problems: [...i.problems],
    })),
    problems: [...view.problems],
    complete: view.complete,
    publicPreview: view.publicPreview.map((p) => ({ ...p, withheld: [...p.withheld] })),
  };
}

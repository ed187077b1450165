/**
 * The annual report printed by Debian's Chromium: A4, titled, every art. 35 item in zh-CN with the
 * figures given (the per-service users as a table), the withheld field marked, the attachments by
 * name, the holder's responsibility for the truth of it; the HTML escapes what a holder typed.
 * Skips, saying why, without /usr/bin/chromium (fails instead under XUKE_REQUIRE_ALL=1).
 */
import { existsSync } from 'node:fs';
import { beforeAll, expect, it } from 'vitest';
import { describeWith } from '../../../test/require-service.js';
import { viewReport } from '../../app/annual-report/report-view.js';
import { REPORT_ITEMS } from '../../core/annual-report/items.js';
import { prefillReport } from '../../core/annual-report/prefill.js';
import { emptyAnswers, type Answers } from '../../core/annual-report/report.js';
import { aLicence } from '../../core/checks/licence-builder.test-helpers.js';
import type { StoredReport } from '../../ports/annual-report-store.js';
import { openPdf } from '../documents/pdf-document.js';
import { CHROMIUM_PATH } from '../web/chromium-renderer.js';
import { annualReportHtml } from './report-html.js';
import { renderAnnualReportPdf } from './report-pdf.js';

const licence = aLicence();
const blank = emptyAnswers();
const answers = {
  ...blank,
  '1': {
    fields: { revenue: 1234.5, usersByService: { B25: 5200 }, operations: '经营<b>门户</b>网站' },
    public: false,
    secretFields: ['revenue'],
  },
  '2': {
    fields: { staff: 42, network: '机房一处', changes: '无' },
    public: false,
    secretFields: [],
  },
  '3': {
    fields: { complaints: 12, complaintsResolved: 11, quality: '客服热线' },
    public: false,
    secretFields: [],
  },
  '4': { fields: { measures: '安全管理制度', incidents: 0 }, public: false, secretFields: [] },
  '5': { fields: { compliance: '均已执行' }, public: true, secretFields: [] },
} as Answers;

const report: StoredReport = {
  id: 'r-1',
  organisation: 'qinghe',
  number: licence.number ?? '',
  year: 2025,
  status: 'signed-off',
  holderName: licence.holder.name,
  creditCode: licence.holder.creditCode,
  answers,
  prefill: prefillReport({
    year: 2025,
    licence,
    lifecycleEvents: [],
    changes: [],
    obligationEvents: [{ kind: 'incident', date: '2025-03-02', note: '断网两小时' }],
    occurrences: [],
  }),
  authority: null,
  version: 4,
  createdBy: 'alice',
  createdAt: '2026-01-05T02:00:00.000Z',
  updatedAt: '2026-01-06T02:00:00.000Z',
  signedOffBy: 'bob',
  signedOffAt: '2026-01-06T02:00:00.000Z',
  submittedAt: null,
  decidedAt: null,
  decidedBy: null,
  history: [],
  attachments: [
    {
      id: 'a-1',
      item: 4,
      name: '等保备案证明.pdf',
      mediaType: 'application/pdf',
      sha256: 'ab'.repeat(32),
      size: 10,
      addedBy: 'alice',
      addedAt: '2026-01-05T03:00:00.000Z',
    },
  ],
};

it('escapes what the holder typed', () => {
  const html = annualReportHtml(viewReport(report));
  expect(html).toContain('经营&#60;b&#62;门户&#60;/b&#62;网站');
  expect(html).not.toContain('<b>门户');
});

describeWith(
  'Chromium',
  existsSync(CHROMIUM_PATH),
  `${CHROMIUM_PATH} not found`,
)('renderAnnualReportPdf', () => {
  let text = '';
  let pages = 0;
  beforeAll(async () => {
    const pdf = await renderAnnualReportPdf(viewReport(report));
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    const doc = await openPdf(pdf, 'report.pdf');
    try {
      pages = doc.numPages;
      const [x0 = 0, , x1 = 0] = (await doc.getPage(1)).view;
      expect(Math.abs(x1 - x0 - 595)).toBeLessThanOrEqual(1);
      for (let i = 1; i <= doc.numPages; i++) {
        const content = await (await doc.getPage(i)).getTextContent();
        text += content.items.map((item) => ('str' in item ? item.str : '')).join('');
      }
      text = text.replace(/\s+/gu, '');
    } finally {
      await doc.destroy();
    }
  }, 60_000);

  it('prints every item in zh-CN with the holder’s figures', () => {
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(text).toContain('2025年度电信业务经营信息年报');
    expect(text).toContain(`经营许可证编号${report.number}`);
    for (const item of REPORT_ITEMS) expect(text).toContain(item.title.replace(/\s+/gu, ''));
    expect(text).toContain('5,200');
    expect(text).toContain('商业秘密，不公示');
    expect(text).toContain('发生网络与信息安全事件：断网两小时');
    expect(text).toContain('等保备案证明.pdf');
    expect(text).toContain('2026年01月06日');
    expect(text).toContain('第三十五条第三款');
    // item 3's complaints resolved (11) were given; item 6 has nothing and says so
    expect(text).toContain('（未填写）');
  });
});

/**
 * The draft's pre-filled items against a licence with a year of history (issue 22), on every
 * dialect: a change of its record, events the holder recorded, an obligation met on time and one
 * missed, all in 2025, and some outside it. And a draft is refused where there is nothing to
 * report: a licence obtained after the year, another organisation's licence, an authority.
 */
import { beforeAll, expect, it } from 'vitest';
import { attachToAnnualReport, draftAnnualReport } from '../src/app/annual-report/holder.js';
import { viewReport } from '../src/app/annual-report/report-view.js';
import { markOccurrenceDone } from '../src/app/deadlines/mark-occurrence-done.js';
import { recordObligationEvent } from '../src/app/deadlines/record-obligation-event.js';
import { registerLicence } from '../src/app/registry/register-licence.js';
import { createOrganisation } from '../src/app/trust/organisations.js';
import { aLicence, aService, aWebsite } from '../src/core/checks/licence-builder.test-helpers.js';
import { DomainError } from '../src/core/errors.js';
import { nodeSecrets } from '../src/adapters/node-secrets.js';
import { harnessFor } from './http-harness.js';
import { describeEachDialect } from './registry-dialects.js';

const NUMBER = '沪B2-20240731';
const V1 = aLicence({
  number: NUMBER,
  issuedOn: '2024-07-31',
  expiresOn: '2029-07-31',
  services: [aService({ code: 'B25', coverage: ['上海市'] })],
  websites: [aWebsite({ domains: ['www.qinghe.cn'] })],
});
const V2 = { ...V1, websites: [aWebsite({ domains: ['www.qinghe.cn', 'm.qinghe.cn'] })] };

describeEachDialect('drafting an annual report', (dialect) => {
  const h = harnessFor(dialect);
  const who = { organisation: 'qinghe', actor: 'alice' };

  beforeAll(async () => {
    const deps = h.deps.annualReports;
    await createOrganisation(
      {
        id: 'qinghe',
        name: '上海青禾',
        kind: 'holder',
        jurisdiction: null,
        publishDeclared: false,
      },
      'test',
      deps,
    );
    h.clock.set('2025-02-01T02:00:00.000Z');
    await registerLicence({ licence: V1, document: null }, who, deps);
    h.clock.set('2025-06-01T02:00:00.000Z');
    const changed = await registerLicence({ licence: V2, document: null }, who, deps);
    expect(changed.outcome).toBe('changed');
    const withIds = { ...deps, secrets: nodeSecrets };
    await recordObligationEvent(
      NUMBER,
      { kind: 'illegal-content-disposed', date: '2025-06-10', note: '删除违法帖子 3 条' },
      who,
      withIds,
    );
    await recordObligationEvent(
      NUMBER,
      { kind: 'local-info-changed', date: '2025-09-01', note: '客服中心迁址' },
      who,
      withIds,
    );
    await recordObligationEvent(
      NUMBER,
      { kind: 'incident', date: '2024-12-30', note: '上一年的' },
      who,
      withIds,
    );
    h.clock.set('2025-06-20T02:00:00.000Z');
    await markOccurrenceDone(
      NUMBER,
      'illegal-content-report@2025-06-10',
      { on: '2025-06-20', note: '已向市通信管理局报送' },
      who,
      deps,
    );
  });

  it('pre-fills each item from the year’s records and leaves the unknown figures to complete', async () => {
    h.clock.set('2026-01-06T02:00:00.000Z');
    const report = await draftAnnualReport(NUMBER, 2025, who, h.deps.annualReports);
    const view = viewReport(report);
    const facts = (no: number) => view.items[no - 1]?.facts.map((f) => f.text) ?? [];
    expect(facts(1)).toEqual(
      expect.arrayContaining([
        '许可业务 B25 信息服务业务（仅限互联网信息服务），业务覆盖范围：上海市',
        expect.stringContaining('www.qinghe.cn、m.qinghe.cn'),
      ]),
    );
    expect(facts(2)).toEqual([
      '2025-06-01 第 2 版记录变更了：网站',
      '2025-09-01 当地经营或客户服务机构信息变更：客服中心迁址',
    ]);
    expect(facts(4)).toEqual(['2025-06-10 发现并处置违法信息：删除违法帖子 3 条']);
    expect(facts(5)).toEqual(
      expect.arrayContaining([
        '违法信息处置情况上报：按期完成（2025-06-20）',
        '当地经营、客户服务机构信息变更报送：未完成（应于 2025-10-09 前）',
      ]),
    );
    // the facts suggest the changes and compliance text; figures stay for people
    expect(report.answers['2'].fields['changes']).toContain('第 2 版记录变更了：网站');
    expect(report.answers['5'].fields['compliance']).toContain('按期完成 1 项');
    expect(view.items[0]?.fields.filter((f) => f.toComplete).map((f) => f.key)).toEqual([
      'revenue',
      'usersByService',
      'operations',
    ]);
    expect(view.complete).toBe(false);
  });

  it('refuses a year the licence owes nothing for, and a report already drafted', async () => {
    h.clock.set('2026-01-06T02:00:00.000Z');
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => {
          throw new Error('expected a refusal');
        },
        (e: unknown) => e as DomainError,
      );
    const before = await refusal(draftAnnualReport(NUMBER, 2023, who, h.deps.annualReports));
    expect(before.code).toBe('INVALID_INPUT');
    expect(before.message).toContain('不需要报送 2023 年度年报');
    const twice = await refusal(draftAnnualReport(NUMBER, 2025, who, h.deps.annualReports));
    expect(twice.code).toBe('CONFLICT');
    const stranger = await refusal(
      draftAnnualReport(NUMBER, 2025, { organisation: 'acme', actor: 'x' }, h.deps.annualReports),
    );
    expect(stranger.code).toBe('NOT_FOUND');
  });

  it('keeps an attachment as what its content is, and refuses one that only claims to be a PDF', async () => {
    h.clock.set('2026-01-07T02:00:00.000Z');
    const deps = h.deps.annualReports;
    const [report] = await deps.reports.listReports({ organisation: 'qinghe', year: 2025 });
    if (report === undefined) throw new Error('the draft of the first test is missing');
    const pdf = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n');
    const attached = await attachToAnnualReport(
      report.id,
      {
        item: 4,
        name: 'C:\\fakepath\\等保备案.pdf',
        mediaType: 'application/pdf',
        bytes: pdf,
        expectedVersion: report.version,
      },
      who,
      deps,
    );
    expect(attached.attachments.map((a) => [a.item, a.name, a.mediaType, a.size])).toEqual([
      [4, '等保备案.pdf', 'application/pdf', pdf.length],
    ]);
    const forged = await attachToAnnualReport(
      report.id,
      {
        item: 4,
        name: 'page.pdf',
        mediaType: 'application/pdf',
        bytes: new TextEncoder().encode('<html><script>alert(1)</script></html>'),
        expectedVersion: attached.version,
      },
      who,
      deps,
    ).then(
      () => null,
      (e: unknown) => e as DomainError,
    );
    expect(forged?.code).toBe('UNSUPPORTED_FORMAT');
    expect(forged?.message).toContain('附件的内容不是 application/pdf');
  });
});

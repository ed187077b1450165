/**
 * Static scans of the fixture sites (test/fixtures/sites, copied from shared/fixtures/sites),
 * served on 127.0.0.1 and reached with --allow-host, compared with the fixture licences.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textDocumentSource } from '../src/adapters/documents/text-document.js';
import { nodeHasher } from '../src/adapters/node-hasher.js';
import { createSafeFetcher } from '../src/adapters/web/safe-fetcher.js';
import { parseDocument } from '../src/app/documents/parse-document.js';
import { scanWebsite, type ScanLicenceChoice } from '../src/app/scans/scan-website.js';
import type { ScanReport } from '../src/core/scan/scan-report.js';
import { FIXTURES } from './fixtures.js';
import { sitesHandler, startServer, xukeAsync, type TestServer } from './scan-servers.js';

const TODAY = '2026-11-28';

/** Pages beside the fixture sites, for the findings the three sites do not trigger. */
const EXTRA: Record<string, string> = {
  // qinghe-read with a chat widget and a live-comment box: its licence excludes 信息即时交互服务.
  '/qinghe-chat/': `<!doctype html><html><head><title>青禾读书</title>
    <script src="https://static.meiqia.com/widget/loader.js"></script></head><body>
    <div class="danmaku-input"><input placeholder="发个弹幕"><button>发送</button></div>
    <footer>增值电信业务经营许可证：沪B2-20200731 <a href="https://beian.miit.gov.cn/">沪ICP备2020012345号-1</a></footer>
    </body></html>`,
  // A general search service and a full-width number that is not the licence's, filing unlinked.
  '/other/': `<!doctype html><html><head><title>搜全网</title></head><body>
    <form action="/s"><input name="wd" placeholder="全网搜索"><button>搜索</button></form>
    <p>京ICP证030173号 ICP证：合字B2-20070004号</p>
    <div id="footer">经营许可证编号：沪Ｂ２－２０２００７３２\u3000沪ICP备2020012345号-1</div>
    </body></html>`,
};

async function licence(name: keyof typeof FIXTURES): Promise<ScanLicenceChoice> {
  const path = FIXTURES[name];
  const bytes = await readFile(path);
  const result = await parseDocument(bytes, path, {
    sources: { text: textDocumentSource },
    hasher: nodeHasher,
    maxBytes: 1 << 20,
  });
  return { from: 'document', name: path, result };
}

describe('static scans of the fixture sites', () => {
  let server: TestServer;
  let scan: (path: string, choice: ScanLicenceChoice, today?: string) => Promise<ScanReport>;
  let close: () => Promise<void>;
  beforeAll(async () => {
    server = await startServer(sitesHandler(EXTRA));
    const fetcher = createSafeFetcher({ allowHosts: [server.hostPort] });
    close = () => fetcher.close();
    scan = async (path, choice, today = TODAY) =>
      (
        await scanWebsite(
          `${server.origin}${path}`,
          { today, render: false, licence: choice },
          { fetcher },
        )
      ).report;
  });
  afterAll(async () => {
    await close();
    await server.close();
  });

  it('finds 沪B2-20200731, its caption, its linked ICP filing and the 公安备案 in the qinghe-read footer', async () => {
    const r = await scan('/qinghe-read/', await licence('hu'));
    expect(r.shown.numbers).toMatchObject([
      {
        number: '沪B2-20200731',
        caption: '增值电信业务经营许可证',
        at: { region: 'footer', centred: true },
      },
    ]);
    expect(r.shown.filings).toMatchObject([
      {
        text: '沪ICP备2020012345号-1',
        subject: '沪ICP备2020012345号',
        site: 1,
        linked: true,
        link: 'https://beian.miit.gov.cn/',
        at: { element: 'html > body > footer > p:nth-of-type(2) > a', region: 'footer' },
      },
    ]);
    expect(r.shown.publicSecurityFilings).toMatchObject([{ number: '31010402001234' }]);
    expect(r.findings).toEqual([]);
  });

  it('does not take the site-internal search box for a search service', async () => {
    const r = await scan('/qinghe-read/', await licence('hu'));
    expect(r.signals.filter((s) => s.kind === 'search')).toEqual([]);
    expect(r.siteSearch).toMatchObject([
      {
        element: 'html > body > header > form',
        text: '搜索本站书籍 / 搜索',
        url: `${server.origin}/search`,
      },
    ]);
  });

  it('cannot see the xingqiao-cloud footer without rendering: number-missing', async () => {
    const r = await scan('/xingqiao-cloud/', await licence('b1b2'));
    expect(r.shown.numbers).toEqual([]);
    expect(r.signals).toEqual([]);
    expect(r.findings.map((f) => [f.ruleId, f.severity])).toEqual([['number-missing', 'error']]);
  });

  it('reports the comment form on no-number with its evidence, and number-missing', async () => {
    const r = await scan('/no-number/', await licence('hu'));
    expect(r.shown.numbers).toEqual([]);
    expect(r.shown.filings).toMatchObject([{ text: '京ICP备12345678号-1', linked: true }]);
    expect(r.signals).toEqual([
      {
        kind: 'community',
        strength: 'strong',
        what: '评论/回复表单',
        whatEn: 'a comment or reply form',
        evidence: {
          element: 'html > body > article > form',
          text: '写下你的评论 / 发表评论',
          url: `${server.origin}/comments`,
          region: 'body',
          centred: false,
        },
      },
    ]);
    const missing = r.findings.find((f) => f.ruleId === 'number-missing');
    expect(missing).toMatchObject({ severity: 'error', fields: ['number'] });
    expect(missing?.evidence).toEqual([{ line: 5, text: '经营许可证编号：沪B2-20200731' }]);
    // 信息社区平台服务 is within 信息服务业务 and not excluded by 沪B2-20200731.
    expect(r.findings.map((f) => f.ruleId)).toEqual(['number-missing']);
  });

  it('without a licence: number-missing is a warning beside the unlicensed community service', async () => {
    const r = await scan('/no-number/', { from: 'none' });
    expect(r.licence).toBeNull();
    expect(r.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['number-missing', 'warning'],
      ['service-unlicensed', 'warning'],
    ]);
    expect(r.findings[1]?.page[0]?.url).toBe(`${server.origin}/comments`);
  });

  it('flags a chat widget and live comments as services the licence excludes', async () => {
    const r = await scan('/qinghe-chat/', await licence('hu'));
    const excluded = r.findings.filter((f) => f.ruleId === 'service-excluded');
    expect(excluded).toHaveLength(1);
    expect(excluded[0]).toMatchObject({ severity: 'error', fields: ['services[0].excludes'] });
    expect(excluded[0]?.message).toContain('信息即时交互服务');
    expect(excluded[0]?.page.map((e) => e.url)).toContain(
      'https://static.meiqia.com/widget/loader.js',
    );
  });

  it('flags a general search service, a number that is not the licence, and an unlinked filing', async () => {
    const r = await scan('/other/', await licence('hu'));
    const ids = r.findings.map((f) => [f.ruleId, f.severity]);
    expect(ids).toContainEqual(['number-mismatch', 'error']);
    expect(ids).toContainEqual(['service-excluded', 'error']);
    expect(ids).toContainEqual(['filing-link-missing', 'warning']);
    expect(r.shown.numbers).toMatchObject([
      { raw: '合字B2-20070004', caption: 'ICP证', number: '合字B2-20070004' },
      { raw: '沪Ｂ２－２０２００７３２', number: '沪B2-20200732', caption: '经营许可证编号' },
    ]);
    expect(r.shown.icpCertificates).toMatchObject([{ text: '京ICP证030173号' }]);
  });

  it('reports licence-expired by --today', async () => {
    const r = await scan('/qinghe-read/', await licence('hu'), '2030-08-01');
    expect(r.findings.map((f) => [f.ruleId, f.severity])).toEqual([['licence-expired', 'error']]);
  });

  it('xuke scan prints the report in Chinese, English and JSON', async () => {
    const args = [
      'scan',
      `${server.origin}/qinghe-read/`,
      '--allow-host',
      server.hostPort,
      '--licence',
      FIXTURES.hu,
      '--today',
      TODAY,
    ];
    const zh = await xukeAsync(args);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('许可证编号 沪B2-20200731');
    expect(zh.stdout).toContain('沪ICP备2020012345号-1（已链接备案系统）');
    const en = await xukeAsync([...args, '--lang', 'en']);
    expect(en.stdout).toContain('ICP filing 沪ICP备2020012345号-1 (linked to the filing system)');
    const json = await xukeAsync([
      ...args.slice(0, 2),
      '--allow-host',
      server.hostPort,
      '--licence',
      FIXTURES.hu,
      '--json',
    ]);
    const report = JSON.parse(json.stdout) as ScanReport;
    expect(report.schema).toBe('xuke.scan/v1');
    expect(report.shown.numbers[0]?.number).toBe('沪B2-20200731');
  });

  it('xuke scan exits 1 on error findings, and 3 when the registry lists no licence for the domain', async () => {
    const r = await xukeAsync([
      'scan',
      `${server.origin}/no-number/`,
      '--allow-host',
      server.hostPort,
      '--licence',
      FIXTURES.hu,
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('错误 number-missing');
    const dir = mkdtempSync(join(tmpdir(), 'xuke-scan-'));
    try {
      const registry = await xukeAsync([
        'scan',
        `${server.origin}/no-number/`,
        '--allow-host',
        server.hostPort,
        '--db',
        `sqlite://${join(dir, 'empty.sqlite')}`,
      ]);
      expect(registry.code).toBe(3);
      expect(registry.stderr).toContain('127.0.0.1');
      expect(registry.stderr).toContain('--licence');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

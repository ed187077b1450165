/**
 * Rendered scans in Debian's Chromium: the script-built xingqiao-cloud footer is seen only here;
 * every request the page makes goes through the guard, WebSockets are never opened, and nothing
 * refused is connected to. One browser for the file, closed after.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { textDocumentSource } from '../src/adapters/documents/text-document.js';
import { nodeHasher } from '../src/adapters/node-hasher.js';
import { CHROMIUM_PATH, createChromiumRenderer } from '../src/adapters/web/chromium-renderer.js';
import { createSafeFetcher } from '../src/adapters/web/safe-fetcher.js';
import { parseDocument } from '../src/app/documents/parse-document.js';
import { scanWebsite, type ScanLicenceChoice } from '../src/app/scans/scan-website.js';
import type { PageRenderer } from '../src/ports/web-fetcher.js';
import { FIXTURES } from './fixtures.js';
import { describeWith } from './require-service.js';
import {
  countUndiciConnections,
  sitesHandler,
  startServer,
  xukeAsync,
  type TestServer,
} from './scan-servers.js';

const TODAY = '2026-11-28';

async function licence(name: keyof typeof FIXTURES): Promise<ScanLicenceChoice> {
  const path = FIXTURES[name];
  const result = await parseDocument(await readFile(path), path, {
    sources: { text: textDocumentSource },
    hasher: nodeHasher,
    maxBytes: 1 << 20,
  });
  return { from: 'document', name: path, result };
}

describeWith(
  'Chromium',
  existsSync(CHROMIUM_PATH),
  `${CHROMIUM_PATH} not found`,
)('rendered scans', () => {
  let site: TestServer;
  let bystander: TestServer;
  let renderer: PageRenderer;
  let dir: string;
  beforeAll(async () => {
    bystander = await startServer((_req, res) => res.end('never'));
    const b = `127.0.0.1:${bystander.port}`;
    site = await startServer(
      sitesHandler({
        // A page that reaches for refused targets in every way a page can.
        '/greedy/': `<!doctype html><html><head><title>greedy</title>
            <script src="http://${b}/steal.js"></script></head><body>
            <img src="http://10.0.0.1/x.png"><img src="http://evil.test/y.png">
            <iframe src="http://169.254.169.254/latest/meta-data/"></iframe>
            <footer>增值电信业务经营许可证：沪B2-20200731</footer>
            <script>
              fetch('http://[::ffff:7f00:1]:${bystander.port}/').catch(() => {});
              const ws = new WebSocket('ws://${b}/chat');
              ws.onerror = () => {};
            </script></body></html>`,
      }),
    );
    renderer = createChromiumRenderer();
    dir = await mkdtemp(join(tmpdir(), 'xuke-scan-'));
  });
  afterAll(async () => {
    await renderer.close();
    await site.close();
    await bystander.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sees the script-built xingqiao-cloud footer and its cart and checkout only when rendered', async () => {
    const fetcher = createSafeFetcher({ allowHosts: [site.hostPort] });
    try {
      const url = `${site.origin}/xingqiao-cloud/`;
      const choice = await licence('b1b2');
      const flat = await scanWebsite(
        url,
        { today: TODAY, render: false, licence: choice },
        { fetcher },
      );
      expect(flat.report.shown.numbers).toEqual([]);
      const { report, screenshot } = await scanWebsite(
        url,
        { today: TODAY, render: true, licence: choice },
        { fetcher, renderer },
      );
      expect(report.rendered).toBe(true);
      expect(report.shown.numbers).toMatchObject([
        {
          number: 'B1.B2-20233345',
          caption: '跨地区增值电信业务经营许可证',
          at: {
            region: 'footer',
            centred: true,
            element: 'html > body > div#app > footer > p:nth-of-type(2)',
          },
        },
      ]);
      expect(report.shown.filings).toMatchObject([{ text: '粤ICP备2023066011号-1', linked: true }]);
      expect(
        report.signals.map((s) => [
          s.kind,
          s.strength,
          s.evidence.element,
          s.evidence.text,
          s.evidence.url,
        ]),
      ).toEqual([
        [
          'transaction',
          'strong',
          'html > body > div#app > section > button.add-to-cart',
          '加入购物车',
          url,
        ],
        [
          'transaction',
          'strong',
          'html > body > div#app > section > a',
          '去结算',
          `${site.origin}/checkout`,
        ],
      ]);
      // B21 is on the licence: a cart is within it.
      expect(report.findings).toEqual([]);
      expect([...(screenshot ?? new Uint8Array()).subarray(0, 4)]).toEqual([
        0x89, 0x50, 0x4e, 0x47,
      ]);
    } finally {
      await fetcher.close();
    }
  });

  it('routes every request of the page through the guard and opens no WebSocket', async () => {
    const resolved: string[] = [];
    const fetcher = createSafeFetcher({
      allowHosts: [site.hostPort],
      resolve: (host) => {
        resolved.push(host);
        return Promise.resolve([{ address: '10.0.0.1', family: 4 }]);
      },
    });
    try {
      const hu = await licence('hu');
      const r = await countUndiciConnections(() =>
        scanWebsite(
          `${site.origin}/greedy/`,
          { today: TODAY, render: true, licence: hu },
          { fetcher, renderer },
        ),
      );
      expect(r.error).toBeUndefined();
      const report = r.result?.report;
      const blocked = (report?.blocked ?? []).map((b) => b.url);
      expect(blocked).toEqual(
        expect.arrayContaining([
          `http://127.0.0.1:${bystander.port}/steal.js`,
          'http://10.0.0.1/x.png',
          'http://evil.test/y.png',
          'http://169.254.169.254/latest/meta-data/',
          `ws://127.0.0.1:${bystander.port}/chat`,
        ]),
      );
      expect(report?.signals).toContainEqual(
        expect.objectContaining({
          kind: 'instant-interaction',
          strength: 'strong',
          evidence: expect.objectContaining({
            url: `ws://127.0.0.1:${bystander.port}/chat`,
          }) as unknown,
        }),
      );
      // 沪B2-20200731 excludes 信息即时交互服务: the WebSocket is a strong signal for it.
      expect(report?.findings.map((f) => [f.ruleId, f.severity])).toContainEqual([
        'service-excluded',
        'error',
      ]);
      expect(resolved).toEqual(['evil.test']);
      expect(new Set(r.connected)).toEqual(new Set([`127.0.0.1:${site.port}`]));
      expect(bystander.connections()).toBe(0);
    } finally {
      await fetcher.close();
    }
  });

  it('refuses a refused target before the browser loads anything', async () => {
    const fetcher = createSafeFetcher({});
    try {
      await expect(
        scanWebsite(
          `http://127.0.0.1:${bystander.port}/`,
          { today: TODAY, render: true, licence: { from: 'none' } },
          { fetcher, renderer },
        ),
      ).rejects.toMatchObject({ code: 'TARGET_REFUSED' });
      expect(bystander.connections()).toBe(0);
    } finally {
      await fetcher.close();
    }
  });

  it('xuke scan --render keeps the screenshot beside the report', async () => {
    const shot = join(dir, 'xingqiao.png');
    const r = await xukeAsync([
      'scan',
      `${site.origin}/xingqiao-cloud/`,
      '--render',
      '--allow-host',
      site.hostPort,
      '--licence',
      FIXTURES.b1b2,
      '--today',
      TODAY,
      '--screenshot',
      shot,
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as {
      screenshot: string;
      shown: { numbers: { number: string }[] };
    };
    expect(report.screenshot).toBe(shot);
    expect(report.shown.numbers[0]?.number).toBe('B1.B2-20233345');
    expect((await readFile(shot)).subarray(1, 4).toString()).toBe('PNG');
  });
});

/**
 * The website-scan benchmark (issue 9), on the fixture sites served from 127.0.0.1 in this process:
 * static scans in pages per second (guarded fetch + read + findings) beside a plain undici GET of
 * the same pages, and seconds per rendered scan (Chromium, every request guarded, screenshot)
 * beside a bare Chromium page load of the same page, both measured in this run.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { request } from 'undici';
import { CHROMIUM_PATH, createChromiumRenderer } from '../src/adapters/web/chromium-renderer.js';
import { createSafeFetcher } from '../src/adapters/web/safe-fetcher.js';
import { scanWebsite } from '../src/app/scans/scan-website.js';
import { interleaved, median, row, type Benchmark, type BenchRow } from './measure.js';

const SITES = ['qinghe-read', 'xingqiao-cloud', 'no-number'] as const;
const SITES_DIR = fileURLToPath(new URL('../test/fixtures/sites/', import.meta.url));
const TODAY = '2026-11-28';
const RENDER_RUNS = 3;

let sink = 0;

async function serveSites(): Promise<{
  origin: string;
  hostPort: string;
  close: () => Promise<void>;
}> {
  const pages = new Map<string, Buffer>();
  for (const s of SITES) pages.set(`/${s}/`, await readFile(`${SITES_DIR}${s}/index.html`));
  const server = createServer((req, res) => {
    const body = pages.get(req.url ?? '');
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

export const scanBenchmark: Benchmark = {
  name: 'scan',
  async run() {
    const rows: BenchRow[] = [];
    const server = await serveSites();
    const fetcher = createSafeFetcher({ allowHosts: [server.hostPort] });
    const urls = SITES.map((s) => `${server.origin}/${s}/`);
    try {
      let i = 0;
      const scanOne = async (): Promise<void> => {
        const url = urls[i++ % urls.length] ?? '';
        const { report } = await scanWebsite(
          url,
          { today: TODAY, render: false, licence: { from: 'none' } },
          { fetcher },
        );
        sink += report.findings.length;
      };
      let j = 0;
      const plainGet = async (): Promise<void> => {
        const url = urls[j++ % urls.length] ?? '';
        const res = await request(url);
        sink += (await res.body.text()).length;
      };
      const { subject, baseline } = await interleaved(scanOne, plainGet, {
        rounds: 5,
        roundMs: 300,
      });
      rows.push(
        row('scan static (pages/s; baseline: plain undici GET)', subject, 'pages/s', baseline),
      );

      if (existsSync(CHROMIUM_PATH)) {
        const renderer = createChromiumRenderer();
        const bare = await chromium.launch({
          executablePath: CHROMIUM_PATH,
          args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'],
        });
        try {
          // Warm both browsers once.
          await scanWebsite(
            urls[0] ?? '',
            { today: TODAY, render: true, licence: { from: 'none' } },
            { fetcher, renderer },
          );
          const scanTimes: number[] = [];
          const bareTimes: number[] = [];
          for (let r = 0; r < RENDER_RUNS; r++) {
            for (const url of urls) {
              let t0 = performance.now();
              const { report } = await scanWebsite(
                url,
                { today: TODAY, render: true, licence: { from: 'none' } },
                { fetcher, renderer },
              );
              sink += report.findings.length;
              scanTimes.push((performance.now() - t0) / 1000);
              t0 = performance.now();
              const context = await bare.newContext();
              const page = await context.newPage();
              await page.goto(url, { waitUntil: 'load' });
              sink += (await page.content()).length;
              await context.close();
              bareTimes.push((performance.now() - t0) / 1000);
            }
          }
          rows.push(
            row(
              'scan rendered (s/scan; baseline: bare Chromium page load)',
              median(scanTimes),
              's',
              median(bareTimes),
            ),
          );
        } finally {
          await renderer.close();
          await bare.close();
        }
      } else {
        process.stderr.write(`scan: ${CHROMIUM_PATH} not found, rendered scans not measured\n`);
      }
    } finally {
      await fetcher.close();
      await server.close();
    }
    if (sink === -1) console.log(sink);
    return { rows, targets: [] };
  },
};

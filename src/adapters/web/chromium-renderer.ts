/**
 * The rendered mode: Debian's Chromium driven by playwright-core. Every request the page makes is
 * routed through the guarded fetcher (`route.fulfill` with its response; `route.abort` when the
 * guard refuses), and WebSockets are never opened: their URLs are recorded as scope signals and
 * closed. Defence in depth, should a request ever escape the route: a dead proxy for every
 * destination (loopback included) and a host resolver that resolves nothing.
 */
import { chromium, type Browser, type Route } from 'playwright-core';
import { isDomainError } from '../../core/errors.js';
import type { BlockedRequest } from '../../core/scan/scan-report.js';
import type { PageRenderer, RenderedPage, WebFetcher } from '../../ports/web-fetcher.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=NetworkPrediction,InterestFeedContentSuggestions',
  '--dns-prefetch-disable',
  // Anything not fulfilled by the route goes to a dead proxy (port 9, discard) and cannot resolve.
  '--proxy-server=http://127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
  '--host-resolver-rules=MAP * ~NOTFOUND',
  '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
]);

export interface ChromiumRendererOptions {
  readonly executablePath?: string;
  /** navigation budget, ms (default 20 s) */
  readonly timeoutMs?: number;
  /** extra wait after the network is idle, for timers that build the page (default 300 ms) */
  readonly settleMs?: number;
  readonly viewport?: { width: number; height: number };
}

/** Request headers forwarded from the page to the fetcher: nothing that changes encoding or identity. */
const FORWARDED = new Set(['accept', 'content-type', 'accept-language']);
/** Response headers dropped when fulfilling: the body is already whole and decoded. */
const DROPPED = new Set([
  'content-encoding',
  'transfer-encoding',
  'content-length',
  'connection',
  'keep-alive',
]);

/**
 * One browser, launched on first use (a fresh temporary profile each launch); one context per
 * render. Close it when done.
 */
export function createChromiumRenderer(options: ChromiumRendererOptions = {}): PageRenderer {
  let browser: Promise<Browser> | undefined;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const settleMs = options.settleMs ?? 300;

  const launch = (): Promise<Browser> => {
    browser ??= chromium.launch({
      executablePath: options.executablePath ?? CHROMIUM_PATH,
      headless: true,
      args: [...CHROMIUM_ARGS],
      timeout: timeoutMs,
    });
    return browser;
  };

  return {
    async render(url: string, fetcher: WebFetcher): Promise<RenderedPage> {
      // The first navigation must pass the guard before the browser is even asked.
      await fetcher.check(url);
      const b = await launch();
      const context = await b.newContext({
        serviceWorkers: 'block',
        acceptDownloads: false,
        locale: 'zh-CN',
        viewport: options.viewport ?? { width: 1280, height: 900 },
      });
      const websockets: string[] = [];
      const blocked: BlockedRequest[] = [];
      let finalUrl = url;
      let mainFailure: unknown;
      try {
        await context.routeWebSocket(/.*/u, (ws) => {
          websockets.push(ws.url());
          blocked.push({
            url: ws.url(),
            reason: '扫描从不建立 WebSocket 连接（记录为即时交互信号）',
            reasonEn: 'a scan never opens WebSockets (recorded as an instant-interaction signal)',
          });
          void ws.close({ code: 1008, reason: 'blocked by xuke scan' });
        });
        const page = await context.newPage();
        page.on('websocket', (ws) => {
          if (!websockets.includes(ws.url())) websockets.push(ws.url());
        });
        await context.route('**/*', async (route: Route) => {
          const req = route.request();
          const isMain = req.isNavigationRequest() && req.frame() === page.mainFrame();
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(req.headers())) {
            if (FORWARDED.has(k.toLowerCase())) headers[k] = v;
          }
          const postData = req.postDataBuffer();
          try {
            const res = await fetcher.fetch({
              url: req.url(),
              purpose: isMain ? 'document' : 'subresource',
              method: req.method(),
              headers,
              ...(postData === null ? {} : { body: new Uint8Array(postData) }),
            });
            if (isMain) finalUrl = res.finalUrl;
            const out: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) {
              if (!DROPPED.has(k.toLowerCase())) out[k] = v;
            }
            await route.fulfill({ status: res.status, headers: out, body: Buffer.from(res.body) });
          } catch (e) {
            blocked.push({
              url: req.url(),
              reason: isDomainError(e) ? e.message : String(e),
              reasonEn: isDomainError(e) ? e.messageEn : String(e),
            });
            if (isMain) mainFailure = e;
            await route.abort('blockedbyclient');
          }
        });
        try {
          await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
        } catch (e) {
          // A refused or failed main document: the guard's own error, not Playwright's.
          throw mainFailure ?? e;
        }
        await page
          .waitForLoadState('networkidle', { timeout: Math.min(5_000, timeoutMs) })
          .catch(() => undefined);
        if (settleMs > 0) await page.waitForTimeout(settleMs);
        const html = await page.content();
        const screenshot = await page.screenshot({ fullPage: true, type: 'png' });
        return { url, finalUrl, html, websockets, blocked, screenshot: new Uint8Array(screenshot) };
      } finally {
        await context.close();
      }
    },
    async close() {
      if (browser !== undefined) {
        const b = await browser.catch(() => undefined);
        browser = undefined;
        await b?.close();
      }
    },
  };
}

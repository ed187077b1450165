/**
 * A self-contained HTML page printed to an A4 PDF by Debian's Chromium through playwright-core, the
 * way the website scan launches it (chromium-renderer.ts: same path and flags, so any request would
 * meet a dead proxy). One browser per call, always closed; every request the page might make is
 * aborted. The whole render is bounded by a timeout, and a browser that will not start is reported
 * as such, by name. The e-licence certificate and the annual report print through it.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium-renderer.js';

/** Launch, layout and printing together, ms. */
export const PRINT_TIMEOUT_MS = 30_000;

export interface PrintPdfOptions {
  /** the Chromium binary; /usr/bin/chromium by default */
  readonly executablePath?: string;
  /** overall budget, ms (default {@link PRINT_TIMEOUT_MS}) */
  readonly timeoutMs?: number;
  /** what is printed, for the errors: 电子证照 PDF / the e-licence PDF */
  readonly what: { readonly zh: string; readonly en: string };
  /** a script evaluated after load, before printing (a string: this project has no DOM types) */
  readonly beforePrint?: string;
  /** page margins (CSS lengths); none by default, the page's own CSS lays it out */
  readonly margin?: { top: string; right: string; bottom: string; left: string };
}

/** Chromium could not be started, or did not print in time. */
export class PrintPdfError extends Error {
  override readonly name = 'PrintPdfError';
  constructor(
    /** zh-CN */
    message: string,
    readonly messageEn: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A4 at CSS's 96 px per inch: the layout viewport matches the printed page. */
const A4_VIEWPORT = { width: 794, height: 1123 } as const;

async function print(
  browser: Browser,
  html: string,
  timeoutMs: number,
  options: PrintPdfOptions,
): Promise<Uint8Array> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    viewport: A4_VIEWPORT,
    offline: true,
    serviceWorkers: 'block',
    acceptDownloads: false,
  });
  try {
    // The page is self-contained: anything it asks for is refused.
    await context.route('**/*', (route) => route.abort('blockedbyclient'));
    const page: Page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load', timeout: timeoutMs });
    if (options.beforePrint !== undefined) await page.evaluate(options.beforePrint);
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      margin: options.margin ?? { top: '0', right: '0', bottom: '0', left: '0' },
    });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    await context.close();
  }
}

export async function printPdf(html: string, options: PrintPdfOptions): Promise<Uint8Array> {
  const executablePath = options.executablePath ?? CHROMIUM_PATH;
  const timeoutMs = options.timeoutMs ?? PRINT_TIMEOUT_MS;
  const started = Date.now();
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: [...CHROMIUM_ARGS],
      timeout: timeoutMs,
    });
  } catch (cause) {
    const detail = (cause instanceof Error ? cause.message : String(cause)).split('\n')[0] ?? '';
    throw new PrintPdfError(
      `无法启动 Chromium（${executablePath}），不能生成${options.what.zh}：${detail}`,
      `could not launch Chromium (${executablePath}) to render ${options.what.en}: ${detail}`,
      { cause },
    );
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    const remaining = Math.max(1, timeoutMs - (Date.now() - started));
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new PrintPdfError(
            `Chromium 未能在 ${timeoutMs / 1000} 秒内生成${options.what.zh}`,
            `Chromium did not render ${options.what.en} within ${timeoutMs / 1000} s`,
          ),
        );
      }, remaining);
    });
    // Closing the browser (finally) ends a render the timeout gave up on.
    return await Promise.race([print(browser, html, remaining, options), expired]);
  } finally {
    clearTimeout(timer);
    await browser.close().catch(() => undefined);
  }
}

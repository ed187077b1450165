/**
 * The e-licence certificate as a PDF: certificate-html.ts's page printed by Debian's Chromium
 * through playwright-core, the way the website scan launches it (chromium-renderer.ts: same path and
 * flags, so any request would meet a dead proxy). One browser per call, always closed; the page
 * runs no script of its own and every request it might make is aborted. The whole render is bounded
 * by a timeout, and a browser that will not start is reported as such, by name.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Elicence } from '../../core/elicence/types.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../web/chromium-renderer.js';
import { certificateHtml } from './certificate-html.js';
import { qrSvg } from './qr-image.js';

/** Launch, layout and printing together, ms. */
export const CERTIFICATE_RENDER_TIMEOUT_MS = 30_000;

export interface RenderElicencePdfOptions {
  /** the Chromium binary; /usr/bin/chromium by default */
  readonly executablePath?: string;
  /** overall budget, ms (default {@link CERTIFICATE_RENDER_TIMEOUT_MS}) */
  readonly timeoutMs?: number;
}

/** Chromium could not be started, or did not print the certificate in time. */
export class CertificateRenderError extends Error {
  override readonly name = 'CertificateRenderError';
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

/**
 * Lowers the fine print (the special provisions) in quarter points, down to 5.5 pt, until the
 * sheet is one page tall; when even that is not enough, the print goes back to its size and runs
 * on to a second page. Returns the size kept and whether it fits. A string, because the page
 * is evaluated in the browser, and this Node project has no DOM types.
 */
const FIT_ONE_PAGE = `(() => {
  const sheet = document.querySelector('.sheet');
  const root = document.documentElement;
  if (!sheet) return { fine: 0, fits: false };
  const limit = parseFloat(getComputedStyle(sheet).minHeight) + 0.5;
  const initial = parseFloat(getComputedStyle(root).getPropertyValue('--fine'));
  let fine = initial;
  while (sheet.getBoundingClientRect().height > limit && fine > 5.5) {
    fine -= 0.25;
    root.style.setProperty('--fine', fine + 'pt');
  }
  if (sheet.getBoundingClientRect().height <= limit) return { fine, fits: true };
  root.style.removeProperty('--fine');
  return { fine: initial, fits: false };
})()`;

async function print(browser: Browser, html: string, timeoutMs: number): Promise<Uint8Array> {
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
    await page.evaluate(FIT_ONE_PAGE);
    const pdf = await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      margin: { top: '0', right: '0', bottom: '0', left: '0' },
    });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    await context.close();
  }
}

/**
 * The certificate of `e` as an A4 PDF whose QR code holds `qrText` (see qr-payload.ts's
 * formatQrUrl) and whose metadata title is the certificate's title and number. Throws
 * CertificateRenderError when Chromium cannot be launched or the render outlasts the timeout.
 */
export async function renderElicencePdf(
  e: Elicence,
  qrText: string,
  options: RenderElicencePdfOptions = {},
): Promise<Uint8Array> {
  const html = certificateHtml(e, await qrSvg(qrText));
  const executablePath = options.executablePath ?? CHROMIUM_PATH;
  const timeoutMs = options.timeoutMs ?? CERTIFICATE_RENDER_TIMEOUT_MS;
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
    throw new CertificateRenderError(
      `无法启动 Chromium（${executablePath}），不能生成电子证照 PDF：${detail}`,
      `could not launch Chromium (${executablePath}) to render the e-licence PDF: ${detail}`,
      { cause },
    );
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    const remaining = Math.max(1, timeoutMs - (Date.now() - started));
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          new CertificateRenderError(
            `Chromium 未能在 ${timeoutMs / 1000} 秒内生成电子证照 PDF`,
            `Chromium did not render the e-licence PDF within ${timeoutMs / 1000} s`,
          ),
        );
      }, remaining);
    });
    // Closing the browser (finally) ends a render the timeout gave up on.
    return await Promise.race([print(browser, html, remaining), expired]);
  } finally {
    clearTimeout(timer);
    await browser.close().catch(() => undefined);
  }
}

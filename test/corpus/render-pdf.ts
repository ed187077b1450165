/**
 * A licence record → a PDF, printed by Debian's Chromium through playwright-core from the HTML of
 * render-html.ts. One browser serves every document (launching takes a second or more): it is
 * launched on first use and stays open until {@link closeRenderBrowser}.
 *
 * Families: the three HTML layouts printed with the document's own page numbers (or none), and
 * `browser`: any layout printed the way a browser's "Print → Save as PDF" prints a web page, with
 * its running header (date and time, the page title) and footer (the URL, page x/y) on every page.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../src/adapters/web/chromium-renderer.js';
import type { Licence } from '../../src/core/licence.js';
import { HTML_LAYOUTS, renderHtml, type HtmlLayout, type RenderedHtml } from './render-html.js';
import type { Rng } from './rng.js';

export const PDF_FAMILIES = [...HTML_LAYOUTS, 'browser'] as const;
export type PdfFamily = (typeof PDF_FAMILIES)[number];

/** Whether Chromium is there to print with; the reason when not. */
export function checkChromium(path = CHROMIUM_PATH): { ok: true } | { ok: false; reason: string } {
  return existsSync(path) ? { ok: true } : { ok: false, reason: `no Chromium at ${path}` };
}

let browser: Promise<Browser> | undefined;

/** The shared browser, launched on first use. */
export function openRenderBrowser(): Promise<Browser> {
  browser ??= chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS],
    timeout: 60_000,
  });
  return browser;
}

/** Close the shared browser (after the last document). */
export async function closeRenderBrowser(): Promise<void> {
  const b = browser;
  browser = undefined;
  if (b) await (await b).close().catch(() => undefined);
}

export interface RenderedPdf extends RenderedHtml {
  readonly family: PdfFamily;
  readonly pdf: Uint8Array;
}

const URLS = [
  'https://tsm.miit.gov.cn/dxxzsp/xkz/xkzgl/resource/qiyesearch.jsp',
  'https://dxzhgl.miit.gov.cn/dxxzsp/xkz/xkzgl/resource/licenseView.jsp?id=',
  'https://zwfw.miit.gov.cn/elicense/view?certNo=',
] as const;

/** A browser's date stamp: 11/28/26, 9:09 AM. */
function browserStamp(rng: Rng): string {
  const h = rng.int(1, 12);
  return `${rng.int(1, 12)}/${rng.int(1, 28)}/${rng.int(20, 26)}, ${h}:${String(rng.int(0, 59)).padStart(2, '0')} ${rng.pick(['AM', 'PM'])}`;
}

const SMALL = 'font-family: "WenQuanYi Micro Hei", sans-serif; font-size: 8px; width: 100%;';

interface PrintOptions {
  headerTemplate: string;
  footerTemplate: string;
  displayHeaderFooter: boolean;
  margin: { top: string; right: string; bottom: string; left: string };
}

function printOptions(family: PdfFamily, rng: Rng, number: string): PrintOptions {
  const side = `${rng.int(14, 22)}mm`;
  if (family === 'browser') {
    const url = rng.pick(URLS);
    const fullUrl = url.endsWith('=') ? `${url}${encodeURIComponent(number)}` : url;
    return {
      displayHeaderFooter: true,
      headerTemplate: `<div style='${SMALL} display: flex; justify-content: space-between; padding: 0 8mm;'><span>${browserStamp(rng)}</span><span class="title"></span><span></span></div>`,
      footerTemplate: `<div style='${SMALL} display: flex; justify-content: space-between; padding: 0 8mm;'><span>${fullUrl}</span><span><span class="pageNumber"></span>/<span class="totalPages"></span></span></div>`,
      margin: { top: '14mm', bottom: '14mm', left: side, right: side },
    };
  }
  const style = rng.pick(['dash', 'of', 'none'] as const);
  const footer =
    style === 'dash'
      ? '- <span class="pageNumber"></span> -'
      : style === 'of'
        ? '第 <span class="pageNumber"></span> 页 共 <span class="totalPages"></span> 页'
        : '';
  return {
    displayHeaderFooter: style !== 'none',
    headerTemplate: '<span></span>',
    footerTemplate: `<div style='${SMALL} text-align: center;'>${footer}</div>`,
    margin: {
      top: `${rng.int(15, 25)}mm`,
      bottom: `${rng.int(15, 22)}mm`,
      left: side,
      right: side,
    },
  };
}

/** The record printed to PDF, with the page and family it was printed from. */
export async function renderPdfDocument(
  record: Licence,
  rng: Rng,
  family?: PdfFamily,
): Promise<RenderedPdf> {
  const fam = family ?? rng.pick(PDF_FAMILIES);
  const layout: HtmlLayout | undefined = fam === 'browser' ? undefined : fam;
  const rendered = renderHtml(record, rng, layout);
  const options = printOptions(fam, rng, record.number ?? '');
  const b = await openRenderBrowser();
  const context = await b.newContext({
    locale: 'zh-CN',
    viewport: { width: 794, height: 1123 },
    offline: true,
    serviceWorkers: 'block',
  });
  try {
    await context.route('**/*', (route) => route.abort('blockedbyclient'));
    const page = await context.newPage();
    await page.setContent(rendered.html, { waitUntil: 'load', timeout: 30_000 });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, ...options });
    return {
      ...rendered,
      family: fam,
      pdf: new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength),
    };
  } finally {
    await context.close();
  }
}

/** Contract with the corpus: the record printed to PDF bytes. */
export async function renderPdf(
  record: Licence,
  rng: Rng,
  family?: PdfFamily,
): Promise<Uint8Array> {
  return (await renderPdfDocument(record, rng, family)).pdf;
}

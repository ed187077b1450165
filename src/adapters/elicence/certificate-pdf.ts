/**
 * The e-licence certificate as a PDF: certificate-html.ts's page printed by Debian's Chromium
 * through playwright-core, the way the website scan launches it (chromium-renderer.ts: same path and
 * flags, so any request would meet a dead proxy). One browser per call, always closed; the page
 * runs no script of its own and every request it might make is aborted. The whole render is bounded
 * by a timeout, and a browser that will not start is reported as such, by name.
 */
import type { Elicence } from '../../core/elicence/types.js';
import { PRINT_TIMEOUT_MS, PrintPdfError, printPdf } from '../web/print-pdf.js';
import { certificateHtml } from './certificate-html.js';
import { qrSvg } from './qr-image.js';

/** Launch, layout and printing together, ms. */
export const CERTIFICATE_RENDER_TIMEOUT_MS = PRINT_TIMEOUT_MS;

export interface RenderElicencePdfOptions {
  /** the Chromium binary; /usr/bin/chromium by default */
  readonly executablePath?: string;
  /** overall budget, ms (default {@link CERTIFICATE_RENDER_TIMEOUT_MS}) */
  readonly timeoutMs?: number;
}

/** Chromium could not be started, or did not print the certificate in time. */
export { PrintPdfError as CertificateRenderError };

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
  return printPdf(html, {
    ...options,
    what: { zh: '电子证照 PDF', en: 'the e-licence PDF' },
    beforePrint: FIT_ONE_PAGE,
  });
}

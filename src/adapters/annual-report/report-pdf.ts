/** The annual report printed to an A4 PDF (report-html.ts through Chromium, print-pdf.ts). */
import type { ReportView } from '../../app/annual-report/report-view.js';
import { printPdf, type PrintPdfOptions } from '../web/print-pdf.js';
import { annualReportHtml } from './report-html.js';

export function renderAnnualReportPdf(
  view: ReportView,
  options: Omit<PrintPdfOptions, 'what'> = {},
): Promise<Uint8Array> {
  return printPdf(annualReportHtml(view), {
    ...options,
    what: { zh: '年报 PDF', en: 'the annual report PDF' },
    margin: { top: '18mm', right: '16mm', bottom: '18mm', left: '16mm' },
  });
}

/**
 * XLSX with exceljs: a customer list's first worksheet read into cells (the archive's sizes checked
 * first, as a ZIP of documents is: an XLSX is a ZIP), and the batch report written as a workbook.
 */
import ExcelJS from 'exceljs';
import { DomainError } from '../../core/errors.js';
import { MAX_BULK_ROWS, type BulkReport } from '../../core/bulk-check/types.js';
import { isZip, readZipEntries } from './zip-entries.js';

export { isXlsx } from './zip-entries.js';
import { REPORT_COLUMNS, reportCells } from './report-table.js';

/** An XLSX's limits: a 10,000-row list is a few megabytes; its parts decompressed stay well under. */
const XLSX_LIMITS = {
  maxEntries: 500,
  maxEntryBytes: 64 * 1024 * 1024,
  maxTotalBytes: 128 * 1024 * 1024,
};

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return cell.text;
}

/** The first worksheet's rows as text cells, with each row's number in the sheet. */
export async function readXlsxCells(
  bytes: Uint8Array,
  name: string,
): Promise<{ cells: string[][]; rowNumbers: number[] }> {
  if (!isZip(bytes)) {
    throw new DomainError(
      'UNREADABLE_DOCUMENT',
      `${name}：不是 XLSX 文件`,
      `${name}: not an XLSX file`,
    );
  }
  // sizes first: exceljs would inflate a bomb whole
  readZipEntries(bytes, name, XLSX_LIMITS);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's types name an older Buffer
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch (e) {
    throw new DomainError(
      'UNREADABLE_DOCUMENT',
      `${name}：无法读取 XLSX 文件`,
      `${name}: the XLSX file cannot be read`,
      { cause: e },
    );
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) {
    throw new DomainError('INVALID_INPUT', `${name}：没有工作表`, `${name}: no worksheet`);
  }
  const cells: string[][] = [];
  const rowNumbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (cells.length > MAX_BULK_ROWS + 1) return;
    const values: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) values.push(cellText(row.getCell(c)));
    cells.push(values);
    rowNumbers.push(rowNumber);
  });
  return { cells, rowNumbers };
}

/** The report as a workbook: a sheet of rows (filterable), and one of what changed, if anything. */
export async function writeXlsxReport(report: BulkReport, lang: 'zh' | 'en'): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'xuke';
  const sheet = workbook.addWorksheet(lang === 'en' ? 'Results' : '核验结果');
  sheet.addRow(REPORT_COLUMNS.map((c) => (lang === 'en' ? c.en : `${c.zh} ${c.en}`)));
  for (const cells of reportCells(report, lang)) sheet.addRow(cells);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: REPORT_COLUMNS.length } };
  if (report.changes !== null) {
    const changes = workbook.addWorksheet(lang === 'en' ? 'Changes' : '变化');
    changes.addRow(['key', 'field', 'before', 'after']);
    for (const c of report.changes.changed) {
      for (const x of c.changes) changes.addRow([c.key, x.field, x.before, x.after]);
    }
    for (const a of report.changes.added) changes.addRow([a.key, 'added', '', a.status]);
    for (const r of report.changes.removed) changes.addRow([r.key, 'removed', r.status, '']);
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}

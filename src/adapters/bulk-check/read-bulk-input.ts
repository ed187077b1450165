/**
 * A batch's file → what the bulk check runs on: a CSV or XLSX customer list read into customers,
 * or a ZIP's documents (taken out with their limits, read later one at a time). Told apart by the
 * content (a ZIP holding `xl/workbook.xml` is an XLSX), else by the declared type or the name.
 */
import type { BulkJobInput } from '../../app/bulk-check/start-bulk-check-job.js';
import { parseCsv, readCustomerList } from '../../core/bulk-check/customer-list.js';
import { DomainError } from '../../core/errors.js';
import {
  DEFAULT_ZIP_LIMITS,
  isXlsx,
  isZip,
  readZipEntries,
  zipNames,
  type ZipLimits,
} from './zip-entries.js';

export const CSV_TYPE = 'text/csv';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const ZIP_TYPE = 'application/zip';

export type BulkFileKind = 'csv' | 'xlsx' | 'zip';

/** What the file is, by its bytes first. */
export function bulkFileKind(bytes: Uint8Array, name: string, contentType?: string): BulkFileKind {
  if (isZip(bytes)) return isXlsx(zipNames(bytes)) ? 'xlsx' : 'zip';
  const lower = name.toLowerCase();
  if (contentType?.startsWith(XLSX_TYPE) === true || lower.endsWith('.xlsx')) {
    throw new DomainError(
      'UNREADABLE_DOCUMENT',
      `${name}：不是 XLSX 文件`,
      `${name}: not an XLSX file`,
    );
  }
  if (contentType?.startsWith(ZIP_TYPE) === true || lower.endsWith('.zip')) {
    throw new DomainError(
      'UNREADABLE_DOCUMENT',
      `${name}：不是 ZIP 文件`,
      `${name}: not a ZIP file`,
    );
  }
  return 'csv';
}

/** The text of a list: UTF-8 (BOM or not), else GB18030 (what Excel in China saves CSV as). */
export function decodeListText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export async function readBulkInput(
  bytes: Uint8Array,
  name: string,
  options: { readonly contentType?: string; readonly zipLimits?: ZipLimits } = {},
): Promise<BulkJobInput> {
  if (bytes.length === 0) {
    throw new DomainError('INVALID_INPUT', `${name}：文件为空`, `${name}: the file is empty`);
  }
  const kind = bulkFileKind(bytes, name, options.contentType);
  if (kind === 'zip') {
    const entries = readZipEntries(bytes, name, options.zipLimits ?? DEFAULT_ZIP_LIMITS);
    if (entries.length === 0) {
      throw new DomainError(
        'INVALID_INPUT',
        `${name}：压缩包中没有文件`,
        `${name}: the ZIP holds no files`,
      );
    }
    return { kind: 'documents', name, entries };
  }
  if (kind === 'xlsx') {
    // exceljs is loaded only when an XLSX comes
    const { readXlsxCells } = await import('./xlsx.js');
    const { cells, rowNumbers } = await readXlsxCells(bytes, name);
    return { kind: 'list', name, customers: readCustomerList(cells, name, { rowNumbers }) };
  }
  const text = decodeListText(bytes);
  return { kind: 'list', name, customers: readCustomerList(parseCsv(text), name) };
}

/**
 * A customer list (CSV, or an XLSX's first sheet read into cells by the adapter) → the customers:
 * the columns `customer`, `licence`, `domains` (or 客户, 许可证编号, 域名), found by their headings
 * whatever their case, spacing, full-width forms or a BOM. A missing column refuses the list, naming
 * it; a row whose licence number is malformed is kept with a problem naming its row and column, so
 * one bad row never sinks the batch.
 */
import { DomainError } from '../errors.js';
import { parseLicenceNumber } from '../licence-number.js';
import { splitDomains } from './domains.js';
import { MAX_BULK_ROWS, type CustomerRow, type RowProblem } from './types.js';

export type ColumnName = 'customer' | 'licence' | 'domains';

/** Headings each column is known by, folded (see {@link foldHeading}). */
const HEADINGS: Readonly<Record<ColumnName, readonly string[]>> = {
  customer: [
    'customer',
    'customerid',
    'customername',
    'client',
    'clientid',
    '客户',
    '客户id',
    '客户编号',
    '客户名称',
    '客户号',
  ],
  licence: [
    'licence',
    'license',
    'licencenumber',
    'licensenumber',
    'licenceno',
    'licenseno',
    '许可证编号',
    '许可证号',
    '许可证',
    '经营许可证编号',
    '经营许可证',
  ],
  domains: ['domains', 'domain', 'domainnames', '域名', '网站域名', '网址'],
};

const COLUMN_WORDS: Readonly<Record<ColumnName, string>> = {
  customer: 'customer（客户）',
  licence: 'licence（许可证编号）',
  domains: 'domains（域名）',
};

/** A heading as compared: NFKC (full-width → ASCII), no BOM, no spaces, `_`, `-` or `.`, lower case. */
export function foldHeading(heading: string): string {
  return heading
    .replace(/\ufeff/gu, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.:：()（）]/gu, '');
}

/** The spreadsheet letter of a 0-based column: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * CSV (RFC 4180: quoted fields with `""`, CRLF or LF) → rows of cells. The separator is the header
 * line's: `,` unless the first line holds a TAB or `;` and no comma. Rows past `maxRows` + 1 are not
 * read (the caller refuses the list).
 */
export function parseCsv(text: string, maxRows = MAX_BULK_ROWS + 1): string[][] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/u));
  const sep = firstLine.includes(',')
    ? ','
    : firstLine.includes('\t')
      ? '\t'
      : firstLine.includes(';')
        ? ';'
        : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(cell);
    rows.push(row);
    row = [];
    cell = '';
  };
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
    } else if (ch === sep) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      endRow();
      if (rows.length > maxRows) return rows;
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else {
      cell += ch;
    }
    i++;
  }
  if (cell !== '' || row.length > 0) endRow();
  return rows;
}

/** Where each column is, by its 0-based index, and its heading as written. */
export interface ListColumns {
  readonly index: Readonly<Record<ColumnName, number>>;
  readonly heading: Readonly<Record<ColumnName, string>>;
}

/** The columns of a header row; INVALID_INPUT naming every missing column. */
export function findColumns(header: readonly string[], listName: string): ListColumns {
  const folded = header.map(foldHeading);
  const index = {} as Record<ColumnName, number>;
  const heading = {} as Record<ColumnName, string>;
  const missing: ColumnName[] = [];
  for (const name of Object.keys(HEADINGS) as ColumnName[]) {
    const at = folded.findIndex((h) => HEADINGS[name].includes(h));
    if (at < 0) missing.push(name);
    else {
      index[name] = at;
      heading[name] = (header[at] ?? '').replace(/\ufeff/gu, '').trim();
    }
  }
  if (missing.length > 0) {
    const words = missing.map((m) => COLUMN_WORDS[m]);
    const found = header.map((h) => h.replace(/\ufeff/gu, '').trim()).filter((h) => h !== '');
    throw new DomainError(
      'INVALID_INPUT',
      `${listName}：第 1 行（表头）缺少必需的列 ${words.join('、')}；表头为：${found.join('、') || '（空）'}`,
      `${listName}: row 1 (the header) lacks the required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; the header reads: ${found.join(', ') || '(empty)'}`,
    );
  }
  return { index, heading };
}

/**
 * Rows of cells (the first is the header; `rowNumbers[i]` the sheet's row of `cells[i]`, default
 * i + 1) → the customers. Blank rows are skipped. INPUT_TOO_LARGE beyond `maxRows` customers.
 */
export function readCustomerList(
  cells: readonly (readonly string[])[],
  listName: string,
  options: { readonly maxRows?: number; readonly rowNumbers?: readonly number[] } = {},
): CustomerRow[] {
  const maxRows = options.maxRows ?? MAX_BULK_ROWS;
  const header = cells[0];
  if (header === undefined) {
    throw new DomainError(
      'INVALID_INPUT',
      `${listName}：客户列表为空（需要表头 customer、licence、domains 或 客户、许可证编号、域名）`,
      `${listName}: the customer list is empty (it needs the header customer, licence, domains)`,
    );
  }
  const columns = findColumns(header, listName);
  const out: CustomerRow[] = [];
  for (let i = 1; i < cells.length; i++) {
    const cellsOfRow = cells[i] ?? [];
    if (cellsOfRow.every((c) => c.trim() === '')) continue;
    if (out.length >= maxRows) {
      throw new DomainError(
        'INPUT_TOO_LARGE',
        `${listName}：客户超过 ${maxRows} 个；请分批提交`,
        `${listName}: more than ${maxRows} customers; split the list`,
      );
    }
    const row = options.rowNumbers?.[i] ?? i + 1;
    out.push(readRow(cellsOfRow, row, columns));
  }
  return out;
}

function cellOf(cells: readonly string[], at: number): string {
  return (cells[at] ?? '').trim();
}

function problemAt(
  row: number,
  columns: ListColumns,
  column: ColumnName,
  message: string,
  messageEn: string,
): RowProblem {
  const where = `${columns.heading[column]} (${columnLetter(columns.index[column])})`;
  return {
    code: 'INVALID_INPUT',
    row,
    column: where,
    message: `第 ${row} 行，${where} 列：${message}`,
    messageEn: `row ${row}, column ${where}: ${messageEn}`,
  };
}

function readRow(cells: readonly string[], row: number, columns: ListColumns): CustomerRow {
  const customer = cellOf(cells, columns.index.customer);
  const licenceAsWritten = cellOf(cells, columns.index.licence);
  const domains = splitDomains(cells[columns.index.domains] ?? '');
  const base = { row, customer, licenceAsWritten, domains };
  if (customer === '') {
    return {
      ...base,
      licence: null,
      problem: problemAt(row, columns, 'customer', '客户为空', 'the customer is empty'),
    };
  }
  if (licenceAsWritten === '') {
    return {
      ...base,
      licence: null,
      problem: problemAt(row, columns, 'licence', '许可证编号为空', 'the licence number is empty'),
    };
  }
  const parsed = parseLicenceNumber(licenceAsWritten);
  if (!parsed.ok) {
    const shown = licenceAsWritten.slice(0, 60);
    return {
      ...base,
      licence: null,
      problem: problemAt(
        row,
        columns,
        'licence',
        `“${shown}”不是经营许可证编号：${parsed.message}`,
        `"${shown}" is not a licence number: ${parsed.messageEn}`,
      ),
    };
  }
  return { ...base, licence: parsed.number.text, problem: null };
}

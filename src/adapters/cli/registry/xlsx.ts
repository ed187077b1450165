/**
 * A minimal .xlsx writer: one sheet, zipped without compression. Enough for a spreadsheet export
 * without a dependency; Excel, LibreOffice and WPS open it.
 *
 * Cells are typed: text is an inline string (never a formula, whatever it begins with), a number is a
 * number, a date is an Excel date serial with a `yyyy-mm-dd` format. Text keeps every character:
 * CR is written `&#13;` (a literal CR would be read back as LF by XML's line-end rule), characters
 * XML 1.0 forbids (other C0 controls, U+FFFE, U+FFFF, lone surrogates) are written as Office Open
 * XML's `_xHHHH_` escapes, and a literal `_xHHHH` in the text is itself escaped (`_x005F_xHHHH`),
 * as ECMA-376 Part 1 §22.9.2.19 (ST_Xstring) says.
 */
import { crc32 } from 'node:zlib';

/** A date, written as a date serial with a date format. */
export interface XlsxDate {
  /** YYYY-MM-DD */
  readonly date: string;
}

/** A cell: text, a number, a date, or nothing (no cell written). */
export type XlsxCell = string | number | XlsxDate | null;

/** Style indexes of styles.xml's cellXfs. */
const STYLE_DATE = 1;
const STYLE_HEADER = 2;

function hex4(n: number): string {
  return n.toString(16).toUpperCase().padStart(4, '0');
}

/** Text for an element's content: XML-escaped, and ST_Xstring-escaped where XML cannot say it. */
export function xlsxText(s: string): string {
  // A literal `_xHHHH` could be read as an escape (with the `_` after it, or one an escape below
  // writes): its `_` is escaped first. Escaping one too many is harmless: `_x005F_` reads as `_`.
  const literal = s.replace(/_(?=x[0-9A-Fa-f]{4})/gu, '_x005F_');
  let out = '';
  for (const ch of literal) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (cp === 0x0d) out += '&#13;';
    else if (cp === 0x09 || cp === 0x0a) out += ch;
    else if (cp < 0x20 || cp === 0xfffe || cp === 0xffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      out += `_x${hex4(cp)}_`;
    } else out += ch;
  }
  return out;
}

const DAY_MS = 86_400_000;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * The Excel (1900 date system) serial of a YYYY-MM-DD date, or null when it is not a date or falls
 * before 1900-03-01 (where Excel's 1900 leap-year bug shifts serials; written as text instead).
 */
export function excelDateSerial(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    return null;
  }
  const serial = Math.round((t - EXCEL_EPOCH) / DAY_MS);
  return serial >= 61 ? serial : null;
}

function columnName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function isDate(v: XlsxCell): v is XlsxDate {
  return typeof v === 'object' && v !== null;
}

function textCell(ref: string, text: string, style: number): string {
  const s = style === 0 ? '' : ` s="${style}"`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xlsxText(text)}</t></is></c>`;
}

function cellXml(v: XlsxCell, ref: string, header: boolean): string {
  if (v === null) return '';
  if (typeof v === 'string') return textCell(ref, v, header ? STYLE_HEADER : 0);
  if (typeof v === 'number') {
    return Number.isFinite(v) ? `<c r="${ref}"><v>${v}</v></c>` : textCell(ref, String(v), 0);
  }
  const serial = excelDateSerial(v.date);
  return serial === null
    ? textCell(ref, v.date, 0)
    : `<c r="${ref}" s="${STYLE_DATE}"><v>${serial}</v></c>`;
}

/** A cell's width in characters, CJK counted double. */
function displayWidth(v: XlsxCell): number {
  if (v === null) return 0;
  if (isDate(v)) return 10;
  let w = 0;
  for (const ch of String(v)) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return w;
}

function colsXml(rows: readonly (readonly XlsxCell[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((v, c) => {
      widths[c] = Math.max(widths[c] ?? 0, displayWidth(v));
    });
  }
  if (widths.length === 0) return '';
  const cols = widths.map((w, c) => {
    const width = Math.min(Math.max(w + 2, 8), 60);
    return `<col min="${c + 1}" max="${c + 1}" width="${width}" customWidth="1"/>`;
  });
  return `<cols>${cols.join('')}</cols>`;
}

function sheetXml(rows: readonly (readonly XlsxCell[])[]): string {
  const body = rows
    .map(
      (row, r) =>
        `<row r="${r + 1}">${row.map((v, c) => cellXml(v, `${columnName(c)}${r + 1}`, r === 0)).join('')}</row>`,
    )
    .join('');
  // The header row stays in view when scrolling.
  const views =
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${views}${colsXml(rows)}<sheetData>${body}</sheetData></worksheet>`;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="licences" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
/** cellXfs: 0 plain, 1 a date (yyyy-mm-dd, custom format 164), 2 the header (bold). */
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** A ZIP archive of stored (uncompressed) entries. */
function zipStored(entries: readonly { name: string; data: Buffer }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(0, 10); // time, date
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(0, 12);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

/** The rows (the first row the header, in bold) as an .xlsx file. */
export function writeXlsx(rows: readonly (readonly XlsxCell[])[]): Buffer {
  return zipStored([
    { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
    { name: '_rels/.rels', data: Buffer.from(ROOT_RELS) },
    { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK) },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(WORKBOOK_RELS) },
    { name: 'xl/styles.xml', data: Buffer.from(STYLES) },
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(sheetXml(rows), 'utf8') },
  ]);
}

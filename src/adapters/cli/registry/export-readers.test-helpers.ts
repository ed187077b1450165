/**
 * Reading back what the exports write, for tests: CSV records (RFC 4180), and an XLSX's ZIP entries
 * (stored or deflated) and its sheet's cells with their type, style and value, text decoded as a
 * spreadsheet decodes it (XML character references, then ST_Xstring's `_xHHHH_` escapes, left to
 * right).
 */
import { inflateRawSync } from 'node:zlib';

/** The ZIP's entries by name, from their local headers. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let at = 0;
  while (zip.readUInt32LE(at) === 0x04034b50) {
    const method = zip.readUInt16LE(at + 8);
    const size = zip.readUInt32LE(at + 18);
    const nameLength = zip.readUInt16LE(at + 26);
    const extraLength = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 30, at + 30 + nameLength).toString('utf8');
    const start = at + 30 + nameLength + extraLength;
    const data = zip.subarray(start, start + size);
    out.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at = start + size;
  }
  return out;
}

/** XML character data → text: the five entities and numeric character references. */
export function xmlDecode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/gu, (_m, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const n = e.startsWith('#x') ? parseInt(e.slice(2), 16) : Number(e.slice(1));
    return String.fromCodePoint(n);
  });
}

/** ST_Xstring: each `_xHHHH_` is the UTF-16 code unit HHHH. */
export function xstringDecode(s: string): string {
  return s.replace(/_x([0-9A-Fa-f]{4})_/gu, (_m, h: string) =>
    String.fromCharCode(parseInt(h, 16)),
  );
}

export interface SheetCell {
  readonly ref: string;
  /** the `t` attribute: `inlineStr` for text; undefined for a number (or a date) */
  readonly type: string | undefined;
  /** the `s` attribute: the cellXfs index */
  readonly style: number;
  /** the text (decoded) or the number */
  readonly value: string | number;
}

/** The sheet's rows of cells, by reference (`A1`, `B2`). */
export function sheetCells(sheetXml: string): Map<string, SheetCell> {
  const cells = new Map<string, SheetCell>();
  const cell = /<c r="([A-Z]+\d+)"((?: [a-z]+="[^"]*")*)>(.*?)<\/c>/gsu;
  for (const m of sheetXml.matchAll(cell)) {
    const [, ref = '', attrs = '', body = ''] = m;
    const type = /\bt="([^"]*)"/u.exec(attrs)?.[1];
    const style = Number(/\bs="(\d+)"/u.exec(attrs)?.[1] ?? 0);
    const text = /^<is><t(?: [^>]*)?>(.*)<\/t><\/is>$/su.exec(body)?.[1];
    const number = /^<v>([^<]*)<\/v>$/u.exec(body)?.[1];
    const value =
      type === 'inlineStr' ? xstringDecode(xmlDecode(text ?? '')) : Number(number ?? Number.NaN);
    cells.set(ref, { ref, type, style, value });
  }
  return cells;
}

/** The workbook's sheet and styles. */
export function readXlsx(file: Buffer): {
  sheet: string;
  styles: string;
  cells: Map<string, SheetCell>;
} {
  const entries = unzip(file);
  const sheet = entries.get('xl/worksheets/sheet1.xml')?.toString('utf8') ?? '';
  const styles = entries.get('xl/styles.xml')?.toString('utf8') ?? '';
  return { sheet, styles, cells: sheetCells(sheet) };
}

/** An RFC 4180 reader: records of fields, CRLF between records, `""` inside quotes. */
export function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"' && text.charAt(i + 1) === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i += 1;
      } else {
        field += ch;
        i += 1;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
      i += 1;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' && text.charAt(i + 1) === '\n') {
      fields.push(field);
      records.push(fields);
      fields = [];
      field = '';
      i += 2;
    } else {
      field += ch;
      i += 1;
    }
  }
  if (field !== '' || fields.length > 0) records.push([...fields, field]);
  return records;
}

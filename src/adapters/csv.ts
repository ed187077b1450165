/**
 * CSV for spreadsheets (RFC 4180, CRLF line ends) with formulas neutralised as OWASP's "CSV Injection"
 * advice says: a cell that begins with `=`, `+`, `-`, `@`, TAB (0x09) or CR (0x0D) is opened by Excel,
 * LibreOffice and WPS as a formula, so it is written with a `'` in front, which they show as text.
 *
 * The rule is reversible ({@link restoreFormula}): a value that begins with one of those characters
 * after zero or more `'` gets one more `'`; reading back, a cell that begins with one or more `'`
 * followed by one of them loses one `'`. So `=1+2` ↔ `'=1+2`, `'=1+2` ↔ `''=1+2`, and `'abc` or
 * `a-b` are written as they are.
 */

/** What makes a spreadsheet read a cell as a formula (OWASP, CSV Injection). */
export const FORMULA_TRIGGERS = ['=', '+', '-', '@', '\t', '\r'] as const;

const NEEDS_PREFIX = /^'*[=+\-@\t\r]/u;
const HAS_PREFIX = /^'+[=+\-@\t\r]/u;

/** The value as a spreadsheet cannot take it for a formula: `'` in front when it could. */
export function neutraliseFormula(value: string): string {
  return NEEDS_PREFIX.test(value) ? `'${value}` : value;
}

/** The inverse of {@link neutraliseFormula}: the value a cell of the export was made from. */
export function restoreFormula(cell: string): string {
  return HAS_PREFIX.test(cell) ? cell.slice(1) : cell;
}

/**
 * One field: neutralised, then quoted (with `"` doubled) when it was neutralised or holds a `,`,
 * `"`, CR or LF (RFC 4180), or a `;` or TAB, the separators a spreadsheet may be set to split on.
 */
export function csvField(value: string): string {
  const cell = neutraliseFormula(value);
  return cell !== value || /[",;\t\r\n]/u.test(cell) ? `"${cell.replace(/"/gu, '""')}"` : cell;
}

/** One record, CRLF-terminated. */
export function csvRecord(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

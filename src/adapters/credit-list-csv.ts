/**
 * The credit lists as CSV, with the fields MIIT's list-management notice records (licensing.md
 * §1.9: 经营者名称、统一社会信用代码、许可证编号、处理日期、列入事由、列入单位), then the listing and
 * removal days. A BOM first, so spreadsheet programs read the Chinese as UTF-8; formulas neutralised.
 */
import type { CreditListEntry } from '../ports/annual-report-store.js';
import { csvRecord } from './csv.js';

type Row = Pick<
  CreditListEntry,
  | 'holderName'
  | 'creditCode'
  | 'number'
  | 'decidedOn'
  | 'reason'
  | 'listedBy'
  | 'listedOn'
  | 'removedOn'
>;

const COLUMNS: readonly [keyof Row, string][] = [
  ['holderName', '经营者名称'],
  ['creditCode', '统一社会信用代码'],
  ['number', '许可证编号'],
  ['decidedOn', '处理日期'],
  ['reason', '列入事由'],
  ['listedBy', '列入单位'],
  ['listedOn', '列入日期'],
  ['removedOn', '移出日期'],
];

export function creditListCsv(entries: readonly Row[]): string {
  return (
    '\uFEFF' +
    csvRecord(COLUMNS.map(([, h]) => h)) +
    entries.map((e) => csvRecord(COLUMNS.map(([k]) => e[k] ?? ''))).join('')
  );
}

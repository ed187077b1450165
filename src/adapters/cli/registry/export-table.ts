/**
 * The table the CSV and XLSX exports write: one row per licence, its columns typed (text, date,
 * number) so that the XLSX writes dates as dates and numbers as numbers. Headers in zh-CN, or with
 * `--lang en` the English field names. Values are the codes the JSONL export and the API use
 * (`valid`, `vats`, `declared`, `verified`).
 */
import type { ExportTableRow } from '../../../app/registry/export-licences.js';
import type { Lang } from '../lang.js';
import type { XlsxCell } from './xlsx.js';

interface Column {
  /** the English header: the field's name */
  readonly key: string;
  /** the zh-CN header */
  readonly zh: string;
  readonly cell: (row: ExportTableRow) => XlsxCell;
}

const text = (v: string | null | undefined): string => v ?? '';
const date = (v: string | null): XlsxCell => (v === null ? '' : { date: v });

export const EXPORT_COLUMNS: readonly Column[] = [
  { key: 'number', zh: '经营许可证编号', cell: (r) => r.line.number },
  { key: 'status', zh: '登记状态', cell: (r) => r.line.status },
  { key: 'currentStatus', zh: '当前状态', cell: (r) => r.currentStatus },
  { key: 'verdict', zh: '核验结论', cell: (r) => r.verdict },
  { key: 'kind', zh: '许可证种类', cell: (r) => text(r.line.licence.kind) },
  { key: 'holder', zh: '公司名称', cell: (r) => text(r.line.licence.holder.name) },
  {
    key: 'legalRepresentative',
    zh: '法定代表人',
    cell: (r) => text(r.line.licence.holder.legalRepresentative),
  },
  {
    key: 'creditCode',
    zh: '统一社会信用代码',
    cell: (r) => text(r.line.licence.holder.creditCode),
  },
  { key: 'issuedOn', zh: '发证日期', cell: (r) => date(r.line.licence.issuedOn) },
  { key: 'expiresOn', zh: '有效期至', cell: (r) => date(r.line.licence.expiresOn) },
  {
    key: 'services',
    zh: '业务种类',
    cell: (r) => r.line.licence.services.map((s) => s.code ?? s.name).join(' '),
  },
  {
    key: 'domains',
    zh: '网站域名',
    cell: (r) => [...new Set(r.line.licence.websites.flatMap((w) => w.domains))].join(' '),
  },
  { key: 'version', zh: '版本', cell: (r) => r.line.version },
  { key: 'provenance', zh: '来源', cell: (r) => text(r.line.provenance) },
];

export function exportHeader(lang: Lang): string[] {
  return EXPORT_COLUMNS.map((c) => (lang === 'en' ? c.key : c.zh));
}

/** A row's cells, typed (the XLSX). */
export function exportCells(row: ExportTableRow): XlsxCell[] {
  return EXPORT_COLUMNS.map((c) => c.cell(row));
}

/** A cell as CSV text: a date as YYYY-MM-DD, a number in decimal. */
export function cellText(v: XlsxCell): string {
  if (v === null) return '';
  if (typeof v === 'object') return v.date;
  return String(v);
}

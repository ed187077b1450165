/**
 * The report as a table, one row per customer or document: the columns of the CSV and XLSX exports
 * (CSV formulas neutralised by adapters/csv.ts).
 */
import type { BulkReport, BulkRow } from '../../core/bulk-check/types.js';
import { csvRecord } from '../csv.js';

export const REPORT_COLUMNS = [
  { key: 'row', zh: '行/文件', en: 'row' },
  { key: 'customer', zh: '客户', en: 'customer' },
  { key: 'licence', zh: '许可证编号', en: 'licence' },
  { key: 'found', zh: '找到许可证', en: 'found' },
  { key: 'status', zh: '结果', en: 'status' },
  { key: 'verdict', zh: '核验结论', en: 'verdict' },
  { key: 'validity', zh: '有效性', en: 'validity' },
  { key: 'holder', zh: '持证单位', en: 'holder' },
  { key: 'expiresOn', zh: '有效期至', en: 'expiresOn' },
  { key: 'register', zh: '登记簿', en: 'register' },
  { key: 'domainsCovered', zh: '已覆盖域名', en: 'domainsCovered' },
  { key: 'domainsNotCovered', zh: '未覆盖域名', en: 'domainsNotCovered' },
  { key: 'findings', zh: '发现', en: 'findings' },
  { key: 'reason', zh: '说明', en: 'reason' },
] as const;

function where(row: BulkRow): string {
  return row.source.kind === 'list' ? String(row.source.row) : row.source.entry;
}

export function rowCells(row: BulkRow, lang: 'zh' | 'en'): string[] {
  const en = lang === 'en';
  const reason = row.problem
    ? en
      ? row.problem.messageEn
      : row.problem.message
    : ((en ? row.verdictReasonEn : row.verdictReason) ?? '');
  const register =
    row.register === null
      ? ''
      : `${row.register.authority ?? row.register.provenance}: ${row.register.found ? (row.register.status ?? '') : en ? 'not in register' : '登记簿中没有'}`;
  return [
    where(row),
    row.customer,
    row.licence ?? '',
    row.found ? 'yes' : 'no',
    row.status,
    row.verdict ?? '',
    row.validity ?? '',
    row.holder ?? '',
    row.expiresOn ?? '',
    register,
    row.domains
      .filter((d) => d.covered)
      .map((d) => d.domain)
      .join(' '),
    row.domains
      .filter((d) => !d.covered)
      .map((d) => d.domain)
      .join(' '),
    row.findings
      .filter((f) => f.severity !== 'info')
      .map((f) => `[${f.severity}] ${f.ruleId}: ${en ? f.messageEn : f.message}`)
      .join('\n'),
    reason,
  ];
}

export function reportCells(report: BulkReport, lang: 'zh' | 'en'): string[][] {
  return report.rows.map((r) => rowCells(r, lang));
}

/** The report as CSV (UTF-8 with a BOM so spreadsheets read the Chinese; CRLF). */
export function reportCsv(report: BulkReport, lang: 'zh' | 'en'): string {
  const header = REPORT_COLUMNS.map((c) => c.en);
  return `\ufeff${csvRecord(header)}${reportCells(report, lang).map(csvRecord).join('')}`;
}

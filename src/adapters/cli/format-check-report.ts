/**
 * The readable CheckReport `xuke check` prints without --json: findings grouped by severity, each
 * quoting its evidence lines and its basis, ending with the licence's status.
 */
import {
  SEVERITY_ORDER,
  type CheckReport,
  type LicenceStatus,
  type Rule,
  type Severity,
} from '../../core/checks/index.js';
import type { Lang } from './lang.js';

const SEVERITY: Record<Lang, Record<Severity, string>> = {
  zh: { error: '错误', warning: '警告', info: '提示' },
  en: { error: 'Errors', warning: 'Warnings', info: 'Info' },
};

const STATUS: Record<Lang, Record<LicenceStatus, string>> = {
  zh: {
    valid: '有效',
    expiring: '即将到期（90 天内）',
    expired: '已过期',
    'not-yet-valid': '尚未生效',
    unknown: '无法判断（缺少有效期）',
  },
  en: {
    valid: 'valid',
    expiring: 'expiring (within 90 days)',
    expired: 'expired',
    'not-yet-valid': 'not yet valid',
    unknown: 'unknown (no validity dates)',
  },
};

const WORDS = {
  zh: {
    none: '未发现问题。',
    line: '第 {n} 行',
    basis: '依据',
    status: '状态',
    asOf: '核验日期',
    noNumber: '（无编号）',
    colon: '：',
    open: '（',
    close: '）',
  },
  en: {
    none: 'No findings.',
    line: 'line {n}',
    basis: 'basis',
    status: 'Status',
    asOf: 'as of',
    noNumber: '(no number)',
    colon: ': ',
    open: ' (',
    close: ')',
  },
} as const;

export function formatCheckReport(report: CheckReport, today: string, lang: Lang): string {
  const w = WORDS[lang];
  const l = report.licence;
  const out: string[] = [`${l.number ?? w.noNumber}  ${l.holder.name ?? ''}`.trimEnd()];
  if (report.findings.length === 0) out.push(w.none);
  for (const severity of SEVERITY_ORDER) {
    const group = report.findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    out.push('', `${SEVERITY[lang][severity]}${w.open}${group.length}${w.close}`);
    for (const f of group) {
      out.push(`  [${f.ruleId}] ${lang === 'en' ? f.messageEn : f.message}`);
      for (const e of f.evidence) {
        out.push(`      ${w.line.replace('{n}', String(e.line))}${w.colon}${e.text}`);
      }
      out.push(`      ${w.basis}${w.colon}${lang === 'en' ? f.basisEn : f.basis}`);
    }
  }
  out.push(
    '',
    `${w.status}${w.colon}${STATUS[lang][report.status]}${w.open}${w.asOf} ${today}${w.close}`,
  );
  return out.join('\n');
}

/** `xuke rules`: one line per rule. */
export function formatRules(rules: readonly Rule[], lang: Lang): string {
  return rules
    .map((r) => {
      const severities = r.severities.map((s) => SEVERITY[lang][s]).join('/');
      return `${r.id.padEnd(26)} ${severities.padEnd(lang === 'en' ? 24 : 10)} ${lang === 'en' ? r.titleEn : r.title}`;
    })
    .join('\n');
}

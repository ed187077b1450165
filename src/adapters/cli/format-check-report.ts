/**
 * The readable CheckReport `xuke check` prints without --json: the verdict (whether the document can
 * be believed) and the validity first, what it was compared with, then the findings grouped by
 * severity, each quoting its evidence lines and its basis, ending with the status its dates give.
 */
import type { AssessedReport } from '../../app/trust/assess-report.js';
import { SEVERITY_ORDER, type LicenceStatus, type Severity } from '../../core/checks/index.js';
import { isLicenceStatus, STATUS_NAMES } from '../../core/lifecycle/lifecycle.js';
import { PROVENANCE_NAMES, VALIDITY_NAMES } from '../../core/trust/names.js';
import type { RegisterSummary, Verdict } from '../../core/trust/types.js';
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

/** The verdict as the report's first line says it (docs/trust.md). */
export const VERDICT_HEADLINES: Record<Lang, Record<Verdict, string>> = {
  zh: {
    verified: '已核实',
    mismatch: '与登记不符，疑似伪造',
    suspect: '需人工复核',
    unverified: '未经发证机关核实',
  },
  en: {
    verified: 'Verified',
    mismatch: 'Differs from the register, possibly forged',
    suspect: 'Needs review',
    unverified: 'Not verified with the issuer',
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
    verdict: '核验结论',
    validity: '有效性',
    against: '对照',
    version: '第 {n} 版',
    notHeld: '登记簿中无此编号',
    checkedBy: '{on} 由 {by} 核实',
    dueOn: '复核期限 {on}',
    stale: '已到期，须重新核实',
    sep: '，',
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
    verdict: 'Verdict',
    validity: 'Validity',
    against: 'Compared with',
    version: 'version {n}',
    notHeld: 'the register has no such number',
    checkedBy: 'checked on {on} by {by}',
    dueOn: 'due again {on}',
    stale: 'fallen due, to be checked again',
    sep: ', ',
  },
} as const;

/** What the document was compared with: the register (whose, which version) or a confirmation. */
function describeRegister(r: RegisterSummary, lang: Lang): string {
  const w = WORDS[lang];
  const parts: string[] = [PROVENANCE_NAMES[r.provenance][lang]];
  if (r.authority !== null) parts.push(r.authority.name);
  if (!r.found) parts.push(w.notHeld);
  if (r.version !== null) parts.push(w.version.replace('{n}', String(r.version)));
  if (r.status !== null) {
    // the register's lifecycle status by name; the official query's status as it was written
    parts.push(lang === 'zh' && isLicenceStatus(r.status) ? STATUS_NAMES[r.status] : r.status);
  }
  const c = r.confirmation;
  if (c !== null) {
    parts.push(w.checkedBy.replace('{on}', c.checkedOn).replace('{by}', c.checkedBy));
    parts.push(c.current ? w.dueOn.replace('{on}', c.dueOn) : w.stale);
  }
  return parts.join(w.sep);
}

/** The verdict line, its reason when it says more, the validity and what was compared with. */
function formatVerdict(report: AssessedReport, today: string, lang: Lang): string[] {
  const w = WORDS[lang];
  const headline = VERDICT_HEADLINES[lang][report.verdict];
  const reason = lang === 'en' ? report.verdictReasonEn : report.verdictReason;
  const out = [`${w.verdict}${w.colon}${headline}`];
  if (reason.trim() !== '' && reason.toLowerCase() !== headline.toLowerCase()) {
    out.push(`  ${reason}`);
  }
  out.push(
    `${w.validity}${w.colon}${VALIDITY_NAMES[report.validity][lang]}${w.open}${w.asOf} ${today}${w.close}`,
  );
  if (report.register !== null) {
    out.push(`${w.against}${w.colon}${describeRegister(report.register, lang)}`);
  }
  return out;
}

export function formatCheckReport(report: AssessedReport, today: string, lang: Lang): string {
  const w = WORDS[lang];
  const l = report.licence;
  const out: string[] = [
    ...formatVerdict(report, today, lang),
    '',
    `${l.number ?? w.noNumber}  ${l.holder.name ?? ''}`.trimEnd(),
  ];
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

/** A rule as listings show it: the check rules and the register's rules alike. */
export interface ListedRule {
  readonly id: string;
  readonly severities: readonly Severity[];
  readonly title: string;
  readonly titleEn: string;
}

/** `xuke rules`: one line per rule. */
export function formatRules(rules: readonly ListedRule[], lang: Lang): string {
  return rules
    .map((r) => {
      const severities = r.severities.map((s) => SEVERITY[lang][s]).join('/');
      return `${r.id.padEnd(26)} ${severities.padEnd(lang === 'en' ? 24 : 10)} ${lang === 'en' ? r.titleEn : r.title}`;
    })
    .join('\n');
}

/**
 * `xuke rules`: the check rules, then the register's rules under a heading saying they need a
 * register (an authority on this instance, or an official-query confirmation).
 */
export function formatRuleListing(
  rules: readonly ListedRule[],
  registerRules: readonly ListedRule[],
  lang: Lang,
): string {
  const heading =
    lang === 'en'
      ? 'Register rules (need a register: xuke check --org ORG compares with the issuer’s register or an official-query confirmation):'
      : '登记簿规则（需要登记簿：xuke check --org 机构 与发证机关登记或官方系统核实记录对照）：';
  return [formatRules(rules, lang), '', heading, formatRules(registerRules, lang)].join('\n');
}

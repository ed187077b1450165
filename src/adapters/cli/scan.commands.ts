/**
 * `xuke scan URL [--licence FILE|NUMBER | --no-licence] [--render] [--today DATE]
 * [--allow-host HOST:PORT]... [--json] [--screenshot PATH] [--lang en]`: does the site show its
 * licence, and stay within it?
 *
 * Exit 0 without error-level findings, 1 with any, 2 for a refused target (with the reason; nothing
 * was connected to) or unusable input, 3 when the licence asked for is not in the registry, 7 when
 * the site cannot be fetched. The fetcher and browser are loaded only when the command runs.
 */
import { writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { parseDocument } from '../../app/documents/parse-document.js';
import type { ScanLicenceChoice, ScanWebsiteDeps } from '../../app/scans/scan-website.js';
import type { Severity } from '../../core/checks/finding.js';
import { isDomainError } from '../../core/errors.js';
import { parseLicenceNumber } from '../../core/licence-number.js';
import type { PageEvidence } from '../../core/scan/page-facts.js';
import type { ScanReport } from '../../core/scan/scan-report.js';
import type { CliContext } from './cli-context.js';
import { parseLang, type Lang } from './lang.js';
import { registryOptions } from './registry/run-registry-command.js';
import { parseToday, reportError } from './run-command.js';

interface ScanOpts {
  licence?: string | false;
  render: boolean;
  today?: string;
  allowHost: string[];
  json: boolean;
  screenshot?: string;
  lang: string;
  db?: string;
  org?: string;
}

export function registerScanCommands(program: Command, ctx: CliContext): void {
  program
    .command('scan')
    .description(
      '扫描网站：是否标明许可证编号、是否超出许可范围 / scan a website: does it show its licence, and stay within it?',
    )
    .argument('<url>', 'http(s) URL')
    .option(
      '--licence <file|number>',
      '许可证文件或编号（默认按域名查登记簿） / licence document or number (default: the registry, by domain)',
    )
    .option('--no-licence', '不与许可证比对 / compare with no licence')
    .option(
      '--render',
      '用 Chromium 渲染页面（执行脚本）并截图 / render in Chromium, with a screenshot',
      false,
    )
    .option(
      '--today <date>',
      '扫描日期 YYYY-MM-DD（默认为北京时间今天） / the day to judge validity on',
    )
    .addOption(
      new Option(
        '--allow-host <host:port>',
        '允许访问的私有地址（可重复） / allow this private HOST:PORT (repeatable)',
      )
        .argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v])
        .default([]),
    )
    .option('--json', '输出 JSON（xuke.scan/v1） / print the ScanReport as JSON', false)
    .option('--screenshot <path>', '截图保存路径（--render） / where to keep the screenshot')
    .option('--db <url>', '登记簿数据库 / the registry database: postgres://… | sqlite://PATH')
    .option('--org <id>', '组织（租户） / organisation (tenant)')
    .addOption(ctx.langOption())
    .action(async (url: string, opts: ScanOpts) => {
      process.exitCode = await runScanCommand(url, opts, ctx);
    });
}

const EXIT_FINDINGS = 1;

async function chooseLicence(
  value: string | false | undefined,
  ctx: CliContext,
): Promise<ScanLicenceChoice> {
  if (value === false) return { from: 'none' };
  if (value === undefined) return { from: 'domain' };
  try {
    const bytes = await ctx.io.readFile(value, ctx.documents.maxBytes);
    return {
      from: 'document',
      name: value,
      result: await parseDocument(bytes, value, ctx.documents),
    };
  } catch (e) {
    // Not a readable file but a licence number: the registry's record.
    if (isDomainError(e) && e.code === 'UNREADABLE_DOCUMENT' && parseLicenceNumber(value).ok) {
      return { from: 'registry', number: value };
    }
    throw e;
  }
}

function defaultScreenshotPath(url: string, today: string): string {
  let host = 'site';
  try {
    host = new URL(url).host.replace(/[^\w.-]+/gu, '_');
  } catch {
    // keep the default
  }
  return `xuke-scan-${host}-${today}.png`;
}

export async function runScanCommand(
  url: string,
  opts: ScanOpts,
  ctx: CliContext,
): Promise<number> {
  let lang: Lang;
  try {
    lang = parseLang(opts.lang);
  } catch (e) {
    ctx.io.stderr(`xuke scan: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  let today: string;
  let fetcher;
  try {
    today = parseToday(opts.today, ctx.clock);
    fetcher = await ctx.services.safeFetcher(opts.allowHost);
  } catch (e) {
    return reportError(ctx.io, 'scan', lang, e);
  }
  let renderer: ScanWebsiteDeps['renderer'];
  try {
    // Judge the target first: a refused URL is exit 2 before any file, registry or browser work.
    await fetcher.check(url);
    const licence = await chooseLicence(opts.licence, ctx);
    const { scanWebsite } = await import('../../app/scans/scan-website.js');
    if (opts.render) renderer = await ctx.services.chromiumRenderer();
    const scan = (registry?: ScanWebsiteDeps['registry']): ReturnType<typeof scanWebsite> =>
      scanWebsite(
        url,
        { today, render: opts.render, licence },
        {
          fetcher,
          ...(renderer === undefined ? {} : { renderer }),
          ...(registry === undefined ? {} : { registry }),
        },
      );
    // The registry is opened only when the licence comes from it (by number, or by the domain).
    const outcome =
      licence.from === 'registry' || licence.from === 'domain'
        ? await ctx.services.withRegistry(registryOptions(opts), ctx.clock, (r) =>
            scan({ store: r.deps.store, organisation: r.who.organisation }),
          )
        : await scan();
    let report: ScanReport = outcome.report;
    if (outcome.screenshot !== null) {
      const path = opts.screenshot ?? defaultScreenshotPath(url, today);
      await writeFile(path, outcome.screenshot);
      report = { ...report, screenshot: path };
    }
    ctx.io.stdout(
      opts.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatScanReport(report, lang)}\n`,
    );
    return report.findings.some((f) => f.severity === 'error') ? EXIT_FINDINGS : 0;
  } catch (e) {
    return reportError(ctx.io, 'scan', lang, e);
  } finally {
    await renderer?.close();
    await fetcher.close();
  }
}

const W = {
  zh: {
    scan: '扫描',
    static: '静态抓取',
    rendered: '浏览器渲染',
    asOf: '扫描日期',
    title: '标题',
    redirects: '重定向',
    licence: '许可证',
    noLicence: '（未与许可证比对）',
    shown: '页面标明',
    nothingShown: '（未找到编号）',
    number: '许可证编号',
    caption: '标题文字',
    filing: 'ICP 备案号',
    linked: '已链接备案系统',
    notLinked: '未链接备案系统',
    icpCert: 'ICP 证',
    ps: '公安备案号',
    centred: '居中',
    signals: '范围信号',
    none: '（无）',
    strong: '强',
    weak: '弱',
    siteSearch: '站内搜索框（不是搜索服务）',
    blocked: '已拦截的请求',
    findings: '发现',
    noFindings: '未发现问题。',
    basis: '依据',
    line: '许可证第 {n} 行',
    screenshot: '截图',
    sev: { error: '错误', warning: '警告', info: '提示' } as Record<Severity, string>,
    status: {
      valid: '有效',
      expiring: '即将到期',
      expired: '已过期',
      'not-yet-valid': '尚未生效',
      unknown: '有效期不明',
    } as Record<string, string>,
    until: '有效期至',
    source: { file: '文件', registry: '登记簿', none: '无' } as Record<string, string>,
  },
  en: {
    scan: 'Scan',
    static: 'static fetch',
    rendered: 'rendered in the browser',
    asOf: 'as of',
    title: 'Title',
    redirects: 'Redirects',
    licence: 'Licence',
    noLicence: '(not compared with a licence)',
    shown: 'The page shows',
    nothingShown: '(no numbers found)',
    number: 'licence number',
    caption: 'caption',
    filing: 'ICP filing',
    linked: 'linked to the filing system',
    notLinked: 'not linked to the filing system',
    icpCert: 'ICP certificate',
    ps: 'public-security filing',
    centred: 'centred',
    signals: 'Scope signals',
    none: '(none)',
    strong: 'strong',
    weak: 'weak',
    siteSearch: 'Site-internal search boxes (not a search service)',
    blocked: 'Blocked requests',
    findings: 'Findings',
    noFindings: 'No findings.',
    basis: 'basis',
    line: 'licence line {n}',
    screenshot: 'Screenshot',
    sev: { error: 'error', warning: 'warning', info: 'info' } as Record<Severity, string>,
    status: {
      valid: 'valid',
      expiring: 'expiring',
      expired: 'expired',
      'not-yet-valid': 'not yet valid',
      unknown: 'validity unknown',
    } as Record<string, string>,
    until: 'valid until',
    source: { file: 'file', registry: 'registry', none: 'none' } as Record<string, string>,
  },
} as const;

function where(e: PageEvidence, lang: Lang): string {
  const centred = e.centred ? `, ${W[lang].centred}` : '';
  return `[${e.region}${centred}] ${e.element}`;
}

/** The readable report `xuke scan` prints without --json. */
export function formatScanReport(r: ScanReport, lang: Lang): string {
  const w = W[lang];
  const [o, c] = lang === 'en' ? [' (', ')'] : ['（', '）'];
  const q = (text: string): string => (lang === 'en' ? `"${text}"` : `“${text}”`);
  const out: string[] = [];
  const comma = lang === 'en' ? ', ' : '，';
  out.push(
    `${w.scan} ${r.url}${o}${r.rendered ? w.rendered : w.static}${comma}${w.asOf} ${r.today}${c}`,
  );
  if (r.title !== '') out.push(`${w.title}: ${r.title}`);
  if (r.redirects.length > 0) out.push(`${w.redirects}: ${r.redirects.join(' → ')}`);
  if (r.licence === null) {
    out.push(`${w.licence}: ${w.noLicence}`);
  } else {
    const l = r.licence;
    out.push(
      `${w.licence}: ${l.number ?? '?'} ${l.holder ?? ''} — ${w.status[l.status] ?? l.status}, ${w.until} ${l.expiresOn ?? '?'} (${w.source[l.source] ?? l.source}${l.name !== null ? `: ${l.name}` : ''})`,
    );
  }
  out.push('', `${w.shown}:`);
  const s = r.shown;
  if (
    s.numbers.length +
      s.filings.length +
      s.icpCertificates.length +
      s.publicSecurityFilings.length ===
    0
  ) {
    out.push(`  ${w.nothingShown}`);
  }
  for (const n of s.numbers) {
    const cap = n.caption !== null ? ` ${w.caption} ${q(n.caption)}` : '';
    out.push(`  ${w.number} ${n.number ?? n.raw}${cap}  ${where(n.at, lang)}`);
  }
  for (const c of s.icpCertificates) out.push(`  ${w.icpCert} ${c.text}  ${where(c.at, lang)}`);
  for (const f of s.filings) {
    out.push(
      `  ${w.filing} ${f.text}${o}${f.linked ? w.linked : w.notLinked}${c}  ${where(f.at, lang)}`,
    );
  }
  for (const p of s.publicSecurityFilings) out.push(`  ${w.ps} ${p.text}  ${where(p.at, lang)}`);
  out.push('', `${w.signals}:`);
  if (r.signals.length === 0) out.push(`  ${w.none}`);
  for (const sig of r.signals) {
    out.push(
      `  [${sig.strength === 'strong' ? w.strong : w.weak}] ${sig.kind}: ${lang === 'en' ? sig.whatEn : sig.what} ${q(sig.evidence.text)}  ${where(sig.evidence, lang)}  ${sig.evidence.url}`,
    );
  }
  if (r.siteSearch.length > 0) {
    out.push('', `${w.siteSearch}:`);
    for (const e of r.siteSearch) out.push(`  ${q(e.text)}  ${where(e, lang)}  ${e.url}`);
  }
  if (r.blocked.length > 0) {
    out.push('', `${w.blocked}:`);
    for (const b of r.blocked) out.push(`  ${b.url}: ${lang === 'en' ? b.reasonEn : b.reason}`);
  }
  out.push('', `${w.findings}:`);
  if (r.findings.length === 0) out.push(`  ${w.noFindings}`);
  for (const f of r.findings) {
    out.push(`  ${w.sev[f.severity]} ${f.ruleId}: ${lang === 'en' ? f.messageEn : f.message}`);
    for (const e of f.page) out.push(`      ${where(e, lang)}  ${q(e.text)}  ${e.url}`);
    for (const e of f.evidence)
      out.push(`      ${w.line.replace('{n}', String(e.line))}: ${e.text}`);
    out.push(`      ${w.basis}: ${lang === 'en' ? f.basisEn : f.basis}`);
  }
  if (r.screenshot !== null) out.push('', `${w.screenshot}: ${r.screenshot}`);
  return out.join('\n');
}

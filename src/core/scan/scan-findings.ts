/**
 * The scan's findings: what a page shows and offers, against the licence it runs under. Findings
 * have the checks' shape (`Finding`: ruleId, severity, message, messageEn, fields, evidence, basis),
 * with the licence's document lines in `evidence` and the page's elements in `page`.
 */
import { licenceStatus } from '../checks/check-licence.js';
import type { CheckInput, Finding, Severity } from '../checks/finding.js';
import { evidenceFor } from '../checks/rule.js';
import {
  emptyLicence,
  type Evidence,
  type IsoDate,
  type Licence,
  type LicensedService,
} from '../licence.js';
import { compactText } from '../text.js';
import type { PageEvidence, PageFacts } from './page-facts.js';
import { SIGNAL_SERVICES, type ScopeSignal, type SignalKind } from './signals.js';

export const ScanRuleId = {
  numberMissing: 'number-missing',
  numberMismatch: 'number-mismatch',
  licenceExpired: 'licence-expired',
  serviceExcluded: 'service-excluded',
  serviceUnlicensed: 'service-unlicensed',
  filingLinkMissing: 'filing-link-missing',
} as const;
export type ScanRuleId = (typeof ScanRuleId)[keyof typeof ScanRuleId];

/** A scan finding: a check `Finding` plus the page elements it rests on. */
export interface ScanFinding extends Finding {
  readonly page: readonly PageEvidence[];
}

const BASIS: Readonly<Record<ScanRuleId, string>> = {
  'number-missing':
    '《互联网信息服务管理办法》（国务院令第292号）：在网站主页显著位置标明经营许可证编号（条号 UNCONFIRMED，licensing.md §3.4）；许可证特别规定事项“应当在网站首页…标明经营许可证编号”',
  'number-mismatch':
    '《互联网信息服务管理办法》：标明的经营许可证编号须为本单位的许可证编号（licensing.md §3.4）',
  'licence-expired':
    '《电信业务经营许可管理办法》（工业和信息化部令第42号）：许可证有效期届满未延续的不得继续经营',
  'service-excluded':
    '《电信业务经营许可管理办法》（工信部令第42号）及许可证特别规定事项：按照许可的业务种类开展经营活动；《电信业务分类目录（2015年版）》B25 服务类型',
  'service-unlicensed':
    '《中华人民共和国电信条例》第七条、《电信业务分类目录（2015年版）》：经营增值电信业务须取得相应业务种类的许可',
  'filing-link-missing':
    '《非经营性互联网信息服务备案管理办法》（信息产业部令第33号）第十三条：在主页底部中央标明备案编号，并在其下方链接备案管理系统（beian.miit.gov.cn）',
};

/** The same bases in English; law titles stay in 《》 with a gloss, qualifiers as the Chinese says. */
const BASIS_EN: Readonly<Record<ScanRuleId, string>> = {
  'number-missing':
    "《互联网信息服务管理办法》 (Measures for the Administration of Internet Information Services, State Council Order No. 292): the operating licence number is shown prominently on the home page (article number UNCONFIRMED, licensing.md §3.4); the licence's special provisions require the number on the website home page",
  'number-mismatch':
    "《互联网信息服务管理办法》 (Measures for the Administration of Internet Information Services): the licence number shown must be the operator's own (licensing.md §3.4)",
  'licence-expired':
    '《电信业务经营许可管理办法》 (Measures for the Administration of Telecommunications Business Licences, MIIT Order No. 42): a licence not renewed when its term ends may not be used to operate',
  'service-excluded':
    "《电信业务经营许可管理办法》 (MIIT Order No. 42) and the licence's special provisions: operate within the licensed business types; 《电信业务分类目录（2015年版）》 (Classification Catalogue of Telecommunications Services, 2015) B25 service types",
  'service-unlicensed':
    '《中华人民共和国电信条例》 (Telecommunications Regulations of the PRC) art. 7 and 《电信业务分类目录（2015年版）》 (2015 catalogue): a value-added telecom service needs a licence for that business type',
  'filing-link-missing':
    '《非经营性互联网信息服务备案管理办法》 (Measures for the Filing of Non-commercial Internet Information Services, MII Order No. 33) art. 13: the filing number at the bottom centre of the home page, linked below it to the filing system (beian.miit.gov.cn)',
};

/** What the findings are computed from. */
export interface ScanFindingsInput {
  /** the licence the site runs under, or null when none is known */
  readonly licence: Licence | null;
  /** the licence document's evidence lines by field path (empty for a registry record) */
  readonly licenceEvidence: Readonly<Record<string, Evidence>>;
  readonly today: IsoDate;
  readonly facts: PageFacts;
  readonly signals: readonly ScopeSignal[];
}

function finding(
  id: ScanRuleId,
  input: CheckInput,
  severity: Severity,
  message: string,
  messageEn: string,
  fields: readonly string[],
  page: readonly PageEvidence[],
): ScanFinding {
  const evidence = evidenceFor(input, fields);
  return {
    ruleId: id,
    severity,
    message,
    messageEn,
    fields,
    evidence,
    basis: BASIS[id],
    basisEn: BASIS_EN[id],
    page,
  };
}

/** Whether `service` lists `item` among its exclusions (不含…), as written or in its qualifier. */
function excludes(service: LicensedService, item: string): boolean {
  const key = compactText(item);
  const inQualifier =
    service.qualifier !== null &&
    /不含/u.test(service.qualifier) &&
    compactText(service.qualifier).includes(key);
  return (
    inQualifier ||
    service.excludes.some((x) => compactText(x).includes(key) || key.includes(compactText(x)))
  );
}

/**
 * Where the licence stands on `item` of catalogue `code`: `excluded` (a 不含 names it), `licensed`
 * (the code is listed and nothing narrows it away), `unlisted` (the code is not on the licence).
 */
export function serviceStanding(
  licence: Licence | null,
  code: string,
  item: string,
): { standing: 'licensed' | 'excluded' | 'unlisted'; index: number } {
  const services = licence?.services ?? [];
  const index = services.findIndex((s) => s.code === code);
  const service = services[index];
  if (service === undefined) return { standing: 'unlisted', index: -1 };
  if (excludes(service, item)) return { standing: 'excluded', index };
  return { standing: 'licensed', index };
}

function list(evidence: readonly PageEvidence[], lang: 'zh' | 'en'): string {
  const shown = evidence.slice(0, 3).map((e) => `“${e.text}”（${e.element}）`);
  const more =
    evidence.length > 3
      ? lang === 'zh'
        ? ` 等 ${evidence.length} 处`
        : ` and ${evidence.length - 3} more`
      : '';
  return lang === 'zh'
    ? shown.join('、') + more
    : shown
        .join(', ')
        .replace(/[“”]/gu, '"')
        .replace(/[（）]/gu, (c) => (c === '（' ? ' (' : ')')) + more;
}

/** Every finding of a scan, errors first. */
export function scanFindings(input: ScanFindingsInput): ScanFinding[] {
  const { licence, facts, today } = input;
  const check: CheckInput = {
    licence: licence ?? emptyLicence(),
    evidence: input.licenceEvidence,
    pageLabels: [],
    notes: [],
    today,
  };
  const out: ScanFinding[] = [];
  const licenceNumber = licence?.number ?? null;
  const parsedShown = facts.numbers.filter((n) => n.number !== null);
  const signals = input.signals;

  // number-missing
  if (parsedShown.length === 0) {
    const hasStrong = signals.some((s) => s.strength === 'strong');
    const filings = facts.filings.map((f) => f.at);
    if (licenceNumber !== null) {
      out.push(
        finding(
          'number-missing',
          check,
          'error',
          `页面未标明经营许可证编号（应为 ${licenceNumber}）${facts.filings.length > 0 ? `；只标明了 ICP 备案号 ${facts.filings.map((f) => f.text).join('、')}，备案号不是许可证编号` : ''}`,
          `The page shows no licence number (expected ${licenceNumber})${facts.filings.length > 0 ? `; it shows only the ICP filing number ${facts.filings.map((f) => f.text).join(', ')}, which is a filing, not a licence` : ''}`,
          ['number'],
          filings,
        ),
      );
    } else {
      out.push(
        finding(
          'number-missing',
          check,
          hasStrong ? 'warning' : 'info',
          `页面未标明经营许可证编号，也未找到该网站的许可证；${hasStrong ? '页面提供需要许可的服务（见下），经营性网站须取得并标明许可证' : '非经营性网站只需备案'}`,
          `The page shows no licence number and no licence is known for the site; ${hasStrong ? 'it offers services that need a licence (below): a commercial site must hold and show one' : 'a non-commercial site needs only a filing'}`,
          [],
          filings,
        ),
      );
    }
  }

  // number-mismatch
  if (licenceNumber !== null) {
    const own = parsedShown.some((n) => n.number === licenceNumber);
    for (const n of facts.numbers) {
      if (n.number === licenceNumber) continue;
      if (n.number === null) {
        out.push(
          finding(
            'number-mismatch',
            check,
            'warning',
            `页面上的“${n.raw}”不是有效的许可证编号：${n.problem ?? ''}`,
            `"${n.raw}" on the page is not a valid licence number: ${n.problemEn ?? ''}`,
            ['number'],
            [n.at],
          ),
        );
        continue;
      }
      out.push(
        finding(
          'number-mismatch',
          check,
          own ? 'warning' : 'error',
          `页面标明的许可证编号 ${n.number} 不是该许可证的编号 ${licenceNumber}${own ? '（本许可证编号也已标明）' : ''}`,
          `The page shows licence number ${n.number}, not the licence's ${licenceNumber}${own ? ' (the licence number is shown too)' : ''}`,
          ['number'],
          [n.at],
        ),
      );
    }
  }

  // licence-expired
  if (licence !== null && licenceStatus(licence, today) === 'expired') {
    out.push(
      finding(
        'licence-expired',
        check,
        'error',
        `许可证 ${licenceNumber ?? ''} 已于 ${licence.expiresOn ?? ''} 到期（扫描日期 ${today}），网站仍在运营`,
        `Licence ${licenceNumber ?? ''} expired on ${licence.expiresOn ?? ''} (scan date ${today}) while the site still operates`,
        ['expiresOn'],
        parsedShown.map((n) => n.at),
      ),
    );
  }

  // service-excluded / service-unlicensed, one finding per kind and outcome
  const kinds = [...new Set(signals.map((s) => s.kind))] as SignalKind[];
  for (const kind of kinds) {
    const service = SIGNAL_SERVICES[kind];
    const ofKind = signals.filter((s) => s.kind === kind);
    const strong = ofKind.filter((s) => s.strength === 'strong');
    const evidence = (strong.length > 0 ? strong : ofKind).map((s) => s.evidence);
    const whats = [...new Set((strong.length > 0 ? strong : ofKind).map((s) => s.what))].join('、');
    const whatsEn = [...new Set((strong.length > 0 ? strong : ofKind).map((s) => s.whatEn))].join(
      ', ',
    );
    const { standing, index } = serviceStanding(licence, service.code, service.item);
    if (standing === 'licensed') continue;
    if (standing === 'excluded') {
      out.push(
        finding(
          'service-excluded',
          check,
          strong.length > 0 ? 'error' : 'warning',
          `页面提供${service.kindName}功能（${whats}：${list(evidence, 'zh')}），属于${service.item}，而许可证 ${licenceNumber ?? ''} 明确不含该服务`,
          `The page offers ${service.kindNameEn} (${whatsEn}: ${list(evidence, 'en')}), which is ${service.item}, a service licence ${licenceNumber ?? ''} excludes`,
          [`services[${index}].excludes`],
          evidence,
        ),
      );
      continue;
    }
    out.push(
      finding(
        'service-unlicensed',
        check,
        strong.length > 0 ? 'warning' : 'info',
        licence === null
          ? `页面提供${service.kindName}功能（${whats}：${list(evidence, 'zh')}），对应 ${service.code} ${service.item}，未找到该网站的许可证`
          : `页面提供${service.kindName}功能（${whats}：${list(evidence, 'zh')}），对应 ${service.code} ${service.item}，许可证 ${licenceNumber ?? ''} 未列出 ${service.code}`,
        licence === null
          ? `The page offers ${service.kindNameEn} (${whatsEn}: ${list(evidence, 'en')}), which is ${service.code} ${service.item}; no licence is known for the site`
          : `The page offers ${service.kindNameEn} (${whatsEn}: ${list(evidence, 'en')}), which is ${service.code} ${service.item}; licence ${licenceNumber ?? ''} does not list ${service.code}`,
        licence === null ? [] : ['services'],
        evidence,
      ),
    );
  }

  // filing-link-missing
  for (const f of facts.filings) {
    if (f.linked) continue;
    out.push(
      finding(
        'filing-link-missing',
        check,
        'warning',
        `ICP 备案号 ${f.text} 未链接到备案管理系统 https://beian.miit.gov.cn/${f.link !== null ? `（链接到 ${f.link}）` : ''}`,
        `ICP filing number ${f.text} does not link to the filing system https://beian.miit.gov.cn/${f.link !== null ? ` (it links to ${f.link})` : ''}`,
        [],
        [f.at],
      ),
    );
  }

  const order: readonly Severity[] = ['error', 'warning', 'info'];
  return out.sort((a, b) => order.indexOf(a.severity) - order.indexOf(b.severity));
}

/**
 * Use case: scan a website against its licence. Fetch the page through the guard (or render it in
 * the browser, every request guarded), read what it shows and offers, compare with the licence:
 * a parsed document, a registry record by number, or — with neither — the registry's licence for
 * the site's domain. Returns the report (`xuke.scan/v1`) and, rendered, the screenshot's bytes;
 * storing them is the caller's business (the CLI writes a file; the API will store them against
 * the licence).
 */
import { DomainError } from '../../core/errors.js';
import type { Evidence, IsoDate, Licence, ParseResult } from '../../core/licence.js';
import { parseLicenceNumber } from '../../core/licence-number.js';
import {
  analysePage,
  type LicenceSourceKind,
  type ScanReport,
} from '../../core/scan/scan-report.js';
import type { LicenceStore } from '../../ports/licence-store.js';
import type { PageRenderer, WebFetcher } from '../../ports/web-fetcher.js';

/** Which licence to compare with. */
export type ScanLicenceChoice =
  | { readonly from: 'document'; readonly name: string; readonly result: ParseResult }
  | { readonly from: 'registry'; readonly number: string }
  /** the registry's licence for the site's domain */
  | { readonly from: 'domain' }
  /** compare with no licence: report what the page shows and offers */
  | { readonly from: 'none' };

export interface ScanWebsiteOptions {
  readonly today: IsoDate;
  readonly render: boolean;
  readonly licence: ScanLicenceChoice;
}

export interface ScanWebsiteDeps {
  readonly fetcher: WebFetcher;
  /** required for `render: true` */
  readonly renderer?: PageRenderer;
  /** the registry, for `from: 'registry'` and `from: 'domain'` */
  readonly registry?: { readonly store: LicenceStore; readonly organisation: string };
}

export interface ScanOutcome {
  readonly report: ScanReport;
  /** PNG of the rendered page; null for a static scan */
  readonly screenshot: Uint8Array | null;
}

/** The charset a response declares (header first, then a meta tag in the first 2 KB), else UTF-8. */
export function decodeHtml(body: Uint8Array, contentType: string): string {
  const fromHeader = /charset=["']?([\w-]+)/iu.exec(contentType)?.[1];
  const head = new TextDecoder('latin1').decode(body.subarray(0, 2048));
  const fromMeta = /<meta[^>]+charset=["']?([\w-]+)/iu.exec(head)?.[1];
  for (const label of [fromHeader, fromMeta, 'utf-8']) {
    if (label === undefined) continue;
    try {
      return new TextDecoder(label.toLowerCase() === 'gb2312' ? 'gb18030' : label).decode(body);
    } catch {
      // an unknown label: try the next
    }
  }
  return new TextDecoder().decode(body);
}

function hostOfUrl(url: string): string {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/gu, '').toLowerCase();
  } catch {
    return '';
  }
}

interface ChosenLicence {
  readonly licence: Licence | null;
  readonly evidence: Readonly<Record<string, Evidence>>;
  readonly source: LicenceSourceKind;
  readonly name: string | null;
}

const NO_REGISTRY = new DomainError(
  'INVALID_INPUT',
  '按编号或按域名查找许可证需要登记簿，但此次扫描没有提供；请用 --licence 文件 指定许可证',
  'Looking the licence up by number or by domain needs the registry, and none was given; pass --licence FILE',
);

async function chooseLicence(
  choice: ScanLicenceChoice,
  url: string,
  today: IsoDate,
  deps: ScanWebsiteDeps,
): Promise<ChosenLicence> {
  switch (choice.from) {
    case 'none':
      return { licence: null, evidence: {}, source: 'none', name: null };
    case 'document':
      return {
        licence: choice.result.licence,
        evidence: choice.result.evidence,
        source: 'file',
        name: choice.name,
      };
    case 'registry': {
      const parsed = parseLicenceNumber(choice.number);
      if (!parsed.ok) throw new DomainError('INVALID_INPUT', parsed.message, parsed.messageEn);
      if (deps.registry === undefined) throw NO_REGISTRY;
      const { store, organisation } = deps.registry;
      const found = await store.findLicence(organisation, parsed.number.text);
      if (found === undefined) {
        throw new DomainError(
          'NOT_FOUND',
          `登记簿中没有许可证 ${parsed.number.text}`,
          `No licence ${parsed.number.text} in the registry`,
        );
      }
      return { licence: found.licence, evidence: {}, source: 'registry', name: found.number };
    }
    case 'domain': {
      if (deps.registry === undefined) throw NO_REGISTRY;
      const { store, organisation } = deps.registry;
      const host = hostOfUrl(url);
      const page = await store.findLicences(organisation, { domain: host, today, limit: 2 });
      const first = page.items[0];
      if (first === undefined) {
        throw new DomainError(
          'NOT_FOUND',
          `登记簿中没有登记域名 ${host} 的许可证；请用 --licence 指定`,
          `No licence in the registry lists the domain ${host}; pass --licence`,
        );
      }
      return { licence: first.licence, evidence: {}, source: 'registry', name: first.number };
    }
  }
}

/**
 * Scan `url`. Throws DomainError: TARGET_REFUSED (nothing was connected to), FETCH_FAILED,
 * INPUT_TOO_LARGE, UNSUPPORTED_FORMAT, INVALID_INPUT (bad URL or licence choice), NOT_FOUND.
 */
export async function scanWebsite(
  url: string,
  options: ScanWebsiteOptions,
  deps: ScanWebsiteDeps,
): Promise<ScanOutcome> {
  // The target is judged before the licence is looked up, so a refused URL costs nothing.
  await deps.fetcher.check(url);
  const chosen = await chooseLicence(options.licence, url, options.today, deps);
  const common = {
    url,
    today: options.today,
    licence: chosen.licence,
    licenceEvidence: chosen.evidence,
    licenceSource: chosen.source,
    licenceName: chosen.name,
  };
  if (options.render) {
    if (deps.renderer === undefined) {
      throw new DomainError(
        'INVALID_INPUT',
        '没有可用的浏览器渲染器',
        'No page renderer is available',
      );
    }
    const page = await deps.renderer.render(url, deps.fetcher);
    const report = analysePage({
      ...common,
      finalUrl: page.finalUrl,
      redirects: page.finalUrl === url ? [] : [page.finalUrl],
      html: page.html,
      rendered: true,
      activity: { websockets: page.websockets },
      blocked: page.blocked,
    });
    return { report, screenshot: page.screenshot };
  }
  const res = await deps.fetcher.fetch({ url, purpose: 'document' });
  const report = analysePage({
    ...common,
    finalUrl: res.finalUrl,
    redirects: res.redirects,
    html: decodeHtml(res.body, res.contentType),
    rendered: false,
    activity: { websockets: [] },
    blocked: [],
  });
  return { report, screenshot: null };
}

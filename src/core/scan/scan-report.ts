/**
 * The scan report (`xuke.scan/v1`) and the pure analysis that builds it from a page's HTML: read
 * the page, read its licensing facts and scope signals, compare them with the licence.
 */
import { licenceStatus } from '../checks/check-licence.js';
import type { LicenceStatus } from '../checks/finding.js';
import type { Evidence, IsoDate, Licence } from '../licence.js';
import { readPageFacts, type PageEvidence, type PageFacts } from './page-facts.js';
import { readPage } from './read-page.js';
import { scanFindings, type ScanFinding } from './scan-findings.js';
import { readSignals, type PageActivity, type ScopeSignal } from './signals.js';

export const SCAN_SCHEMA_ID = 'xuke.scan/v1';

/** Where the licence compared with came from. */
export const LicenceSourceKind = { file: 'file', registry: 'registry', none: 'none' } as const;
export type LicenceSourceKind = (typeof LicenceSourceKind)[keyof typeof LicenceSourceKind];

export interface ScanLicence {
  readonly source: LicenceSourceKind;
  /** the document name (file) or the canonical number (registry) */
  readonly name: string | null;
  readonly number: string | null;
  readonly holder: string | null;
  readonly expiresOn: string | null;
  readonly status: LicenceStatus;
  readonly services: readonly { code: string | null; name: string; excludes: readonly string[] }[];
}

/** A request the guard refused while the page was scanned (rendered mode: the page's own requests). */
export interface BlockedRequest {
  readonly url: string;
  readonly reason: string;
  readonly reasonEn: string;
}

export interface ScanReport {
  readonly schema: typeof SCAN_SCHEMA_ID;
  /** as asked */
  readonly url: string;
  /** after redirects */
  readonly finalUrl: string;
  /** redirects followed, in order */
  readonly redirects: readonly string[];
  readonly rendered: boolean;
  readonly today: IsoDate;
  readonly title: string;
  readonly licence: ScanLicence | null;
  readonly shown: PageFacts;
  readonly signals: readonly ScopeSignal[];
  /** site-internal search boxes: not a search service */
  readonly siteSearch: readonly PageEvidence[];
  readonly blocked: readonly BlockedRequest[];
  /** path of the screenshot kept beside the report (rendered mode), set by whoever stores it */
  readonly screenshot: string | null;
  readonly findings: readonly ScanFinding[];
}

/** What the analysis takes: the page as fetched or rendered, and the licence. */
export interface ScanAnalysisInput {
  readonly url: string;
  readonly finalUrl: string;
  readonly redirects: readonly string[];
  readonly html: string;
  readonly rendered: boolean;
  readonly activity: PageActivity;
  readonly blocked: readonly BlockedRequest[];
  readonly today: IsoDate;
  readonly licence: Licence | null;
  readonly licenceEvidence: Readonly<Record<string, Evidence>>;
  readonly licenceSource: LicenceSourceKind;
  readonly licenceName: string | null;
}

/** Analyse one page. Pure and total: any HTML gives a report. */
export function analysePage(input: ScanAnalysisInput): ScanReport {
  const page = readPage(input.html, input.finalUrl);
  const shown = readPageFacts(page);
  const { signals, siteSearch } = readSignals(page, input.activity);
  const licence = input.licence;
  return {
    schema: SCAN_SCHEMA_ID,
    url: input.url,
    finalUrl: input.finalUrl,
    redirects: input.redirects,
    rendered: input.rendered,
    today: input.today,
    title: page.title,
    licence:
      licence === null
        ? null
        : {
            source: input.licenceSource,
            name: input.licenceName,
            number: licence.number,
            holder: licence.holder.name,
            expiresOn: licence.expiresOn,
            status: licenceStatus(licence, input.today),
            services: licence.services.map((s) => ({
              code: s.code,
              name: s.name,
              excludes: s.excludes,
            })),
          },
    shown,
    signals,
    siteSearch,
    blocked: input.blocked,
    screenshot: null,
    findings: scanFindings({
      licence,
      licenceEvidence: input.licenceEvidence,
      today: input.today,
      facts: shown,
      signals,
    }),
  };
}

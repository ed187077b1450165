/**
 * What a page shows about its licensing: licence numbers (every format, full-width too, with the
 * caption before them), legacy `ICP证` numbers, ICP filing numbers (京ICP备…号-N) and whether they
 * link to the filing system, and 公安备案 numbers — each with where it stands on the page.
 * `shared/domain/licensing.md` §3.1–3.4.
 */
import { findLicenceNumbers } from '../licence-number.js';
import { hostOf, type PageElement, type PageModel, type PageRegion } from './read-page.js';

/** The evidence a person can verify: the element, its text, the URL. */
export interface PageEvidence {
  /** CSS-like path of the element */
  readonly element: string;
  readonly text: string;
  /** the page URL, or the URL the element points to (link, form action, script) */
  readonly url: string;
  readonly region: PageRegion;
  readonly centred: boolean;
}

/** A licence number as shown. */
export interface ShownNumber {
  /** as written on the page */
  readonly raw: string;
  /** canonical number, or null when it does not parse */
  readonly number: string | null;
  /** why it does not parse (zh / en) */
  readonly problem: string | null;
  readonly problemEn: string | null;
  /** the caption before it: 增值电信业务经营许可证, ICP证, 经营许可证编号 … */
  readonly caption: string | null;
  readonly filingSuffix: string | null;
  readonly at: PageEvidence;
}

/** An ICP filing number (ICP备案号): a filing, not a licence. */
export interface ShownFiling {
  /** 沪ICP备2020012345号-1 */
  readonly text: string;
  /** the subject number without -N: 沪ICP备2020012345号 */
  readonly subject: string;
  readonly site: number | null;
  /** whether it is (inside) a link to the filing system beian.miit.gov.cn */
  readonly linked: boolean;
  /** the link it is inside, if any */
  readonly link: string | null;
  readonly at: PageEvidence;
}

/** A legacy ICP-certificate number (京ICP证030173号), §3.2. */
export interface ShownIcpCertificate {
  readonly text: string;
  readonly at: PageEvidence;
}

/** A public-security filing (公安机关互联网站安全备案): 沪公网安备 31010402001234号. */
export interface ShownPublicSecurityFiling {
  readonly text: string;
  readonly number: string;
  readonly at: PageEvidence;
}

export interface PageFacts {
  readonly numbers: readonly ShownNumber[];
  readonly icpCertificates: readonly ShownIcpCertificate[];
  readonly filings: readonly ShownFiling[];
  readonly publicSecurityFilings: readonly ShownPublicSecurityFiling[];
}

/** The filing system's hosts: today's and the pre-2019 one. */
export const FILING_SYSTEM_HOSTS: readonly string[] = Object.freeze([
  'beian.miit.gov.cn',
  'www.beian.miit.gov.cn',
  'www.miitbeian.gov.cn',
  'miitbeian.gov.cn',
]);

export function evidenceOf(element: PageElement, url: string, text = element.text): PageEvidence {
  return {
    element: element.path,
    text: text.length > 200 ? `${text.slice(0, 199)}…` : text,
    url,
    region: element.region,
    centred: element.centred,
  };
}

const FILING = /(\p{Script=Han})\s*ICP\s*备\s*(\d{6,12})\s*号(?:\s*-\s*(\d{1,4}))?/gu;
const ICP_CERT = /(\p{Script=Han})\s*ICP\s*证\s*[:：]?\s*(\d{5,7})\s*号(?:\s*-\s*\d{1,4})?/gu;
const PUBLIC_SECURITY = /(\p{Script=Han})\s*公网安备\s*(\d{10,16})\s*号?/gu;
const CAPTION = /([\p{Script=Han}A-Za-z]*(?:许可证|ICP证|编号|证号|许可证号))\s*[:：]?\s*$/u;

/** A match, keyed by its text, and the block it was read in. */
interface Hit<T> {
  readonly key: string;
  readonly block: PageElement;
  readonly value: T;
}

/**
 * Matches found in `blocks`, each attributed to the deepest block that contains it: a number inside
 * `<a>` inside `<p>` stands at the `<a>`, not at both (the parent's text contains the child's).
 */
function deepest<T>(hits: readonly Hit<T>[]): T[] {
  return hits
    .filter(
      (h) =>
        !hits.some((o) => o !== h && o.key === h.key && o.block.ancestors.includes(h.block.path)),
    )
    .map((h) => h.value);
}

/** Read the licensing facts off a page. */
export function readPageFacts(page: PageModel): PageFacts {
  const numberHits: Hit<ShownNumber>[] = [];
  const filingHits: Hit<ShownFiling>[] = [];
  const certHits: Hit<ShownIcpCertificate>[] = [];
  const psHits: Hit<ShownPublicSecurityFiling>[] = [];

  for (const block of page.blocks) {
    const text = block.text;
    for (const found of findLicenceNumbers(text)) {
      const caption =
        CAPTION.exec(text.slice(Math.max(0, found.index - 30), found.index))?.[1] ?? null;
      const parse = found.parse;
      numberHits.push({
        key: found.raw,
        block,
        value: {
          raw: found.raw,
          number: parse.ok ? parse.number.text : null,
          problem: parse.ok ? null : parse.message,
          problemEn: parse.ok ? null : parse.messageEn,
          caption,
          filingSuffix: parse.ok ? parse.number.filingSuffix : null,
          at: evidenceOf(block, page.url),
        },
      });
    }
    const folded = text.normalize('NFKC');
    for (const m of folded.matchAll(FILING)) {
      const [, region = '', digits = '', site] = m;
      const subject = `${region}ICP备${digits}号`;
      const linked = block.link !== null && FILING_SYSTEM_HOSTS.includes(hostOf(block.link));
      filingHits.push({
        key: m[0],
        block,
        value: {
          text: site === undefined ? subject : `${subject}-${site}`,
          subject,
          site: site === undefined ? null : Number(site),
          linked,
          link: block.link,
          at: evidenceOf(block, block.link ?? page.url),
        },
      });
    }
    for (const m of folded.matchAll(ICP_CERT)) {
      certHits.push({
        key: m[0],
        block,
        value: { text: m[0].replace(/\s/gu, ''), at: evidenceOf(block, page.url) },
      });
    }
    for (const m of folded.matchAll(PUBLIC_SECURITY)) {
      const [, region = '', digits = ''] = m;
      psHits.push({
        key: m[0],
        block,
        value: {
          text: `${region}公网安备 ${digits}号`,
          number: digits,
          at: evidenceOf(block, block.link ?? page.url),
        },
      });
    }
  }
  return {
    numbers: deepest(numberHits),
    icpCertificates: deepest(certHits),
    filings: deepest(filingHits),
    publicSecurityFilings: deepest(psHits),
  };
}

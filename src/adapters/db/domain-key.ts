/**
 * Host names → the registrable domain a licence is looked up by: `www.upliveapp.com`,
 * `mall.xingqiao-cloud.com` and `UPLIVEAPP.COM.` all key to `upliveapp.com` /
 * `xingqiao-cloud.com`; IDN labels key by punycode (`星桥.中国` → `xn--….xn--fiqs8s`).
 *
 * The public suffixes known here are the ones Chinese licences list (a small, deliberate subset of
 * the Public Suffix List: `.cn` second levels and provincial zones, and a few foreign two-level
 * suffixes). An unknown two-level suffix keys one label too short, which only widens a look-up.
 */
import { domainToASCII } from 'node:url';

// prettier-ignore
const CN_SECOND_LEVEL = [
  'com', 'net', 'org', 'gov', 'edu', 'ac', 'mil',
  'bj', 'sh', 'tj', 'cq', 'he', 'sx', 'nm', 'ln', 'jl', 'hl', 'js', 'zj', 'ah', 'fj', 'jx', 'sd',
  'ha', 'hb', 'hn', 'gd', 'gx', 'hi', 'sc', 'gz', 'yn', 'xz', 'sn', 'gs', 'qh', 'nx', 'xj', 'tw',
  'hk', 'mo',
];
// prettier-ignore
const OTHER_TWO_LEVEL = [
  'com.hk', 'org.hk', 'net.hk', 'com.tw', 'com.mo', 'co.uk', 'org.uk', 'com.au', 'co.jp', 'co.kr',
  'com.sg', 'com.my',
];

/** Suffixes of two labels; every other suffix is taken to be one label (com, cn, 中国, top …). */
const TWO_LEVEL_SUFFIXES: ReadonlySet<string> = new Set([
  ...CN_SECOND_LEVEL.map((l) => `${l}.cn`),
  ...CN_SECOND_LEVEL.slice(0, 6).map((l) => `${l}.xn--fiqs8s`), // 公司.中国-style zones under .中国
  ...OTHER_TWO_LEVEL,
]);

/**
 * The ASCII (punycode) host name, lower-case, without scheme, path, port or trailing dot; undefined
 * when the text is not a host name.
 */
export function asciiHost(input: string): string | undefined {
  let s = input.trim().normalize('NFKC').toLowerCase();
  s = s.replace(/^[a-z][a-z0-9+.-]*:\/\//u, '');
  s = s
    .replace(/[/?#].*$/u, '')
    .replace(/:\d+$/u, '')
    .replace(/\.$/u, '');
  s = s.replace(/[。．｡]/gu, '.');
  if (s === '' || s.includes('@')) return undefined;
  const ascii = domainToASCII(s);
  if (ascii === '' || !ascii.includes('.')) return undefined;
  if (!/^[a-z0-9.-]+$/u.test(ascii) || ascii.split('.').some((l) => l === '' || l.length > 63)) {
    return undefined;
  }
  return ascii;
}

/** The registrable domain of a host name, or undefined when the text is not a host name. */
export function registrableDomain(input: string): string | undefined {
  const host = asciiHost(input);
  if (host === undefined) return undefined;
  const labels = host.split('.');
  const lastTwo = labels.slice(-2).join('.');
  const take = TWO_LEVEL_SUFFIXES.has(lastTwo) && labels.length > 2 ? 3 : 2;
  return labels.slice(-take).join('.');
}

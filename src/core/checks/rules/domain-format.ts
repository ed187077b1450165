import type { Finding } from '../finding.js';
import { RuleId, makeFinding, type Rule } from '../rule.js';

/** Why a string is not a registrable host name, in both languages. */
export interface HostNameProblem {
  readonly zh: string;
  readonly en: string;
}

const MAX_HOST_LENGTH = 253; // RFC 1035 §2.3.4 (255 octets on the wire, 253 as text)
const MAX_LABEL_LENGTH = 63; // RFC 1035 §2.3.4
const ASCII_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/u;
// IDN labels written in Unicode (RFC 5890/5891): letters, digits, combining marks, inner hyphens.
const UNICODE_LABEL = /^[\p{L}\p{N}\p{M}](?:[\p{L}\p{N}\p{M}-]*[\p{L}\p{N}\p{M}])?$/u;
const ASCII_TLD = /^[a-z]{2,63}$/u;
const PUNYCODE_TLD = /^xn--[a-z0-9-]+[a-z0-9]$/u;
const UNICODE_TLD = /^\p{L}[\p{L}\p{M}]*$/u;
// IDNA (UTS #46) maps the ideographic and full-width full stops to '.', and Chinese documents
// print them; treat them as separators, not as errors.
const DOT_VARIANTS = /[。．｡]/gu;

/**
 * Checks that `domain` is a valid registrable host name: at least two labels, each 1–63
 * characters of letters, digits and inner hyphens (ASCII, punycode `xn--`, or Unicode letters for
 * IDNs), at most 253 characters, and a top-level label of letters (or `xn--`). `www.` and other
 * sub-domains are fine. Returns undefined when it is valid.
 */
export function findHostNameProblem(domain: string): HostNameProblem | undefined {
  const host = domain.trim().toLowerCase().replace(DOT_VARIANTS, '.').replace(/\.$/u, '');
  if (host === '') return { zh: '为空', en: 'it is empty' };
  const bad = /[\s/:@?#_*,，、;；]/u.exec(host);
  if (bad !== null) {
    const shown = /\s/u.test(bad[0]) ? '空白' : bad[0];
    const shownEn = /\s/u.test(bad[0]) ? 'white space' : `"${bad[0]}"`;
    return { zh: `含有“${shown}”`, en: `it contains ${shownEn}` };
  }
  if (host.length > MAX_HOST_LENGTH) {
    return {
      zh: `长度 ${host.length} 超过 253`,
      en: `it is ${host.length} characters long (max 253)`,
    };
  }
  const labels = host.split('.');
  if (labels.length < 2) return { zh: '缺少顶级域', en: 'it has no top-level domain' };
  if (labels.every((l) => /^\d+$/u.test(l))) {
    return { zh: '是 IP 地址而非域名', en: 'it is an IP address, not a domain' };
  }
  for (const label of labels) {
    if (label === '') return { zh: '含有空标签（连续的“.”）', en: 'it has an empty label ("..")' };
    if (label.length > MAX_LABEL_LENGTH) {
      return { zh: `标签“${label}”超过 63 个字符`, en: `label "${label}" is over 63 characters` };
    }
    const isAscii = /^[\x20-\x7e]*$/u.test(label);
    if (!(isAscii ? ASCII_LABEL : UNICODE_LABEL).test(label)) {
      return {
        zh: `标签“${label}”含非法字符或以连字符开头、结尾`,
        en: `label "${label}" has an invalid character or starts or ends with a hyphen`,
      };
    }
  }
  const tld = labels.at(-1) ?? '';
  const tldValid = /^[\x20-\x7e]*$/u.test(tld)
    ? ASCII_TLD.test(tld) || PUNYCODE_TLD.test(tld)
    : UNICODE_TLD.test(tld);
  if (!tldValid) {
    return { zh: `顶级域“${tld}”无效`, en: `top-level domain "${tld}" is invalid` };
  }
  return undefined;
}

/** Every website domain on the licence must be a host name someone could have registered. */
export const domainFormat: Rule = {
  id: RuleId.domainFormat,
  severities: ['error'],
  title: '网站域名格式',
  titleEn: 'Website domain format',
  basis:
    '网站域名须为有效的可注册主机名：RFC 1035/RFC 1123（标签 1–63 个字母、数字或连字符，全长不超过 253）、' +
    'RFC 5890（国际化域名，xn-- 形式或 Unicode 字符）；经营许可证附件载明的网站域名应可在 ICP 备案系统中核对' +
    '（《互联网信息服务管理办法》）',
  basisEn:
    'A website domain must be a valid registrable host name: RFC 1035/RFC 1123 (labels of 1–63 ' +
    'letters, digits or hyphens, at most 253 characters in total), RFC 5890 (internationalized ' +
    'domain names, in xn-- form or as Unicode characters); the website domains stated in the ' +
    'licence’s annex should be verifiable in the ICP filing system (《互联网信息服务管理办法》 ' +
    '(Measures for the Administration of Internet Information Services))',
  check(input): Finding[] {
    const findings: Finding[] = [];
    input.licence.websites.forEach((website, index) => {
      for (const domain of website.domains) {
        const problem = findHostNameProblem(domain);
        if (problem === undefined) continue;
        findings.push(
          makeFinding(domainFormat, input, {
            severity: 'error',
            message: `网站域名“${domain}”不是有效的主机名：${problem.zh}`,
            messageEn: `Website domain "${domain}" is not a valid host name: ${problem.en}`,
            fields: [`websites[${index}].domains`],
          }),
        );
      }
    });
    return findings;
  },
};

/**
 * The building blocks of the corpus's text layouts: labels as documents print them, date forms,
 * service lines, wrapping, page furniture. Families (families.ts) combine them.
 */
import type { Licence, LicensedService } from '../../src/core/licence.js';
import type { Rng } from './rng.js';

// ---- labels -------------------------------------------------------------------------------------

export interface Labels {
  number: string;
  holder: string;
  legalRep: string;
  credit: string;
  address: string;
  servicesAndCoverage: string;
  services: string;
  coverage: string;
  serviceItems: string;
  issuer: string;
  issuedOn: string;
  expiresOn: string;
  validity: string;
  siteName: string;
  siteDomains: string;
  server: string;
  access: string;
  appName: string;
  appStores: string;
  facilities: string;
}

/** Label words real documents use, each field's variants. */
export function pickLabels(rng: Rng): Labels {
  return {
    number: rng.pick(['经营许可证编号', '经营许可证编号', '许可证编号', '经营许可证号']),
    holder: rng.pick(['公司名称', '公司名称', '企业名称', '单位名称', '经营者名称']),
    legalRep: rng.pick(['法定代表人', '法定代表人', '法定代表人姓名']),
    credit: '统一社会信用代码',
    address: rng.pick(['注册住所', '注册地址', '住所']),
    servicesAndCoverage: rng.pick([
      '业务种类及覆盖范围',
      '业务种类（服务项目）及覆盖范围',
      '业务种类和覆盖范围',
      '业务种类及业务覆盖范围',
    ]),
    services: rng.pick(['业务种类', '业务种类', '业务种类（服务项目）']),
    coverage: rng.pick(['业务覆盖范围', '业务覆盖范围', '覆盖范围']),
    serviceItems: '服务项目',
    issuer: '发证机关',
    issuedOn: rng.pick(['发证日期', '发证日期', '颁发日期', '签发日期']),
    expiresOn: rng.pick(['有效期至', '有效期至', '有效期限至', '有效期截止日期']),
    validity: rng.pick(['有效期', '有效期限']),
    siteName: '网站名称',
    siteDomains: rng.pick(['网站域名', '网站域名', '域名', '网址']),
    server: rng.pick(['服务器放置地', '服务器放置地', '服务器所在地', '服务器存放地']),
    access: rng.pick([
      '网站接入服务提供单位',
      '网站接入服务提供单位',
      '接入服务提供者',
      '接入服务提供商',
    ]),
    appName: rng.pick(['移动应用名称', 'APP名称', '应用名称']),
    appStores: rng.pick(['应用分发平台', '分发平台', '应用商店']),
    facilities: rng.pick(['机房所在地', '互联网数据中心业务机房所在地', '机房地址']),
  };
}

/** `公 司 名 称`: a label printed with its characters spread out. */
export function letterSpaced(label: string, gap = ' '): string {
  return Array.from(label).join(gap);
}

// ---- dates --------------------------------------------------------------------------------------

export type DateForm =
  | 'cjk'
  | 'cjk-unpadded'
  | 'cjk-mixed'
  | 'dash'
  | 'dot'
  | 'dot-padded'
  | 'slash'
  | 'slash-unpadded'
  | 'full-width'
  | 'hanzi'
  | 'hanzi-ling'
  | 'spaced'
  | 'hao';

export const DATE_FORMS: readonly DateForm[] = [
  'cjk',
  'cjk-unpadded',
  'cjk-mixed',
  'dash',
  'dot',
  'dot-padded',
  'slash',
  'slash-unpadded',
  'full-width',
  'hanzi',
  'hanzi-ling',
  'spaced',
  'hao',
];

const HANZI_DIGITS = '〇一二三四五六七八九';

function hanziSmall(n: number): string {
  if (n < 10) return HANZI_DIGITS[n] ?? '';
  if (n === 10) return '十';
  if (n < 20) return `十${HANZI_DIGITS[n - 10] ?? ''}`;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${HANZI_DIGITS[tens] ?? ''}十${ones === 0 ? '' : (HANZI_DIGITS[ones] ?? '')}`;
}

/** An ISO date as a document prints it. */
export function formatDate(iso: string, form: DateForm): string {
  const [ys, ms, ds] = iso.split('-') as [string, string, string];
  const m = Number(ms);
  const d = Number(ds);
  switch (form) {
    case 'cjk':
      return `${ys}年${ms}月${ds}日`;
    case 'cjk-unpadded':
      return `${ys}年${m}月${d}日`;
    case 'cjk-mixed':
      return `${ys}年${ms}月${d}日`;
    case 'dot-padded':
      return `${ys}.${ms}.${ds}`;
    case 'slash-unpadded':
      return `${ys}/${m}/${d}`;
    case 'hanzi-ling':
      return formatDate(iso, 'hanzi').replace(/〇/gu, '零');
    case 'dash':
      return iso;
    case 'dot':
      return `${ys}.${m}.${d}`;
    case 'slash':
      return `${ys}/${ms}/${ds}`;
    case 'full-width':
      return `${ys}年${ms}月${ds}日`.replace(/\d/gu, (c) =>
        String.fromCharCode(c.charCodeAt(0) + 0xfee0),
      );
    case 'hanzi':
      return `${Array.from(ys, (c) => HANZI_DIGITS[Number(c)] ?? '').join('')}年${hanziSmall(m)}月${hanziSmall(d)}日`;
    case 'spaced':
      return `${ys} 年 ${ms} 月 ${ds} 日`;
    case 'hao':
      return `${ys}年${m}月${d}号`;
  }
  return iso;
}

// ---- services -----------------------------------------------------------------------------------

const B1 = new Set(['B11', 'B12', 'B13', 'B14']);

export function categoryPreamble(code: string | null): string {
  return code !== null && B1.has(code) ? '第一类增值电信业务中的' : '第二类增值电信业务中的';
}

/** Excludes not already said by a 不含… qualifier. */
function ownExcludes(s: LicensedService): string[] {
  const fromQualifier = s.qualifier?.startsWith('不含') ? s.qualifier.slice(2).split('、') : [];
  return s.excludes.filter((e) => !fromQualifier.includes(e));
}

/** `信息服务业务（仅限互联网信息服务）` with an optional category preamble. */
export function serviceHead(s: LicensedService, preamble: boolean): string {
  return `${preamble ? categoryPreamble(s.code) : ''}${s.name}${s.qualifier === null ? '' : `（${s.qualifier}）`}`;
}

/** `含文化，不含信息搜索查询服务、信息即时交互服务`, or '' when there is no scope. */
export function serviceScope(s: LicensedService): string {
  const parts: string[] = [];
  if (s.includes.length > 0) parts.push(`含${s.includes.join('、')}`);
  const ex = ownExcludes(s);
  if (ex.length > 0) parts.push(`不含${ex.join('、')}`);
  return parts.join('，');
}

export function coverageText(s: LicensedService, sep = '、'): string {
  return s.coverage.join(sep);
}

// ---- provisions and numerals --------------------------------------------------------------------

/** 1 → 一, 12 → 十二, 20 → 二十, 35 → 三十五 (1–99). */
export function chineseNumeralText(n: number): string {
  return hanziSmall(n);
}

export function provisionLines(licence: Licence, marker: 'cn' | 'paren' = 'cn'): string[] {
  return licence.provisions.map((p) => {
    const n = chineseNumeralText(Number(p.id));
    const head = marker === 'cn' ? `${n}、` : `（${n}）`;
    return `${head}${p.appliesTo === null ? '' : `（适用于${p.appliesTo}）`}${p.text}`;
  });
}

// ---- widths and wrapping ------------------------------------------------------------------------

/** Display width: ideographs and full-width forms 2, the rest 1. */
export function width(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1;
  return w;
}

export function padTo(text: string, w: number, fill = ' '): string {
  return text + fill.repeat(Math.max(0, w - width(text)));
}

/** Characters a Chinese line may not start with (禁则), and may not end with. */
const NO_START = new Set(Array.from('，。、；：？！）》」』】〕,.;:?!)]%'));
const NO_END = new Set(Array.from('（《「『【〔(['));

/** Words that start a field or a section: a wrapped line's continuation never starts with one. */
const LABEL_START =
  /^(?:经营|许可证|公司|企业|单位|经营者|法定|统一|注册|住所|业务|覆盖|服务|发证|颁发|签发|有效|网站|域名|网址|接入|移动|APP|应用|分发|机房|互联网数据中心业务机房|特别|附件|第[一二]类|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、]|-\s*\d|全国)/u;

/**
 * Break `line` into pieces no wider than `max`, at any character boundary (narrow cells and PDF
 * line ends cut words, numbers and domains), keeping 禁则 and never starting a continuation with a
 * field label (which would make it a different line, not a continuation).
 */
export function wrap(line: string, max: number): string[] {
  const chars = Array.from(line);
  const out: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let w = 0;
    let end = start;
    while (end < chars.length && w + width(chars[end] ?? '') <= max) {
      w += width(chars[end] ?? '');
      end++;
    }
    if (end >= chars.length) {
      out.push(chars.slice(start).join(''));
      break;
    }
    // move the break back until it is allowed
    let cut = end;
    while (
      cut > start + 1 &&
      (NO_START.has(chars[cut] ?? '') ||
        NO_END.has(chars[cut - 1] ?? '') ||
        LABEL_START.test(chars.slice(cut).join('')) ||
        /\s/u.test(chars[cut] ?? ''))
    ) {
      cut--;
    }
    if (cut <= start + 1) cut = end;
    out.push(chars.slice(start, cut).join(''));
    start = cut;
  }
  return out.map((s) => s.replace(/\s+$/u, ''));
}

// ---- page furniture -----------------------------------------------------------------------------

export type PageNumberStyle = 'dash' | 'di' | 'di-gong' | 'slash' | 'bare';

export function pageNumber(n: number, total: number, style: PageNumberStyle): string {
  switch (style) {
    case 'dash':
      return `- ${n} -`;
    case 'di':
      return `第 ${n} 页`;
    case 'di-gong':
      return `第${n}页 共${total}页`;
    case 'slash':
      return `${n}/${total}`;
    case 'bare':
      return String(n);
  }
  return String(n);
}

/** A browser's print header/footer: `11/28/26, 9:09 AM` + title; the URL + `1/8`. */
export function browserFurniture(rng: Rng): {
  header(page: number, total: number): string;
  footer(page: number, total: number): string;
} {
  const month = rng.int(1, 12);
  const day = rng.int(1, 28);
  const yy = rng.int(23, 26);
  const hour = rng.int(1, 12);
  const minute = String(rng.int(0, 59)).padStart(2, '0');
  const stamp = `${month}/${day}/${yy}, ${hour}:${minute} ${rng.pick(['AM', 'PM'])}`;
  const title = rng.pick([
    '电信业务经营许可证',
    '增值电信业务经营许可证详情',
    '电信业务市场综合管理信息系统',
    '许可证查询结果',
  ]);
  const id = Array.from({ length: 32 }, () => rng.pick(Array.from('0123456789abcdef'))).join('');
  const url = rng.pick([
    `https://dxzhgl.miit.gov.cn/dxxzsp/xkz/xkzgl/resource/qualificationDetail.html?id=${id}`,
    `https://tsm.miit.gov.cn/dxxzsp/xkz/detail?id=${id}`,
    `https://ythzxfw.miit.gov.cn/licence/${id}`,
  ]);
  const layout = rng.int(0, 2);
  return {
    header: () => (layout === 2 ? stamp : `${stamp}${' '.repeat(rng.int(1, 30))}${title}`),
    footer: (page, total) =>
      layout === 1
        ? `${url}\n${page}/${total}`
        : `${url}${' '.repeat(rng.int(1, 20))}${page}/${total}`,
  };
}

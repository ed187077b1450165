/**
 * A deterministic generator of realistic licence records for the registry benchmark: provincial
 * and cross-regional numbers, Chinese company names (region + trade name + industry + form),
 * B25/B21/B11 services with coverage, one to three websites with .com/.cn/.com.cn domains, five-year
 * terms, and the standard provisions. The same seed always gives the same records.
 */
import { emptyLicence, type Licence } from '../src/core/licence.js';

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// prettier-ignore
const REGIONS = [
  ['京', '北京'], ['沪', '上海'], ['粤', '广东'], ['浙', '浙江'], ['苏', '江苏'], ['川', '四川'],
  ['鲁', '山东'], ['闽', '福建'], ['鄂', '湖北'], ['湘', '湖南'], ['皖', '安徽'], ['豫', '河南'],
  ['渝', '重庆'], ['津', '天津'], ['陕', '陕西'], ['黔', '贵州'], ['滇', '云南'], ['辽', '辽宁'],
] as const;
const CITIES = [
  '深圳',
  '杭州',
  '南京',
  '成都',
  '武汉',
  '西安',
  '苏州',
  '广州',
  '厦门',
  '合肥',
  '长沙',
  '青岛',
];
const SYLLABLES = Array.from(
  '星桥云智联达华信通宇创新恒泰安瑞博飞腾锐思远航鑫源启明海天嘉合众盛弘毅君诚优易数码网络',
);
const INDUSTRY = [
  '网络科技',
  '信息技术',
  '数据服务',
  '科技',
  '互联网科技',
  '软件',
  '电子商务',
  '文化传媒',
];
const FORMS = ['有限公司', '股份有限公司', '有限责任公司'];
// prettier-ignore
const PINYIN = ['xing', 'qiao', 'yun', 'zhi', 'lian', 'da', 'hua', 'xin', 'tong', 'yu', 'chuang', 'heng', 'tai', 'an', 'rui', 'bo', 'fei', 'teng', 'si', 'yuan', 'hang', 'qi', 'ming', 'hai', 'tian', 'jia', 'he', 'zhong', 'sheng'];
const TLDS = ['com', 'cn', 'com.cn', 'net', 'top'];
const PROVISION =
  '你公司应当按照《中华人民共和国电信条例》和《电信业务经营许可管理办法》等规定，依法开展电信业务经营活动，接受电信管理机构的监督管理。';

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)] as T;
}

export interface GeneratedLicence {
  readonly licence: Licence & { number: string };
  /** a host name a user would type for it (www. or a subdomain) */
  readonly lookupHost: string;
  /** a distinctive fragment of the holder name (3+ characters: the trade name with its first industry character) */
  readonly fragment: string;
  /** a two-character fragment */
  readonly shortFragment: string;
}

export const GENERATOR_SEED = 20261128;

/** `n` distinct licences from index `start`; the i-th is always the same (so batches can stream). */
export function generateLicences(n: number, start = 0, seed = GENERATOR_SEED): GeneratedLicence[] {
  const out: GeneratedLicence[] = [];
  for (let i = start; i < start + n; i++) {
    const r = prng(seed + i * 7919);
    const national = r() < 0.15;
    const [abbr, province] = pick(r, REGIONS);
    const year = 2005 + Math.floor(r() * 21);
    // Serials are unique per index: the year and the number space are shared, the index decides.
    const serial = String(i % 10_000).padStart(4, '0');
    const yearPart = 2000 + Math.floor(i / 10_000);
    const category = r() < 0.8 ? 'B2' : r() < 0.5 ? 'B1' : 'B1.B2';
    const number = `${national ? '' : abbr}${category}-${yearPart}${serial}`;
    const trade = Array.from({ length: 2 + Math.floor(r() * 2) }, () => pick(r, SYLLABLES)).join(
      '',
    );
    const city = r() < 0.5 ? pick(r, CITIES) : province;
    const industry = pick(r, INDUSTRY);
    const name = `${city}${trade}${industry}${pick(r, FORMS)}`;
    const label = `${pick(r, PINYIN)}${pick(r, PINYIN)}${i.toString(36)}`;
    const tld = pick(r, TLDS);
    const domains = [`${label}.${tld}`];
    if (r() < 0.4) domains.push(`www.${label}.${tld}`);
    if (r() < 0.3) domains.push(`${label}app.com`);
    const issuedOn = `${year}-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
    const expiresOn = `${Math.min(year + 5 + Math.floor(r() * 2) * 5, 2035)}${issuedOn.slice(4)}`;
    const licence: Licence & { number: string } = {
      ...emptyLicence(),
      kind: national ? 'vats-cross-regional' : 'vats',
      number,
      holder: {
        name,
        legalRepresentative: `${pick(r, Array.from('王李张刘陈杨黄赵吴周'))}${pick(r, SYLLABLES)}${pick(r, SYLLABLES)}`,
        creditCode: null,
        address: `${province}${city}市${pick(r, SYLLABLES)}${pick(r, SYLLABLES)}路${1 + Math.floor(r() * 300)}号`,
      },
      services: [
        {
          code: 'B25',
          name: '信息服务业务',
          qualifier: '仅限互联网信息服务',
          includes: [],
          excludes: ['信息搜索查询服务', '信息即时交互服务'],
          coverage: [national ? '全国' : province],
        },
        ...(r() < 0.4
          ? [
              {
                code: 'B21',
                name: '在线数据处理与交易处理业务',
                qualifier: null,
                includes: [],
                excludes: [],
                coverage: [national ? '全国' : province],
              },
            ]
          : []),
      ],
      issuer: national ? '中华人民共和国工业和信息化部' : `${province}通信管理局`,
      issuedOn,
      expiresOn,
      websites: [
        {
          name: `${trade}网`,
          domains,
          serverLocation: province,
          accessProvider: '阿里云计算有限公司',
        },
      ],
      provisions: [1, 2, 3].map((k) => ({ id: String(k), text: PROVISION, appliesTo: null })),
    };
    const hostLabel = domains[0] ?? `${label}.${tld}`;
    const lookupHost = r() < 0.5 ? `www.${hostLabel}` : `m.shop.${hostLabel}`;
    out.push({
      licence,
      lookupHost,
      fragment: `${trade}${industry.slice(0, 1)}`,
      shortFragment: trade.slice(0, 2),
    });
  }
  return out;
}

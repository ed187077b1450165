/**
 * Random but valid licence records for the layout corpus: services from the 2015 catalogue with
 * their real written qualifiers and scopes, coverage from the regions, companies, people, credit
 * codes (GB 32100, both check characters), licence numbers (the grammar of licence-number.ts),
 * domains, websites, apps, IDC rooms, dates and provisions.
 *
 * A generated record is a *clean* licence as of {@link CORPUS_TODAY}: valid and unexpired, the term
 * 5 years, issued after 2017-09-01 (annual report regime: no inspection table, no 年检 provision),
 * the number's year not after the issue date, every service with its coverage, coverage fitting the
 * licence's level, the issuer the authority the number implies, the signing official not the
 * holder. So `checkLicence` on it must give no warning and no error.
 */
import { findServiceByCode } from '../../src/core/catalogue.js';
import { checkCreditCode, CREDIT_CODE_CHARSET } from '../../src/core/credit-code.js';
import { addDays } from '../../src/core/dates.js';
import {
  emptyLicence,
  type App,
  type Licence,
  type LicensedService,
  type Provision,
  type Website,
} from '../../src/core/licence.js';
import { parseLicenceNumber } from '../../src/core/licence-number.js';
import { REGIONS, type Region } from '../../src/core/regions.js';
import { createRng, type Rng } from './rng.js';

/** The day every corpus licence is checked on: all generated licences are valid on it. */
export const CORPUS_TODAY = '2026-12-01';

export const MIIT = '中华人民共和国工业和信息化部';

// ---- people and companies -----------------------------------------------------------------------

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁沈任姚卢钟姜崔谭陆范汪廖石金贾韦夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文'.split(
    '',
  );
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国红志海鹏飞宇浩然思远晨曦子涵梓轩一诺欣怡雨婷俊杰文博嘉怡天佑晓东立新国庆海涛春燕秋实云峰德明志强永刚'.split(
    '',
  );
const BRAND =
  '云智联星桥青禾蓝海天逸华信恒泰博创极光点石锐新卓越睿鼎远景聚合易通达讯捷优品微领航启明乐享众酷米橙果阅途'.split(
    '',
  );
const INDUSTRY = [
  '网络科技',
  '信息技术',
  '科技',
  '数据',
  '互联网科技',
  '文化传媒',
  '电子商务',
  '软件',
  '网络技术',
  '通信技术',
  '云计算',
  '数字科技',
];
const FORM = ['有限公司', '有限公司', '有限公司', '有限责任公司', '股份有限公司'];
const CITIES: Readonly<Record<string, readonly string[]>> = {
  北京: ['北京市朝阳区', '北京市海淀区', '北京市东城区', '北京市大兴区'],
  天津: ['天津市滨海新区', '天津市南开区'],
  上海: ['上海市徐汇区', '上海市浦东新区', '上海市嘉定区', '上海市宝山区'],
  重庆: ['重庆市渝北区', '重庆市江北区'],
};
const STREETS = [
  '科技南十二路',
  '裕民路',
  '漕溪北路',
  '经海路',
  '墨玉南路',
  '科学大道',
  '五和大道',
  '文三路',
  '天府大道',
  '解放路',
  '中山路',
  '人民路',
  '建设路',
  '学院路',
  '创业路',
];
const ACCESS_PROVIDERS = [
  '阿里云计算有限公司',
  '腾讯云计算（北京）有限责任公司',
  '北京百度网讯科技有限公司',
  '华为云计算技术有限公司',
  '上海优刻得信息科技有限公司',
  '北京金山云网络技术有限公司',
  '中国电信股份有限公司上海分公司',
  '中国移动通信集团广东有限公司',
  '中国联合网络通信有限公司北京市分公司',
];
const SITE_SUFFIX = [
  '官网',
  '商城',
  '云',
  '在线',
  '平台',
  '社区',
  '读书',
  '听书',
  '产品主站1',
  '服务网',
  '资讯',
];
const APP_SUFFIX = ['', 'APP', '助手', '极速版', '阅读'];
const STORES = [
  '华为应用市场',
  '苹果应用商店',
  '小米应用商店',
  'OPPO软件商店',
  'vivo应用商店',
  '应用宝',
];
const SYLLABLES = [
  'yun',
  'zhi',
  'lian',
  'xing',
  'qiao',
  'qing',
  'he',
  'lan',
  'hai',
  'tian',
  'yi',
  'hua',
  'xin',
  'heng',
  'tai',
  'bo',
  'chuang',
  'ji',
  'guang',
  'dian',
  'rui',
  'zhuo',
  'yue',
  'ding',
  'yuan',
  'jing',
  'ju',
  'tong',
  'da',
  'xun',
  'jie',
  'you',
  'pin',
  'wei',
  'le',
  'mi',
];
const DOMAIN_TAIL = ['', '', '', 'app', 'cloud', 'tech', 'net', 'online', 'data', '365', 'hub'];
const TLDS = ['.com', '.com', '.cn', '.com.cn', '.net', '.net.cn', '.top', '.cc', '.vip'];
const SUBDOMAINS = ['www.', 'm.', 'mall.', 'api.', 'listen.', 'shop.', 'bbs.'];

function chars(rng: Rng, pool: readonly string[], n: number): string {
  return Array.from({ length: n }, () => rng.pick(pool)).join('');
}

export function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + chars(rng, GIVEN, rng.chance(0.7) ? 2 : 1);
}

function cityOf(region: Region, rng: Rng): string {
  const municipal = CITIES[region.shortName];
  if (municipal) return rng.pick(municipal);
  const cities: Readonly<Record<string, readonly string[]>> = {
    广东: ['广州市天河区', '深圳市南山区', '深圳市龙岗区', '东莞市'],
    浙江: ['杭州市西湖区', '杭州市滨江区', '宁波市鄞州区'],
    江苏: ['南京市鼓楼区', '苏州市工业园区', '无锡市新吴区'],
    四川: ['成都市高新区', '成都市武侯区'],
  };
  const list = cities[region.shortName];
  return region.name + (list ? rng.pick(list) : `${rng.pick(['省会', '滨海', '东湖', '西城'])}区`);
}

export function address(region: Region, rng: Rng): string {
  const floor = rng.int(2, 28);
  return (
    cityOf(region, rng) +
    rng.pick(STREETS) +
    `${rng.int(1, 999)}号` +
    rng.pick(['', `${floor}层`, `${floor}层${floor}0${rng.int(1, 9)}室`, `A座${floor}层`, '2号楼'])
  );
}

export function companyName(region: Region, rng: Rng): string {
  const brand = chars(rng, BRAND, rng.int(2, 3));
  const industry = rng.pick(INDUSTRY);
  const form = rng.pick(FORM);
  const place = region.shortName;
  // 北京云智联网络科技有限公司, 云智联网络科技（北京）有限公司, 云智联网络科技有限公司
  const shape = rng.int(0, 2);
  if (shape === 0) return `${place}${brand}${industry}${form}`;
  if (shape === 1) return `${brand}${industry}（${place}）${form}`;
  return `${brand}${industry}${form}`;
}

export function creditCode(region: Region, rng: Rng): string {
  const letters = CREDIT_CODE_CHARSET.split('');
  for (;;) {
    const division = region.code + String(rng.int(1, 9999)).padStart(4, '0');
    const body = rng.chance(0.7)
      ? 'MA' + chars(rng, letters, 6)
      : chars(rng, letters.slice(0, 10), 8);
    const orgCheck = orgCodeCheck(body);
    const first17 = `91${division}${body}${orgCheck}`;
    const code = first17 + creditCheck(first17);
    if (checkCreditCode(code).ok) return code;
  }
}

function orgCodeCheck(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body8.charAt(i);
    const v = /\d/u.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    sum += v * (weights[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

function creditCheck(first17: string): string {
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++)
    sum += CREDIT_CODE_CHARSET.indexOf(first17.charAt(i)) * (weights[i] ?? 0);
  return CREDIT_CODE_CHARSET.charAt((31 - (sum % 31)) % 31);
}

export function domainBase(rng: Rng): string {
  const words = Array.from({ length: rng.int(1, 3) }, () => rng.pick(SYLLABLES));
  const tail = rng.pick(DOMAIN_TAIL);
  const sep = rng.chance(0.25) ? '-' : '';
  return [words.join(''), tail].filter((w) => w !== '').join(sep) + rng.pick(TLDS);
}

// ---- services -----------------------------------------------------------------------------------

const B25_TYPES = [
  '信息发布平台和递送服务',
  '信息搜索查询服务',
  '信息社区平台服务',
  '信息即时交互服务',
  '信息保护和处理服务',
];
const ICP_CONTENT = ['新闻', '出版', '教育', '医疗保健', '药品和医疗器械', '电子公告服务'];

interface ServiceTemplate {
  code: string;
  category: 'B1' | 'B2';
  make(rng: Rng): Pick<LicensedService, 'qualifier' | 'includes' | 'excludes'>;
}

const none = { qualifier: null, includes: [], excludes: [] };

const SERVICE_TEMPLATES: readonly ServiceTemplate[] = [
  {
    code: 'B25',
    category: 'B2',
    make(rng) {
      if (rng.chance(0.15)) {
        return { qualifier: '不含互联网信息服务', includes: [], excludes: ['互联网信息服务'] };
      }
      const r = rng.next();
      if (r < 0.3) return { qualifier: '仅限互联网信息服务', includes: [], excludes: [] };
      if (r < 0.55) {
        const ex = rng
          .sample(ICP_CONTENT, rng.int(1, 4))
          .sort((a, b) => ICP_CONTENT.indexOf(a) - ICP_CONTENT.indexOf(b));
        return { qualifier: '仅限互联网信息服务', includes: [], excludes: ex };
      }
      const types = rng.shuffle(B25_TYPES);
      const nIn = rng.int(0, 2);
      const nEx = rng.int(nIn === 0 ? 1 : 0, 2);
      return {
        qualifier: '仅限互联网信息服务',
        includes: types.slice(0, nIn),
        excludes: types.slice(nIn, nIn + nEx),
      };
    },
  },
  {
    code: 'B21',
    category: 'B2',
    make: (rng) =>
      rng.chance(0.5) ? { qualifier: '仅限经营类电子商务', includes: [], excludes: [] } : none,
  },
  {
    code: 'B11',
    category: 'B1',
    make: (rng) =>
      rng.chance(0.5)
        ? { qualifier: '不含互联网资源协作服务', includes: [], excludes: ['互联网资源协作服务'] }
        : none,
  },
  { code: 'B12', category: 'B1', make: () => none },
  { code: 'B13', category: 'B1', make: () => none },
  {
    code: 'B14',
    category: 'B1',
    make: (rng) =>
      rng.chance(0.3)
        ? { qualifier: null, includes: [], excludes: ['为上网用户提供接入服务'] }
        : none,
  },
  { code: 'B22', category: 'B2', make: () => none },
  { code: 'B23', category: 'B2', make: () => none },
  { code: 'B24-1', category: 'B2', make: () => none },
  { code: 'B26-1', category: 'B2', make: () => none },
];

function catalogueName(code: string): string {
  const entry = findServiceByCode(code);
  if (!entry) throw new Error(`corpus: unknown catalogue code ${code}`);
  return entry.name;
}

// ---- provisions ---------------------------------------------------------------------------------

const PROVISIONS = [
  '你公司应当按照《中华人民共和国电信条例》、《互联网信息服务管理办法》等法律法规要求开展经营活动，配合电信主管部门依法开展监督检查工作。',
  '你公司应当按照许可的业务种类和业务覆盖范围开展业务经营活动，不得超越许可的业务覆盖范围开展经营活动。你公司应当在网站首页、移动应用显著位置标明经营许可证编号。',
  '你公司在未取得国内通信设施服务业务经营许可证时，不得投资建设电信传输网络设施。',
  '你公司应当按照《通信网络安全防护管理办法》（工业和信息化部令第11号）的有关要求，开展所属网络和系统定级备案、符合性评测和风险评估等工作。',
  '你公司应当按照《电信和互联网用户个人信息保护规定》（工业和信息化部令第24号）要求，开展用户信息保护工作，防止用户信息和数据泄露。',
  '你公司在发生重大规模用户个人信息泄露事件、影响众多用户的业务中断事件等重大网络安全事件时，应当立即采取应急措施，并第一时间向电信主管部门报告。',
  '你公司应当做好用户日志留存、违法信息监测等工作，对发现的违法信息立即进行处置，保存有关记录，并在处置后的10个工作日内向电信主管部门上报。',
  '你公司应按照国家法律法规要求，为有关部门提供技术接口和解密等技术支持和协助。',
  '你公司遇有合并或者分立、股东变化等导致经营主体需要变更的情形，或者业务范围需要变化的，应当自公司作出决定之日起30日内向原发证机关提出申请。',
  '你公司经营许可证有效期届满需要继续经营的，应当提前90日向原发证机关提出延续经营许可证的申请。',
  '你公司应当在每年第一季度通过电信业务市场综合管理信息系统报告上一年度的年报信息。',
  '你公司应当按照《电信服务规范》等相关电信服务管理要求向用户提供服务，建立健全服务管理制度，配备用户投诉受理人员，妥善化解服务纠纷，维护用户合法权益。',
];

const SCOPED: Readonly<Record<string, string>> = {
  信息发布平台和递送服务:
    '你公司提供信息发布平台和递送服务时，充分保障用户权益，不得强行推送、定制服务。',
  信息搜索查询服务: '你公司提供信息搜索查询服务时，不得向用户推送或推荐违法信息。',
  信息社区平台服务: '你公司提供信息社区平台服务时，对公众帐号和开放平台发布者做好资质审核备案。',
  信息即时交互服务: '你公司提供信息即时交互服务时，建立完善的应急处置机制和技术手段。',
};

function provisions(services: readonly LicensedService[], rng: Rng): Provision[] {
  if (rng.chance(0.15)) return [];
  const n = rng.int(3, PROVISIONS.length);
  const texts = PROVISIONS.slice(0, n).map((text) => ({ text, appliesTo: null as string | null }));
  const b25 = services.find((s) => s.code === 'B25' && s.qualifier === '仅限互联网信息服务');
  if (b25 && rng.chance(0.6)) {
    // scoped provisions for the B25 types the licence does not exclude (so none is inert)
    for (const [type, text] of Object.entries(SCOPED)) {
      if (!b25.excludes.includes(type) && rng.chance(0.6)) texts.push({ text, appliesTo: type });
    }
  }
  return texts.map((t, i) => ({ id: String(i + 1), text: t.text, appliesTo: t.appliesTo }));
}

// ---- the record ---------------------------------------------------------------------------------

/** ISO date `years` years after `iso`, same month and day (29 Feb → 28 Feb). */
export function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const day = m === 2 && d === 29 ? 28 : d;
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function coverageFor(crossRegional: boolean, region: Region, rng: Rng): string[] {
  if (!crossRegional) return [rng.chance(0.6) ? region.name : region.shortName];
  if (rng.chance(0.6)) return ['全国'];
  const regions = rng.sample(REGIONS, rng.int(2, 5));
  const full = rng.chance(0.4);
  return regions.map((r) => {
    const name = full ? r.name : r.shortName;
    if (r.shortName === '广东' && rng.chance(0.5)) return `${name}（广州、深圳）`;
    return name;
  });
}

function website(holder: string, brand: string, region: Region, rng: Rng, base: string): Website {
  const nDomains = rng.int(1, 3);
  const domains = new Set<string>();
  domains.add(rng.chance(0.5) ? base : `www.${base}`);
  while (domains.size < nDomains)
    domains.add(rng.pick(SUBDOMAINS) + (rng.chance(0.8) ? base : domainBase(rng)));
  return {
    name: brand + rng.pick(SITE_SUFFIX),
    domains: [...domains],
    serverLocation:
      address(rng.chance(0.7) ? region : rng.pick(REGIONS), rng) +
      (rng.chance(0.3) ? `${rng.int(1, 6)}机房` : ''),
    accessProvider: rng.chance(0.15) ? holder : rng.pick(ACCESS_PROVIDERS),
  };
}

/** One random clean licence. */
export function generateRecord(rng: Rng): Licence {
  const crossRegional = rng.chance(0.4);
  const region = rng.pick(REGIONS);
  const licence = emptyLicence();
  licence.kind = crossRegional ? 'vats-cross-regional' : 'vats';

  // services: 1–4 distinct templates; B25 (ICP) in most
  const templates = rng.chance(0.8)
    ? [
        SERVICE_TEMPLATES[0] as ServiceTemplate,
        ...rng.sample(SERVICE_TEMPLATES.slice(1), rng.int(0, 3)),
      ]
    : rng.sample(SERVICE_TEMPLATES.slice(1), rng.int(1, 3));
  const ordered = [...templates].sort((a, b) => a.code.localeCompare(b.code));
  const sharedCoverage = rng.chance(0.5) ? coverageFor(crossRegional, region, rng) : undefined;
  licence.services = ordered.map((t) => ({
    code: t.code,
    name: catalogueName(t.code),
    ...t.make(rng),
    coverage: sharedCoverage ? [...sharedCoverage] : coverageFor(crossRegional, region, rng),
  }));
  const categories = [...new Set(ordered.map((t) => t.category))].sort();

  // dates: issued 30 days to 4 years before CORPUS_TODAY, after 2017-09-01; 5-year term
  const issuedOn = addDays(CORPUS_TODAY, -rng.int(30, 4 * 365));
  licence.issuedOn = issuedOn;
  licence.expiresOn = rng.chance(0.7) ? addYears(issuedOn, 5) : addDays(addYears(issuedOn, 5), -1);
  const issueYear = Number(issuedOn.slice(0, 4));
  const year = rng.chance(0.5) ? issueYear : rng.int(2005, issueYear);
  const serial = String(rng.int(0, 9999)).padStart(4, '0');
  const number = `${crossRegional ? '' : region.abbr}${categories.join('.')}-${year}${serial}`;
  const parsed = parseLicenceNumber(number);
  if (!parsed.ok) throw new Error(`corpus: generated an invalid number ${number}`);
  licence.number = parsed.number.text;
  licence.issuer = crossRegional ? MIIT : region.authority;

  const home = crossRegional ? rng.pick(REGIONS) : region;
  const name = companyName(home, rng);
  licence.holder = {
    name,
    legalRepresentative: personName(rng),
    creditCode: rng.chance(0.75) ? creditCode(home, rng) : null,
    address: rng.chance(0.6) ? address(home, rng) : null,
  };

  const brand = name.replace(home.shortName, '').slice(0, rng.int(2, 3));
  const icp = licence.services.find(
    (s) => s.code === 'B25' && s.qualifier === '仅限互联网信息服务',
  );
  if (icp) {
    const base = domainBase(rng);
    const n = rng.chance(0.6) ? 1 : rng.int(2, 3);
    licence.websites = Array.from({ length: n }, (_, i) =>
      website(name, brand, region, rng, i === 0 ? base : rng.chance(0.5) ? base : domainBase(rng)),
    );
    // two sites of one licence do not share a domain
    const seen = new Set<string>();
    for (const w of licence.websites) {
      w.domains = w.domains.filter((d) => !seen.has(d));
      if (w.domains.length === 0) w.domains = [`${rng.pick(SUBDOMAINS)}${domainBase(rng)}`];
      for (const d of w.domains) seen.add(d);
    }
    if (rng.chance(0.3)) {
      licence.apps = Array.from({ length: rng.int(1, 2) }, (): App => ({
        name: brand + rng.pick(APP_SUFFIX),
        stores: rng.sample(STORES, rng.int(1, 3)),
      }));
      if (licence.apps.length === 2 && licence.apps[0]?.name === licence.apps[1]?.name)
        licence.apps.pop();
    }
  }
  if (licence.services.some((s) => s.code === 'B11')) {
    licence.facilities = Array.from(
      { length: rng.int(1, 4) },
      () =>
        address(crossRegional ? rng.pick(REGIONS) : region, rng) +
        rng.pick(['', '数据中心', `${rng.int(1, 9)}号机房`]),
    );
  }
  licence.provisions = provisions(licence.services, rng);
  return licence;
}

/** `count` random clean licences; the same seed gives the same records. */
export function generateRecords(seed: number, count: number): Licence[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => generateRecord(rng.fork(i)));
}

/** A deep copy (records are plain JSON). */
export function cloneRecord(licence: Licence): Licence {
  return structuredClone(licence);
}

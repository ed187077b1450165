/**
 * The service catalogue: 《电信业务分类目录（2015年版）》 (MIIT 通告 of 2015-12-28, effective
 * 2016-03-01) with the June 2019 amendment that added A12-4 (第五代数字蜂窝移动通信业务; "其他业务维持
 * 不变"). Sources per entry are in `shared/domain/licensing.md` §2; `confirmed: false` marks the codes
 * that table lists as U (names from the 2013 draft or memory, UNCONFIRMED for the final 2015 text).
 */
import { compactText, foldChar, foldText, type FoldedText } from './text.js';

/** The four categories a licence number can carry (A = 基础, B = 增值). */
export const ServiceCategory = {
  /** 第一类基础电信业务 */
  A1: 'A1',
  /** 第二类基础电信业务 */
  A2: 'A2',
  /** 第一类增值电信业务 (基于设施和资源类) */
  B1: 'B1',
  /** 第二类增值电信业务 (基于公共应用平台类) */
  B2: 'B2',
} as const;
export type ServiceCategory = (typeof ServiceCategory)[keyof typeof ServiceCategory];

/** Categories in the order licence numbers write them (`A1.B1.B2`). */
export const SERVICE_CATEGORIES: readonly ServiceCategory[] = Object.freeze([
  'A1',
  'A2',
  'B1',
  'B2',
]);

/** One code of the catalogue. */
export interface CatalogueEntry {
  /** 'B25', 'B24-1', 'A12-4' */
  code: string;
  /** the catalogue name */
  name: string;
  nameEn: string;
  category: ServiceCategory;
  /** 'B24' for 'B24-1'; 'B2' for 'B25'; null for the groups A1, A2, B1, B2 */
  parent: string | null;
  /** true when licensing.md §2.1 lists the code as confirmed (C) */
  confirmed: boolean;
  /** other written names that mean this entry */
  aliases: readonly string[];
  /** services the catalogue text lists inside this entry without giving them a code */
  subServices: readonly string[];
}

interface EntryInput {
  code: string;
  name: string;
  nameEn: string;
  confirmed: boolean;
  aliases?: readonly string[];
  subServices?: readonly string[];
}

function parentOf(code: string): string | null {
  if (/^[AB][12]$/u.test(code)) return null;
  const dash = code.indexOf('-');
  return dash >= 0 ? code.slice(0, dash) : code.slice(0, 2);
}

function entry(e: EntryInput): CatalogueEntry {
  return Object.freeze({
    code: e.code,
    name: e.name,
    nameEn: e.nameEn,
    category: e.code.slice(0, 2) as ServiceCategory,
    parent: parentOf(e.code),
    confirmed: e.confirmed,
    aliases: Object.freeze([...(e.aliases ?? [])]),
    subServices: Object.freeze([...(e.subServices ?? [])]),
  });
}

/**
 * B25's five service types: "信息服务的类型按照信息组织、传递等技术服务方式，主要包括信息发布平台和递送
 * 服务、信息搜索查询服务、信息社区平台服务、信息即时交互服务、信息保护和处理服务等" (catalogue text as
 * quoted by icp-edi.cn/ask/41212.html and crsrw.com/qiyezixun/26880.html; licensing.md §2.1).
 */
export const B25_SERVICE_TYPES: readonly string[] = Object.freeze([
  '信息发布平台和递送服务',
  '信息搜索查询服务',
  '信息社区平台服务',
  '信息即时交互服务',
  '信息保护和处理服务',
]);

/**
 * How B25 is written on licences: 信息服务业务（<qualifier>）. CAICT: "信息服务业务(包含仅限互联网信息服务
 * 和不含互联网信息服务两个子项)" (freewechat copy of the CAICT report); the third form is seen in a
 * provincial CA statistics page copy [G] (licensing.md §2.1).
 */
export const B25_WRITTEN_FORMS: readonly {
  qualifier: string;
  meaning: string;
  meaningEn: string;
}[] = Object.freeze([
  {
    qualifier: '仅限互联网信息服务',
    meaning: '互联网信息服务（ICP 许可证）',
    meaningEn: 'internet information services only (the "ICP licence")',
  },
  {
    qualifier: '不含互联网信息服务',
    meaning: '互联网以外的信息服务（移动网、固定网信息服务，SP）',
    meaningEn: 'information services other than over the internet (mobile/fixed network, "SP")',
  },
  {
    qualifier: '仅限固定网电话信息服务',
    meaning: '仅限固定网电话信息服务（声讯）',
    meaningEn: 'fixed-network telephone information services only',
  },
]);

/** The catalogue, groups first then codes in catalogue order. */
export const CATALOGUE: readonly CatalogueEntry[] = Object.freeze([
  // A 基础电信业务 — appinchina.co English text of the 2015 catalogue; Chinese names of A11-x from the
  // 2013 draft (boteman.cn/paper/87349874.html); A13/A23 from txrzx.com/i1508.html.
  entry({
    code: 'A1',
    name: '第一类基础电信业务',
    nameEn: 'Category I basic telecommunications services',
    confirmed: true,
  }),
  entry({
    code: 'A11',
    name: '固定通信业务',
    nameEn: 'Fixed communication services',
    confirmed: true,
  }),
  entry({
    code: 'A11-1',
    name: '固定网本地通信业务',
    nameEn: 'Local fixed-network communication services',
    confirmed: true,
  }),
  entry({
    code: 'A11-2',
    name: '固定网国内长途通信业务',
    nameEn: 'Domestic long-distance fixed-network communication services',
    confirmed: true,
  }),
  entry({
    code: 'A11-3',
    name: '固定网国际长途通信业务',
    nameEn: 'International long-distance fixed-network communication services',
    confirmed: true,
  }),
  entry({
    code: 'A11-4',
    name: '国际通信设施服务业务',
    nameEn: 'International communication facility services',
    confirmed: true,
  }),
  entry({
    code: 'A12',
    name: '蜂窝移动通信业务',
    nameEn: 'Cellular mobile communication services',
    confirmed: true,
  }),
  entry({
    code: 'A12-1',
    name: '第二代数字蜂窝移动通信业务',
    nameEn: 'Second-generation (2G) digital cellular mobile communication services',
    confirmed: true,
  }),
  entry({
    code: 'A12-2',
    name: '第三代数字蜂窝移动通信业务',
    nameEn: 'Third-generation (3G) digital cellular mobile communication services',
    confirmed: true,
  }),
  entry({
    code: 'A12-3',
    name: 'LTE/第四代数字蜂窝移动通信业务',
    nameEn: 'LTE/fourth-generation (4G) digital cellular mobile communication services',
    confirmed: true,
    aliases: ['第四代数字蜂窝移动通信业务'],
  }),
  // 2019 amendment, bbtnews.com.cn/2019/0606/305289.shtml.
  entry({
    code: 'A12-4',
    name: '第五代数字蜂窝移动通信业务',
    nameEn: 'Fifth-generation (5G) digital cellular mobile communication services',
    confirmed: true,
  }),
  entry({
    code: 'A13',
    name: '第一类卫星通信业务',
    nameEn: 'Category I satellite communication services',
    confirmed: true,
  }),
  entry({
    code: 'A13-1',
    name: '卫星移动通信业务',
    nameEn: 'Satellite mobile communication services',
    confirmed: true,
  }),
  // The 2013 draft's separate A13-3 卫星国际专线业务 was folded into A13-2 in 2015
  // (changyunwuxian.com/product-48873-144236.html), so that name still means A13-2.
  entry({
    code: 'A13-2',
    name: '卫星固定通信业务',
    nameEn: 'Satellite fixed communication services',
    confirmed: true,
    subServices: ['卫星国际专线业务'],
  }),
  entry({
    code: 'A14',
    name: '第一类数据通信业务',
    nameEn: 'Category I data communication services',
    confirmed: true,
  }),
  entry({
    code: 'A14-1',
    name: '互联网国际数据传送业务',
    nameEn: 'International internet data transmission services',
    confirmed: true,
  }),
  entry({
    code: 'A14-2',
    name: '互联网国内数据传送业务',
    nameEn: 'Domestic internet data transmission services',
    confirmed: true,
  }),
  entry({
    code: 'A14-3',
    name: '互联网本地数据传送业务',
    nameEn: 'Local internet data transmission services',
    confirmed: false,
  }),
  entry({
    code: 'A14-4',
    name: '国际数据通信业务',
    nameEn: 'International data communication services',
    confirmed: false,
  }),
  entry({ code: 'A15', name: 'IP电话业务', nameEn: 'IP telephony services', confirmed: false }),
  entry({
    code: 'A15-1',
    name: '国内IP电话业务',
    nameEn: 'Domestic IP telephony services',
    confirmed: false,
  }),
  entry({
    code: 'A15-2',
    name: '国际IP电话业务',
    nameEn: 'International IP telephony services',
    confirmed: false,
  }),
  entry({
    code: 'A2',
    name: '第二类基础电信业务',
    nameEn: 'Category II basic telecommunications services',
    confirmed: true,
  }),
  entry({
    code: 'A21',
    name: '集群通信业务',
    nameEn: 'Trunked communication services',
    confirmed: false,
  }),
  entry({
    code: 'A21-1',
    name: '数字集群通信业务',
    nameEn: 'Digital trunked communication services',
    confirmed: false,
  }),
  entry({ code: 'A22', name: '无线寻呼业务', nameEn: 'Radio paging services', confirmed: false }),
  entry({
    code: 'A23',
    name: '第二类卫星通信业务',
    nameEn: 'Category II satellite communication services',
    confirmed: true,
  }),
  entry({
    code: 'A23-1',
    name: '卫星转发器出租、出售业务',
    nameEn: 'Satellite transponder leasing and sale services',
    confirmed: true,
  }),
  entry({
    code: 'A23-2',
    name: '国内甚小口径终端地球站通信业务',
    nameEn: 'Domestic very small aperture terminal (VSAT) communication services',
    confirmed: true,
  }),
  entry({
    code: 'A24',
    name: '第二类数据通信业务',
    nameEn: 'Category II data communication services',
    confirmed: false,
  }),
  entry({
    code: 'A24-1',
    name: '固定网国内数据传送业务',
    nameEn: 'Domestic fixed-network data transmission services',
    confirmed: false,
  }),
  entry({
    code: 'A25',
    name: '网络接入设施服务业务',
    nameEn: 'Network access facility services',
    confirmed: false,
  }),
  entry({
    code: 'A25-1',
    name: '无线接入设施服务业务',
    nameEn: 'Wireless access facility services',
    confirmed: false,
  }),
  entry({
    code: 'A25-2',
    name: '有线接入设施服务业务',
    nameEn: 'Wired access facility services',
    confirmed: false,
  }),
  entry({
    code: 'A25-3',
    name: '用户驻地网业务',
    nameEn: 'Customer premises network services',
    confirmed: false,
  }),
  entry({
    code: 'A26',
    name: '国内通信设施服务业务',
    nameEn: 'Domestic communication facility services',
    confirmed: false,
  }),
  entry({
    code: 'A27',
    name: '网络托管业务',
    nameEn: 'Network hosting services',
    confirmed: false,
  }),

  // B 增值电信业务 — appinchina; CAICT; beijing08032.11467.com/news/8124545.asp (B1/B2 group names).
  entry({
    code: 'B1',
    name: '第一类增值电信业务',
    nameEn: 'Category I value-added telecommunications services',
    confirmed: true,
  }),
  // 互联网资源协作服务 is the IDC service item seen in a licence-form code map [G] (licensing.md §2.1,
  // UNCONFIRMED as official vocabulary).
  entry({
    code: 'B11',
    name: '互联网数据中心业务',
    nameEn: 'Internet data centre (IDC) services',
    confirmed: true,
    subServices: ['互联网资源协作服务'],
  }),
  entry({
    code: 'B12',
    name: '内容分发网络业务',
    nameEn: 'Content delivery network (CDN) services',
    confirmed: true,
  }),
  entry({
    code: 'B13',
    name: '国内互联网虚拟专用网业务',
    nameEn: 'Domestic internet virtual private network (IP-VPN) services',
    confirmed: true,
  }),
  // Service items from the same licence-form code map [G], UNCONFIRMED as official vocabulary.
  entry({
    code: 'B14',
    name: '互联网接入服务业务',
    nameEn: 'Internet access services (ISP)',
    confirmed: true,
    subServices: ['为上网用户提供接入服务', '为互联网平台提供接入服务'],
  }),
  entry({
    code: 'B2',
    name: '第二类增值电信业务',
    nameEn: 'Category II value-added telecommunications services',
    confirmed: true,
  }),
  // Sub-services: plnmw.com English text of the catalogue; same three in a licence-form code map [G].
  entry({
    code: 'B21',
    name: '在线数据处理与交易处理业务',
    nameEn: 'Online data processing and transaction processing services',
    confirmed: true,
    subServices: ['交易处理业务', '电子数据交换业务', '网络/电子设备数据处理业务'],
  }),
  entry({
    code: 'B22',
    name: '国内多方通信服务业务',
    nameEn: 'Domestic multi-party communication services',
    confirmed: true,
    subServices: ['国内多方电话会议服务', '国内可视电话会议服务', '国内互联网会议电视及图像服务'],
  }),
  entry({
    code: 'B23',
    name: '存储转发类业务',
    nameEn: 'Store-and-forward services',
    confirmed: true,
    subServices: ['语音信箱', '电子邮件', '传真存储转发'],
  }),
  entry({ code: 'B24', name: '呼叫中心业务', nameEn: 'Call centre services', confirmed: true }),
  entry({
    code: 'B24-1',
    name: '国内呼叫中心业务',
    nameEn: 'Domestic call centre services',
    confirmed: true,
  }),
  entry({
    code: 'B24-2',
    name: '离岸呼叫中心业务',
    nameEn: 'Offshore call centre services',
    confirmed: true,
  }),
  entry({
    code: 'B25',
    name: '信息服务业务',
    nameEn: 'Information services',
    confirmed: true,
    subServices: B25_SERVICE_TYPES,
  }),
  entry({
    code: 'B26',
    name: '编码和规程转换业务',
    nameEn: 'Coding and protocol conversion services',
    confirmed: true,
  }),
  // Licences and the CAICT statistics write 互联网域名解析服务业务 (licensing.md §2.1); the catalogue
  // heading wording is taken as 域名解析服务业务 — which of the two is the 2015 heading is UNCONFIRMED,
  // and both resolve here.
  entry({
    code: 'B26-1',
    name: '域名解析服务业务',
    nameEn: 'Domain name resolution services',
    confirmed: true,
    aliases: ['互联网域名解析服务业务'],
  }),
]);

const BY_CODE = new Map(CATALOGUE.map((e) => [e.code, e]));

/** Fold a code as written (`Ｂ２４－１`, ` b25 `) to catalogue form (`B24-1`, `B25`). */
function normaliseCode(code: string): string {
  return compactText(code).toUpperCase();
}

/** The entry for `code` ('B25', 'b24－1'); undefined for a code not in the catalogue. */
export function findServiceByCode(code: string): CatalogueEntry | undefined {
  return BY_CODE.get(normaliseCode(code));
}

/**
 * A catalogue code and every code under it, in catalogue order: 'B2' → B2, B21 … B26-1; 'B24' →
 * B24, B24-1, B24-2; 'B25' → B25. Undefined for a code not in the catalogue. What "a licence offers
 * this service" means for a filter: a licence for B24-1 offers call-centre services (B24).
 */
export function serviceCodesUnder(code: string): string[] | undefined {
  const root = findServiceByCode(code);
  if (root === undefined) return undefined;
  const isUnder = (e: CatalogueEntry | undefined): boolean =>
    e !== undefined &&
    (e.code === root.code || (e.parent !== null && isUnder(BY_CODE.get(e.parent))));
  return CATALOGUE.filter(isUnder).map((e) => e.code);
}

/** The category of a catalogue code: 'B25' → 'B2', 'B24-1' → 'B2', 'A12-4' → 'A1'. */
export function categoryOf(code: string): ServiceCategory | undefined {
  return findServiceByCode(code)?.category;
}

/**
 * The leading category phrase of a service as written on licences, e.g. 第二类增值电信业务中的信息服务
 * 业务 (licensing.md §2.1). Group 1 is 一 or 二, group 2 is 增值 or 基础. Whitespace between the words
 * is tolerated because PDF extraction spaces characters out.
 */
export const CATEGORY_PREAMBLE =
  /^\s*第\s*([一二])\s*类\s*(增\s*值|基\s*础)\s*电\s*信\s*业\s*务\s*中\s*的\s*/u;

/** Names to match, longest first, so '国内呼叫中心业务' wins over '呼叫中心业务'. */
const NAME_KEYS: readonly { key: string; name: string; entry: CatalogueEntry }[] =
  CATALOGUE.flatMap((e) =>
    [e.name, ...e.aliases].map((name) => ({ key: compactText(name), name, entry: e })),
  ).sort((a, b) => b.key.length - a.key.length);

function foldWithoutSpaces(text: string): FoldedText {
  return foldText(text, (ch) => (/^\s$/u.test(ch) ? '' : foldChar(ch)));
}

/**
 * The entry whose name or alias `text` starts with; the longest match wins:
 * '互联网数据中心业务（不含…）' → B11, '信息服务业务（仅限互联网信息服务）含文化' → B25,
 * '国内呼叫中心业务' → B24-1 (not B24). Whitespace between characters and full-width forms are
 * tolerated, and a leading category phrase (第二类增值电信业务中的) is skipped.
 *
 * `matched` is the catalogue name or alias that matched; `consumed` is how many characters of `text`
 * (preamble and whitespace included) the match covers, so a caller can read the qualifier after it.
 */
export function findServiceByName(
  text: string,
): { entry: CatalogueEntry; matched: string; consumed: number } | undefined {
  const preamble = CATEGORY_PREAMBLE.exec(text);
  const skip = preamble ? preamble[0].length : 0;
  const folded = foldWithoutSpaces(text.slice(skip));
  const hit = NAME_KEYS.find((k) => folded.text.startsWith(k.key));
  if (!hit) return undefined;
  const end = folded.origin[hit.key.length] ?? text.length - skip;
  return { entry: hit.entry, matched: hit.name, consumed: skip + end };
}

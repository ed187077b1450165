/**
 * The 31 provincial-level regions of mainland China and their 通信管理局, the provincial
 * telecommunications authorities that issue single-province 增值电信业务经营许可证.
 *
 * Sources (see `shared/domain/licensing.md` §4): codes are GB/T 2260 (行政区划代码) province codes;
 * abbreviations are those used in licence and ICP filing numbers (黔 for 贵州 and 滇 for 云南, §3.1);
 * authority names follow the official pattern "<full region name>通信管理局", confirmed directly for
 * 北京、天津、上海、重庆、内蒙古、江苏、浙江、广东、甘肃、新疆、河南 and UNCONFIRMED individually for the
 * rest. 香港、澳门、台湾 do not issue these licences and are not listed.
 */

/** A provincial-level region. */
export interface Region {
  /** GB/T 2260 two-digit code: '11' for 北京 */
  code: string;
  /** full name: 北京市, 广西壮族自治区 */
  name: string;
  /** name without the administrative suffix: 北京, 广西, 内蒙古 */
  shortName: string;
  /** one-character abbreviation used in licence numbers: 京 */
  abbr: string;
  /** other one-character abbreviations accepted on input and normalised to `abbr` */
  variants: readonly string[];
  /** the issuing authority: 北京市通信管理局 */
  authority: string;
}

function region(
  code: string,
  name: string,
  shortName: string,
  abbr: string,
  variants: readonly string[] = [],
): Region {
  return Object.freeze({
    code,
    name,
    shortName,
    abbr,
    variants: Object.freeze([...variants]),
    authority: `${name}通信管理局`,
  });
}

/** The 31 provincial-level regions of mainland China, in GB/T 2260 order. */
export const REGIONS: readonly Region[] = Object.freeze([
  region('11', '北京市', '北京', '京'),
  region('12', '天津市', '天津', '津'),
  region('13', '河北省', '河北', '冀'),
  region('14', '山西省', '山西', '晋'),
  // 蒙 not sighted in a licence number (licensing.md §4: UNCONFIRMED for licences), but it is the
  // standard abbreviation and the one ICP filings use.
  region('15', '内蒙古自治区', '内蒙古', '蒙'),
  region('21', '辽宁省', '辽宁', '辽'),
  region('22', '吉林省', '吉林', '吉'),
  region('23', '黑龙江省', '黑龙江', '黑'),
  region('31', '上海市', '上海', '沪'),
  region('32', '江苏省', '江苏', '苏'),
  region('33', '浙江省', '浙江', '浙'),
  region('34', '安徽省', '安徽', '皖'),
  region('35', '福建省', '福建', '闽'),
  region('36', '江西省', '江西', '赣'),
  region('37', '山东省', '山东', '鲁'),
  region('41', '河南省', '河南', '豫'),
  region('42', '湖北省', '湖北', '鄂'),
  region('43', '湖南省', '湖南', '湘'),
  region('44', '广东省', '广东', '粤'),
  region('45', '广西壮族自治区', '广西', '桂'),
  region('46', '海南省', '海南', '琼'),
  region('50', '重庆市', '重庆', '渝'),
  // 川 is the official abbreviation; 蜀 is the traditional alternative.
  region('51', '四川省', '四川', '川', ['蜀']),
  // 黔 in licence numbers (many sightings, licensing.md §3.1); one footer shows 贵B2-20110282-7.
  region('52', '贵州省', '贵州', '黔', ['贵']),
  // 滇 in licence numbers (滇B2-20160011 …); 云 is the other official abbreviation.
  region('53', '云南省', '云南', '滇', ['云']),
  region('54', '西藏自治区', '西藏', '藏'),
  region('61', '陕西省', '陕西', '陕', ['秦']),
  region('62', '甘肃省', '甘肃', '甘', ['陇']),
  region('63', '青海省', '青海', '青'),
  region('64', '宁夏回族自治区', '宁夏', '宁'),
  region('65', '新疆维吾尔自治区', '新疆', '新'),
]);

const BY_ABBR = new Map<string, { region: Region; variant: boolean }>();
for (const r of REGIONS) {
  BY_ABBR.set(r.abbr, { region: r, variant: false });
  for (const v of r.variants) BY_ABBR.set(v, { region: r, variant: true });
}

/**
 * The region whose abbreviation is `ch` (`京` → 北京). A variant abbreviation (`贵`, `云`, `陇`, `蜀`,
 * `秦`) is accepted and reported with `variant: true`; the region's `abbr` is the canonical form.
 * Surrounding whitespace is ignored; anything but one character is not an abbreviation.
 */
export function findRegionByAbbr(ch: string): { region: Region; variant: boolean } | undefined {
  return BY_ABBR.get(ch.trim().normalize('NFKC'));
}

/** Every name a region goes by in running text, longest first so the longest match wins. */
const NAME_KEYS: readonly { key: string; region: Region }[] = REGIONS.flatMap((r) =>
  [r.name, r.shortName].map((key) => ({ key, region: r })),
).sort((a, b) => b.key.length - a.key.length);

/**
 * The region whose full or short name `text` starts with: '上海市徐汇区…' → 上海, '广东（广州、深圳）' →
 * 广东, '内蒙古自治区…' → 内蒙古. The longest name wins. Leading whitespace is ignored.
 */
export function findRegionByName(text: string): Region | undefined {
  const t = text.trimStart();
  return NAME_KEYS.find((k) => t.startsWith(k.key))?.region;
}

/**
 * Ways an authority name is written: the official `<full name>通信管理局`, and the same after the short
 * name (上海通信管理局, 广西通信管理局) or with 自治区 kept but the nationality dropped (广西自治区通信管理局).
 */
const AUTHORITY_KEYS: readonly { key: string; region: Region }[] = REGIONS.flatMap((r) => {
  const keys = new Set([r.authority, `${r.shortName}通信管理局`]);
  if (r.name.endsWith('自治区')) keys.add(`${r.shortName}自治区通信管理局`);
  return [...keys].map((key) => ({ key, region: r }));
}).sort((a, b) => b.key.length - a.key.length);

/**
 * The region whose 通信管理局 `text` names, at its start: '上海市通信管理局', '上海通信管理局（盖章）'.
 * Whitespace inside the text is ignored (PDF extraction spaces characters out).
 */
export function findRegionByAuthority(text: string): Region | undefined {
  const t = text.replace(/\s+/gu, '');
  return AUTHORITY_KEYS.find((k) => t.startsWith(k.key))?.region;
}

/**
 * Names of the ministry that issues cross-regional, foreign-invested and basic licences: 工业和信息化部
 * since 2008, 信息产业部 before (2001 Order 19 was issued as 信息产业部令第19号; licensing.md §1.1).
 */
export const MIIT_NAMES: readonly string[] = Object.freeze([
  '中华人民共和国工业和信息化部',
  '工业和信息化部',
  '工信部',
  '中华人民共和国信息产业部',
  '信息产业部',
]);

/**
 * The authority `text` names when it is exactly one character off one known authority name of the
 * same length — an OCR slip such as 上海市通信答理局 for 上海市通信管理局 — as that name; undefined when
 * `text` is a known name, or no name or several names are that close.
 */
export function authorityOneCharOff(text: string): string | undefined {
  const t = text.replace(/\s+/gu, '');
  const names = [...AUTHORITY_KEYS.map((k) => k.key), ...MIIT_NAMES];
  if (names.includes(t)) return undefined;
  const close = names.filter((name) => {
    if (name.length !== t.length) return false;
    let differences = 0;
    for (let i = 0; i < name.length && differences < 2; i++) if (name[i] !== t[i]) differences++;
    return differences === 1;
  });
  return close.length === 1 ? close[0] : undefined;
}

/** Whether `text` names the ministry (at its start, whitespace ignored): '工业和信息化部（盖章）'. */
export function isMiitName(text: string): boolean {
  const t = text.replace(/\s+/gu, '');
  return MIIT_NAMES.some((n) => t.startsWith(n));
}

/** Coverage words meaning the whole country (业务覆盖范围：全国). */
export const NATIONWIDE: readonly string[] = Object.freeze(['全国']);

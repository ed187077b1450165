/**
 * Jurisdiction: which authority issues (and so registers) a licence number. A provincial number
 * (`京B2-…`) belongs to that province's 通信管理局; a number without a region prefix (`B2-…`,
 * `B1.B2-…`, `A2.B1-…`, `合字B2-…`) to 工业和信息化部 (Order 42 art. 9; licensing.md §3.1). An
 * authority's register is only the source of truth for the numbers in its jurisdiction.
 */
import { DomainError } from '../errors.js';
import { parseLicenceNumber } from '../licence-number.js';
import { MIIT_NAMES, REGIONS, type Region } from '../regions.js';
import { compactText } from '../text.js';
import { MIIT_JURISDICTION, type JurisdictionKey } from './types.js';

/** The ministry's full name, as it signs national licences. */
export const MIIT_AUTHORITY_NAME = '中华人民共和国工业和信息化部';
export const MIIT_AUTHORITY_NAME_EN =
  'Ministry of Industry and Information Technology of the People’s Republic of China';

/**
 * English region names by GB/T 2260 code, for the English form of an authority's name. The
 * administrations call themselves "<Region> Communications Administration" in English.
 */
const REGION_NAMES_EN: Readonly<Record<string, string>> = {
  '11': 'Beijing',
  '12': 'Tianjin',
  '13': 'Hebei',
  '14': 'Shanxi',
  '15': 'Inner Mongolia',
  '21': 'Liaoning',
  '22': 'Jilin',
  '23': 'Heilongjiang',
  '31': 'Shanghai',
  '32': 'Jiangsu',
  '33': 'Zhejiang',
  '34': 'Anhui',
  '35': 'Fujian',
  '36': 'Jiangxi',
  '37': 'Shandong',
  '41': 'Henan',
  '42': 'Hubei',
  '43': 'Hunan',
  '44': 'Guangdong',
  '45': 'Guangxi',
  '46': 'Hainan',
  '50': 'Chongqing',
  '51': 'Sichuan',
  '52': 'Guizhou',
  '53': 'Yunnan',
  '54': 'Tibet',
  '61': 'Shaanxi',
  '62': 'Gansu',
  '63': 'Qinghai',
  '64': 'Ningxia',
  '65': 'Xinjiang',
};

/**
 * Every exact way a list item names a region: abbreviation and its variants (贵 → 黔), full and
 * short name, and the authority's name as regions.ts accepts it. Exact, not a prefix match: a
 * configuration item `北京市通信管理局（盖章）` or `北京abc` is a typo, not 北京.
 */
const REGION_KEYS: ReadonlyMap<string, Region> = new Map(
  REGIONS.flatMap((r) => {
    const keys = [
      r.abbr,
      ...r.variants,
      r.name,
      r.shortName,
      r.authority,
      `${r.shortName}通信管理局`,
    ];
    if (r.name.endsWith('自治区')) keys.push(`${r.shortName}自治区通信管理局`);
    return keys.map((k) => [k, r] as const);
  }),
);

const BY_KEY: ReadonlyMap<JurisdictionKey, Region> = new Map(REGIONS.map((r) => [r.abbr, r]));

/**
 * The jurisdiction of a licence number: the canonical region abbreviation (a variant prefix such as
 * 贵 gives 黔), or {@link MIIT_JURISDICTION} for a number without a region prefix; undefined when the
 * text is not a licence number.
 */
export function jurisdictionOfNumber(number: string): JurisdictionKey | undefined {
  const parsed = parseLicenceNumber(number);
  if (!parsed.ok) return undefined;
  return parsed.number.region ?? MIIT_JURISDICTION;
}

export type JurisdictionParse =
  | { readonly ok: true; readonly keys: JurisdictionKey[] }
  | { readonly ok: false; readonly message: string; readonly messageEn: string };

/** What separates the items of a jurisdiction list as people type it. */
const SEPARATORS = /[,，、;；\s]+/u;

/**
 * Read a jurisdiction list as an administrator types it (`京, 津`, `北京市通信管理局`, `MIIT`,
 * `贵、云`): items separated by commas (ASCII or full-width), 、, semicolons or white space; each a
 * region abbreviation, region name, authority name, or MIIT (`MIIT` in any case, 工业和信息化部,
 * 工信部 …). Deduplicated, in the order given. Never throws: an empty list or an unknown item is a
 * failure that names every unknown item.
 */
export function parseJurisdiction(text: string): JurisdictionParse {
  const items = text.split(SEPARATORS).filter((s) => s !== '');
  if (items.length === 0) {
    return {
      ok: false,
      message:
        '管辖范围为空：请列出省级行政区简称或名称（如 京、北京市、北京市通信管理局），或 MIIT（工业和信息化部）',
      messageEn:
        'The jurisdiction is empty: list region abbreviations or names (e.g. 京, 北京市, 北京市通信管理局), or MIIT',
    };
  }
  const keys: JurisdictionKey[] = [];
  const unknown: string[] = [];
  for (const item of items) {
    const key = keyOfItem(item);
    if (key === undefined) unknown.push(item);
    else if (!keys.includes(key)) keys.push(key);
  }
  if (unknown.length > 0) {
    const zh = unknown.map((u) => `“${u}”`).join('、');
    const en = unknown.map((u) => `"${u}"`).join(', ');
    return {
      ok: false,
      message: `无法识别的管辖范围：${zh}（应为省级行政区简称或名称、通信管理局名称，或 MIIT、工业和信息化部）`,
      messageEn: `Unrecognised jurisdiction ${en} (expected a region abbreviation or name, a communications administration, or MIIT)`,
    };
  }
  return { ok: true, keys };
}

function keyOfItem(item: string): JurisdictionKey | undefined {
  const folded = compactText(item);
  if (folded.toUpperCase() === MIIT_JURISDICTION || MIIT_NAMES.includes(folded)) {
    return MIIT_JURISDICTION;
  }
  return REGION_KEYS.get(folded)?.abbr;
}

/** Whether a number falls in one of `keys`; a text that is not a licence number falls in none. */
export function coversNumber(keys: readonly JurisdictionKey[], number: string): boolean {
  const key = jurisdictionOfNumber(number);
  return key !== undefined && keys.includes(key);
}

/** Whether `key` is a jurisdiction key: a canonical region abbreviation or `MIIT`. */
export function isJurisdictionKey(key: string): key is JurisdictionKey {
  return key === MIIT_JURISDICTION || BY_KEY.has(key);
}

function regionOfKey(key: JurisdictionKey): Region {
  const region = BY_KEY.get(key);
  if (region === undefined) {
    throw new DomainError(
      'INVALID_INPUT',
      `“${key}”不是管辖范围（应为省级行政区简称或 MIIT）`,
      `"${key}" is not a jurisdiction key (expected a region abbreviation or MIIT)`,
    );
  }
  return region;
}

/**
 * The authority with jurisdiction `key`: 北京市通信管理局 for 京, 中华人民共和国工业和信息化部 for MIIT.
 * @throws DomainError `INVALID_INPUT` for a key that is neither.
 */
export function authorityNameOf(key: JurisdictionKey): string {
  return key === MIIT_JURISDICTION ? MIIT_AUTHORITY_NAME : regionOfKey(key).authority;
}

/**
 * The English name of that authority: "Beijing Communications Administration".
 * @throws DomainError `INVALID_INPUT` for a key that is neither a region abbreviation nor MIIT.
 */
export function authorityNameEnOf(key: JurisdictionKey): string {
  if (key === MIIT_JURISDICTION) return MIIT_AUTHORITY_NAME_EN;
  const region = regionOfKey(key);
  return `${REGION_NAMES_EN[region.code] ?? region.shortName} Communications Administration`;
}

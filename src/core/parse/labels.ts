/**
 * The field labels a licence document prints, in every form the documents show: full-width or ASCII
 * colons or none (aligned columns), 覆盖 misread by OCR as 履盖, optional qualifiers. Matched against
 * normalised lines (see `lines.ts`), anchored at the start.
 */

export const LabelKey = {
  number: 'number',
  holderName: 'holderName',
  legalRepresentative: 'legalRepresentative',
  creditCode: 'creditCode',
  address: 'address',
  servicesAndCoverage: 'servicesAndCoverage',
  services: 'services',
  coverage: 'coverage',
  serviceItems: 'serviceItems',
  issuer: 'issuer',
  issuedOn: 'issuedOn',
  expiresOn: 'expiresOn',
  validity: 'validity',
  websiteName: 'websiteName',
  websiteDomains: 'websiteDomains',
  serverLocation: 'serverLocation',
  accessProvider: 'accessProvider',
  appName: 'appName',
  appStores: 'appStores',
  facilities: 'facilities',
} as const;
export type LabelKey = (typeof LabelKey)[keyof typeof LabelKey];

const C = '[:：]?'; // optional colon (normalised lines carry ASCII or full-width)
const COVER = '[覆履復]盖'; // 覆盖, and OCR's 履盖 / 復盖

/** Order matters: a longer label that starts like a shorter one comes first. */
const LABELS: readonly (readonly [LabelKey, RegExp])[] = [
  [LabelKey.number, new RegExp(`^(?:经营)?许可证(?:编号|号码|号)${C}`, 'u')],
  [LabelKey.holderName, new RegExp(`^(?:公司|企业|单位|经营者)名称${C}`, 'u')],
  [LabelKey.legalRepresentative, new RegExp(`^法定代表人(?:姓名)?${C}`, 'u')],
  [LabelKey.creditCode, new RegExp(`^统一社会信用代码${C}`, 'u')],
  [LabelKey.address, new RegExp(`^(?:注册住所|注册地址|住所)${C}`, 'u')],
  [
    LabelKey.servicesAndCoverage,
    new RegExp(`^业务种类(?:[（(]服务项目[)）])?(?:及|和|与)(?:业务)?${COVER}范围${C}`, 'u'),
  ],
  [LabelKey.services, new RegExp(`^业务种类(?:[（(]服务项目[)）])?${C}`, 'u')],
  [LabelKey.coverage, new RegExp(`^(?:业务)?${COVER}范围${C}`, 'u')],
  [LabelKey.serviceItems, new RegExp(`^服务项目${C}`, 'u')],
  [LabelKey.issuer, new RegExp(`^发证机关${C}`, 'u')],
  [LabelKey.issuedOn, new RegExp(`^(?:发证|颁发|签发)日期${C}`, 'u')],
  [LabelKey.expiresOn, new RegExp(`^有效期(?:限)?(?:至|截止(?:日期)?|到期日)${C}`, 'u')],
  [LabelKey.validity, new RegExp(`^有效期(?:限)?${C}`, 'u')],
  [LabelKey.websiteName, new RegExp(`^网站名称${C}`, 'u')],
  // 域名解析服务业务 is a service, not a 域名 label
  [LabelKey.websiteDomains, new RegExp(`^(?:网站)?(?:域名|网址)(?!解析)${C}`, 'u')],
  [LabelKey.serverLocation, new RegExp(`^服务器(?:放置|所在|存放)地(?:点)?${C}`, 'u')],
  [LabelKey.accessProvider, new RegExp(`^(?:网站)?接入服务提供(?:单位|者|商)${C}`, 'u')],
  [LabelKey.appName, new RegExp(`^(?:移动应用|移动 ?A ?P ?P|A ?P ?P|App|应用) ?名称${C}`, 'u')],
  // Not 信息发布平台和递送服务 wrapped after 信息: the label ends where its colon or cell does.
  [
    LabelKey.appStores,
    new RegExp(`^(?:应用)?(?:分发平台|应用商店)${C}|^(?:应用)?发布平台(?:[:：]|(?=\\s)|$)`, 'u'),
  ],
  [LabelKey.facilities, new RegExp(`^(?:互联网数据中心业务)?机房(?:所在地|地址|位置)${C}`, 'u')],
];

export interface LabelMatch {
  readonly key: LabelKey;
  /** the label as printed (normalised) */
  readonly label: string;
  /** the rest of the line, trimmed */
  readonly value: string;
}

/**
 * The characters a label can start with: a line starting with anything else is no label, and is
 * turned away without trying every pattern (most lines of a document are prose).
 */
const FIRST_CHARS = new Set('经许公企单法统注住业覆履復服发颁签有网域接移AaＡ应分机互'.split(''));

const LEADING_PUNCTUATION = /^[\s:：;；.。,，、·]+/u;

/** The label a normalised line starts with, and its value. */
export function matchLabel(text: string): LabelMatch | undefined {
  if (!FIRST_CHARS.has(text[0] ?? '')) return undefined;
  for (const [key, re] of LABELS) {
    const m = re.exec(text);
    if (m) {
      // OCR doubles the colon or reads it as ;: or a dot: no value starts with punctuation.
      const value = text.slice(m[0].length).replace(LEADING_PUNCTUATION, '');
      return { key, label: m[0], value: value.trim() };
    }
  }
  return undefined;
}

/** Annex fields whose value may stand on the line after the label, and that a table of websites or
 * apps prints one column each. */
export const ANNEX_VALUE_KEYS: ReadonlySet<LabelKey> = new Set<LabelKey>([
  LabelKey.websiteName,
  LabelKey.websiteDomains,
  LabelKey.serverLocation,
  LabelKey.accessProvider,
  LabelKey.appName,
  LabelKey.appStores,
]);

/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters —
 * 1 registration authority (登记管理部门代码) and 2 organisation type (机构类别代码), from the
 * standard's table; 3–8 the registering authority's administrative division (GB/T 2260), digits
 * only; 9–17 the organisation code (GB 11714-1997: 8 body characters + its own check character);
 * 18 the check character. Both check characters are verified.
 *
 * python-stdnum's `cn.uscc` (stdnum/cn/uscc.py) checks the length, digits in positions 1–8, the
 * character set of 9–18 and the check character: every code it rejects is rejected here, and every
 * code in its published list of valid codes (tests/test_cn_uscc.doctest) is accepted (test:
 * credit-code.vectors.test.ts). Two differences, both on the standard's side: positions 1–2 are
 * checked against the table (so `A1`, `N2` and `Y1`, letters the table assigns, are accepted and
 * `94` is not), and the organisation code's own GB 11714 check character is verified too.
 */

/** Why a code fails. */
export const CreditCodeFailure = {
  length: 'length',
  charset: 'charset',
  /** position 1 is not a registration authority of the table */
  authority: 'authority',
  /** position 2 is not an organisation type of that authority */
  entityType: 'entity-type',
  /** positions 3–8 (the GB/T 2260 administrative division) are not all digits */
  division: 'division',
  checkDigit: 'check-digit',
  orgCodeCheckDigit: 'org-code-check-digit',
} as const;
export type CreditCodeFailure = (typeof CreditCodeFailure)[keyof typeof CreditCodeFailure];

export type CreditCodeCheck =
  | { ok: true }
  | {
      ok: false;
      reason: CreditCodeFailure;
      /** zh-CN, names the problem and the position/character */
      message: string;
      messageEn: string;
      /** the position (1–18) the rule failed at; absent for a wrong length */
      position?: number;
      /** with the check-digit reasons: the character the position should hold */
      expected?: string;
    };

/** GB 32100-2015 character set: digits and capitals without I, O, Z, S, V. A character's value is its index. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A registration authority (position 1) and the organisation types (position 2) it assigns. */
export interface RegistrationAuthority {
  readonly name: string;
  readonly nameEn: string;
  readonly types: string;
}

/**
 * GB 32100-2015 表 1 (登记管理部门代码和机构类别代码): 1 机构编制, 5 民政, 9 工商 and Y 其他, with
 * the codes the standardisation administration assigned since (2 外交, 3 司法行政, 4 文化, 6 旅游,
 * 7 宗教, 8 工会, A 中央军委改革和编制办公室, N 农业). Codes stay valid for life, so none is removed.
 */
export const REGISTRATION_AUTHORITIES: Readonly<Record<string, RegistrationAuthority>> = {
  // 机关, 事业单位, 中央编办直接管理机构编制的群众团体, 其他
  '1': { name: '机构编制', nameEn: 'public-sector staffing', types: '1239' },
  // 外国常驻新闻机构, 其他
  '2': { name: '外交', nameEn: 'foreign affairs', types: '19' },
  // 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他
  '3': { name: '司法行政', nameEn: 'judicial administration', types: '123459' },
  // 外国在华文化中心, 其他
  '4': { name: '文化', nameEn: 'culture', types: '19' },
  // 社会团体, 民办非企业单位, 基金会, 其他
  '5': { name: '民政', nameEn: 'civil affairs', types: '1239' },
  // 外国旅游部门常驻代表机构, 港澳台地区旅游部门常驻内地（大陆）代表机构, 其他
  '6': { name: '旅游', nameEn: 'tourism', types: '129' },
  // 宗教活动场所, 宗教院校, 其他
  '7': { name: '宗教', nameEn: 'religious affairs', types: '129' },
  // 基层工会, 其他
  '8': { name: '工会', nameEn: 'trade unions', types: '19' },
  // 企业, 个体工商户, 农民专业合作社
  '9': { name: '工商', nameEn: 'industry and commerce', types: '123' },
  // 军队事业单位, 其他
  A: { name: '中央军委改革和编制办公室', nameEn: 'CMC reform and staffing office', types: '19' },
  // 组级、村级、乡镇级集体经济组织, 其他
  N: { name: '农业', nameEn: 'agriculture', types: '1239' },
  // 不再细分
  Y: { name: '其他', nameEn: 'other', types: '1' },
};

const AUTHORITY_CODES = Object.keys(REGISTRATION_AUTHORITIES).sort().join('、');

/** GB 32100-2015 weights for positions 1–17 (3^(i-1) mod 31). */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** GB 11714-1997 weights for the 8 body characters of the organisation code. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * Fold a code as written: NFKC (full-width → ASCII), upper case, whitespace and hyphens removed
 * (python-stdnum's `compact`). No letter guessing.
 */
export function normaliseCreditCode(raw: string): string {
  return raw
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s-]+/gu, '');
}

/** The GB 32100 check character for the first 17 characters (assumed in the charset). */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += CREDIT_CODE_CHARSET.indexOf(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  }
  // 31 − (Σ mod 31), where 31 means 0.
  return CREDIT_CODE_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/** GB 11714 value of an organisation-code body character: 0–9, then A=10 … Z=35. */
function orgValue(ch: string): number {
  return /^\d$/u.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
}

/** The GB 11714 check character for an 8-character organisation-code body. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += orgValue(body8.charAt(i)) * (ORG_WEIGHTS[i] ?? 0);
  // 11 − (Σ mod 11), where 10 is written X and 11 is 0.
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Positions 1–8 against the table and GB/T 2260: the first failure, or null. */
function structureFailure(code: string): CreditCodeCheck | null {
  const first = code.charAt(0);
  const authority = REGISTRATION_AUTHORITIES[first];
  if (authority === undefined) {
    return {
      ok: false,
      reason: 'authority',
      position: 1,
      message: `统一社会信用代码"${code}"第 1 位"${first}"不是登记管理部门代码（GB 32100：${AUTHORITY_CODES}）`,
      messageEn: `The credit code "${code}" has "${first}" at position 1, which is not a registration authority code (GB 32100: ${AUTHORITY_CODES.replaceAll('、', ', ')})`,
    };
  }
  const type = code.charAt(1);
  if (!authority.types.includes(type)) {
    const allowed = Array.from(authority.types);
    return {
      ok: false,
      reason: 'entity-type',
      position: 2,
      message: `统一社会信用代码"${code}"第 2 位"${type}"不是登记管理部门"${first}"（${authority.name}）的机构类别代码（GB 32100：${allowed.join('、')}）`,
      messageEn: `The credit code "${code}" has "${type}" at position 2, which is not an organisation type of registration authority "${first}" (${authority.nameEn}) (GB 32100: ${allowed.join(', ')})`,
    };
  }
  for (let i = 2; i < 8; i++) {
    const ch = code.charAt(i);
    if (!/^\d$/u.test(ch)) {
      return {
        ok: false,
        reason: 'division',
        position: i + 1,
        message: `统一社会信用代码"${code}"第 ${i + 1} 位"${ch}"不是数字：第 3–8 位为登记管理机关行政区划码（GB/T 2260），只用数字`,
        messageEn: `The credit code "${code}" has "${ch}" at position ${i + 1}, which is not a digit: positions 3–8 are the registering authority's administrative division code (GB/T 2260), digits only`,
      };
    }
  }
  return null;
}

/**
 * Check a code as given (call {@link normaliseCreditCode} first for text from a document): length,
 * character set, the registration authority and organisation type (positions 1–2), the
 * administrative division (3–8, digits), the GB 32100 check character (position 18), then the
 * GB 11714 organisation-code check character (position 17). The first failure is reported, naming
 * the position and the rule.
 */
export function checkCreditCode(code: string): CreditCodeCheck {
  const chars = Array.from(code);
  if (chars.length !== 18) {
    return {
      ok: false,
      reason: 'length',
      message: `统一社会信用代码"${code}"应为 18 位，实为 ${chars.length} 位`,
      messageEn: `The credit code "${code}" has ${chars.length} characters; it must have 18`,
    };
  }
  const bad = chars.findIndex((ch) => !CREDIT_CODE_CHARSET.includes(ch));
  if (bad >= 0) {
    const ch = chars[bad] ?? '';
    return {
      ok: false,
      reason: 'charset',
      position: bad + 1,
      message: `统一社会信用代码"${code}"第 ${bad + 1} 位"${ch}"不是允许的字符（数字及除 I、O、Z、S、V 外的大写字母）`,
      messageEn: `The credit code "${code}" has "${ch}" at position ${bad + 1}, which is not allowed (digits and capitals except I, O, Z, S, V)`,
    };
  }
  const structure = structureFailure(code);
  if (structure !== null) return structure;
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code.charAt(17) !== expected) {
    return {
      ok: false,
      reason: 'check-digit',
      position: 18,
      message: `统一社会信用代码"${code}"第 18 位校验码应为"${expected}"，实为"${code.charAt(17)}"`,
      messageEn: `The credit code "${code}" has check character "${code.charAt(17)}" at position 18; it should be "${expected}"`,
      expected,
    };
  }
  const orgExpected = orgCodeCheckChar(code.slice(8, 16));
  if (code.charAt(16) !== orgExpected) {
    return {
      ok: false,
      reason: 'org-code-check-digit',
      position: 17,
      message: `统一社会信用代码"${code}"中组织机构代码（第 9–17 位）的校验码（第 17 位）应为"${orgExpected}"，实为"${code.charAt(16)}"`,
      messageEn: `In the credit code "${code}" the organisation code (positions 9–17) has check character "${code.charAt(16)}" at position 17; it should be "${orgExpected}"`,
      expected: orgExpected,
    };
  }
  return { ok: true };
}

/**
 * Repairs for OCR damage that inserted one character (91310104MA1LFR5C85C): for a code that
 * normalises to 19 characters, every code obtained by deleting one character that passes both
 * checks, deduplicated, in order of the deleted position. Anything else gives []. Letters are never
 * substituted, so a repair is only ever a deletion the two check characters confirm.
 */
export function suggestCreditCodeRepairs(raw: string): string[] {
  const chars = Array.from(normaliseCreditCode(raw));
  if (chars.length !== 19) return [];
  const out = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    const candidate = [...chars.slice(0, i), ...chars.slice(i + 1)].join('');
    if (checkCreditCode(candidate).ok) out.add(candidate);
  }
  return [...out];
}

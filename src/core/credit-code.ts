/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters —
 * 1 registration authority, 2 entity type, 3–8 administrative division (GB/T 2260), 9–17 the
 * organisation code (GB 11714-1997: 8 body characters + its own check character), 18 the check
 * character. Both check characters are verified.
 */

/** Why a code fails. */
export const CreditCodeFailure = {
  length: 'length',
  charset: 'charset',
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
      /** with the check-digit reasons: the character the position should hold */
      expected?: string;
    };

/** GB 32100-2015 character set: digits and capitals without I, O, Z, S, V. A character's value is its index. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100-2015 weights for positions 1–17 (3^(i-1) mod 31). */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** GB 11714-1997 weights for the 8 body characters of the organisation code. */
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** Fold a code as written: NFKC (full-width → ASCII), upper case, whitespace removed. No letter guessing. */
export function normaliseCreditCode(raw: string): string {
  return raw.normalize('NFKC').toUpperCase().replace(/\s+/gu, '');
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

/**
 * Check a code as given (call {@link normaliseCreditCode} first for text from a document): length,
 * character set, the GB 32100 check character (position 18), then the GB 11714 organisation-code check
 * character (position 17).
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
      message: `统一社会信用代码"${code}"第 ${bad + 1} 位"${ch}"不是允许的字符（数字及除 I、O、Z、S、V 外的大写字母）`,
      messageEn: `The credit code "${code}" has "${ch}" at position ${bad + 1}, which is not allowed (digits and capitals except I, O, Z, S, V)`,
    };
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (code.charAt(17) !== expected) {
    return {
      ok: false,
      reason: 'check-digit',
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

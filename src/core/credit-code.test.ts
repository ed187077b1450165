import { describe, expect, it } from 'vitest';
import {
  checkCreditCode,
  creditCodeCheckChar,
  normaliseCreditCode,
  orgCodeCheckChar,
  suggestCreditCodeRepairs,
} from './credit-code.js';

/**
 * Real, published codes. Each passes both check characters, which a hand-made code does only by
 * chance (1 in 31 × 11), and each is independently attested:
 * - 91110000802100433B 北京百度网讯科技有限公司: in business-registry records copied into public
 *   repositories (with the separate organisation code 802100433 alongside), and as the producer ID
 *   prefix `001191110000802100433B` that Baidu writes into AIGC content labels (TC260 implicit label).
 * - 91440300708461136T 深圳市腾讯计算机系统有限公司 (Tencent): the producer ID
 *   `001191440300708461136T…` that Tencent's platform writes into AIGC content-label metadata.
 * - 914403001922038216 华为技术有限公司: widely published; also used as a known-valid example in
 *   other open-source USCC validators.
 */
const REAL_CODES = ['91110000802100433B', '91440300708461136T', '914403001922038216'] as const;

describe('checkCreditCode', () => {
  it.each(REAL_CODES)('accepts the published code %s', (code) => {
    expect(checkCreditCode(code)).toEqual({ ok: true });
  });

  // The fixtures' codes were computed, not assumed: both check characters come out right.
  it.each(['91310104MA1FR5C85C', '91440300MA5FK2L751'])('accepts the fixture code %s', (code) => {
    expect(checkCreditCode(code)).toEqual({ ok: true });
  });

  it.each([
    ['9111000080210043B', 'length', '17', undefined],
    ['91110000802100433BX', 'length', '19', undefined],
    ['91110000802100433I', 'charset', '第 18 位"I"', undefined],
    ['9111000080210O433B', 'charset', '第 14 位"O"', undefined],
    ['91110000802100433b', 'charset', '"b"', undefined],
    ['91110000802100433C', 'check-digit', '应为"B"', 'B'],
    ['91440300708461136A', 'check-digit', '应为"T"', 'T'],
    // Baidu's code with the organisation-code check 3 changed to 4 and the overall check character
    // recomputed (E in place of B), so only the GB 11714 check fails.
    ['91110000802100434E', 'org-code-check-digit', '应为"3"', '3'],
    // Both check characters right, letters in the administrative division (GB/T 2260: digits)
    ['91ABCDEFMA1K3BTP20', 'division', '第 3 位"A"不是数字', undefined],
    ['911100A08021004336', 'division', '第 7 位"A"不是数字', undefined],
    // Position 1 outside the table (0), position 2 outside 工商's types (1 企业, 2 个体, 3 合作社),
    // each with its check character recomputed
    ['01110000802100433L', 'authority', '第 1 位"0"不是登记管理部门代码', undefined],
    [
      '941100008021004332',
      'entity-type',
      '第 2 位"4"不是登记管理部门"9"（工商）的机构类别代码',
      undefined,
    ],
  ])('rejects %s as %s, naming %j', (code, reason, named, expected) => {
    const r = checkCreditCode(code);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe(reason);
    expect(r.message).toContain(named);
    expect(r.messageEn).not.toBe('');
    expect(r.expected).toBe(expected);
  });
});

describe('check characters', () => {
  it.each([
    ['9111000080210043', '3'],
    ['91440300MA1FR5C8', '5'],
  ])('computes the GB 11714 check of the organisation code in %s', (first16, expected) => {
    expect(orgCodeCheckChar(first16.slice(8, 16))).toBe(expected);
  });

  it.each([
    ['00000006', 'X'], // Σ = 6×2 = 12; 12 mod 11 = 1; 11 − 1 = 10 → X
    ['00000000', '0'], // Σ = 0; 11 − 0 = 11 → 0
    ['00000001', '9'], // Σ = 2; 11 − 2 = 9
    ['A0000000', '3'], // Σ = 10×3 = 30; 30 mod 11 = 8; 11 − 8 = 3
  ])('computes the GB 11714 check of %s as %s (10 → X, 11 → 0)', (body, expected) => {
    expect(orgCodeCheckChar(body)).toBe(expected);
  });

  it.each([
    ['00000000000000000', '0'], // Σ = 0; 31 − 0 = 31 → 0
    ['10000000000000000', 'Y'], // Σ = 1; 31 − 1 = 30 → Y (index 30)
    ['01000000000000000', 'W'], // Σ = 3; 31 − 3 = 28 → W (index 28)
  ])('computes the GB 32100 check of %s as %s (31 → 0)', (first17, expected) => {
    expect(creditCodeCheckChar(first17)).toBe(expected);
  });
});

describe('normaliseCreditCode', () => {
  it.each([
    ['９１３１０１０４ＭＡ１ＦＲ５Ｃ８５Ｃ', '91310104MA1FR5C85C'],
    ['9131 0104 ma1f r5c8 5c', '91310104MA1FR5C85C'],
    ['\t91310104MA1FR5C85C\n', '91310104MA1FR5C85C'],
    ['91310104MA1FR5C85O', '91310104MA1FR5C85O'],
  ])('folds %j to %s without guessing letters', (raw, expected) => {
    expect(normaliseCreditCode(raw)).toBe(expected);
  });
});

describe('suggestCreditCodeRepairs', () => {
  it.each([
    // The Tesseract read of the Shanghai fixture has a stray L; two deletions pass both checks, so
    // the repair is ambiguous and both candidates are offered.
    ['91310104MA1LFR5C85C', ['91310104MA1FR5C85C', '91310104MA1LFRC85C']],
    ['9144 0300 MA5FK2L7515', ['91440300MA5FK2L751']],
    ['914403001922038216', []],
    ['91310104MA1FR5C85', []],
    ['9999999999999999999', []],
  ])('repairs %j to %j', (raw, expected) => {
    expect(suggestCreditCodeRepairs(raw)).toEqual(expected);
  });

  it('offers each candidate once when deleting either of a doubled character gives it', () => {
    expect(suggestCreditCodeRepairs('9111000080210043BB')).toEqual([]);
    expect(suggestCreditCodeRepairs('911100008021000433B')).toEqual(['91110000802100433B']);
  });
});

/** Chinese numerals as documents print them: provision numbers, years and dates. */

/** Digits; ○ (U+25CB) is often typed for 〇. */
const CN_DIGITS: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  '○': 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/**
 * 一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23, 一百零五 → 105; without 十/百 the digits are read one by
 * one (二〇一九 → 2019, 〇九 → 9). Arabic digits pass through. Undefined for anything else.
 */
export function chineseNumeral(text: string): number | undefined {
  if (text === '') return undefined;
  if (/^\d+$/u.test(text)) return Number(text);
  if (!text.includes('十') && !text.includes('百')) {
    let n = 0;
    for (const ch of text) {
      const d = CN_DIGITS[ch];
      if (d === undefined) return undefined;
      n = n * 10 + d;
    }
    return n;
  }
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else {
      const d = CN_DIGITS[ch];
      if (d === undefined) return undefined;
      current = d;
    }
  }
  return total + current;
}

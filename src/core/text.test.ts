import { describe, expect, it } from 'vitest';
import { compactText, foldChar, foldText, sourceSpan } from './text.js';

describe('foldChar', () => {
  it.each([
    ['Ｂ', 'B'],
    ['２', '2'],
    ['－', '-'],
    ['—', '-'],
    ['–', '-'],
    ['‐', '-'],
    ['．', '.'],
    ['·', '.'],
    ['\u3000', ' '],
    ['京', '京'],
  ])('folds %j to %j', (ch, expected) => {
    expect(foldChar(ch)).toBe(expected);
  });
});

describe('foldText and sourceSpan', () => {
  it.each([
    ['京Ｂ２－２０１８', 1, 3, 'Ｂ２'],
    ['a㈠b', 1, 4, '㈠'],
    ['x 𠀀 y', 2, 4, '𠀀'],
  ])('maps a folded span of %j back to the source', (source, from, to, expected) => {
    const folded = foldText(source);
    const [start, end] = sourceSpan(folded, from, to);
    expect(source.slice(start, end)).toBe(expected);
  });

  it('drops whitespace in compactText', () => {
    expect(compactText('京 Ｂ２ － 2018\n0910')).toBe('京B2-20180910');
  });
});

describe('foldChar fast path', () => {
  it('folds every ASCII and CJK unified ideograph exactly as NFKC with the whitespace rule does', () => {
    const slow = (ch: string): string => (/^\s$/u.test(ch) ? ' ' : ch.normalize('NFKC'));
    for (let c = 0; c < 0x80; c++) {
      const ch = String.fromCharCode(c);
      expect(foldChar(ch)).toBe(slow(ch));
    }
    for (let c = 0x4e00; c <= 0x9fff; c += 1) {
      const ch = String.fromCharCode(c);
      if (foldChar(ch) !== slow(ch)) expect.fail(`U+${c.toString(16)} folds differently`);
    }
  });
});

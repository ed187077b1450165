import { describe, expect, it } from 'vitest';
import { chineseNumeral } from './chinese-numeral.js';

describe('chineseNumeral', () => {
  it.each([
    ['一', 1],
    ['九', 9],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十三', 23],
    ['一百零五', 105],
    ['二〇二二', 2022],
    ['', undefined],
    ['05', 5],
    ['甲', undefined],
  ])('reads %s as %s', (text, n) => {
    expect(chineseNumeral(text)).toBe(n);
  });
});

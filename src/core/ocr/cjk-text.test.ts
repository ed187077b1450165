import { describe, expect, it } from 'vitest';
import {
  cleanExtractedText,
  countIdeographs,
  foldRadicals,
  removeSpacesBetweenCjk,
} from './cjk-text.js';

describe('foldRadicals', () => {
  it.each([
    ['中华⼈⺠共和国', '中华人民共和国'],
    ['上海⻘⽲⽹络', '上海青禾网络'],
    ['电信主管部⻔', '电信主管部门'],
    ['⽤⼾信息', '用户信息'],
    ['⽹站⾸⻚', '网站首页'],
    ['（适⽤于）：A1', '（适用于）：A1'],
  ])('folds %s to %s, leaving full-width punctuation alone', (input, expected) => {
    expect(foldRadicals(input)).toBe(expected);
  });
});

describe('removeSpacesBetweenCjk', () => {
  it.each([
    ['公 司 名 称 ： 上 海', '公司名称：上海'],
    ['网站域名： www.example.cn 、 example.cn', '网站域名： www.example.cn 、 example.cn'],
    ['ICP 备案 B2 证', 'ICP 备案 B2 证'],
    ['年　月　日', '年月日'],
  ])('%s → %s', (input, expected) => {
    expect(removeSpacesBetweenCjk(input)).toBe(expected);
  });
});

describe('countIdeographs', () => {
  it('counts ideographs only', () => {
    expect(countIdeographs('经营许可证编号：沪B2-20200731')).toBe(8);
    expect(countIdeographs('- 3 -')).toBe(0);
  });
});

describe('cleanExtractedText', () => {
  it('folds, removes CJK spacing and trailing spaces, and keeps form feeds', () => {
    expect(cleanExtractedText('⼈ ⺠  \n第 二 页\f三')).toBe('人民\n第二页\f三');
  });
});

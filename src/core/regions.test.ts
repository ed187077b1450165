import { describe, expect, it } from 'vitest';
import {
  authorityOneCharOff,
  findRegionByAbbr,
  findRegionByAuthority,
  findRegionByName,
  isMiitName,
  MIIT_NAMES,
  NATIONWIDE,
  REGIONS,
} from './regions.js';

describe('REGIONS', () => {
  it('lists the 31 provincial-level regions of mainland China with unique codes and abbreviations', () => {
    expect(REGIONS).toHaveLength(31);
    expect(new Set(REGIONS.map((r) => r.code)).size).toBe(31);
    const abbrs = REGIONS.flatMap((r) => [r.abbr, ...r.variants]);
    expect(new Set(abbrs).size).toBe(abbrs.length);
  });

  it('names every authority "<full name>通信管理局"', () => {
    for (const r of REGIONS) expect(r.authority).toBe(`${r.name}通信管理局`);
  });
});

describe('findRegionByAbbr', () => {
  it.each([
    ['京', '11', false],
    ['沪', '31', false],
    ['黔', '52', false],
    ['贵', '52', true],
    ['滇', '53', false],
    ['云', '53', true],
    ['陇', '62', true],
    ['蜀', '51', true],
    ['秦', '61', true],
    ['蒙', '15', false],
    [' 粤 ', '44', false],
  ])('reads %j as region %s (variant: %s)', (ch, code, variant) => {
    const found = findRegionByAbbr(ch);
    expect(found?.region.code).toBe(code);
    expect(found?.variant).toBe(variant);
  });

  it.each(['泸', '港', '', '京沪', 'B'])('does not take %j for a region', (ch) => {
    expect(findRegionByAbbr(ch)).toBeUndefined();
  });
});

describe('findRegionByName', () => {
  it.each([
    ['上海市徐汇区虹桥路1号', '沪'],
    ['广东（广州、深圳）', '粤'],
    ['内蒙古自治区呼和浩特市', '蒙'],
    ['内蒙古', '蒙'],
    ['广西壮族自治区', '桂'],
    ['  北京市', '京'],
    ['黑龙江省哈尔滨市', '黑'],
    ['山西省', '晋'],
    ['陕西省', '陕'],
  ])('finds the region %j starts with: %s', (text, abbr) => {
    expect(findRegionByName(text)?.abbr).toBe(abbr);
  });

  it.each(['全国', '徐汇区上海市', '香港特别行政区', ''])(
    'finds no region at the start of %j',
    (text) => {
      expect(findRegionByName(text)).toBeUndefined();
    },
  );
});

describe('findRegionByAuthority', () => {
  it.each([
    ['上海市通信管理局', '沪'],
    ['上海通信管理局', '沪'],
    ['广东省通信管理局（盖章）', '粤'],
    ['广东通信管理局', '粤'],
    ['广西壮族自治区通信管理局', '桂'],
    ['广西通信管理局', '桂'],
    ['广西自治区通信管理局', '桂'],
    ['北 京 市 通 信 管 理 局', '京'],
  ])('reads %j as the authority of %s', (text, abbr) => {
    expect(findRegionByAuthority(text)?.abbr).toBe(abbr);
  });

  it.each(['工业和信息化部', '上海市人民政府', '通信管理局'])(
    'finds no provincial authority in %j',
    (text) => {
      expect(findRegionByAuthority(text)).toBeUndefined();
    },
  );
});

describe('isMiitName', () => {
  it.each([
    ['中华人民共和国工业和信息化部', true],
    ['工业和信息化部', true],
    ['工信部', true],
    ['信息产业部', true],
    ['中华人民共和国信息产业部', true],
    ['工业和信息化部（盖章）', true],
    ['上海市通信管理局', false],
    ['', false],
  ])('says %j names the ministry: %s', (text, expected) => {
    expect(isMiitName(text)).toBe(expected);
  });

  it('lists the five ministry names', () => {
    expect(MIIT_NAMES).toHaveLength(5);
  });
});

describe('NATIONWIDE', () => {
  it('treats 全国 as whole-country coverage', () => {
    expect(NATIONWIDE).toContain('全国');
  });
});

describe('authorityOneCharOff', () => {
  it('names the one authority a text is one character off', () => {
    expect(authorityOneCharOff('上海市通信答理局')).toBe('上海市通信管理局');
    expect(authorityOneCharOff('工业和信息化邹')).toBe('工业和信息化部');
    expect(authorityOneCharOff('上海 市通信答理局')).toBe('上海市通信管理局');
  });

  it('leaves known names, names two characters off and unrelated text alone', () => {
    expect(authorityOneCharOff('上海市通信管理局')).toBeUndefined();
    expect(authorityOneCharOff('上海市通言答理局')).toBeUndefined();
    expect(authorityOneCharOff('上海市市场监督管理局')).toBeUndefined();
    expect(authorityOneCharOff('')).toBeUndefined();
  });
});
